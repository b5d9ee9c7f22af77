import { view } from '@forge/bridge';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { macroConfigSchema, type MacroConfig, type MacroConfigInput } from '../../../../../src/shared/macros';

/** A macro's Forge context, for a macro whose saved configuration follows `C` (as the UI edits it: `I`). */
export interface MacroContextOf<C, I> {
  /** The saved configuration, validated; undefined until someone configures the macro. */
  config?: C;
  /** What was saved, even when it no longer validates, so the config form starts from it. */
  savedInput?: Partial<I>;
  /** True in the configuration view (Confluence opens the same resource with this flag). */
  configuring: boolean;
}

/** The release macros' context (checklist, release notes, retrospective). */
export type MacroContext = MacroContextOf<MacroConfig, MacroConfigInput>;

/** The parts of a Custom UI macro's `extension` context read here (Forge: `extension.config`, `extension.macro.isConfiguring`). */
interface RawExtension {
  config?: unknown;
  macro?: { isConfiguring?: boolean };
}

/** Reads a macro's Forge context once: its saved config, validated with `schema`, and whether it is being configured. */
export function useMacroContextOf<S extends z.ZodType>(schema: S): MacroContextOf<z.infer<S>, z.input<S>> | undefined {
  const [context, setContext] = useState<MacroContextOf<z.infer<S>, z.input<S>>>();
  useEffect(() => {
    void view.getContext().then((ctx) => {
      const ext = (ctx.extension ?? {}) as RawExtension;
      const parsed = schema.safeParse(ext.config);
      setContext({
        ...(parsed.success && { config: parsed.data }),
        ...(typeof ext.config === 'object' && ext.config !== null ? { savedInput: ext.config as Partial<z.input<S>> } : {}),
        configuring: ext.macro?.isConfiguring === true,
      });
    });
  }, [schema]);
  return context;
}

/** Reads the release macro's Forge context once: its saved config and whether it is being configured. */
export function useMacroContext(): MacroContext | undefined {
  return useMacroContextOf(macroConfigSchema);
}

/** Loads data for a configured macro; `reload` fetches again (after a publish). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data?: T; error?: unknown; reload: () => void } {
  const [state, setState] = useState<{ data?: T; error?: unknown }>({});
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ data }),
      (error: unknown) => live && setState({ error }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]); // callers list what their load reads
  return { ...state, reload: () => setTick((t) => t + 1) };
}
