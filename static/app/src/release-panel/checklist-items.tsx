import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { PANEL_KEYS, type GateView, type PhaseView, type ReleaseView } from '../../../../src/shared/release-panel';
import { InlineConfirm } from '../components/inline-confirm';
import { formatInstant } from '../lib/labels';
import { refusalFor } from '../lib/permissions';
import type { ReleaseController } from './use-release';

const NAME_MAX = 120;

/** Whether the person may change this phase's checklist: the release owner, on a phase that is not done. */
export function canEditChecklist(view: ReleaseView, phase: PhaseView | undefined): phase is PhaseView {
  return Boolean(phase) && phase!.state !== 'done' && !view.completed && refusalFor(view.me, 'edit-checklist') === undefined;
}

function nameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return 'Give the item a name.';
  if (trimmed.length > NAME_MAX) return `A name has at most ${NAME_MAX} characters (this one has ${trimmed.length}).`;
  return undefined;
}

/**
 * "Add checklist item" under a phase's gates: an item for this release only (the project's
 * template, and so every other release, keeps its own list).
 */
export function AddChecklistItem({ phase, ctl }: { phase: PhaseView; ctl: ReleaseController }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [requiresLink, setRequiresLink] = useState(false);
  const [error, setError] = useState<string>();
  if (!open) {
    return (
      <Inline>
        <Button spacing="compact" appearance="subtle" onClick={() => setOpen(true)} aria-label={`Add checklist item to ${phase.name}`}>
          + Add checklist item
        </Button>
      </Inline>
    );
  }
  const save = async () => {
    const problem = nameProblem(name);
    if (problem) return setError(problem);
    setError(undefined);
    const result = await ctl.write(PANEL_KEYS.editChecklistItem, { action: 'add', phaseId: phase.id, name: name.trim(), requiresLink }, 'The checklist item was not added');
    if (result.ok) {
      setOpen(false);
      setName('');
      setRequiresLink(false);
    }
  };
  return (
    <Stack space="space.075">
      <Text size="small" color="color.text.subtle">{`A new item for ${phase.name} of this release only; the project's template stays as it is.`}</Text>
      <Textfield
        aria-label={`Name of the new checklist item in ${phase.name}`}
        placeholder="For example: Payments partner notified"
        value={name}
        maxLength={NAME_MAX + 20}
        isInvalid={Boolean(error)}
        onChange={(e) => setName(e.currentTarget.value)}
        onKeyDown={(e) => e.key === 'Enter' && void save()}
        isCompact
        autoFocus
      />
      <Checkbox label="Needs a link when ticked (a document, a dashboard)" isChecked={requiresLink} onChange={(e) => setRequiresLink(e.currentTarget.checked)} />
      {error && (
        <Text size="small" color="color.text.danger">
          {error}
        </Text>
      )}
      <Inline space="space.100">
        <Button appearance="primary" spacing="compact" isLoading={ctl.busy === PANEL_KEYS.editChecklistItem} isDisabled={ctl.busy !== undefined} onClick={() => void save()}>
          Add item
        </Button>
        <Button spacing="compact" onClick={() => (setOpen(false), setError(undefined))}>
          Cancel
        </Button>
      </Inline>
    </Stack>
  );
}

/**
 * Marks an item added to this release, and lets the release owner rename or remove it (removing
 * asks first, in place; a ticked item must be unticked before it can go).
 */
export function ReleaseItemControls({ gate, view, phase, ctl }: { gate: GateView; view: ReleaseView; phase: PhaseView | undefined; ctl: ReleaseController }) {
  const [mode, setMode] = useState<'view' | 'rename' | 'remove'>('view');
  const [name, setName] = useState(gate.name);
  const [error, setError] = useState<string>();
  if (!gate.releaseItem) return null;
  const editable = canEditChecklist(view, phase);
  const origin = `Added to this release by ${gate.releaseItem.by.displayName}, ${formatInstant(gate.releaseItem.at)}`;

  const rename = async () => {
    const problem = nameProblem(name);
    if (problem) return setError(problem);
    setError(undefined);
    const result = await ctl.write(PANEL_KEYS.editChecklistItem, { action: 'rename', gateId: gate.gateId, name: name.trim() }, 'The checklist item was not renamed');
    if (result.ok) setMode('view');
  };
  const remove = async () => {
    const result = await ctl.write(PANEL_KEYS.editChecklistItem, { action: 'remove', gateId: gate.gateId }, 'The checklist item was not removed');
    if (!result.ok) setMode('view');
  };

  return (
    <Stack space="space.075">
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Lozenge appearance="new">This release only</Lozenge>
        <Text size="small" color="color.text.subtlest">
          {origin}
        </Text>
        {editable && mode === 'view' && (
          <>
            <Button spacing="compact" appearance="subtle" onClick={() => (setName(gate.name), setMode('rename'))} aria-label={`Rename “${gate.name}”`}>
              Rename
            </Button>
            <Button spacing="compact" appearance="subtle" onClick={() => setMode('remove')} aria-label={`Remove “${gate.name}”`}>
              Remove
            </Button>
          </>
        )}
      </Inline>
      {mode === 'rename' && (
        <Stack space="space.075">
          <Textfield
            aria-label={`New name for “${gate.name}”`}
            value={name}
            isInvalid={Boolean(error)}
            onChange={(e) => setName(e.currentTarget.value)}
            onKeyDown={(e) => (e.key === 'Enter' ? void rename() : e.key === 'Escape' && setMode('view'))}
            isCompact
            autoFocus
          />
          {error && (
            <Text size="small" color="color.text.danger">
              {error}
            </Text>
          )}
          <Inline space="space.100">
            <Button appearance="primary" spacing="compact" isLoading={ctl.busy === PANEL_KEYS.editChecklistItem} isDisabled={ctl.busy !== undefined} onClick={() => void rename()}>
              Save name
            </Button>
            <Button spacing="compact" onClick={() => (setMode('view'), setError(undefined))}>
              Cancel
            </Button>
          </Inline>
        </Stack>
      )}
      {mode === 'remove' &&
        (gate.ticked ? (
          <Inline space="space.100" alignBlock="center">
            <Text size="small" color="color.text.warning">{`“${gate.name}” is ticked: untick it first, then remove it.`}</Text>
            <Button spacing="compact" onClick={() => setMode('view')}>
              OK
            </Button>
          </Inline>
        ) : (
          <InlineConfirm
            question={`Remove “${gate.name}” from ${phase?.name ?? 'this phase'}? The audit trail keeps that it was added and removed.`}
            confirmLabel="Remove item"
            onConfirm={() => void remove()}
            onCancel={() => setMode('view')}
            isLoading={ctl.busy === PANEL_KEYS.editChecklistItem}
          />
        ))}
    </Stack>
  );
}
