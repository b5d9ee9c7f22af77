import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import TextArea from '@atlaskit/textarea';
import { useEffect, useState } from 'react';
import { PANEL_KEYS, advancePayload, type ReleaseView } from '../../../../src/shared/release-panel';
import { errorMessage, flagSuccess, isFailure } from '../bridge/flags';
import { WhyDisabled } from '../components/why-disabled';
import { advanceLabel, failingGates, nextPhase, plural } from '../lib/labels';
import { refusalFor } from '../lib/permissions';
import type { ReleaseController } from './use-release';

/**
 * "Advance to <next phase>". The server decides whether the gates allow it; when it refuses, the
 * reason is shown here and a person allowed to override can do so with a written reason, which
 * the audit trail keeps with the gate snapshot.
 */
export function AdvanceSection({ view, ctl }: { view: ReleaseView; ctl: ReleaseController }) {
  const [refusal, setRefusal] = useState<string>();
  const [overriding, setOverriding] = useState(false);
  if (view.completed) {
    return (
      <SectionMessage appearance="success" title="Release complete">
        <p>Every phase of this release is done.</p>
      </SectionMessage>
    );
  }
  const current = view.phases.find((p) => p.id === view.currentPhaseId);
  const label = advanceLabel(view.phases, view.currentPhaseId);
  const refused = refusalFor(view.me, 'advance');
  const failing = failingGates(current);

  const advance = async () => {
    setRefusal(undefined);
    const result = await ctl.write(PANEL_KEYS.advance, {}, 'The release did not advance', { ruleViolationInPlace: true });
    if (result.ok) flagSuccess(`${current?.name ?? 'The phase'} is done`, describeNext(view));
    else if (isFailure(result.error, 'RULE_VIOLATION')) setRefusal(errorMessage(result.error));
  };

  return (
    <Stack space="space.100">
      <Inline space="space.100" alignBlock="center">
        <Button
          appearance="primary"
          isDisabled={Boolean(refused) || ctl.busy !== undefined}
          aria-describedby={refused ? 'advance-refused' : undefined}
          isLoading={ctl.busy === PANEL_KEYS.advance && !overriding}
          onClick={() => void advance()}
        >
          {label}
        </Button>
        {failing.length > 0 && !refusal && (
          <Text color="color.text.subtlest">{`${plural(failing.length, 'gate')} failing`}</Text>
        )}
      </Inline>
      <WhyDisabled reason={refused} id="advance-refused" />
      {refusal && (
        <SectionMessage
          appearance="warning"
          title={`${label} is blocked`}
          actions={
            view.me.canOverride
              ? [
                  <SectionMessageAction key="override" onClick={() => setOverriding(true)}>
                    Override with a reason…
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
                  <li key={g.gateId}>{`${g.name}: ${g.reason}`}</li>
                ))}
              </ul>
            )}
            {!view.me.canOverride && <p>{refusalFor(view.me, 'override') ?? 'Only the release owner can override failing gates.'}</p>}
          </Stack>
        </SectionMessage>
      )}
      <ModalTransition>
        {overriding && (
          <OverrideModal
            view={view}
            ctl={ctl}
            label={label}
            onClose={() => setOverriding(false)}
            onDone={() => {
              setOverriding(false);
              setRefusal(undefined);
              flagSuccess(`${current?.name ?? 'The phase'} is done (overridden)`, describeNext(view));
            }}
          />
        )}
      </ModalTransition>
    </Stack>
  );
}

function describeNext(view: ReleaseView): string {
  const next = nextPhase(view.phases, view.currentPhaseId);
  return next ? `The release is now in ${next.name}.` : 'The release is complete.';
}

function OverrideModal({ view, ctl, label, onClose, onDone }: { view: ReleaseView; ctl: ReleaseController; label: string; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const failing = failingGates(view.phases.find((p) => p.id === view.currentPhaseId));

  useEffect(() => {
    // The host sizes the frame to its content, so the frame's viewport is the whole page and a
    // modal sits at the top of the frame, possibly far above where the person clicked. Bringing
    // the frame's top into view (the browser scrolls the page around the frame) shows the modal.
    document.body.scrollIntoView({ block: 'start' });
  }, []);

  const submit = async () => {
    const parsed = advancePayload.shape.override.safeParse({ reason });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'expected a reason');
    const result = await ctl.write(PANEL_KEYS.advance, { override: { reason: reason.trim() } }, 'The override was not saved', { ruleViolationInPlace: true });
    if (result.ok) onDone();
    else setError(errorMessage(result.error));
  };

  return (
    <Modal onClose={onClose} width="medium" label="Override failing gates">
      <ModalHeader>
        <ModalTitle appearance="warning">Override failing gates</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <Stack space="space.150">
          <Text>{`${label} although ${failing.length === 1 ? 'a gate fails' : `${failing.length} gates fail`}. The reason is kept in the audit trail with the gates as they stand now.`}</Text>
          {failing.length > 0 && (
            <ul>
              {failing.map((g) => (
                <li key={g.gateId}>{`${g.name}: ${g.reason}`}</li>
              ))}
            </ul>
          )}
          <label htmlFor="override-reason">
            <Text weight="medium">Reason (required, at least 10 characters)</Text>
          </label>
          <TextArea
            id="override-reason"
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setError(undefined);
            }}
            isInvalid={Boolean(error)}
            minimumRows={3}
            aria-describedby={error ? 'override-reason-error' : undefined}
          />
          {error && (
            <Text id="override-reason-error" color="color.text.danger" size="small">
              {error}
            </Text>
          )}
        </Stack>
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={onClose}>
          Cancel
        </Button>
        <Button appearance="warning" onClick={() => void submit()} isLoading={ctl.busy === PANEL_KEYS.advance}>
          Override and advance
        </Button>
      </ModalFooter>
    </Modal>
  );
}
