import { view } from '@forge/bridge';
import { useEffect, useState } from 'react';
import { macroConfigSchema, type MacroConfig, type MacroConfigInput } from '../../../../../src/shared/macros';

export interface MacroContext {
  /** The saved configuration, validated; undefined until someone configures the macro. */
  config?: MacroConfig;
  /** What was saved, even when it no longer validates, so the config form starts from it. */
  savedInput?: Partial<MacroConfigInput>;
  /** True in the configuration view (Confluence opens the same resource with this flag). */
  configuring: boolean;
}

/** The parts of a Custom UI macro's `extension` context read here (Forge: `extension.config`, `extension.macro.isConfiguring`). */
interface RawExtension {
  config?: unknown;
  macro?: { isConfiguring?: boolean };
}

/** Reads the macro's Forge context once: its saved config and whether it is being configured. */
export function useMacroContext(): MacroContext | undefined {
  const [context, setContext] = useState<MacroContext>();
  useEffect(() => {
    void view.getContext().then((ctx) => {
      const ext = (ctx.extension ?? {}) as RawExtension;
      const parsed = macroConfigSchema.safeParse(ext.config);
      setContext({
        ...(parsed.success && { config: parsed.data }),
        ...(typeof ext.config === 'object' && ext.config !== null ? { savedInput: ext.config as Partial<MacroConfigInput> } : {}),
        configuring: ext.macro?.isConfiguring === true,
      });
    });
  }, []);
  return context;
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
