import { main } from '../../cli/main';
import { checkTrainGateAnswer } from '../../cli/contract';
import { trainGateAnswerSchema } from '../../src/shared/ci-gate';
import { scriptedIo as io } from './scripted-io';

/** `preflight-release gate --train <id>`: the members and the decision; exit 0 on go, 1 on no-go, 2 on errors. */
const train = (decision: 'go' | 'no-go') => ({
  status: 200,
  body: {
    train: '2026.12',
    name: '2026.12',
    decision,
    failingGates: decision === 'go' ? [] : ['Cross-team release sync held'],
    members: [
      { project: 'PAY', version: 'PAY 2.2', versionId: '1', phase: 'Deployment', decision: 'go', failingGates: [] },
      { project: 'MOB', version: '4.2', versionId: '2', phase: decision === 'go' ? 'Deployment' : 'Build & test', decision, failingGates: decision === 'go' ? [] : ['Every issue is done'] },
    ],
    reason: decision === 'go' ? 'All 2 members are go and every train gate is ticked.' : 'MOB 4.2 is no-go in Build & test: Every issue is done. Train gate not ticked: Cross-team release sync held.',
    rule: 'r',
    evaluatedAt: '2026-12-01T00:00:00Z',
  },
});
const ARGS = ['gate', '--gate-url', 'https://x.example/x1/abc', '--train', '2026.12'];

test('prints the members and the decision; exit 1 on no-go', async () => {
  const t = io([train('no-go')]);
  expect(await main(ARGS, t.fake)).toBe(1);
  expect(t.requests()).toEqual(['https://x.example/x1/abc?train=2026.12']);
  expect(t.out).toEqual([
    'Preflight: NO-GO for the train 2026.12',
    'Members:',
    '  GO    PAY 2.2 (phase: Deployment)',
    '  NO-GO MOB 4.2 (phase: Build & test)',
    '        - Every issue is done',
    'Train gates not ticked:',
    '  - Cross-team release sync held',
    'Why: MOB 4.2 is no-go in Build & test: Every issue is done. Train gate not ticked: Cross-team release sync held.',
    'Evaluated at 2026-12-01T00:00:00Z',
  ]);
});

test('exit 0 on go, polling with --wait; --json prints the answer', async () => {
  const t = io([train('no-go'), train('go')]);
  expect(await main([...ARGS, '--wait', '5m', '--interval', '1m', '--json'], t.fake)).toBe(0);
  expect(t.sleeps).toEqual([60_000]);
  expect(JSON.parse(t.out[0]!)).toMatchObject({ train: '2026.12', decision: 'go' });
});

test('refuses --train with --project or a malformed train id, before any request (exit 2)', async () => {
  const t = io([]);
  expect(await main([...ARGS, '--project', 'PAY'], t.fake)).toBe(2);
  expect(t.err[0]).toMatch(/^--train: ask about a train or about one release/);
  expect(await main(['gate', '--gate-url', 'https://x.example/x1/abc', '--train', 'Bad Train'], t.fake)).toBe(2);
  expect(t.err[1]).toMatch(/^--train: expected a train id/);
  expect(t.requests()).toEqual([]);
});

test('an answer of the wrong shape is an error (exit 2)', async () => {
  const t = io([{ status: 200, body: { ...train('go').body, members: [{ project: 'PAY' }] } }]);
  expect(await main(ARGS, t.fake)).toBe(2);
  expect(t.err[0]).toMatch(/members: expected a list of members/);
});

test.each([
  ['a go answer', train('go').body],
  ['a no-go answer', train('no-go').body],
  ['an answer with a field added later', { ...train('go').body, calendar: 'x' }],
  ['a member without a phase', { ...train('go').body, members: [{ project: 'PAY', version: '1', decision: 'go', failingGates: [] }] }],
  ['an unknown decision', { ...train('go').body, decision: 'maybe' }],
  ['no members list', { ...train('go').body, members: undefined }],
  ['an error body', { error: 'There is no release train "x".' }],
])('the CLI and the app agree on a train answer: %s', (_name, body) => {
  expect(checkTrainGateAnswer(body).ok).toBe(trainGateAnswerSchema.safeParse(body).success);
});
