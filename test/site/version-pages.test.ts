import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createLocalSite, type LocalSite } from '../../local/site/compose';

/**
 * Jira's own version pages on the local site, where a version's related work shows the link
 * Preflight adds, and the Forge-style address of the project page that link uses.
 */
const APP_ROOT = resolve(__dirname, '../..');
let site: LocalSite;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'preflight-versions-'));
  site = await createLocalSite({ dataDir, port: 0, appRoot: APP_ROOT, seedIssues: 80, log: () => undefined });
});

afterAll(async () => {
  await site?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const basic = `Basic ${Buffer.from('rita@preflight.local:any').toString('base64')}`;

test("a version's page lists its related work, with the link Preflight added", async () => {
  const url = 'http://localhost:4000/jira/software/projects/PAY/apps/app-1/env-1/10004';
  const added = await fetch(`${site.url}/rest/api/3/version/10004/relatedwork`, {
    method: 'POST',
    headers: { authorization: basic, 'content-type': 'application/json' },
    body: JSON.stringify({ category: 'Other', title: 'Preflight release panel: PAY 2.2', url }),
  });
  expect(added.status).toBe(201);
  const page = await (await fetch(`${site.url}/jira/projects/PAY/versions/10004`)).text();
  expect(page).toContain('<h1>PAY 2.2</h1>');
  expect(page).toContain(`<a href="${url}">Preflight release panel: PAY 2.2</a>`);
});

test('lists the versions of a project, and 404s a version of another project', async () => {
  expect(await (await fetch(`${site.url}/jira/projects/PAY/versions`)).text()).toContain('/jira/projects/PAY/versions/10004');
  const other = await fetch(`${site.url}/jira/projects/MOB/versions/10004`);
  expect(other.status).toBe(404);
  expect(await other.text()).toContain('There is no version 10004 in MOB.');
});

test("Forge's address of the project page leads to the same panel on the local site", async () => {
  const res = await fetch(`${site.url}/jira/software/projects/PAY/apps/app-1/env-1/10004`, { redirect: 'manual' });
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('/jira/projects/PAY/releases/10004');
});
