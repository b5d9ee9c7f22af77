import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createLocalSite, type LocalSite } from '../../local/site/compose';
import { LOCAL_USERS } from '../../local/sim/users';
import { CLI_PACKAGE_DIR, buildCli, isBuiltin, requiredModules } from '../../scripts/build-cli';
import { SETTINGS_KEYS, type SettingsView } from '../../src/shared/settings';
import { INTEGRATION_KEYS, type IntegrationsView, type RotatedSecret } from '../../src/shared/notifications';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';
import { ciSnippets, type Snippet } from './readme-snippets';

/**
 * The CLI as a pipeline gets it: `npm run build:cli`, `npm pack`, the tarball installed into an
 * empty folder outside the repository, and its bin run with plain `node` against a local site's
 * web trigger URL, with nothing in its environment but PATH, the URL and the secret.
 */
const APP_ROOT = join(__dirname, '..', '..');
const RITA = LOCAL_USERS.find((u) => u.persona === 'release-owner')!;
const run = promisify(execFile);

let work: string;
let packed: { filename: string; files: Array<{ path: string }> };
let bin: string;
let site: LocalSite;
let gateUrl: string;
let secret: string;
let project: { id: string; key: string };

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const clean = join(work, 'pipeline');
    execFile(process.execPath, [bin, ...args], { cwd: clean, env: { PATH: process.env.PATH ?? '', PREFLIGHT_GATE_URL: gateUrl, PREFLIGHT_GATE_SECRET: secret, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** A README snippet as its CI system runs it, for project PAY and a pipeline's tag. */
function snippet({ shell, script, tagVariable }: Snippet, tag: string, ciEnv: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const forPay = script.replaceAll('project=SHOP', 'project=PAY').replaceAll('project:"SHOP"', 'project:"PAY"');
    execFile(shell[0]!, [...shell.slice(1), forPay], { cwd: join(work, 'pipeline'), env: { PATH: process.env.PATH ?? '', PREFLIGHT_GATE_URL: gateUrl, PREFLIGHT_GATE_SECRET: secret, [tagVariable]: tag, ...ciEnv }, timeout: 60_000 }, (error, stdout, stderr) => {
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
  work = mkdtempSync(join(tmpdir(), 'preflight-packed-cli-'));
  await buildCli();
  // No dependencies, so neither packing nor installing needs the network.
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: CLI_PACKAGE_DIR });
  packed = (JSON.parse(stdout) as Array<typeof packed>)[0]!;
  const pipeline = join(work, 'pipeline');
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--prefix', pipeline, join(work, packed.filename)], { cwd: work, env: { ...process.env, npm_config_cache: join(work, 'npm-cache') } });
  bin = realpathSync(join(pipeline, 'node_modules', '.bin', 'preflight-release'));

  site = await createLocalSite({ dataDir: join(work, 'site'), reset: true, port: 0, seedIssues: 40, appRoot: APP_ROOT, log: () => {} });
  const auth = `Basic ${Buffer.from(`${RITA.emailAddress}:token`).toString('base64')}`;
  project = (await (await fetch(`${site.url}/rest/api/3/project/PAY`, { headers: { authorization: auth } })).json()) as { id: string; key: string };
  gateUrl = (await invoke<IntegrationsView>(INTEGRATION_KEYS.get, {})).gate.url!;
  secret = (await invoke<RotatedSecret>(INTEGRATION_KEYS.rotateGateSecret, {})).secret;
  // Pipelines know tags: the project maps v2.2.0 to its Jira version "PAY 2.2".
  const current = await invoke<SettingsView>(SETTINGS_KEYS.get, {});
  await invoke<SettingsView>(SETTINGS_KEYS.save, { revision: current.revision, settings: { ...current.settings, tagRules: [{ tag: 'v{major}.{minor}.{patch}', version: 'PAY {major}.{minor}' }] } });
}, 120_000);

afterAll(async () => {
  await site?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('npm pack makes @preflight-release/cli of exactly one script, its package.json and README', () => {
  expect(packed.filename).toBe('preflight-release-cli-1.0.0.tgz');
  expect(packed.files.map((f) => f.path).sort()).toEqual(['README.md', 'package.json', 'preflight-release.cjs']);
  expect(bin).toBe(join(realpathSync(work), 'pipeline', 'node_modules', '@preflight-release', 'cli', 'preflight-release.cjs'));
});

test('the script runs with plain node: a shebang, executable, and it requires only Node\'s built-ins', () => {
  const source = readFileSync(bin, 'utf8');
  expect(source.startsWith('#!/usr/bin/env node\n')).toBe(true);
  expect(statSync(bin).mode & 0o111).not.toBe(0);
  const required = requiredModules(source);
  expect(required.length).toBeGreaterThan(0);
  expect(required.filter((name) => !isBuiltin(name))).toEqual([]);
  const manifest = JSON.parse(readFileSync(join(bin, '..', 'package.json'), 'utf8')) as Record<string, unknown>;
  expect(manifest).toMatchObject({ name: '@preflight-release/cli', bin: { 'preflight-release': 'preflight-release.cjs' } });
  expect(manifest.dependencies).toBeUndefined();
});

test('npx runs the tarball\'s one command, as `npx --yes @preflight-release/cli@1` does from the registry', async () => {
  // Its own npm cache, so the test leaves nothing behind and resolves nothing from elsewhere.
  const { stdout } = await run('npx', ['--yes', '--offline', `./${packed.filename}`, 'deployed', '--help'], { cwd: work, env: { PATH: process.env.PATH ?? '', npm_config_cache: join(work, 'npm-cache') } });
  expect(stdout).toMatch(/^Usage: preflight-release deployed --gate-url <web trigger URL> --project <KEY> --env <environment> --build <id> --status <status>/);
});

test('gate: no-go for a release in Planning, exit 1, naming the release once', async () => {
  const result = await cli(['gate', '--project', 'PAY', '--version', 'PAY 2.2']);
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/^Preflight: NO-GO for PAY 2\.2 \(phase: Planning\)$/m);
  expect(result.stdout).toContain('Failing gates:');
  expect(`${result.stdout}${result.stderr}`).not.toContain(secret);
});

test('gate: a wrong secret is exit 2 with the reason', async () => {
  const result = await cli(['gate', '--project', 'PAY', '--version', 'PAY 2.2'], { PREFLIGHT_GATE_SECRET: 'pfg_not-the-secret' });
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/^Preflight answered 401: Wrong secret for PAY/);
});

describe.each(Object.entries(ciSnippets()))('the README\'s %s gate check, run as written', (_system, { gate }) => {
  test('fails the step on no-go, showing the answer', async () => {
    const result = await snippet(gate, 'v2.2.0');
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain('"decision": "no-go"');
  });
  test('fails the step on a wrong secret, showing the reason', async () => {
    const result = await snippet({ ...gate, script: gate.script.replaceAll('$PREFLIGHT_GATE_SECRET', 'pfg_wrong') }, 'v2.2.0');
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain('Wrong secret for PAY');
  });
});

test('gate: go once the release reached Deployment, exit 0', async () => {
  const versions = (await (await fetch(`${site.url}/rest/api/3/project/PAY/versions`, { headers: { authorization: `Basic ${Buffer.from(`${RITA.emailAddress}:t`).toString('base64')}` } })).json()) as Array<{ id: string; name: string }>;
  const versionId = versions.find((v) => v.name === 'PAY 2.2')!.id;
  let view = await invoke<ReleaseView>(PANEL_KEYS.get, { versionId }, 'preflight-releases');
  while (view.currentPhaseId !== 'deployment') {
    view = await invoke<ReleaseView>(PANEL_KEYS.advance, { versionId, revision: view.revision, override: { reason: 'Agreed in the go/no-go meeting' } }, 'preflight-releases');
  }
  const result = await cli(['gate', '--gate-url', gateUrl, '--project', 'PAY', '--version', 'PAY 2.2']);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^Preflight: GO for PAY 2\.2 \(phase: Deployment\)$/m);
});

test.each(Object.entries(ciSnippets()))('the README\'s %s gate check passes the step on go', async (_system, { gate }) => {
  const result = await snippet(gate, 'v2.2.0');
  expect(result.stdout).toContain('"version": "PAY 2.2"');
  expect(result.stdout).toContain('"decision": "go"');
  expect(result.code).toBe(0);
});

test('deployed: records a production deployment on the release it names, exit 0', async () => {
  const result = await cli(['deployed', '--project', 'PAY', '--env', 'production', '--build', '2.2.0-rc1', '--status', 'successful', '--version', 'PAY 2.2', '--url', 'https://ci.example/run/42', '--pipeline', 'deploy #42']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout.split('\n')[0]).toBe('Preflight: recorded build 2.2.0-rc1 successful in production for PAY 2.2');
  expect(`${result.stdout}${result.stderr}`).not.toContain(secret);
});

test('deployed: a status Atlassian does not have is refused before anything is sent (exit 2)', async () => {
  const result = await cli(['deployed', '--project', 'PAY', '--env', 'production', '--build', '2.2.0', '--status', 'done']);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/^--status: expected one of pending, in_progress, successful, failed, rolled_back, cancelled, unknown, got "done"/);
});

/** What each CI system puts in the environment of the deployment report step. */
const CI_ENV: Record<string, Record<string, string>> = {
  'GitHub Actions': { STATUS: 'failed', RUN_URL: 'https://github.com/acme/pay/actions/runs/7' },
  'GitLab CI': { CI_JOB_STATUS: 'failed', CI_JOB_URL: 'https://gitlab.com/acme/pay/-/jobs/7' },
  Jenkins: { STATUS: 'failed', BUILD_URL: 'https://jenkins.example/job/pay/7/' },
};

test.each(Object.entries(ciSnippets()))('the README\'s %s deployment report, run as written, is recorded on the release', async (system, { report }) => {
  const result = await snippet(report, 'v2.2.0', CI_ENV[system]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({ recorded: true, project: 'PAY', environment: 'production', kind: 'production', build: '2.2.0', status: 'failed', release: { version: 'PAY 2.2' } });
});
