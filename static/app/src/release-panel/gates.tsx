import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { PANEL_KEYS, tickPayload, type GateView, type PhaseView, type ReleaseView, type Role } from '../../../../src/shared/release-panel';
import type { UiTranslator } from '../i18n/load-translator';
import { useT } from '../i18n/use-t';
import { gateKindName, gateStatus, instantText, roleName, safeHttpsUrl } from '../lib/labels';
import { refusalFor, signOffRefusal } from '../lib/permissions';
import { WhyDisabled } from '../components/why-disabled';
import { RouterLink } from '../components/router-link';
import { AddChecklistItem, canEditChecklist, ReleaseItemControls } from './checklist-items';
import { GateIssues } from './gate-issues';
import type { ReleaseController } from './use-release';

const gateStyle = xcss({
  borderColor: 'color.border',
  borderStyle: 'solid',
  borderWidth: 'border.width',
  borderRadius: 'radius.medium',
  padding: 'space.150',
});

export interface GateProps {
  gate: GateView;
  view: ReleaseView;
  ctl: ReleaseController;
  /** Gates of phases other than the current one are shown but not acted on. */
  actionable: boolean;
  /** The phase the gates belong to: the release owner may add items to it while it is not done. */
  phase?: PhaseView;
}

/** The gates of one phase, each with its status, reason and what a person can do about it. */
export function GateList({ gates, view, ctl, actionable, phase }: Omit<GateProps, 'gate'> & { gates: GateView[] }) {
  const translator = useT();
  const { t } = translator;
  const add = canEditChecklist(translator, view, phase) ? <AddChecklistItem phase={phase} ctl={ctl} /> : null;
  if (gates.length === 0) {
    return (
      <Stack space="space.100">
        <Text color="color.text.subtlest">{t('panel.gates.none')}</Text>
        {add}
      </Stack>
    );
  }
  return (
    <Stack space="space.100">
      <Stack space="space.100" role="list">
        {gates.map((gate) => (
          <Box key={gate.gateId} xcss={gateStyle} role="listitem" testId={`gate-${gate.gateId}`}>
            <GateRow gate={gate} view={view} ctl={ctl} actionable={actionable} {...(phase && { phase })} />
          </Box>
        ))}
      </Stack>
      {add}
    </Stack>
  );
}

function GateRow(props: GateProps) {
  const translator = useT();
  const { gate } = props;
  const status = gateStatus(translator, gate.status);
  return (
    <Stack space="space.075">
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Text weight="medium">{gate.name}</Text>
        <Lozenge appearance={status.appearance}>{status.label}</Lozenge>
        <Text size="small" color="color.text.subtlest">
          {gateKindName(translator, gate.kind)}
        </Text>
      </Inline>
      <Text color="color.text.subtle">{gate.reason}</Text>
      {gate.kind === 'auto' && gate.issues && <GateIssues versionId={props.view.version.id} list={gate.issues} gateName={gate.name} />}
      {gate.kind === 'manual' && <ManualGate {...props} />}
      {gate.releaseItem && <ReleaseItemControls gate={gate} view={props.view} phase={props.phase} ctl={props.ctl} />}
      {gate.kind === 'signoff' && <SignoffGate {...props} />}
    </Stack>
  );
}

/** Why a control is disabled, or undefined when it is not. */
function disabledReason(t: UiTranslator, { view, actionable }: Pick<GateProps, 'view' | 'actionable'>): string | undefined {
  if (view.completed) return t.t('panel.gates.complete');
  if (!actionable) return t.t('panel.gates.notCurrent');
  return refusalFor(t, view.me, 'tick');
}

/**
 * Whether the reason should be shown next to the control: not on other phases' gates (they are
 * for reading), and not for a read-only person (the panel header says so once).
 */
function showReason({ view, actionable }: Pick<GateProps, 'view' | 'actionable'>): boolean {
  return actionable && !view.completed && !view.me.readOnlyReason;
}

