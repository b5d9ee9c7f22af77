import Button from '@atlaskit/button/new';
import Checkbox from '@atlaskit/checkbox';
import DynamicTable from '@atlaskit/dynamic-table';
import EmptyState from '@atlaskit/empty-state';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { Suspense, lazy, useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { MACRO_KEYS, type VersionRef } from '../../../../src/shared/macros';
import { TRAIN_KEYS, type TrainList, type TrainMemberView, type TrainView } from '../../../../src/shared/trains';
import { callResolver } from '../bridge/call-resolver';
import { errorMessage, flagError, flagSuccess, isFailure, flagConflict } from '../bridge/flags';
import { CenteredSpinner } from '../components/centered-spinner';
import { InlineConfirm } from '../components/inline-confirm';
import { ReadOnlyNote } from '../components/read-only-note';
import { RouterLink } from '../components/router-link';
import { useT } from '../i18n/use-t';

// Helper D's publish control (Confluence page of the train's combined notes), loaded only on a train's panel.
const PublishTrainNotes = lazy(() => import('./publish-train-notes'));
// The charts' library loads only when someone asks for the train's health.
const TrainHealth = lazy(() => import('../health/train-health'));

/** path: the part after /trains ('/' for the list, '/<trainId>' for a train); navigate takes the same form. */
export interface TrainsViewProps { path: string; navigate: (path: string) => void }

/** The release trains of the Jira global page: the list at '/', a train's panel at '/<id>'. */
export default function TrainsView({ path, navigate }: TrainsViewProps) {
  const trainId = path.replace(/^\/+/, '').split('/')[0];
  if (!trainId) return <TrainListView onOpen={(id) => navigate(`/${encodeURIComponent(id)}`)} />;
  return <TrainPanel trainId={decodeURIComponent(trainId)} onBack={() => navigate('/')} />;
}

type Load<T> = { kind: 'loading' } | { kind: 'error'; message: string; notFound?: boolean } | { kind: 'loaded'; data: T };

function DecisionLozenge({ decision }: { decision: 'go' | 'no-go' }) {
  const { t } = useT();
  return (
    <Lozenge appearance={decision === 'go' ? 'success' : 'removed'} isBold>
      {t(decision === 'go' ? 'portfolio.trains.go' : 'portfolio.trains.noGo')}
    </Lozenge>
  );
}

// ---- the list ---------------------------------------------------------------------------------

function TrainListView({ onOpen }: { onOpen: (id: string) => void }) {
  const { t, day } = useT();
  const [state, setState] = useState<Load<TrainList>>({ kind: 'loading' });
  const load = useCallback(() => {
    setState({ kind: 'loading' });
    callResolver<TrainList>(TRAIN_KEYS.list, {}).then(
      (data) => setState({ kind: 'loaded', data }),
      (error: unknown) => setState({ kind: 'error', message: errorMessage(error) }),
    );
  }, []);
  useEffect(load, [load]);

  return (
    <Stack space="space.300">
      <CreateTrainForm onCreated={onOpen} />
      {state.kind === 'loading' && <CenteredSpinner label={t('portfolio.trains.loading')} />}
      {state.kind === 'error' && (
        <SectionMessage appearance="error" title={t('portfolio.trains.loadError')} actions={<SectionMessageAction onClick={load}>{t('portfolio.retry')}</SectionMessageAction>}>
          <Text>{state.message}</Text>
        </SectionMessage>
      )}
      {state.kind === 'loaded' && state.data.trains.length === 0 && (
        <EmptyState header={t('portfolio.trains.empty.title')} description={t('portfolio.trains.empty.body')} />
      )}
      {state.kind === 'loaded' && state.data.trains.length > 0 && (
        <DynamicTable
          caption={t('portfolio.trains.caption')}
          head={{ cells: (['name', 'freeze', 'release', 'members', 'decision'] as const).map((key) => ({ key, content: t(`portfolio.trains.column.${key}`) })) }}
          rows={state.data.trains.map((train) => ({
            key: train.id,
            cells: [
              {
                key: 'name',
                content: (
                  <Button appearance="subtle" onClick={() => onOpen(train.id)}>
                    {train.name}
                  </Button>
                ),
              },
              { key: 'freeze', content: train.freezeDate ? day(train.freezeDate) : t('portfolio.trains.notSet') },
              { key: 'release', content: train.releaseDate ? day(train.releaseDate) : t('portfolio.trains.notSet') },
              { key: 'members', content: String(train.memberCount) },
              {
                key: 'decision',
                content: (
                  <Inline space="space.100" alignBlock="center">
                    <DecisionLozenge decision={train.decision} />
                    {train.decision === 'no-go' && <Text size="small">{t('portfolio.trains.blockers', { count: train.blockers })}</Text>}
                  </Inline>
                ),
              },
            ],
          }))}
        />
      )}
    </Stack>
  );
}

function CreateTrainForm({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useT();
  const [name, setName] = useState('');
  const [freezeDate, setFreezeDate] = useState('');
  const [releaseDate, setReleaseDate] = useState('');
  const [project, setProject] = useState<Choice | null>(null);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string>();
  const projects = useProjectChoices(setProblem);
  const ids = { name: useId(), project: useId() };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!project) return;
    setSaving(true);
    setProblem(undefined);
    callResolver<TrainView>(TRAIN_KEYS.create, { name, projectKey: project.value, ...(freezeDate && { freezeDate }), ...(releaseDate && { releaseDate }) })
      .then((train) => {
        flagSuccess(t('portfolio.trains.created', { name: train.name }));
        onCreated(train.id);
      })
      .catch((error: unknown) => setProblem(errorMessage(error)))
      .finally(() => setSaving(false));
  };
  return (
    <form onSubmit={submit} aria-label={t('portfolio.trains.create')}>
      <Stack space="space.100">
        <Heading size="small" as="h2">
          {t('portfolio.trains.create')}
        </Heading>
        <Inline space="space.200" alignBlock="end" shouldWrap>
          <Stack space="space.050">
            <label htmlFor={ids.name}>{t('portfolio.trains.name')}</label>
            <Textfield id={ids.name} value={name} placeholder={t('portfolio.trains.namePlaceholder')} width={200} onChange={(e) => setName(e.currentTarget.value)} />
          </Stack>
          <Stack space="space.050">
            {/* Only a release owner of this project may create the train (nobody else can take its name). */}
            <label htmlFor={ids.project}>{t('portfolio.trains.yourProject')}</label>
            <Select<Choice> inputId={ids.project} options={projects ?? []} isLoading={!projects} value={project} onChange={(o) => setProject(o)} styles={{ container: (base) => ({ ...base, minWidth: 200 }) }} />
          </Stack>
          <TrainDateFields freezeDate={freezeDate} releaseDate={releaseDate} onFreezeDate={setFreezeDate} onReleaseDate={setReleaseDate} />
          <Button type="submit" appearance="primary" isLoading={saving} isDisabled={name.trim() === '' || !project}>
            {t('portfolio.trains.create')}
          </Button>
        </Inline>
        {problem && (
          <Text color="color.text.danger" role="alert">
            {problem}
          </Text>
        )}
      </Stack>
    </form>
  );
}

