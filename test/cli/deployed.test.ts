import { main } from '../../cli/main';
import { scriptedIo as io } from './scripted-io';

const URL_ = 'https://x.example/x1/abc';
const ARGS = ['deployed', '--gate-url', URL_, '--project', 'PAY', '--env', 'production', '--build', '2.2.0', '--status', 'successful'];
const recorded = (extra: Record<string, unknown> = {}) => ({
  status: 200,
  body: { recorded: true, project: 'PAY', environment: 'production', kind: 'production', build: '2.2.0', status: 'successful', release: { version: 'PAY 2.2' }, message: 'Build 2.2.0 is in production since 2026-01-01T10:00:00Z.', ...extra },
});

test('POSTs the deployment report as JSON with the secret header, and says what was recorded (exit 0)', async () => {
  const t = io([recorded()]);
  const code = await main([...ARGS, '--version', 'v2.2.0', '--url', 'https://ci.example/run/42', '--pipeline', 'deploy #42'], t.fake);
  expect(code).toBe(0);
  expect(t.sent).toEqual([
    {
      url: URL_,
      method: 'POST',
      headers: expect.objectContaining({ 'x-preflight-secret': 'pfg_test', 'content-type': 'application/json', accept: 'application/json' }),
      body: { project: 'PAY', deployment: { environment: 'production', build: '2.2.0', status: 'successful', version: 'v2.2.0', url: 'https://ci.example/run/42', pipeline: 'deploy #42' } },
    },
  ]);
  expect(t.out).toEqual(['Preflight: recorded build 2.2.0 successful in production for PAY 2.2', 'Build 2.2.0 is in production since 2026-01-01T10:00:00Z.']);
});

test('leaves out the optional fields it was not given, and names the kind of a free-text environment', async () => {
  const t = io([recorded({ environment: 'UAT', kind: 'staging', status: 'failed', release: null, message: 'Recorded 2.2.0 in UAT (staging). No open release has build 2.2.0 under test.' })]);
  expect(await main(['deployed', '--gate-url', URL_, '--project', 'PAY', '--env', 'UAT', '--build', '2.2.0', '--status', 'failed'], t.fake)).toBe(0);
  expect(t.sent[0]!.body).toEqual({ project: 'PAY', deployment: { environment: 'UAT', build: '2.2.0', status: 'failed' } });
  expect(t.out).toEqual(['Preflight: recorded build 2.2.0 failed in UAT (staging) for PAY, no release matched', 'Recorded 2.2.0 in UAT (staging). No open release has build 2.2.0 under test.']);
});

test('--json prints the answer as it came', async () => {
  const t = io([recorded()]);
  expect(await main([...ARGS, '--json'], t.fake)).toBe(0);
  expect(JSON.parse(t.out[0]!)).toEqual(recorded().body);
});

test.each([
  [['--status', 'done'], /^--status: expected one of pending, in_progress, successful, failed, rolled_back, cancelled, unknown, got "done"/],
  [['--url', 'ci.example/run/42'], /^--url: expected an http\(s\) link to the deployment/],
])('refuses bad arguments before sending anything (%j)', async (extra, message) => {
  const t = io([]);
  const args = [...ARGS];
  const at = args.indexOf(extra[0]!);
  if (at >= 0) args.splice(at, 2);
  expect(await main([...args, ...extra], t.fake)).toBe(2);
  expect(t.err[0]).toMatch(message);
  expect(t.sent).toEqual([]);
});

test.each(['--env', '--build', '--status', '--project'])('requires %s', async (flag) => {
  const t = io([]);
  const args = [...ARGS];
  args.splice(args.indexOf(flag), 2);
  expect(await main(args, t.fake)).toBe(2);
  expect(t.err[0]).toMatch(new RegExp(`^${flag} is required`));
});

test('a refusal from Preflight is an error with its reason (exit 2), not retried', async () => {
  const t = io([{ status: 400, body: { error: 'Malformed request: deployment.build: expected at most 255 characters' } }]);
  expect(await main(ARGS, t.fake)).toBe(2);
  expect(t.sleeps).toEqual([]);
  expect(t.err).toEqual(['Preflight answered 400: Malformed request: deployment.build: expected at most 255 characters']);
});

test('a wrong secret is an error (exit 2) and the secret is never printed', async () => {
  const t = io([{ status: 401, body: { error: 'Wrong secret for PAY: use the gate secret from the project\'s Preflight settings.' } }]);
  expect(await main([...ARGS, '--json'], t.fake)).toBe(2);
  expect(JSON.parse(t.out[0]!)).toEqual({ error: 'Preflight answered 401: Wrong secret for PAY: use the gate secret from the project\'s Preflight settings.', status: 401 });
  expect([...t.out, ...t.err].join('\n')).not.toContain('pfg_test');
});

test('retries 429 and 5xx (a report states where a build is, so sending it twice is harmless)', async () => {
  const t = io([{ status: 429, body: {}, headers: { 'retry-after': '3' } }, { status: 503, body: {} }, recorded()]);
  expect(await main(ARGS, t.fake)).toBe(0);
  expect(t.sleeps).toEqual([3000, 2000]);
  expect(t.sent).toHaveLength(3);
  expect(t.err[0]).toBe('Preflight answered 429; retrying in 3 s (attempt 2 of 5).');
});

test('an answer of the wrong shape is an error naming the field', async () => {
  const t = io([{ status: 200, body: { recorded: true, project: 'PAY' } }]);
  expect(await main(ARGS, t.fake)).toBe(2);
  expect(t.err).toEqual(['Preflight\'s answer had an unexpected shape: environment: expected a string']);
});
