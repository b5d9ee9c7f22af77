import { view } from '@forge/bridge';
import { useEffect, useState } from 'react';
import { callResolver } from '../bridge/call-resolver';
import { AUDIENCES, type Audience } from '../../../../src/shared/macros';
import { TRAIN_NOTES_KEYS, trainNotesConfigSchema, type TrainNotesConfig, type TrainNotesConfigInput, type TrainNotesView, type TrainOption } from '../../../../src/shared/train-notes';
import PublishTrainNotes from '../trains/publish-train-notes';
import { ErrorNote } from './macro-common/error-note';
import { ConfigActions, MacroStates } from './macro-common/macro-states';
import { NotesGroups } from './macro-common/notes-groups';
import { useLoad, useMacroContextOf } from './macro-common/use-macro';
import './macro-common/macro.css';

const AUDIENCE_LABELS: Record<Audience, string> = { customer: 'Customer-facing (leaves out internal issues)', internal: 'Internal (everything)' };

/** The configuration: a train the person can see, and the audience. Saved with `view.submit({ config })`. */
function TrainNotesConfigForm({ initial }: { initial: Partial<TrainNotesConfigInput> }) {
  const [trains, setTrains] = useState<TrainOption[]>();
  const [trainId, setTrainId] = useState(initial.trainId ?? '');
  const [audience, setAudience] = useState<Audience>(initial.audience ?? 'customer');
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    callResolver<TrainOption[]>(TRAIN_NOTES_KEYS.trains, {}).then(setTrains, setError);
  }, []);
  const candidate = { trainId, audience };
  const valid = trainNotesConfigSchema.safeParse(candidate).success;
  return (
    <form
      className="macro"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) view.submit({ config: candidate }).catch(setError);
      }}
    >
      <h2>Train release notes settings</h2>
      {error !== undefined && <ErrorNote error={error} />}
      <label htmlFor="train-notes-train">Release train</label>
      <select id="train-notes-train" value={trainId} onChange={(e) => setTrainId(e.target.value)} disabled={!trains}>
        <option value="">{trains ? (trains.length > 0 ? 'Choose a train' : 'No trains you can see yet') : 'Loading trains…'}</option>
        {trains?.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
            {t.releaseDate ? ` (ships ${t.releaseDate})` : ''}
          </option>
        ))}
      </select>
      <label htmlFor="train-notes-audience">Audience</label>
      <select id="train-notes-audience" value={audience} onChange={(e) => setAudience(e.target.value as Audience)}>
        {AUDIENCES.map((a) => (
          <option key={a} value={a}>
            {AUDIENCE_LABELS[a]}
          </option>
        ))}
      </select>
      <ConfigActions canSave={valid} />
    </form>
  );
}

/** The train's notes: each member the person can see under its project heading, with its own release notes. */
function TrainNotes({ config }: { config: TrainNotesConfig }) {
  const { data, error } = useLoad(() => callResolver<TrainNotesView>(TRAIN_NOTES_KEYS.view, { config }), [config.trainId, config.audience]);
  if (error) return <ErrorNote error={error} />;
  if (!data) return <p className="muted">Loading train release notes…</p>;
  return (
    <>
      <h2>Release notes: {data.train.name}</h2>
      <p className="muted" data-testid="train-notes-summary">
        {data.total} {data.total === 1 ? 'change' : 'changes'} across {data.members.length} {data.members.length === 1 ? 'release' : 'releases'}
        {data.train.releaseDate ? ` · ships ${data.train.releaseDate}` : ''} · {data.audience === 'customer' ? 'customer-facing' : 'internal'}
      </p>
      {data.hiddenLine && <p className="muted">{data.hiddenLine}.</p>}
      {data.members.length === 0 && <p>No releases of this train to list.</p>}
      {data.members.map((m) => (
        <section key={`${m.projectKey}-${m.notes.version.id}`} aria-label={m.heading}>
          <h3>{m.heading}</h3>
          <p className="muted">
            {m.notes.total} {m.notes.total === 1 ? 'change' : 'changes'}
            {m.notes.version.releaseDate ? ` · ${m.notes.version.released ? 'released' : 'release date'} ${m.notes.version.releaseDate}` : ''}
            {m.notes.leftOutInternal > 0 ? ` · ${m.notes.leftOutInternal} internal left out` : ''}
          </p>
          <NotesGroups notes={m.notes} level={4} />
        </section>
      ))}
      <PublishTrainNotes trainId={config.trainId} audience={config.audience} />
    </>
  );
}

export default function Macro() {
  const context = useMacroContextOf(trainNotesConfigSchema);
  return (
    <MacroStates
      context={context}
      prompt="Choose a release train for these notes"
      configure={(initial) => <TrainNotesConfigForm initial={initial} />}
      render={(config) => <TrainNotes config={config} />}
    />
  );
}
