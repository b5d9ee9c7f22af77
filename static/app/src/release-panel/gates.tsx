import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { PANEL_KEYS, tickPayload, type GateView, type PhaseView, type ReleaseView, type Role } from '../../../../src/shared/release-panel';
import { GATE_KIND_NAMES, GATE_STATUS, ROLE_NAMES, formatInstant, safeHttpsUrl } from '../lib/labels';
import { READ_ONLY_HINT, refusalFor, signOffRefusal } from '../lib/permissions';
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
  const add = canEditChecklist(view, phase) ? <AddChecklistItem phase={phase} ctl={ctl} /> : null;
  if (gates.length === 0) {
    return (
      <Stack space="space.100">
        <Text color="color.text.subtlest">This phase has no gates.</Text>
        {add}
      </Stack>
    );
  }
  // A read-only person is told once per list, not under every checklist item and sign-off.
  const readOnlyHint = actionable && view.me.readOnlyReason && gates.some((g) => g.kind !== 'auto') ? READ_ONLY_HINT : undefined;
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
      <WhyDisabled reason={readOnlyHint} />
    </Stack>
  );
}

function GateRow(props: GateProps) {
  const { gate } = props;
  const status = GATE_STATUS[gate.status];
  return (
    <Stack space="space.075">
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Text weight="medium">{gate.name}</Text>
        <Lozenge appearance={status.appearance}>{status.label}</Lozenge>
        <Text size="small" color="color.text.subtlest">
          {GATE_KIND_NAMES[gate.kind]}
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
function disabledReason({ view, actionable }: Pick<GateProps, 'view' | 'actionable'>): string | undefined {
  if (view.completed) return 'The release is complete.';
  if (!actionable) return 'Only the current phase’s gates can be changed.';
  return refusalFor(view.me, 'tick');
}

/**
 * Whether the reason should be shown next to the control: not on other phases' gates (they are
 * for reading), and not for a read-only person (GateList says so once).
 */
function showReason({ view, actionable }: Pick<GateProps, 'view' | 'actionable'>): boolean {
  return actionable && !view.completed && !view.me.readOnlyReason;
}

function ManualGate({ gate, view, ctl, actionable }: GateProps) {
  const [link, setLink] = useState(gate.ticked?.link ?? '');
  const [error, setError] = useState<string>();
  const reason = disabledReason({ view, actionable });
  const ticked = Boolean(gate.ticked);
  const shownLink = safeHttpsUrl(gate.ticked?.link);

  const toggle = async () => {
    setError(undefined);
    const payload: Record<string, unknown> = { gateId: gate.gateId, done: !ticked };
    if (!ticked && gate.requiresLink) {
      const parsed = tickPayload.shape.link.safeParse(link.trim() || undefined);
      if (!parsed.success || !link.trim()) return setError(parsed.success ? 'Add the link first (https://…).' : (parsed.error.issues[0]?.message ?? 'expected a link'));
      payload.link = link.trim();
    }
    await ctl.write(PANEL_KEYS.tick, payload, `“${gate.name}” was not ${ticked ? 'unticked' : 'ticked'}`);
  };

  return (
    <Stack space="space.050">
      {gate.requiresLink && !ticked && (
        <Textfield
          aria-label={`Link for ${gate.name}`}
          placeholder="https://…"
          value={link}
          onChange={(e) => setLink(e.currentTarget.value)}
          isDisabled={Boolean(reason)}
          isInvalid={Boolean(error)}
          isCompact
        />
      )}
      <Checkbox
        label={ticked ? `Done: ${gate.name}` : `Mark done: ${gate.name}`}
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
          Ticked by {gate.ticked.by.displayName}, {formatInstant(gate.ticked.at)}
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
              <Lozenge appearance="success">Signed</Lozenge>
              <Text>{`${ROLE_NAMES[role]}: ${signature.by.displayName}, ${formatInstant(signature.at)}`}</Text>
              {mine && !locked && (
                <Button
                  spacing="compact"
                  appearance="subtle"
                  isDisabled={ctl.busy !== undefined}
                  onClick={() => void ctl.write(PANEL_KEYS.signOff, { gateId: gate.gateId, role, signed: false }, 'The sign-off was not withdrawn')}
                >
                  {`Withdraw sign-off as ${ROLE_NAMES[role]}`}
                </Button>
              )}
            </Inline>
          );
        }
        // Shown for every role, mine or not, so nobody wonders where the button went.
        const why = view.completed || !actionable ? disabledReason({ view, actionable }) : signOffRefusal(view.me, role);
        return (
          <Inline key={role} space="space.100" alignBlock="center" shouldWrap>
            <Button
              spacing="compact"
              appearance={mine ? 'primary' : 'default'}
              isDisabled={Boolean(why) || ctl.busy !== undefined}
              isLoading={ctl.busy === PANEL_KEYS.signOff}
              onClick={() => void ctl.write(PANEL_KEYS.signOff, { gateId: gate.gateId, role, signed: true }, 'The sign-off was not recorded')}
            >
              {`Sign off as ${ROLE_NAMES[role]}`}
            </Button>
            {why && showReason({ view, actionable }) && <WhyDisabled reason={why} />}
          </Inline>
        );
      })}
    </Stack>
  );
}
