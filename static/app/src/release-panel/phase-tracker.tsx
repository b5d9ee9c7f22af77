import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { ProgressTracker, type Stages } from '@atlaskit/progress-tracker';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { overrideLine, PANEL_KEYS, setDatesPayload, type PhaseView, type ReleaseView } from '../../../../src/shared/release-panel';
import { WhyDisabled } from '../components/why-disabled';
import { formatInstant } from '../lib/labels';
import { refusalFor } from '../lib/permissions';
import type { ReleaseController } from './use-release';

/** Where the release stands: the phases as a tracker, and their planned and actual dates. */
export function PhaseTracker({ view, ctl }: { view: ReleaseView; ctl: ReleaseController }) {
  const stages: Stages = view.phases.map((phase) => ({
    id: phase.id,
    label: phase.name,
    percentageComplete: phase.state === 'done' ? 100 : 0,
    status: phase.state === 'done' ? 'visited' : phase.state === 'current' ? 'current' : 'unvisited',
    noLink: true,
  }));
  return (
    <Stack space="space.150">
      <Heading size="medium">Phases</Heading>
      <ProgressTracker items={stages} label={`Phases of ${view.version.name}`} />
      {/* A phase left by an override says so here too, not only in the audit trail. */}
      {view.phases.map((phase) =>
        phase.override ? (
          <Text key={phase.id} color="color.text.warning" testId={`phase-override-${phase.id}`}>
            {`${phase.name}: ${overrideLine(phase.override)}`}
          </Text>
        ) : null,
      )}
      <PhaseDates view={view} ctl={ctl} />
    </Stack>
  );
}

const HEAD = {
  cells: [
    { key: 'phase', content: 'Phase' },
    { key: 'planned', content: 'Planned' },
    { key: 'actual', content: 'Actual' },
    { key: 'edit', content: 'Planned dates' },
  ],
};

function PhaseDates({ view, ctl }: { view: ReleaseView; ctl: ReleaseController }) {
  const [editing, setEditing] = useState<string>();
  const refused = refusalFor(view.me, 'set-dates');
  const rows = view.phases.map((phase) => ({
    key: phase.id,
    cells: [
      { key: 'phase', content: phase.state === 'current' ? <Text weight="bold">{`${phase.name} (current)`}</Text> : phase.name },
      { key: 'planned', content: `${phase.plannedStart ?? '—'} → ${phase.plannedEnd ?? '—'}` },
      { key: 'actual', content: `${phase.actualStart ? formatInstant(phase.actualStart) : '—'} → ${phase.actualEnd ? formatInstant(phase.actualEnd) : '—'}` },
      {
        key: 'edit',
        content:
          editing === phase.id ? (
            <DatesForm phase={phase} ctl={ctl} onDone={() => setEditing(undefined)} />
          ) : (
            <Button spacing="compact" isDisabled={Boolean(refused)} onClick={() => setEditing(phase.id)} aria-label={`Set planned dates of ${phase.name}`}>
              Set dates
            </Button>
          ),
      },
    ],
  }));
  return (
    <Stack space="space.050">
      <DynamicTable head={HEAD} rows={rows} />
      <WhyDisabled reason={refused} />
    </Stack>
  );
}

function DatesForm({ phase, ctl, onDone }: { phase: PhaseView; ctl: ReleaseController; onDone: () => void }) {
  const [start, setStart] = useState(phase.plannedStart ?? '');
  const [end, setEnd] = useState(phase.plannedEnd ?? '');
  const [error, setError] = useState<string>();

  const save = async () => {
    const payload = { phaseId: phase.id, ...(start && { plannedStart: start }), ...(end && { plannedEnd: end }) };
    // Validate the shape here so the person sees the problem before a round trip.
    const parsed = setDatesPayload.safeParse({ ...payload, versionId: '0', revision: 0 });
    if (!parsed.success) return setError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    if (start && end && end < start) return setError('The planned end is before the planned start.');
    const result = await ctl.write(PANEL_KEYS.setDates, payload, `The dates of ${phase.name} were not saved`);
    if (result.ok) onDone();
  };

  return (
    <Stack space="space.050">
      <Inline space="space.050" alignBlock="center">
        <Textfield type="date" aria-label={`Planned start of ${phase.name}`} value={start} onChange={(e) => setStart(e.currentTarget.value)} isCompact />
        <Textfield type="date" aria-label={`Planned end of ${phase.name}`} value={end} onChange={(e) => setEnd(e.currentTarget.value)} isCompact />
        <Button spacing="compact" appearance="primary" onClick={() => void save()} isLoading={ctl.busy === PANEL_KEYS.setDates}>
          Save
        </Button>
        <Button spacing="compact" appearance="subtle" onClick={onDone}>
          Cancel
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