// ---- a train's panel --------------------------------------------------------------------------

const bannerStyle = xcss({ maxWidth: '960px' });

function TrainPanel({ trainId, onBack }: { trainId: string; onBack: () => void }) {
  const translator = useT();
  const { t, day, dateTime } = translator;
  const [state, setState] = useState<Load<TrainView>>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    setState({ kind: 'loading' });
    callResolver<TrainView>(TRAIN_KEYS.get, { trainId }).then(
      (data) => setState({ kind: 'loaded', data }),
      (error: unknown) => setState({ kind: 'error', message: errorMessage(error), notFound: isFailure(error, 'NOT_FOUND') }),
    );
  }, [trainId]);
  useEffect(load, [load]);

  /** Every change answers the fresh panel; a clash reloads it and says so. */
  const change = (key: string, payload: Record<string, unknown>, done?: string) => {
    if (state.kind !== 'loaded') return Promise.resolve(false);
    setBusy(true);
    return callResolver<TrainView>(key, { trainId, revision: state.data.revision, ...payload })
      .then((data) => {
        setState({ kind: 'loaded', data });
        if (done) flagSuccess(done);
        return true;
      })
      .catch((error: unknown) => {
        if (isFailure(error, 'CONFLICT')) {
          flagConflict(errorMessage(error), translator);
          load();
        } else flagError(t('portfolio.trains.notChanged'), error);
        return false;
      })
      .finally(() => setBusy(false));
  };

  const back = (
    <Button appearance="subtle" onClick={onBack}>
      {t('portfolio.trains.back')}
    </Button>
  );
  if (state.kind === 'loading') return <CenteredSpinner label={t('portfolio.trains.loadingTrain')} />;
  if (state.kind === 'error') {
    return (
      <Stack space="space.200">
        {back}
        <SectionMessage appearance={state.notFound ? 'warning' : 'error'} title={t(state.notFound ? 'portfolio.trains.notFound' : 'portfolio.trains.trainLoadError')} actions={state.notFound ? [] : <SectionMessageAction onClick={load}>{t('portfolio.retry')}</SectionMessageAction>}>
          <Text>{state.message}</Text>
        </SectionMessage>
      </Stack>
    );
  }
  const train = state.data;
  const disabled = !train.canEdit || busy;
  return (
    <Stack space="space.300">
      <Inline space="space.200" alignBlock="center">
        {back}
      </Inline>
      <Inline space="space.200" alignBlock="center">
        <Heading size="medium" as="h2">
          {t('portfolio.calendar.train', { name: train.name })}
        </Heading>
        <DecisionLozenge decision={train.decision} />
      </Inline>
      <Text>{t('portfolio.trains.schedule', { freeze: train.freezeDate ? day(train.freezeDate) : t('portfolio.trains.notSetLower'), release: train.releaseDate ? day(train.releaseDate) : t('portfolio.trains.notSetLower') })}</Text>
      {train.canEdit && <EditTrain key={train.revision} train={train} busy={busy} onSave={(edit) => change(TRAIN_KEYS.update, edit, t('portfolio.trains.saved'))} />}
      <ReadOnlyNote reason={train.readOnlyReason} />
      <Box xcss={bannerStyle}>
        <SectionMessage appearance={train.decision === 'go' ? 'success' : 'warning'} title={t(train.decision === 'go' ? 'portfolio.trains.goBanner' : 'portfolio.trains.noGoBanner')}>
          <Stack space="space.050">
            {train.reasons.map((reason) => (
              <Text key={reason}>{reason}</Text>
            ))}
            <Text size="small" color="color.text.subtlest">
              {t('portfolio.trains.rule', { rule: train.rule })}
            </Text>
          </Stack>
        </SectionMessage>
      </Box>
      <MembersSection train={train} disabled={disabled} onRemove={(m) => change(TRAIN_KEYS.removeMember, { projectKey: m.projectKey, versionId: m.versionId }, t('portfolio.trains.removed', { version: m.versionName }))} />
      {train.canEdit && <AddMember busy={busy} onAdd={(projectKey, versionId, label) => change(TRAIN_KEYS.addMember, { projectKey, versionId }, t('portfolio.trains.added', { version: label }))} />}
      <Stack space="space.100">
        <Heading size="small" as="h3">
          {t('portfolio.trains.gates')}
        </Heading>
        {train.gates.length === 0 && <Text>{t('portfolio.trains.noGates')}</Text>}
        {train.gates.map((gate) => (
          <Inline key={gate.id} space="space.100" alignBlock="center">
            <Checkbox label={gate.name} isChecked={gate.ticked} isDisabled={disabled} onChange={(e) => void change(TRAIN_KEYS.tick, { gateId: gate.id, ticked: e.currentTarget.checked })} />
            {gate.ticked && gate.tickedBy && (
              <Text size="small" color="color.text.subtlest">
                {gate.tickedAt ? t('portfolio.trains.tickedByOn', { who: gate.tickedBy, day: day(gate.tickedAt) }) : t('portfolio.trains.tickedBy', { who: gate.tickedBy })}
              </Text>
            )}
          </Inline>
        ))}
      </Stack>
      <Suspense fallback={<CenteredSpinner label={t('portfolio.trains.loadingPublish')} />}>
        <PublishTrainNotes trainId={train.id} />
      </Suspense>
      <TrainHealthSection trainId={train.id} />
      <Stack space="space.100">
        <Heading size="small" as="h3">
          {t('portfolio.trains.history')}
        </Heading>
        {train.history.length === 0 ? (
          <Text>{t('portfolio.trains.noHistory')}</Text>
        ) : (
          <ul aria-label={t('portfolio.trains.historyLabel')}>
            {train.history.map((h) => (
              <li key={h.id}>
                <Text>
                  {t('portfolio.trains.historyEntry', { at: dateTime(h.at), by: h.by, summary: h.summary })}
                </Text>
              </li>
            ))}
          </ul>
        )}
      </Stack>
    </Stack>
  );
}

