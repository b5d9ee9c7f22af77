import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createLocalSite, type LocalSite } from '../../local/site/compose';
import { LOCAL_USERS } from '../../local/sim/users';
import { CONFLUENCE_NOT_CONNECTED } from '../../src/shared/macros';

/** `PREFLIGHT_LOCAL_PRODUCTS=jira npm start`: a site without Confluence, as `npm start` composes it. */
const APP_ROOT = resolve(__dirname, '../..');
const OWNER = LOCAL_USERS.find((u) => u.persona === 'release-owner')!;
const PAY_EXTENSION = { type: 'jira:projectPage', project: { id: '10000', key: 'PAY', type: 'software' } };

let site: LocalSite;
let dataDir: string;
const logged: string[] = [];
const before = process.env.PREFLIGHT_LOCAL_PRODUCTS;

async function invoke(body: unknown): Promise<{ status: number; json: { result?: { ok: boolean; data?: unknown; error?: unknown }; error?: string } }> {
  const response = await fetch(`${site.url}/api/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as never };
}

beforeAll(async () => {
  process.env.PREFLIGHT_LOCAL_PRODUCTS = 'jira';
  dataDir = mkdtempSync(join(tmpdir(), 'preflight-jira-only-'));
  site = await createLocalSite({ dataDir, port: 0, appRoot: APP_ROOT, seedIssues: 60, log: (m) => logged.push(m) });
});

afterAll(async () => {
  await site?.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (before === undefined) delete process.env.PREFLIGHT_LOCAL_PRODUCTS;
  else process.env.PREFLIGHT_LOCAL_PRODUCTS = before;
});

test('the site has Jira only, and says so at start', () => {
  expect(site.connectedProducts).toEqual(['jira']);
  expect(logged.join('\n')).toContain('Products on this site: jira (Confluence not connected');
});

test('Confluence pages and REST are absent', async () => {
  const pages = await fetch(`${site.url}/wiki/spaces`);
  expect(pages.status).toBe(404);
  expect(await pages.text()).toContain('Confluence is not connected to this site');
  const rest = await fetch(`${site.url}/wiki/api/v2/spaces`, { headers: { authorization: `Basic ${Buffer.from(`${OWNER.emailAddress}:t`).toString('base64')}` } });
  expect(rest.status).toBe(404);
});

test('the release panel works, and its publishing says Confluence is not connected', async () => {
  const list = await invoke({ moduleKey: 'preflight-releases', functionKey: 'releases/list', payload: {}, accountId: OWNER.accountId, extension: PAY_EXTENSION });
  const versionId = (list.json.result?.data as { releases: Array<{ versionId: string }> }).releases[0]!.versionId;
  const view = await invoke({ moduleKey: 'preflight-releases', functionKey: 'release/get', payload: { versionId }, accountId: OWNER.accountId, extension: PAY_EXTENSION });
  expect(view.json.result).toMatchObject({ ok: true, data: { confluence: { connected: false, reason: CONFLUENCE_NOT_CONNECTED } } });
  const spaces = await invoke({ moduleKey: 'preflight-releases', functionKey: 'macro/spaces', payload: {}, accountId: OWNER.accountId, extension: PAY_EXTENSION });
  expect(spaces.json.result).toEqual({ ok: false, error: { code: 'NOT_CONNECTED', message: CONFLUENCE_NOT_CONNECTED } });
});

test('a macro cannot be invoked: its product is not on the site', async () => {
  const macro = { type: 'macro', content: { id: '98306', type: 'page' }, space: { id: '98305', key: 'REL' } };
  const answer = await invoke({ moduleKey: 'preflight-checklist-macro', functionKey: 'macro/projects', payload: {}, accountId: OWNER.accountId, extension: macro });
  expect(answer.status).toBe(500);
  expect(answer.json.error).toContain('Confluence is not connected to this site');
});
