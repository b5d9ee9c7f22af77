import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createLocalSite, type LocalSite } from '../../local/site/compose';
import { LOCAL_USERS } from '../../local/sim/users';

/**
 * Jira's global page (Apps menu, module jira:globalPage) on the local site: the start page links
 * it, it frames the module in no project, and Forge's own address of it redirects to the same page.
 */
const APP_ROOT = resolve(__dirname, '../..');
const OWNER = LOCAL_USERS.find((u) => u.persona === 'release-owner')!;
let site: LocalSite;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'preflight-global-page-'));
  site = await createLocalSite({ dataDir, port: 0, appRoot: APP_ROOT, seedIssues: 80, log: () => undefined });
});

afterAll(async () => {
  await site?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const get = (path: string) => fetch(`${site.url}${path}`, { redirect: 'manual', headers: { cookie: `preflight_user=${encodeURIComponent(OWNER.accountId)}` } });

test('the start page links the global page, which frames the module with no project in its context', async () => {
  const start = await (await get('/')).text();
  expect(start).toContain('href="/jira/apps/preflight-portfolio"');
  expect(start).toContain('Preflight releases');

  const page = await get('/jira/apps/preflight-portfolio/trains?zoom=quarter');
  expect(page.status).toBe(200);
  const body = await page.text();
  const src = /<iframe class="forge-frame" src="([^"]+)"/.exec(body)?.[1]?.replaceAll('&amp;', '&');
  expect(src).toBeDefined();
  const query = new URL(src!, site.url).searchParams;
  expect(JSON.parse(query.get('ext')!)).toEqual({});
  // The frame starts on the page's own router path and query (a deep link to a view survives a reload).
  expect(query.get('path')).toBe('/trains?zoom=quarter');
  expect(body).toContain('data-history-base="/jira/apps/preflight-portfolio"');

  const frame = await get(new URL(src!, site.url).pathname + new URL(src!, site.url).search);
  expect(frame.status).toBe(200);
});

test("Forge's own address of the global page (/jira/apps/{appId}/{envId}/...) shows the same page", async () => {
  const answer = await get('/jira/apps/3f6d2b1e-8c4a-4e7b-9a51-0d2c7e9b4f10/env-id/trains/2026.12');
  expect(answer.status).toBe(303);
  expect(answer.headers.get('location')).toBe('/jira/apps/preflight-portfolio/trains/2026.12');
  expect((await get('/jira/apps/unknown-thing')).status).toBe(404);
});
