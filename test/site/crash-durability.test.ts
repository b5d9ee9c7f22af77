import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LOCAL_USERS } from '../../local/sim/users';

/**
 * Issue 12: the simulated Jira and Confluence of `npm start` keep every write they acknowledged
 * through a `kill -9`, as the KVS does. The site runs in a child process (one node process, no
 * wrapper, so SIGKILL hits the server itself) and is restarted on the same data directory.
 */
const APP_ROOT = resolve(__dirname, '../..');
const CHILD = join(APP_ROOT, 'test/support/local-site-child.ts');
const OWNER = LOCAL_USERS.find((u) => u.persona === 'release-owner')!;
const AUTH = `Basic ${Buffer.from(`${OWNER.emailAddress}:any-token`).toString('base64')}`;
const PAGE_ID = '98306';

jest.setTimeout(120_000);

let dataDir: string;
const children: ChildProcess[] = [];

/** Starts the local site in a child process on `dataDir`; resolves with its URL. */
function startSite(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: APP_ROOT,
    env: { ...process.env, PREFLIGHT_DATA_DIR: dataDir, PREFLIGHT_SEED_ISSUES: '120' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolveStart, rejectStart) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /READY (\S+)/.exec(out);
      if (ready) resolveStart({ url: ready[1]!, child });
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => rejectStart(new Error(`the site exited (${code}) before listening: ${err}`)));
  });
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolveExit) => {
    child.once('exit', () => resolveExit());
    child.kill('SIGKILL');
  });
}

async function rest(url: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: AUTH, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? undefined : JSON.parse(text) };
}

const editSummary = (url: string, key: string, summary: string) => rest(url, 'PUT', `/rest/api/3/issue/${key}`, { fields: { summary } });

async function updatePage(url: string, number: number): Promise<number> {
  const answer = await rest(url, 'PUT', `/wiki/api/v2/pages/${PAGE_ID}`, {
    id: PAGE_ID,
    status: 'current',
    title: 'Release notes (crash test)',
    body: { representation: 'storage', value: `<p>Edit ${number}</p>` },
    version: { number },
  });
  return answer.status;
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'preflight-crash-'));
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) await killHard(child);
  rmSync(dataDir, { recursive: true, force: true });
});

test('kill -9 right after the last acknowledgement loses no issue edit and no page version', async () => {
  const first = await startSite();
  // The seed is on disk before the site listens; its keys name the issues to edit.
  const seeded = JSON.parse(readFileSync(join(dataDir, 'jira.json'), 'utf8')) as { issues: Array<{ key: string }> };
  const keys = seeded.issues.slice(0, 96).map((issue) => issue.key);
  expect(keys).toHaveLength(96);
  const startVersion = (await rest(first.url, 'GET', `/wiki/api/v2/pages/${PAGE_ID}`)).json.version.number as number;

  // 64 edits one after the other, interleaved with page updates; then 32 at once (shared fsyncs).
  const acknowledged: string[] = [];
  let pageVersion = startVersion;
  for (const [i, key] of keys.slice(0, 64).entries()) {
    const answer = await editSummary(first.url, key, `Crash-safe edit ${i}`);
    if (answer.status === 204) acknowledged.push(key);
    if (i % 8 === 7 && (await updatePage(first.url, pageVersion + 1)) === 200) pageVersion++;
  }
  const burst = await Promise.all(keys.slice(64).map((key, j) => editSummary(first.url, key, `Crash-safe edit ${64 + j}`)));
  burst.forEach((answer, j) => answer.status === 204 && acknowledged.push(keys[64 + j]!));
  if ((await updatePage(first.url, pageVersion + 1)) === 200) pageVersion++;
  await killHard(first.child);

  expect(acknowledged).toHaveLength(96);
  expect(pageVersion).toBe(startVersion + 9);

  const second = await startSite();
  const summaries = await Promise.all(keys.map(async (key) => (await rest(second.url, 'GET', `/rest/api/3/issue/${key}?fields=summary`)).json.fields.summary as string));
  const kept = summaries.filter((summary, i) => summary === `Crash-safe edit ${i}`).length;
  console.log(`After kill -9: ${kept} of ${acknowledged.length} acknowledged issue edits kept; page at version ${pageVersion} expected.`);
  expect(kept).toBe(96);
  const page = await rest(second.url, 'GET', `/wiki/api/v2/pages/${PAGE_ID}?body-format=storage`);
  expect(page.json.version.number).toBe(pageVersion);
  expect(page.json.body.storage.value).toBe(`<p>Edit ${pageVersion}</p>`);
  await killHard(second.child);
});

test('200 sequential acknowledged writes: the time they take is printed', async () => {
  const site = await startSite();
  const seeded = JSON.parse(readFileSync(join(dataDir, 'jira.json'), 'utf8')) as { issues: Array<{ key: string }> };
  const key = seeded.issues[0]!.key;
  const started = process.hrtime.bigint();
  for (let i = 0; i < 200; i++) expect((await editSummary(site.url, key, `Timed edit ${i}`)).status).toBe(204);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`200 sequential acknowledged issue edits: ${ms.toFixed(0)} ms (${(ms / 200).toFixed(2)} ms each)`);
  await killHard(site.child);
  const restarted = await startSite();
  expect((await rest(restarted.url, 'GET', `/rest/api/3/issue/${key}?fields=summary`)).json.fields.summary).toBe('Timed edit 199');
  await killHard(restarted.child);
});
