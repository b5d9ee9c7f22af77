import type { ReactNode } from 'react';
import { MacroConfigForm } from './macro-config';
import { useMacroContext } from './use-macro';
import type { MacroConfig } from '../../../../../src/shared/macros';
import './macro.css';

/**
 * The frame every macro shares: the configuration form in config mode, a prompt while the macro
 * is not configured, else the macro's own view for its config.
 */
export function MacroFrame({ what, showNotesOptions, children }: { what: string; showNotesOptions: boolean; children: (config: MacroConfig) => ReactNode }) {
  const context = useMacroContext();
  if (!context) return <div className="macro muted">Loading…</div>;
  if (context.configuring) return <MacroConfigForm initial={context.savedInput ?? {}} showNotesOptions={showNotesOptions} />;
  if (!context.config) {
    return (
      <div className="macro">
        <p className="muted">Choose a project and version for this {what}: edit the page and configure the macro.</p>
      </div>
    );
  }
  return <div className="macro">{children(context.config)}</div>;
}