function MembersSection({ train, disabled, onRemove }: { train: TrainView; disabled: boolean; onRemove: (member: Extract<TrainMemberView, { visible: true }>) => Promise<boolean> }) {
  const { t } = useT();
  const [confirming, setConfirming] = useState<string>();
  if (train.members.length === 0) {
    return (
      <Stack space="space.100">
        <Heading size="small" as="h3">
          {t('portfolio.trains.members')}
        </Heading>
        <Text>{t('portfolio.trains.noMembers')}</Text>
      </Stack>
    );
  }
  return (
    <Stack space="space.100">
      <DynamicTable
        caption={t('portfolio.trains.membersCaption')}
        head={{ cells: (['project', 'version', 'phase', 'decision', 'blocks', 'actions'] as const).map((key) => ({ key, content: t(`portfolio.trains.memberColumn.${key}`) })) }}
        rows={train.members.map((m, i) =>
          m.visible
            ? {
                key: m.versionId,
                cells: [
                  { key: 'project', content: m.projectKey },
                  {
                    key: 'version',
                    content: (
                      <Stack space="space.050">
                        {m.panelUrl ? (
                          <RouterLink href={m.panelUrl} newTab={false}>
                            {m.versionName}
                          </RouterLink>
                        ) : (
                          <Text>{m.versionName}</Text>
                        )}
                        {m.sameProjectNote && <Text size="small">{m.sameProjectNote}</Text>}
                      </Stack>
                    ),
                  },
                  { key: 'phase', content: m.phase },
                  { key: 'decision', content: <DecisionLozenge decision={m.decision} /> },
                  { key: 'blocks', content: m.failingGates.length ? m.failingGates.join(', ') : m.decision === 'go' ? t('portfolio.trains.nothing') : m.reason },
                  {
                    key: 'actions',
                    content:
                      confirming === m.versionId ? (
                        <InlineConfirm
                          question={t('portfolio.trains.removeQuestion', { version: m.versionName, train: train.name })}
                          confirmLabel={t('portfolio.trains.removeConfirm', { version: m.versionName })}
                          onCancel={() => setConfirming(undefined)}
                          onConfirm={() => void onRemove(m).then(() => setConfirming(undefined))}
                        />
                      ) : (
                        <Button appearance="subtle" isDisabled={disabled} aria-label={t('portfolio.trains.removeLabel', { version: m.versionName })} onClick={() => setConfirming(m.versionId)}>
                          {t('portfolio.trains.remove')}
                        </Button>
                      ),
                  },
                ],
              }
            : {
                key: `hidden-${i}`,
                cells: [
                  { key: 'project', content: '—' },
                  { key: 'version', content: m.label },
                  { key: 'phase', content: '—' },
                  { key: 'decision', content: <DecisionLozenge decision={m.decision} /> },
                  { key: 'blocks', content: '—' },
                  { key: 'actions', content: '' },
                ],
              },
        )}
      />
    </Stack>
  );
}

