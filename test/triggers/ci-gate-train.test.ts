import type { Envelope } from '../../src/shared/envelope';
import { GATE_SECRET_HEADER, trainGateAnswerSchema } from '../../src/shared/ci-gate';
import { TRAIN_KEYS, type TrainView } from '../../src/shared/trains';
import { triggerSite } from './helpers';

/** The CI gate web trigger asked about a release train (`train=<id>`), as Forge runs it. */
const t = triggerSite({ issues: 120 });
const parse = (body: string) => JSON.parse(body) as Record<string, unknown>;
const trains = async (functionKey: string, payload: unknown) => {
  const answer = await t.site.invoke<Envelope<TrainView>>({ as: 'release-owner', functionKey, payload, moduleKey: 'preflight-portfolio', extension: { type: 'jira:globalPage' } });
  if (!answer.ok) throw new Error(`${functionKey}: ${answer.error.message}`);
  return answer.data;
};
let paySecret = '';
let view: TrainView;

beforeAll(async () => {
  paySecret = await t.secret('PAY');
  view = await trains(TRAIN_KEYS.create, { name: '2026.12', projectKey: 'PAY', releaseDate: '2026-12-15' });
  view = await trains(TRAIN_KEYS.addMember, { trainId: '2026.12', revision: view.revision, projectKey: 'PAY', versionId: t.version('PAY 2.2').id });
  view = await trains(TRAIN_KEYS.addMember, { trainId: '2026.12', revision: view.revision, projectKey: 'MOB', versionId: t.version('MOB 4.2').id });
}, 60_000);
afterEach(() => expect(t.site.violations).toEqual([]));

it('answers no-go naming each member with its phase and failing gates, and the unticked train gates, without issue content', async () => {
  await t.advance(t.version('PAY 2.2').id, 1); // -> Build & test
  const before = t.site.calls.length;
  const answer = await t.gate({ train: '2026.12' }, { [GATE_SECRET_HEADER]: paySecret });
  const calls = t.site.calls.length - before;
  console.log(`CI gate for a train of 2 members: ${calls} REST calls`);
  // Each member costs what a version's answer costs (at most 8 calls), whatever the releases' size.
  expect(calls).toBeLessThanOrEqual(16);
  expect(answer.statusCode).toBe(200);
  const body = trainGateAnswerSchema.parse(parse(answer.body));
  expect(body).toMatchObject({ train: '2026.12', name: '2026.12', decision: 'no-go', failingGates: ['Cross-team release sync held', 'Rollback plan agreed for every member', 'Support and on-call briefed for every member'] });
  expect(body.members).toEqual([
    expect.objectContaining({ project: 'PAY', version: 'PAY 2.2', phase: 'Build & test', decision: 'no-go', failingGates: expect.arrayContaining(['Every issue is done']) }),
    expect.objectContaining({ project: 'MOB', version: 'MOB 4.2', phase: 'Planning', decision: 'no-go' }),
  ]);
  expect(body.reason).toMatch(/PAY 2.2 is no-go in Build & test/);
  expect(body.rule).toMatch(/every member version is go/);
  // Never issue content: no issue keys, no summaries.
  expect(answer.body).not.toMatch(/(PAY|MOB)-\d+/);
  for (const issue of t.site.jira.issues.slice(0, 50)) expect(answer.body).not.toContain(issue.summary);
}, 60_000);

it('answers go once both members are go and every train gate is ticked (POSTed JSON too)', async () => {
  await t.advance(t.version('PAY 2.2').id, 2); // -> Deployment
  await t.advance(t.version('MOB 4.2').id, 3, 'MOB');
  view = await trains(TRAIN_KEYS.get, { trainId: '2026.12' });
  for (const gate of view.gates) view = await trains(TRAIN_KEYS.tick, { trainId: '2026.12', revision: view.revision, gateId: gate.id, ticked: true });
  const answer = await t.gate({}, { [GATE_SECRET_HEADER]: paySecret }, 'POST', JSON.stringify({ train: '2026.12' }));
  expect(answer.statusCode).toBe(200);
  expect(trainGateAnswerSchema.parse(parse(answer.body))).toMatchObject({ decision: 'go', failingGates: [], members: [expect.objectContaining({ decision: 'go', phase: 'Deployment' }), expect.objectContaining({ decision: 'go' })] });
}, 120_000);

it('refuses a missing or wrong secret with 401 before any Jira call; the other member project\'s secret opens it too', async () => {
  const before = t.site.calls.length;
  expect((await t.gate({ train: '2026.12' })).statusCode).toBe(401);
  const wrong = await t.gate({ train: '2026.12' }, { [GATE_SECRET_HEADER]: `${paySecret}x` });
  expect(wrong.statusCode).toBe(401);
  expect(parse(wrong.body).error).toBe('No release train "2026.12" accepts this secret: check the train\'s id, and send the gate secret of one of its member projects.');
  expect(t.site.calls.length).toBe(before);
  const mobSecret = await t.secret('MOB');
  expect((await t.gate({ train: '2026.12' }, { [GATE_SECRET_HEADER]: mobSecret })).statusCode).toBe(200);
});

it('answers an unknown train as a wrong secret (401: which trains exist stays private) and 400 naming the field for bad input', async () => {
  const unknown = await t.gate({ train: 'no-such-train' }, { [GATE_SECRET_HEADER]: paySecret });
  expect(unknown.statusCode).toBe(401);
  expect(parse(unknown.body).error).toBe('No release train "no-such-train" accepts this secret: check the train\'s id, and send the gate secret of one of its member projects.');
  const bad = await t.gate({ train: 'Bad Train!' }, { [GATE_SECRET_HEADER]: paySecret });
  expect(bad.statusCode).toBe(400);
  expect(parse(bad.body).error).toContain('train: expected a train id');
  const mixed = await t.gate({ train: '2026.12', project: 'PAY' }, { [GATE_SECRET_HEADER]: paySecret });
  expect(mixed.statusCode).toBe(400);
  expect(parse(mixed.body).error).toContain('unknown parameter project');
});
