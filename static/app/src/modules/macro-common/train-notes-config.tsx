import { view } from '@forge/bridge';
import { useEffect, useState } from 'react';
import { AUDIENCES, type Audience } from '../../../../../src/shared/macros';
import { TRAIN_NOTES_KEYS, trainNotesConfigSchema, type TrainNotesConfigInput, type TrainOption } from '../../../../../src/shared/train-notes';
import { callResolver } from '../../bridge/call-resolver';
import { useT } from '../../i18n/use-t';
import { ChoiceField, ConfigForm, type Choice } from './config-fields';

/** The train notes macro's configuration: a train the person can see, and the audience. Saved with `view.submit({ config })`. */
export default function TrainNotesConfigForm({ initial }: { initial: Partial<TrainNotesConfigInput> }) {
  const { t, day } = useT();
  const [trains, setTrains] = useState<TrainOption[]>();
  const [trainId, setTrainId] = useState(initial.trainId ?? '');
  const [audience, setAudience] = useState<Audience>(initial.audience ?? 'customer');
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    callResolver<TrainOption[]>(TRAIN_NOTES_KEYS.trains, {}).then(setTrains, setError);
  }, []);
  const candidate = { trainId, audience };
  const valid = trainNotesConfigSchema.safeParse(candidate).success;
  const trainChoices: Array<Choice> | undefined = trains?.map((tr) => ({
    value: tr.id,
    label: tr.releaseDate ? t('macros.trainNotes.trainShips', { name: tr.name, date: day(tr.releaseDate) }) : tr.name,
  }));
  const audiences: Array<Choice<Audience>> = AUDIENCES.map((a) => ({ value: a, label: t(a === 'customer' ? 'macros.audience.customerLong' : 'macros.audience.internalLong') }));
  return (
    <ConfigForm heading={t('macros.config.heading.trainNotes')} error={error} canSave={valid} onSave={() => void view.submit({ config: candidate }).catch(setError)}>
      <ChoiceField
        id="train-notes-train"
        label={t('macros.trainNotes.train')}
        choices={trainChoices}
        value={trainId || undefined}
        loading={!trains && error === undefined}
        placeholder={trains ? (trains.length > 0 ? t('macros.trainNotes.chooseTrain') : t('macros.trainNotes.noTrains')) : t('macros.trainNotes.loadingTrains')}
        onChange={(id) => setTrainId(id ?? '')}
      />
      <ChoiceField id="train-notes-audience" label={t('macros.config.audience')} choices={audiences} value={audience} onChange={(a) => setAudience(a ?? 'customer')} />
    </ConfigForm>
  );
}
