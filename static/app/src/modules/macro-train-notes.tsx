import { callResolver } from '../bridge/call-resolver';
import { TRAIN_NOTES_KEYS, trainNotesConfigSchema, type TrainNotesConfig, type TrainNotesView } from '../../../../src/shared/train-notes';
import { useT } from '../i18n/use-t';
import PublishTrainNotes from '../trains/publish-train-notes';
import { ErrorNote } from './macro-common/error-note';
import { lazyConfig, MacroStates } from './macro-common/macro-states';
import { NotesGroups } from './macro-common/notes-groups';
import { useLoad, useMacroContextOf } from './macro-common/use-macro';
import './macro-common/macro.css';

const TrainNotesConfigForm = lazyConfig(() => import('./macro-common/train-notes-config'));

/** The train's notes: each member the person can see under its project heading, with its own release notes. */
function TrainNotes({ config }: { config: TrainNotesConfig }) {
  const { t, day } = useT();
  const { data, error } = useLoad(() => callResolver<TrainNotesView>(TRAIN_NOTES_KEYS.view, { config }), [config.trainId, config.audience]);
  if (error) return <ErrorNote error={error} />;
  if (!data) return <p className="muted">{t('macros.trainNotes.loading')}</p>;
  const summary = [
    t('macros.trainNotes.changesAcross', { count: data.total, releases: data.members.length }),
    ...(data.train.releaseDate ? [t('macros.trainNotes.ships', { date: day(data.train.releaseDate) })] : []),
    t(data.audience === 'customer' ? 'macros.audience.customer' : 'macros.audience.internal'),
  ];
  return (
    <>
      <h2>{t('macros.notes.heading', { version: data.train.name })}</h2>
      <p className="muted" data-testid="train-notes-summary">
        {summary.join(' · ')}
      </p>
      {data.hiddenLine && <p className="muted">{`${data.hiddenLine}.`}</p>}
      {data.members.length === 0 && <p>{t('macros.trainNotes.noMembers')}</p>}
      {data.members.map((m) => {
        const v = m.notes.version;
        const line = [
          t('macros.changes', { count: m.notes.total }),
          ...(v.releaseDate ? [t(v.released ? 'macros.notes.released' : 'macros.notes.releaseDate', { date: day(v.releaseDate) })] : []),
          ...(m.notes.leftOutInternal > 0 ? [t('macros.notes.leftOut', { count: m.notes.leftOutInternal })] : []),
        ];
        return (
          <section key={`${m.projectKey}-${v.id}`} aria-label={m.heading}>
            <h3>{m.heading}</h3>
            <p className="muted">{line.join(' · ')}</p>
            <NotesGroups notes={m.notes} level={4} />
          </section>
        );
      })}
      <PublishTrainNotes trainId={config.trainId} audience={config.audience} />
    </>
  );
}

export default function Macro() {
  const { t } = useT();
  const context = useMacroContextOf(trainNotesConfigSchema);
  return (
    <MacroStates
      context={context}
      prompt={t('macros.prompt.trainNotes')}
      configure={(initial) => <TrainNotesConfigForm initial={initial} />}
      render={(config) => <TrainNotes config={config} />}
    />
  );
}
