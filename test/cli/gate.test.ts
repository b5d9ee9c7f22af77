import { main } from '../../cli/main';
import { parseDuration, retryDelayMs } from '../../cli/http';
import { scriptedIo as io } from './scripted-io';

const answer = (decision: 'go' | 'no-go') => ({ status: 200, body: { project: 'SHOP', version: '1.4.0', phase: decision === 'go' ? 'Deployment' : 'Release preparation', decision, failingGates: decision === 'go' ? [] : ['Go/no-go'], evaluatedAt: '2026-01-01T00:00:00Z' } });
const ARGS = ['gate', '--gate-url', 'https://x.example/x1/abc', '--project', 'SHOP', '--version', '1.4.0'];

test('polls with --wait until go, then exits 0', async () => {
  const t = io([answer('no-go'), answer('no-go'), answer('go')]);
  expect(await main([...ARGS, '--wait', '5m', '--interval', '1m'], t.fake)).toBe(0);
  expect(t.sleeps).toEqual([60_000, 60_000]);
  expect(t.out[0]).toBe('Preflight: GO for SHOP 1.4.0 (phase: Deployment)');
  expect(t.requests()[0]).toBe('https://x.example/x1/abc?project=SHOP&version=1.4.0');
});

test('gives up when --wait runs out and exits 1 with the last answer', async () => {
  const t = io([answer('no-go'), answer('no-go'), answer('no-go')]);
  expect(await main([...ARGS, '--wait', '90s', '--interval', '60s', '--json'], t.fake)).toBe(1);
  expect(t.sleeps).toEqual([60_000, 30_000]);
  expect(JSON.parse(t.out[0]!)).toMatchObject({ decision: 'no-go', failingGates: ['Go/no-go'] });
});

test('retries 5xx with bounded exponential backoff, then exits 2', async () => {
  const t = io([{ status: 503, body: {} }, { status: 503, body: {} }, { status: 502, body: { error: 'bad gateway' } }]);
  expect(await main([...ARGS, '--retries', '2'], t.fake)).toBe(2);
  expect(t.sleeps).toEqual([1000, 2000]);
  expect(t.err.at(-1)).toBe('Preflight answered 502: bad gateway');
});

test('does not retry a 400, and says why', async () => {
  const t = io([{ status: 400, body: { error: 'Malformed request: version: required' } }]);
  expect(await main(ARGS, t.fake)).toBe(2);
  expect(t.sleeps).toEqual([]);
  expect(t.err).toEqual(['Preflight answered 400: Malformed request: version: required']);
});

test('refuses to run without the secret or with bad arguments (exit 2)', async () => {
  const t = io([]);
  expect(await main(ARGS, { ...t.fake, env: {} })).toBe(2);
  expect(t.err[0]).toMatch(/^PREFLIGHT_GATE_SECRET is not set/);
  expect(await main([...ARGS, '--wait', 'soon'], t.fake)).toBe(2);
  expect(t.err[1]).toMatch(/^--wait: expected a duration/);
  expect(t.requests()).toEqual([]);
});

test('never sends the secret over plain http, except to this machine', async () => {
  const t = io([]);
  const plain = ['gate', '--gate-url', 'http://ci.example.com/x1/abc', '--project', 'SHOP', '--version', '1.4.0'];
  expect(await main(plain, t.fake)).toBe(2);
  expect(t.err[0]).toMatch(/^--gate-url: expected an https URL \(plain http only for localhost\), so the gate secret is never sent in the clear\n/);
  expect(t.requests()).toEqual([]);
});

test('sends the secret in its header, never in the URL, and asks with GET', async () => {
  const t = io([answer('go')]);
  expect(await main(ARGS, t.fake)).toBe(0);
  expect(t.sent[0]).toMatchObject({ method: 'GET', headers: { 'x-preflight-secret': 'pfg_test', 'user-agent': 'preflight-release' } });
  expect(t.sent[0]!.url).not.toContain('pfg_test');
});

test('names a version once when its name already starts with the project key', async () => {
  const t = io([{ status: 200, body: { ...answer('no-go').body, project: 'PAY', version: 'PAY 2.2' } }]);
  expect(await main(['gate', '--gate-url', 'https://x.example/x1/abc', '--project', 'PAY', '--version', 'PAY 2.2'], t.fake)).toBe(1);
  expect(t.out[0]).toBe('Preflight: NO-GO for PAY 2.2 (phase: Release preparation)');
});

test('takes the web trigger URL from PREFLIGHT_GATE_URL when --gate-url is left out', async () => {
  const t = io([answer('go')], { PREFLIGHT_GATE_SECRET: 'pfg_test', PREFLIGHT_GATE_URL: 'https://y.example/x1/def' });
  expect(await main(['gate', '--project', 'SHOP', '--version', '1.4.0'], t.fake)).toBe(0);
  expect(t.requests()).toEqual(['https://y.example/x1/def?project=SHOP&version=1.4.0']);
});

test('--url is not the gate address: says which option is (exit 2, nothing sent)', async () => {
  const t = io([]);
  expect(await main(['gate', '--url', 'https://x.example/x1/abc', '--project', 'SHOP', '--version', '1.4.0'], t.fake)).toBe(2);
  expect(t.err[0]).toMatch(/^--url: the web trigger address is --gate-url \(or PREFLIGHT_GATE_URL\)/);
  expect(t.requests()).toEqual([]);
});

test('help lists both commands under the scoped package\'s command name', async () => {
  const t = io([]);
  expect(await main(['--help'], t.fake)).toBe(0);
  expect(t.out[0]).toMatch(/^Usage: preflight-release <command>/);
  expect(t.out[0]).toMatch(/^ {2}gate {7}ask whether a release may deploy/m);
  expect(t.out[0]).toMatch(/^ {2}deployed {3}report a deployment/m);
  expect(await main(['deploy'], t.fake)).toBe(2);
  expect(t.err[0]).toMatch(/^Unknown command "deploy"/);
});

test.each([
  ['30s', 30_000],
  ['15m', 900_000],
  ['2h', 7_200_000],
  ['1500ms', 1500],
  ['45', 45_000],
])('reads the duration %s', (text, ms) => expect(parseDuration(text, '--wait')).toBe(ms));

test('Retry-After in seconds or as a date, capped at a minute', () => {
  expect(retryDelayMs('2', 0, 0)).toBe(2000);
  expect(retryDelayMs('3600', 0, 0)).toBe(60_000);
  expect(retryDelayMs(new Date(10_000).toUTCString(), 0, 0)).toBe(10_000);
  expect(retryDelayMs(null, 3, 0)).toBe(8000);
});

test('names the version once whichever way the project key is typed or the version spells it', async () => {
  for (const [project, version] of [['pay', 'PAY 2.2'], ['PAY', 'PAY-2.2'], ['Pay', 'pay_2.2']] as const) {
    const t = io([{ status: 200, body: { ...answer('no-go').body, project, version } }]);
    expect(await main(['gate', '--gate-url', 'https://x.example/x1/abc', '--project', project, '--version', version], t.fake)).toBe(1);
    expect(t.out[0]).toBe(`Preflight: NO-GO for ${version} (phase: Release preparation)`);
  }
  const t = io([{ status: 200, body: { ...answer('no-go').body, project: 'PAY', version: '2.2' } }]);
  expect(await main(['gate', '--gate-url', 'https://x.example/x1/abc', '--project', 'PAY', '--version', '2.2'], t.fake)).toBe(1);
  expect(t.out[0]).toBe('Preflight: NO-GO for PAY 2.2 (phase: Release preparation)');
});