interface Choice {
  value: string;
  label: string;
}

/** The projects the person can see, as picker choices (the macro kit's resolver); undefined while loading. */
function useProjectChoices(onError: (message: string) => void): Choice[] | undefined {
  const [projects, setProjects] = useState<Choice[]>();
  useEffect(() => {
    callResolver<Array<{ id: string; key: string; name: string }>>(MACRO_KEYS.projects, {}).then(
      (list) => setProjects(list.map((p) => ({ value: p.key, label: `${p.name} (${p.key})` }))),
      (error: unknown) => onError(errorMessage(error)),
    );
  }, [onError]);
  return projects;
}

/** Project and version pickers (the macro kit's resolvers: only what the person can see). */
function AddMember({ busy, onAdd }: { busy: boolean; onAdd: (projectKey: string, versionId: string, label: string) => Promise<boolean> }) {
  const [project, setProject] = useState<Choice | null>(null);
  const [versions, setVersions] = useState<Choice[]>();
  const [version, setVersion] = useState<Choice | null>(null);
  const [problem, setProblem] = useState<string>();
  const { t } = useT();
  const projects = useProjectChoices(setProblem);
  const ids = { project: useId(), version: useId() };
  useEffect(() => {
    setVersion(null);
    setVersions(undefined);
    if (!project) return;
    callResolver<VersionRef[]>(MACRO_KEYS.versions, { projectKey: project.value }).then(
      (list) => setVersions(list.filter((v) => !v.released).map((v) => ({ value: v.id, label: v.name }))),
      (error: unknown) => setProblem(errorMessage(error)),
    );
  }, [project]);
  return (
    <Stack space="space.100">
      <Heading size="small" as="h3">
        {t('portfolio.trains.addVersion')}
      </Heading>
      <Inline space="space.200" alignBlock="end" shouldWrap>
        <Stack space="space.050">
          <label htmlFor={ids.project}>{t('portfolio.trains.memberColumn.project')}</label>
          <Select<Choice> inputId={ids.project} options={projects ?? []} isLoading={!projects} value={project} onChange={(o) => setProject(o)} styles={{ container: (base) => ({ ...base, minWidth: 180 }) }} />
        </Stack>
        <Stack space="space.050">
          <label htmlFor={ids.version}>{t('portfolio.trains.memberColumn.version')}</label>
          <Select<Choice> inputId={ids.version} options={versions ?? []} isDisabled={!project} isLoading={!!project && !versions} value={version} onChange={(o) => setVersion(o)} styles={{ container: (base) => ({ ...base, minWidth: 180 }) }} />
        </Stack>
        <Button
          appearance="primary"
          isDisabled={!project || !version || busy}
          onClick={() => {
            if (project && version) void onAdd(project.value, version.value, version.label).then((ok) => ok && setVersion(null));
          }}
        >
          {t('portfolio.trains.addToTrain')}
        </Button>
      </Inline>
      {problem && <Text color="color.text.danger">{problem}</Text>}
    </Stack>
  );
}

