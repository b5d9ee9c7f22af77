import { createEmulatedSite, projectPageExtension } from '../../local/emulated-site';
import type { Envelope } from '../../src/shared/envelope';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';
import { TRAIN_KEYS, type TrainList, type TrainView } from '../../src/shared/trains';
import { kvsTrainStore } from '../../src/adapters/kvs-trains';
import { LOCAL_USERS } from '../../local/sim/users';

/** Release trains through the emulated site: the Jira global page's resolvers, as each person. */
const site = createEmulatedSite({ issues: 120 });
type Persona = 'release-owner' | 'developer' | 'qa' | 'viewer';
const call = <T>(as: Persona, functionKey: string, payload: unknown) => site.invoke<Envelope<T>>({ as, functionKey, payload, moduleKey: 'preflight-portfolio', extension: { type: 'jira:globalPage' } });
async function ok<T>(as: Persona, functionKey: string, payload: unknown): Promise<T> {
  const answer = await call<T>(as, functionKey, payload);
  if (!answer.ok) throw new Error(`${functionKey} as ${as}: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}
const version = (name: string) => site.jira.versions.find((v) => v.name === name)!;
async function advance(project: string, versionId: string, times: number) {
  const as = { as: 'release-owner' as const, moduleKey: 'preflight-releases', extension: projectPageExtension(site, project) };
  let view = (await site.invoke<Envelope<ReleaseView>>({ ...as, functionKey: PANEL_KEYS.get, payload: { versionId } })) as { ok: true; data: ReleaseView };
  for (let i = 0; i < times; i++) {
    view = (await site.invoke<Envelope<ReleaseView>>({ ...as, functionKey: PANEL_KEYS.advance, payload: { versionId, revision: view.data.revision, override: { reason: 'Moving on for the train test' } } })) as { ok: true; data: ReleaseView };
    expect(view.ok).toBe(true);
  }
}

afterEach(() => expect(site.violations).toEqual([]));

const pay = version('PAY 2.2');
const mob = version('MOB 4.2');
let train: TrainView;

it('a release owner of PAY and MOB creates a train, adds a version of each and sees it no-go naming who blocks', async () => {
  train = await ok<TrainView>('release-owner', TRAIN_KEYS.create, { name: '2026.12', projectKey: 'PAY', freezeDate: '2026-12-01', releaseDate: '2026-12-15' });
  expect(train).toMatchObject({ id: '2026.12', name: '2026.12', members: [], decision: 'no-go', canEdit: true });
  train = await ok<TrainView>('release-owner', TRAIN_KEYS.addMember, { trainId: train.id, revision: train.revision, projectKey: 'PAY', versionId: pay.id });
  train = await ok<TrainView>('release-owner', TRAIN_KEYS.addMember, { trainId: train.id, revision: train.revision, projectKey: 'MOB', versionId: mob.id });
  expect(train.members).toEqual([
    expect.objectContaining({ visible: true, projectKey: 'PAY', versionName: 'PAY 2.2', phase: 'Planning', decision: 'no-go' }),
    expect.objectContaining({ visible: true, projectKey: 'MOB', versionName: 'MOB 4.2', phase: 'Planning', decision: 'no-go' }),
  ]);
  expect(train.decision).toBe('no-go');
  expect(train.reasons[0]).toMatch(/^PAY 2.2 is no-go in Planning/);
  expect(train.reasons.at(-1)).toMatch(/^Train gates not ticked: Cross-team release sync held/);
  expect(train.history.map((h) => h.summary)).toEqual(['Added MOB 4.2', 'Added PAY 2.2', 'Created the train 2026.12 (freeze Dec 1, 2026, release Dec 15, 2026)']);
  expect(train.history[0]!.by).toBe('Rita Owens');
  const list = await ok<TrainList>('viewer', TRAIN_KEYS.list, {});
  expect(list.trains).toEqual([expect.objectContaining({ id: '2026.12', memberCount: 2, decision: 'no-go' })]);
}, 60_000);

it('a viewer sees the train read-only and is refused every change; nothing changes', async () => {
  const seen = await ok<TrainView>('viewer', TRAIN_KEYS.get, { trainId: '2026.12' });
  expect(seen).toMatchObject({ canEdit: false, readOnlyReason: expect.stringMatching(/Release owner role in every member project; you do not have it in MOB and PAY/) });
  const before = await kvsTrainStore().get('2026.12');
  for (const [key, payload] of [
    [TRAIN_KEYS.tick, { trainId: '2026.12', revision: train.revision, gateId: 'tg-1', ticked: true }],
    [TRAIN_KEYS.update, { trainId: '2026.12', revision: train.revision, name: 'Hijacked' }],
    [TRAIN_KEYS.removeMember, { trainId: '2026.12', revision: train.revision, projectKey: 'PAY', versionId: pay.id }],
    [TRAIN_KEYS.addMember, { trainId: '2026.12', revision: train.revision, projectKey: 'PAY', versionId: version('PAY 2.1').id }],
  ] as const) {
    const answer = await call('viewer', key, payload);
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }
  expect(await kvsTrainStore().get('2026.12')).toEqual(before);
  // Nor may a viewer create a train (and so take a name the teams will want): no train is stored.
  const squat = await call('viewer', TRAIN_KEYS.create, { name: '2027.01', projectKey: 'PAY' });
  expect(squat).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('Release owner role in the project it starts from; you do not have it in PAY') } });
  expect(await kvsTrainStore().get('2027.01')).toBeUndefined();
}, 60_000);

it.each([
  [TRAIN_KEYS.create, { name: '', projectKey: 'PAY' }, 'name'],
  [TRAIN_KEYS.create, { name: 'x', projectKey: 'PAY', releaseDate: '15/12/2026' }, 'releaseDate'],
  [TRAIN_KEYS.create, { name: 'x', projectKey: 'pay' }, 'projectKey'],
  [TRAIN_KEYS.get, { trainId: 'Not An Id' }, 'trainId'],
  [TRAIN_KEYS.addMember, { trainId: '2026.12', revision: 1, projectKey: 'pay', versionId: '1' }, 'projectKey'],
  [TRAIN_KEYS.tick, { trainId: '2026.12', revision: 'one', gateId: 'tg-1', ticked: true }, 'revision'],
  [TRAIN_KEYS.tick, { trainId: '2026.12', revision: 1, gateId: 'tg-1', ticked: 'yes' }, 'ticked'],
])('%s refuses %j naming the field %s', async (key, payload, field) => {
  const answer = await call('release-owner', key, payload);
  expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [expect.objectContaining({ field })] } });
  expect((answer as { error: { message: string } }).error.message).toContain(`${field}:`);
});

it('refuses a stale revision and an unknown train', async () => {
  expect(await call('release-owner', TRAIN_KEYS.tick, { trainId: '2026.12', revision: train.revision - 1, gateId: 'tg-1', ticked: true })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  expect(await call('release-owner', TRAIN_KEYS.get, { trainId: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(await call('release-owner', TRAIN_KEYS.create, { name: '2026.12', projectKey: 'PAY' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
});

it('is go only when both members are go and every train gate is ticked', async () => {
  await advance('PAY', pay.id, 3); // Planning -> Build & test -> Release preparation -> Deployment
  let view = await ok<TrainView>('release-owner', TRAIN_KEYS.get, { trainId: '2026.12' });
  expect(view.members.map((m) => m.decision)).toEqual(['go', 'no-go']);
  expect(view.decision).toBe('no-go');
  await advance('MOB', mob.id, 3);
  view = await ok<TrainView>('release-owner', TRAIN_KEYS.get, { trainId: '2026.12' });
  expect(view.members.map((m) => m.decision)).toEqual(['go', 'go']);
  expect(view).toMatchObject({ decision: 'no-go', reasons: [expect.stringMatching(/^Train gates not ticked/)] });
  for (const gate of view.gates) view = await ok<TrainView>('release-owner', TRAIN_KEYS.tick, { trainId: '2026.12', revision: view.revision, gateId: gate.id, ticked: true });
  expect(view).toMatchObject({ decision: 'go', reasons: ['All 2 members are go and every train gate is ticked.'] });
  expect(view.gates.every((g) => g.ticked && g.tickedBy === 'Rita Owens')).toBe(true);
  view = await ok<TrainView>('release-owner', TRAIN_KEYS.tick, { trainId: '2026.12', revision: view.revision, gateId: 'tg-2', ticked: false });
  expect(view.decision).toBe('no-go');
}, 120_000);

it('edits the schedule and the train gates: a gate that keeps its name keeps its tick, a new gate starts unticked', async () => {
  let view = await ok<TrainView>('release-owner', TRAIN_KEYS.get, { trainId: '2026.12' });
  view = await ok<TrainView>('release-owner', TRAIN_KEYS.update, { trainId: '2026.12', revision: view.revision, releaseDate: '2026-12-18', gates: ['Cross-team release sync held', 'Status page notice drafted'] });
  expect(view).toMatchObject({ id: '2026.12', releaseDate: '2026-12-18', freezeDate: '2026-12-01', decision: 'no-go' });
  expect(view.gates.map((g) => [g.name, g.ticked])).toEqual([
    ['Cross-team release sync held', true],
    ['Status page notice drafted', false],
  ]);
  expect(view.history.slice(0, 2).map((h) => h.summary)).toEqual([
    'Train gates: added "Status page notice drafted" and removed "Rollback plan agreed for every member" and "Support and on-call briefed for every member"',
    'Rescheduled the train: freeze Dec 1, 2026, release Dec 18, 2026',
  ]);
  const refused = await call('release-owner', TRAIN_KEYS.update, { trainId: '2026.12', revision: view.revision, freezeDate: '2026-12-20' });
  expect(refused).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', fields: [{ field: 'freezeDate' }] } });
}, 60_000);

it('a person who cannot see MOB sees the train with the MOB member as "a version you cannot see" (its decision only) and MOB out of the history', async () => {
  const mobProject = site.jira.projects.find((p) => p.key === 'MOB')!;
  const viewer = LOCAL_USERS.find((u) => u.persona === 'viewer')!.accountId;
  const saved = site.jira.roles.map((role) => [role, role.actors[mobProject.id]] as const);
  for (const role of site.jira.roles) role.actors[mobProject.id] = (role.actors[mobProject.id] ?? []).filter((a) => a !== viewer);
  try {
    const seen = await ok<TrainView>('viewer', TRAIN_KEYS.get, { trainId: '2026.12' });
    expect(seen.members).toEqual([expect.objectContaining({ visible: true, projectKey: 'PAY', versionName: 'PAY 2.2' }), { visible: false, label: 'A version you cannot see', decision: 'go' }]);
    expect(JSON.stringify(seen)).not.toContain('MOB 4.2');
    expect(seen.history.map((h) => h.summary)).toContain('Added a version you cannot see');
    expect(seen.canEdit).toBe(false);
  } finally {
    for (const [role, actors] of saved) role.actors[mobProject.id] = actors ?? [];
  }
}, 60_000);
