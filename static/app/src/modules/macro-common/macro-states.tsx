import { view } from '@forge/bridge';
import type { ReactNode } from 'react';
import type { MacroContextOf } from './use-macro';

/** A macro config form's Save (submits the form) and Cancel (closes Confluence's config dialog). */
export function ConfigActions({ canSave }: { canSave: boolean }) {
  return (
    <div className="toolbar">
      <button type="submit" className="primary" disabled={!canSave}>
        Save
      </button>
      <button type="button" onClick={() => void view.close()}>
        Cancel
      </button>
    </div>
  );
}

/**
 * The states every Preflight macro goes through: loading its context, the config view, a prompt
 * until someone configures it, then its content for the saved configuration.
 */
export function MacroStates<C, I>({
  context,
  prompt,
  configure,
  render,
}: {
  context: MacroContextOf<C, I> | undefined;
  /** What to do before the macro shows anything, e.g. "Choose a project for this release health". */
  prompt: string;
  configure: (initial: Partial<I>) => ReactNode;
  render: (config: C) => ReactNode;
}) {
  if (!context) return <div className="macro muted">Loading…</div>;
  if (context.configuring) return <>{configure(context.savedInput ?? {})}</>;
  if (!context.config) {
    return (
      <div className="macro">
        <p className="muted">{prompt}: edit the page and configure the macro.</p>
      </div>
    );
  }
  return <div className="macro">{render(context.config)}</div>;
}
