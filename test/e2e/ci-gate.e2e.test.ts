import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalSite, type LocalSite } from '../../local/site/compose';
import { LOCAL_USERS } from '../../local/sim/users';
import { INTEGRATION_KEYS, type IntegrationsView, type RotatedSecret } from '../../src/shared/notifications';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';

/**
 * The CLI (cli/, run from source through tsx; test/cli/packed-cli.test.ts runs the packed file), as a separate process, against the local site's web trigger URL:
 * the same handler the manifest names, run through the local Forge runtime.
 */
const APP_ROOT = join(__dirname, '..', '..');
const CLI = join(APP_ROOT, 'cli', 'preflight.ts');
const RITA = LOCAL_USERS.find((u) => u.persona === 'release-owner')!;

let site: LocalSite;
let dataDir: string;
let gateUrl: string;
let secret: string;
let project: { id: string; key: string };

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, 'gate', ...args], { cwd: APP_ROOT, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

async function invoke<T>(functionKey: string, payload: unknown, moduleKey = 'preflight-settings'): Promise<T> {
  const response = await fetch(`${site.url}/api/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ moduleKey, functionKey, payload, accountId: RITA.accountId, extension: { project: { ...project, type: 'software' } } }),
  });
  const body = (await response.json()) as { result: { ok: boolean; data?: T; error?: unknown } };
  if (!body.result.ok) throw new Error(`${functionKey}: ${JSON.stringify(body.result.error)}`);
  return body.result.data as T;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'preflight-ci-gate-'));
  site = await createLocalSite({ dataDir, reset: true, port: 0, seedIssues: 200, appRoot: APP_ROOT, log: () => {} });
  const auth = `Basic ${Buffer.from(`${RITA.emailAddress}:token`).toString('base64')}`;
  project = (await (await fetch(`${site.url}/rest/api/3/project/PAY`, { headers: { authorization: auth } })).json()) as { id: string; key: string };
  // The settings section shows the URL the platform gives the app (webTrigger.getUrl), as Forge would.
  const view = await invoke<IntegrationsView>(INTEGRATION_KEYS.get, {});
  gateUrl = view.gate.url!;
  secret = (await invoke<RotatedSecret>(INTEGRATION_KEYS.rotateGateSecret, {})).secret;
});

afterAll(async () => {
  await site?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('the web trigger URL is shaped like Forge\'s and is the one the site serves', () => {
  expect(gateUrl).toMatch(new RegExp(`^${site.url}/x1/[0-9a-f]{32}$`));
  expect(site.webTriggerUrls['preflight-ci-gate']).toBe(gateUrl);
});

test('no-go: exit 1 with a readable summary naming the failing gates', async () => {
  const run = await cli(['--gate-url', gateUrl, '--project', 'PAY', '--version', 'PAY 2.2'], { PREFLIGHT_GATE_SECRET: secret });
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(/^Preflight: NO-GO for PAY 2\.2 \(phase: Planning\)$/m);
  expect(run.stdout).toContain('Failing gates:');
  expect(run.stdout).not.toMatch(/PAY-\d+/);
});

test('go: exit 0 once the release reached Deployment, with --json for machines', async () => {
  const versions = (await (await fetch(`${site.url}/rest/api/3/project/PAY/versions`, { headers: { authorization: `Basic ${Buffer.from(`${RITA.emailAddress}:t`).toString('base64')}` } })).json()) as Array<{ id: string; name: string }>;
  const versionId = versions.find((v) => v.name === 'PAY 2.2')!.id;
  let view = await invoke<ReleaseView>(PANEL_KEYS.get, { versionId }, 'preflight-releases');
  for (let i = 0; i < 3; i++) {
    view = await invoke<ReleaseView>(PANEL_KEYS.advance, { versionId, revision: view.revision, override: { reason: 'Agreed in the go/no-go meeting' } }, 'preflight-releases');
  }
  expect(view.currentPhaseId).toBe('deployment');
  const run = await cli(['--gate-url', gateUrl, '--project', 'PAY', '--version', versionId, '--json'], { PREFLIGHT_GATE_SECRET: secret });
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject({ project: 'PAY', version: 'PAY 2.2', decision: 'go', phase: 'Deployment', failingGates: [] });
  // The phase changes went to the webhook sink only if a channel is set; none is here.
  expect(site.webhooks.messages).toEqual([]);
});

test('wrong secret: exit 2 with the reason', async () => {
  const run = await cli(['--gate-url', gateUrl, '--project', 'PAY', '--version', 'PAY 2.2'], { PREFLIGHT_GATE_SECRET: 'pfg_not-the-secret' });
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/Preflight answered 401: Wrong secret for PAY/);
});

test('unknown version: exit 2 with the reason', async () => {
  const run = await cli(['--gate-url', gateUrl, '--project', 'PAY', '--version', '9.9.9', '--json'], { PREFLIGHT_GATE_SECRET: secret });
  expect(run.code).toBe(2);
  expect(JSON.parse(run.stdout)).toEqual({ error: 'Preflight answered 404: PAY has no version "9.9.9".', status: 404 });
});

describe('behind a proxy that answers 429 first', () => {
  let proxy: Server;
  let hits = 0;
  beforeAll(async () => {
    // A test-only proxy: the first two requests get 429 with Retry-After, the rest reach the site.
    proxy = createServer((req, res) => {
      hits++;
      if (hits <= 2) {
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' }).end('{"error":"rate limited"}');
        return;
      }
      fetch(`${site.url}${req.url}`, { headers: { 'x-preflight-secret': String(req.headers['x-preflight-secret'] ?? '') } })
        .then(async (answer) => res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text()))
        .catch(() => res.writeHead(502).end());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => proxy.close(() => resolve())));

  test('retries, honouring Retry-After, and answers', async () => {
    const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}${new URL(gateUrl).pathname}`;
    const started = Date.now();
    const run = await cli(['--gate-url', url, '--project', 'PAY', '--version', 'PAY 2.2'], { PREFLIGHT_GATE_SECRET: secret });
    expect(run.code).toBe(0);
    expect(hits).toBe(3);
    expect(run.stderr.match(/answered 429; retrying in 1 s/g)).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
  });
});
