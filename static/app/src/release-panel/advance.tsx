import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import { Modal } from '@forge/bridge';
import { useState } from 'react';
import { PANEL_KEYS, type ReleaseView } from '../../../../src/shared/release-panel';
import { errorMessage, flagError, flagSuccess, isFailure } from '../bridge/flags';
import type { UiTranslator } from '../i18n/load-translator';
import { useT } from '../i18n/use-t';
import { advanceLabelOf, failingGates, nextPhase } from '../lib/labels';
import { refusalFor } from '../lib/permissions';
import { PanelWhy } from './panel-why';
import type { ReleaseController } from './use-release';

/** What the panel hands the override dialog (Forge passes it as `extension.modal`). */
export interface OverrideModalContext {
  kind: 'override';
  versionId: string;
}

/** What the override dialog hands back through `view.close(payload)` when the override went through. */
export interface OverrideModalResult {
  overridden: true;
  /** The phase that was left. */
  phase: string;
}

/** The element that takes the focus once the release is complete (the Advance button is gone then). */
export const RELEASE_COMPLETE_ID = 'release-complete';
/** The current phase's title: the focus goes there after an override from the dialog. */
export const CURRENT_PHASE_TITLE_ID = 'current-phase-title';

/**
 * "Advance to <next phase>". The server decides whether the gates allow it; when it refuses, the
 * reason is shown here and a person allowed to override can do so with a written reason, in a
 * full-page dialog (Forge's bridge Modal: the host dims the whole page, not only this frame); the
 * audit trail keeps the reason with the gate snapshot.
 */
export function AdvanceSection({ view, ctl }: { view: ReleaseView; ctl: ReleaseController }) {
  const t = useT();
  const [refusal, setRefusal] = useState<string>();
  if (view.completed) {
    return (
      <div id={RELEASE_COMPLETE_ID} tabIndex={-1}>
        <SectionMessage appearance="success" title={t.t('advance.complete.title')}>
          <p>{t.t('advance.complete.body')}</p>
        </SectionMessage>
      </div>
    );
  }
  const current = view.phases.find((p) => p.id === view.currentPhaseId);
  const label = advanceLabelOf(t, view.phases, view.currentPhaseId);
  const refused = refusalFor(t, view.me, 'advance');
  const failing = failingGates(current);
  const phaseName = current?.name ?? '';

  const advance = async () => {
    setRefusal(undefined);
    const result = await ctl.write(PANEL_KEYS.advance, {}, t.t('advance.failed'), {
      ruleViolationInPlace: true,
      // Completing removes the button: the completion message takes the focus, not the page.
      focusAfter: () => document.getElementById(RELEASE_COMPLETE_ID),
    });
    if (result.ok) flagSuccess(t.t('advance.done.title', { phase: phaseName }), describeNext(t, view));
    else if (isFailure(result.error, 'RULE_VIOLATION')) setRefusal(errorMessage(result.error));
  };

  const openOverride = async () => {
    const context: OverrideModalContext = { kind: 'override', versionId: view.version.id };
    const modal = new Modal({
      size: 'medium',
      context,
      closeOnEscape: true,
      onClose: (payload?: Partial<OverrideModalResult>) => {
        if (!payload?.overridden) return;
        setRefusal(undefined);
        flagSuccess(t.t('advance.done.overridden', { phase: payload.phase ?? phaseName }), describeNext(t, view));
        void ctl.refresh().then(() => focusAfterOverride());
      },
    });
    try {
      await modal.open();
    } catch (error) {
      flagError(t.t('advance.modal.openFailed'), error);
    }
  };

  return (
    <Stack space="space.100">
      <Inline space="space.100" alignBlock="center">
        <Button
          appearance="primary"
          testId="advance"
          isDisabled={Boolean(refused) || ctl.busy !== undefined}
          aria-describedby={refused && !view.me.readOnlyReason ? 'advance-refused' : undefined}
          isLoading={ctl.busy === PANEL_KEYS.advance}
          onClick={() => void advance()}
        >
          {label}
        </Button>
        {failing.length > 0 && !refusal && <Text color="color.text.subtlest">{t.t('advance.failing', { count: failing.length })}</Text>}
      </Inline>
      <PanelWhy view={view} reason={refused} id="advance-refused" />
      {refusal && (
        <SectionMessage
          appearance="warning"
          title={t.t('advance.blocked.title', { action: label })}
          actions={
            view.me.canOverride
              ? [
                  <SectionMessageAction key="override" onClick={() => void openOverride()}>
                    {t.t('advance.override.offer')}
                  </SectionMessageAction>,
                ]
              : []
          }
        >
          <Stack space="space.050">
            <p>{refusal}</p>
            {failing.length > 0 && (
              <ul>
                {failing.map((g) => (
                  <li key={g.gateId}>{t.t('advance.gateLine', { gate: g.name, reason: g.reason })}</li>
                ))}
              </ul>
            )}
            {!view.me.canOverride && <p>{refusalFor(t, view.me, 'override') ?? t.t('panel.refusal.override')}</p>}
          </Stack>
        </SectionMessage>
      )}
    </Stack>
  );
}

/** After the dialog closed on an override: the new current phase's title (or the completion message). */
function focusAfterOverride(): void {
  let frames = 0;
  const attempt = () => {
    const target = document.getElementById(CURRENT_PHASE_TITLE_ID) ?? document.getElementById(RELEASE_COMPLETE_ID);
    if (target) target.focus();
    else if (frames++ < 30) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

export function describeNext(t: UiTranslator, view: ReleaseView): string {
  const next = nextPhase(view.phases, view.currentPhaseId);
  return next ? t.t('advance.next.phase', { phase: next.name }) : t.t('advance.next.complete');
}
