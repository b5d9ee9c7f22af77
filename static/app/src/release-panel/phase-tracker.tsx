import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { ProgressTracker, type Stages } from '@atlaskit/progress-tracker';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { PANEL_KEYS, setDatesPayload, type PhaseView, type ReleaseView } from '../../../../src/shared/release-panel';
import type { UiTranslator } from '../i18n/load-translator';
import { useT } from '../i18n/use-t';
import { instantText } from '../lib/labels';
import { refusalFor } from '../lib/permissions';
import { dayText } from './format';
import { PanelWhy } from './panel-why';
import type { ReleaseController } from './use-release';

/** Where the release stands: the phases as a tracker, and their planned and actual dates. */
export function PhaseTracker({ view, ctl }: { view: ReleaseView; ctl: ReleaseController }) {
  const translator = useT();
  const { t } = translator;
  const stages: Stages = view.phases.map((phase) => ({
    id: phase.id,
    label: phase.name,
    percentageComplete: phase.state === 'done' ? 100 : 0,
    status: phase.state === 'done' ? 'visited' : phase.state === 'current' ? 'current' : 'unvisited',
    noLink: true,
  }));
  return (
    <Stack space="space.150">
      <Heading size="medium">{t('panel.phases.heading')}</Heading>
      <ProgressTracker items={stages} label={t('panel.phases.trackerLabel', { version: view.version.name })} />
      {/* A phase left by an override says so here too, not only in the audit trail. */}
      {view.phases.map((phase) =>
        phase.override ? (
          <Text key={phase.id} color="color.text.warning" testId={`phase-override-${phase.id}`}>
            {overrideText(translator, phase.name, phase.override)}
          </Text>
        ) : null,
      )}
      <PhaseDates view={view} ctl={ctl} />
    </Stack>
  );
}

/** "Planning: overridden by Rita on 3 Dec 2026 (failing: Scope frozen): <reason>". */
function overrideText(translator: UiTranslator, phase: string, override: NonNullable<PhaseView['override']>): string {
  const values = { phase, name: override.by.displayName, date: dayText(translator, override.at.slice(0, 10)), reason: override.reason };
  return override.failingGates.length > 0
    ? translator.t('panel.phases.overrideWithGates', { ...values, gates: translator.list(override.failingGates) })
    : translator.t('panel.phases.override', values);
}

function PhaseDates({ view, ctl }: { view: ReleaseView; ctl: ReleaseController }) {
  const translator = useT();
  const { t } = translator;
  const [editing, setEditing] = useState<string>();
  const refused = refusalFor(translator, view.me, 'set-dates');
  const span = (from: string | undefined, to: string | undefined, format: (v: string) => string) =>
    t('panel.phases.span', { from: from ? format(from) : '—', to: to ? format(to) : '—' });
  const head = {
    cells: [
      { key: 'phase', content: t('panel.phases.col.phase') },
      { key: 'planned', content: t('panel.phases.col.planned') },
      { key: 'actual', content: t('panel.phases.col.actual') },
      { key: 'edit', content: t('panel.phases.col.edit') },
    ],
  };
  const rows = view.phases.map((phase) => ({
    key: phase.id,
    cells: [
      {
        key: 'phase',
        // The id names the row's phase for its "Set dates" button (aria-describedby), so the
        // button's name stays its visible label.
        content:
          phase.state === 'current' ? (
            <Text weight="bold" id={`phase-name-${phase.id}`}>
              {t('panel.phases.current', { phase: phase.name })}
            </Text>
          ) : (
            <span id={`phase-name-${phase.id}`}>{phase.name}</span>
          ),
      },
      { key: 'planned', content: span(phase.plannedStart, phase.plannedEnd, (v) => dayText(translator, v)) },
      { key: 'actual', content: span(phase.actualStart, phase.actualEnd, (v) => instantText(translator, v)) },
      {
        key: 'edit',
        content:
          editing === phase.id ? (
            <DatesForm phase={phase} ctl={ctl} onDone={() => setEditing(undefined)} />
          ) : (
            <Button spacing="compact" isDisabled={Boolean(refused)} onClick={() => setEditing(phase.id)} aria-describedby={`phase-name-${phase.id}`}>
              {t('panel.phases.setDates')}
            </Button>
          ),
      },
    ],
  }));
  return (
    <Stack space="space.050">
      <DynamicTable head={head} rows={rows} />
      <PanelWhy view={view} reason={refused} />
    </Stack>
  );
}

function DatesForm({ phase, ctl, onDone }: { phase: PhaseView; ctl: ReleaseController; onDone: () => void }) {
  const { t } = useT();
  const [start, setStart] = useState(phase.plannedStart ?? '');
  const [end, setEnd] = useState(phase.plannedEnd ?? '');
  const [error, setError] = useState<string>();

  const save = async () => {
    const payload = { phaseId: phase.id, ...(start && { plannedStart: start }), ...(end && { plannedEnd: end }) };
    // Validate the shape here so the person sees the problem before a round trip.
    const parsed = setDatesPayload.safeParse({ ...payload, versionId: '0', revision: 0 });
    if (!parsed.success) return setError(t('panel.phases.invalidDate'));
    if (start && end && end < start) return setError(t('panel.phases.endBeforeStart'));
    const result = await ctl.write(PANEL_KEYS.setDates, payload, t('panel.phases.saveFailed', { phase: phase.name }));
    if (result.ok) onDone();
  };

  return (
    <Stack space="space.050">
      <Inline space="space.050" alignBlock="center">
        <Textfield type="date" aria-label={t('panel.phases.plannedStart', { phase: phase.name })} value={start} onChange={(e) => setStart(e.currentTarget.value)} isCompact />
        <Textfield type="date" aria-label={t('panel.phases.plannedEnd', { phase: phase.name })} value={end} onChange={(e) => setEnd(e.currentTarget.value)} isCompact />
        <Button spacing="compact" appearance="primary" onClick={() => void save()} isLoading={ctl.busy === PANEL_KEYS.setDates}>
          {t('panel.save')}
        </Button>
        <Button spacing="compact" appearance="subtle" onClick={onDone}>
          {t('panel.cancel')}
        </Button>
      </Inline>
      {error && (
        <Text color="color.text.danger" size="small">
          {error}
        </Text>
      )}
    </Stack>
  );
}
