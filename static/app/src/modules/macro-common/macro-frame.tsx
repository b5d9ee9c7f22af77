import type { ReactNode } from 'react';
import { useT } from '../../i18n/use-t';
import type { ReleaseMacroKind } from './macro-config';
import { lazyConfig, MacroStates } from './macro-states';
import { useMacroContext } from './use-macro';
import type { MacroConfig } from '../../../../../src/shared/macros';
import './macro.css';

const MacroConfigForm = lazyConfig(() => import('./macro-config'));

/**
 * The frame the release macros share (checklist, release notes, retrospective): the configuration
 * form in config mode, a prompt naming this macro while it is not configured, else the macro's own
 * view for its config.
 */
export function MacroFrame({ kind, children }: { kind: ReleaseMacroKind; children: (config: MacroConfig) => ReactNode }) {
  const { t } = useT();
  const context = useMacroContext();
  return (
    <MacroStates
      context={context}
      prompt={t(`macros.prompt.${kind}`)}
      configure={(initial) => <MacroConfigForm initial={initial} kind={kind} />}
      render={children}
    />
  );
}
