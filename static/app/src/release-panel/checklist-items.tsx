import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { PANEL_KEYS, type GateView, type PhaseView, type ReleaseView } from '../../../../src/shared/release-panel';
import { InlineConfirm } from '../components/inline-confirm';
import type { UiTranslator } from '../i18n/load-translator';
import { useT } from '../i18n/use-t';
import { instantText } from '../lib/labels';
import { refusalFor } from '../lib/permissions';
import type { ReleaseController } from './use-release';

const NAME_MAX = 120;

/** Whether the person may change this phase's checklist: the release owner, on a phase that is not done. */
export function canEditChecklist(t: UiTranslator, view: ReleaseView, phase: PhaseView | undefined): phase is PhaseView {
  return Boolean(phase) && phase!.state !== 'done' && !view.completed && refusalFor(t, view.me, 'edit-checklist') === undefined;
}

function nameProblem(t: UiTranslator, name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return t.t('panel.items.nameMissing');
  if (trimmed.length > NAME_MAX) return t.t('panel.items.nameTooLong', { max: NAME_MAX, length: trimmed.length });
  return undefined;
}

/**
 * "Add checklist item" under a phase's gates: an item for this release only (the project's
 * template, and so every other release, keeps its own list).
 */
export function AddChecklistItem({ phase, ctl }: { phase: PhaseView; ctl: ReleaseController }) {
  const translator = useT();
  const { t } = translator;
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [requiresLink, setRequiresLink] = useState(false);
  const [error, setError] = useState<string>();
  if (!open) {
    return (
      <Inline>
        {/* The name adds the phase to the visible label, and keeps the label whole at its start. */}
        <Button spacing="compact" appearance="subtle" onClick={() => setOpen(true)} aria-label={t('panel.items.addTo', { phase: phase.name })}>
          {t('panel.items.add')}
        </Button>
      </Inline>
    );
  }
  const save = async () => {
    const problem = nameProblem(translator, name);
    if (problem) return setError(problem);
    setError(undefined);
    const result = await ctl.write(PANEL_KEYS.editChecklistItem, { action: 'add', phaseId: phase.id, name: name.trim(), requiresLink }, t('panel.items.addFailed'));
    if (result.ok) {
      setOpen(false);
      setName('');
      setRequiresLink(false);
    }
  };
  return (
    <Stack space="space.075">
      <Text size="small" color="color.text.subtle">{t('panel.items.addHint', { phase: phase.name })}</Text>
      <Textfield
        aria-label={t('panel.items.newName', { phase: phase.name })}
        placeholder={t('panel.items.newPlaceholder')}
        value={name}
        maxLength={NAME_MAX + 20}
        isInvalid={Boolean(error)}
        onChange={(e) => setName(e.currentTarget.value)}
        onKeyDown={(e) => e.key === 'Enter' && void save()}
        isCompact
        autoFocus
      />
      <Checkbox label={t('panel.items.requiresLink')} isChecked={requiresLink} onChange={(e) => setRequiresLink(e.currentTarget.checked)} />
      {error && (
        <Text size="small" color="color.text.danger">
          {error}
        </Text>
      )}
      <Inline space="space.100">
        <Button appearance="primary" spacing="compact" isLoading={ctl.busy === PANEL_KEYS.editChecklistItem} isDisabled={ctl.busy !== undefined} onClick={() => void save()}>
          {t('panel.items.addItem')}
        </Button>
        <Button spacing="compact" onClick={() => (setOpen(false), setError(undefined))}>
          {t('panel.cancel')}
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
  const translator = useT();
  const { t } = translator;
  const [mode, setMode] = useState<'view' | 'rename' | 'remove'>('view');
  const [name, setName] = useState(gate.name);
  const [error, setError] = useState<string>();
  if (!gate.releaseItem) return null;
  const editable = canEditChecklist(translator, view, phase);
  const origin = t('panel.items.origin', { name: gate.releaseItem.by.displayName, when: instantText(translator, gate.releaseItem.at) });

  const rename = async () => {
    const problem = nameProblem(translator, name);
    if (problem) return setError(problem);
    setError(undefined);
    const result = await ctl.write(PANEL_KEYS.editChecklistItem, { action: 'rename', gateId: gate.gateId, name: name.trim() }, t('panel.items.renameFailed'));
    if (result.ok) setMode('view');
  };
  const remove = async () => {
    const result = await ctl.write(PANEL_KEYS.editChecklistItem, { action: 'remove', gateId: gate.gateId }, t('panel.items.removeFailed'));
    if (!result.ok) setMode('view');
  };

  return (
    <Stack space="space.075">
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Lozenge appearance="new">{t('panel.items.releaseOnly')}</Lozenge>
        <Text size="small" color="color.text.subtlest">
          {origin}
        </Text>
        {editable && mode === 'view' && (
          <>
            <Button spacing="compact" appearance="subtle" onClick={() => (setName(gate.name), setMode('rename'))} aria-label={t('panel.items.renameNamed', { gate: gate.name })}>
              {t('panel.items.rename')}
            </Button>
            <Button spacing="compact" appearance="subtle" onClick={() => setMode('remove')} aria-label={t('panel.items.removeNamed', { gate: gate.name })}>
              {t('panel.items.remove')}
            </Button>
          </>
        )}
      </Inline>
      {mode === 'rename' && (
        <Stack space="space.075">
          <Textfield
            aria-label={t('panel.items.newNameFor', { gate: gate.name })}
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
              {t('panel.items.saveName')}
            </Button>
            <Button spacing="compact" onClick={() => (setMode('view'), setError(undefined))}>
              {t('panel.cancel')}
            </Button>
          </Inline>
        </Stack>
      )}
      {mode === 'remove' &&
        (gate.ticked ? (
          <Inline space="space.100" alignBlock="center">
            <Text size="small" color="color.text.warning">{t('panel.items.untickFirst', { gate: gate.name })}</Text>
            <Button spacing="compact" onClick={() => setMode('view')}>
              {t('panel.ok')}
            </Button>
          </Inline>
        ) : (
          <InlineConfirm
            question={t('panel.items.removeQuestion', { gate: gate.name, phase: phase?.name ?? '' })}
            confirmLabel={t('panel.items.removeItem')}
            onConfirm={() => void remove()}
            onCancel={() => setMode('view')}
            isLoading={ctl.busy === PANEL_KEYS.editChecklistItem}
          />
        ))}
    </Stack>
  );
}