/** A train's freeze and release date pickers (the create form and the edit form). */
function TrainDateFields(props: { freezeDate: string; releaseDate: string; onFreezeDate: (day: string) => void; onReleaseDate: (day: string) => void }) {
  const { t } = useT();
  const ids = { freeze: useId(), release: useId() };
  return (
    <>
      <Stack space="space.050">
        <label htmlFor={ids.freeze}>{t('portfolio.trains.freezeDate')}</label>
        <Textfield id={ids.freeze} type="date" value={props.freezeDate} width={170} onChange={(e) => props.onFreezeDate(e.currentTarget.value)} />
      </Stack>
      <Stack space="space.050">
        <label htmlFor={ids.release}>{t('portfolio.trains.releaseDate')}</label>
        <Textfield id={ids.release} type="date" value={props.releaseDate} width={170} onChange={(e) => props.onReleaseDate(e.currentTarget.value)} />
      </Stack>
    </>
  );
}

/** Name, schedule and the train's own gates (one per line; a gate that keeps its name keeps its tick). */
function EditTrain({ train, busy, onSave }: { train: TrainView; busy: boolean; onSave: (edit: Record<string, unknown>) => Promise<boolean> }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(train.name);
  const [freezeDate, setFreezeDate] = useState(train.freezeDate ?? '');
  const [releaseDate, setReleaseDate] = useState(train.releaseDate ?? '');
  const [gates, setGates] = useState(train.gates.map((g) => g.name).join('\n'));
  const ids = { name: useId(), gates: useId() };
  if (!open) {
    return (
      <Inline>
        <Button onClick={() => setOpen(true)}>{t('portfolio.trains.edit')}</Button>
      </Inline>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const names = gates
      .split('\n')
      .map((g) => g.trim())
      .filter(Boolean);
    void onSave({ name, freezeDate, releaseDate, gates: names }).then((ok) => ok && setOpen(false));
  };
  return (
    <form onSubmit={submit} aria-label={t('portfolio.trains.edit')}>
      <Stack space="space.100">
        <Inline space="space.200" alignBlock="end" shouldWrap>
          <Stack space="space.050">
            <label htmlFor={ids.name}>{t('portfolio.trains.editName')}</label>
            <Textfield id={ids.name} value={name} width={200} onChange={(e) => setName(e.currentTarget.value)} />
          </Stack>
          <TrainDateFields freezeDate={freezeDate} releaseDate={releaseDate} onFreezeDate={setFreezeDate} onReleaseDate={setReleaseDate} />
        </Inline>
        <Stack space="space.050">
          <label htmlFor={ids.gates}>{t('portfolio.trains.editGates')}</label>
          <TextArea id={ids.gates} value={gates} minimumRows={3} resize="vertical" onChange={(e) => setGates(e.currentTarget.value)} />
        </Stack>
        <Inline space="space.100">
          <Button onClick={() => setOpen(false)}>{t('releases.confirm.cancel')}</Button>
          <Button type="submit" appearance="primary" isLoading={busy}>
            {t('portfolio.trains.save')}
          </Button>
        </Inline>
      </Stack>
    </form>
  );
}

/** The train's release health (its members that shipped), behind a button: the charts are a separate download. */
function TrainHealthSection({ trainId }: { trainId: string }) {
  const { t } = useT();
  const [shown, setShown] = useState(false);
  return (
    <Stack space="space.100">
      <Heading size="small" as="h3">
        {t('portfolio.trains.health')}
      </Heading>
      {shown ? (
        <Suspense fallback={<CenteredSpinner label={t('portfolio.health.loadingTrain')} />}>
          <TrainHealth trainId={trainId} />
        </Suspense>
      ) : (
        <Box>
          <Button onClick={() => setShown(true)}>{t('portfolio.trains.showHealth')}</Button>
        </Box>
      )}
    </Stack>
  );
}