function ManualGate({ gate, view, ctl, actionable }: GateProps) {
  const translator = useT();
  const { t } = translator;
  const [link, setLink] = useState(gate.ticked?.link ?? '');
  const [error, setError] = useState<string>();
  const reason = disabledReason(translator, { view, actionable });
  const ticked = Boolean(gate.ticked);
  const shownLink = safeHttpsUrl(gate.ticked?.link);

  const toggle = async () => {
    setError(undefined);
    const payload: Record<string, unknown> = { gateId: gate.gateId, done: !ticked };
    if (!ticked && gate.requiresLink) {
      const parsed = tickPayload.shape.link.safeParse(link.trim() || undefined);
      if (!parsed.success || !link.trim()) return setError(parsed.success ? t('panel.gates.linkFirst') : t('panel.gates.linkInvalid'));
      payload.link = link.trim();
    }
    await ctl.write(PANEL_KEYS.tick, payload, t(ticked ? 'panel.gates.untickFailed' : 'panel.gates.tickFailed', { gate: gate.name }));
  };

  return (
    <Stack space="space.050">
      {gate.requiresLink && !ticked && (
        <Textfield
          aria-label={t('panel.gates.linkFor', { gate: gate.name })}
          placeholder={t('panel.gates.linkPlaceholder')}
          value={link}
          onChange={(e) => setLink(e.currentTarget.value)}
          isDisabled={Boolean(reason)}
          isInvalid={Boolean(error)}
          isCompact
        />
      )}
      <Checkbox
        label={t(ticked ? 'panel.gates.done' : 'panel.gates.markDone', { gate: gate.name })}
        isChecked={ticked}
        isDisabled={Boolean(reason) || ctl.busy !== undefined}
        onChange={() => void toggle()}
      />
      {error && (
        <Text size="small" color="color.text.danger">
          {error}
        </Text>
      )}
      {gate.ticked && (
        <Text size="small" color="color.text.subtlest">
          {t('panel.gates.tickedBy', { name: gate.ticked.by.displayName, when: instantText(translator, gate.ticked.at) })}
          {gate.ticked.link && ' · '}
          {shownLink ? (
            <RouterLink href={shownLink}>{gate.ticked.link}</RouterLink>
          ) : (
            gate.ticked.link
          )}
        </Text>
      )}
      {showReason({ view, actionable }) && <WhyDisabled reason={reason} />}
    </Stack>
  );
}

function SignoffGate({ gate, view, ctl, actionable }: GateProps) {
  const translator = useT();
  const { t } = translator;
  const locked = view.completed || !actionable || Boolean(view.me.readOnlyReason);
  const signatures = gate.signatures ?? [];
  const roles: Role[] = gate.roles ?? [];
  return (
    <Stack space="space.075">
      {roles.map((role) => {
        const signature = signatures.find((s) => s.role === role);
        const mine = view.me.roles.includes(role);
        if (signature) {
          return (
            <Inline key={role} space="space.100" alignBlock="center" shouldWrap>
              <Lozenge appearance="success">{t('panel.signoff.signed')}</Lozenge>
              <Text>{t('panel.signoff.signature', { role: roleName(translator, role), name: signature.by.displayName, when: instantText(translator, signature.at) })}</Text>
              {mine && !locked && (
                <Button
                  spacing="compact"
                  appearance="subtle"
                  isDisabled={ctl.busy !== undefined}
                  onClick={() => void ctl.write(PANEL_KEYS.signOff, { gateId: gate.gateId, role, signed: false }, t('panel.signoff.withdrawFailed'))}
                >
                  {t('panel.signoff.withdraw', { role: roleName(translator, role) })}
                </Button>
              )}
            </Inline>
          );
        }
        // Shown for every role, mine or not, so nobody wonders where the button went.
        const why = view.completed || !actionable ? disabledReason(translator, { view, actionable }) : signOffRefusal(translator, view.me, role);
        return (
          <Inline key={role} space="space.100" alignBlock="center" shouldWrap>
            <Button
              spacing="compact"
              appearance={mine ? 'primary' : 'default'}
              isDisabled={Boolean(why) || ctl.busy !== undefined}
              isLoading={ctl.busy === PANEL_KEYS.signOff}
              onClick={() => void ctl.write(PANEL_KEYS.signOff, { gateId: gate.gateId, role, signed: true }, t('panel.signoff.signFailed'))}
            >
              {t('panel.signoff.sign', { role: roleName(translator, role) })}
            </Button>
            {why && showReason({ view, actionable }) && <WhyDisabled reason={why} />}
          </Inline>
        );
      })}
    </Stack>
  );
}
