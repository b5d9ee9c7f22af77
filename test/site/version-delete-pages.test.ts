import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createLocalSite, type LocalSite } from '../../local/site/compose';
import { LOCAL_USERS } from '../../local/sim/users';

/**
 * The local Jira version page's "Delete…" and "Merge into…": a confirm step, then the same REST
 * call as the signed-in person, so Jira's permission check and its events are the API's.
 */
const APP_ROOT = resolve(__dirname, '../..');
const person = (persona: string) => LOCAL_USERS.find((u) => u.persona === persona)!;
const OWNER = person('release-owner');
let site: LocalSite;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'preflight-version-delete-'));
  site = await createLocalSite({ dataDir, port: 0, appRoot: APP_ROOT, seedIssues: 80, log: () => undefined });
});

afterAll(async () => {
  await site?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  location?: string;
  text: string;
}

/** A request as `persona` (the site's session cookie), from the site's own pages (its Origin). */
function send(method: string, path: string, persona = 'release-owner', form?: Record<string, string>): Promise<Answer> {
  const body = form ? new URLSearchParams(form).toString() : undefined;
  const headers: Record<string, string> = { cookie: `preflight_user=${encodeURIComponent(person(persona).accountId)}`, origin: site.url };
  if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  return new Promise((done, fail) => {
    const req = request(`${site.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, ...(typeof res.headers.location === 'string' && { location: res.headers.location }), text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

async function rest(path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${site.url}${path}`, { headers: { authorization: `Basic ${Buffer.from(`${OWNER.emailAddress}:any`).toString('base64')}` } });
  return { status: res.status, body: res.status === 204 ? undefined : await res.json() };
}

async function versionId(name: string): Promise<string> {
  const versions = (await rest('/rest/api/3/project/PAY/versions')).body as Array<{ id: string; name: string }>;
  return versions.find((v) => v.name === name)!.id;
}

/** How many issues have the version as a fix version (Jira's search, as the owner). */
async function countIn(name: string): Promise<number> {
  const res = await fetch(`${site.url}/rest/api/3/search/approximate-count`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${OWNER.emailAddress}:any`).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ jql: `fixVersion = "${name}"` }),
  });
  return ((await res.json()) as { count: number }).count;
}

test('offers Delete and Merge only to a project admin, each behind a confirm step listing the other versions', async () => {
  const id = await versionId('PAY 2.1');
  const page = await send('GET', `/jira/projects/PAY/versions/${id}`);
  expect(page.text).toContain(`<a href="/jira/projects/PAY/versions/${id}/delete">Delete…</a>`);
  expect(page.text).toContain(`<a href="/jira/projects/PAY/versions/${id}/merge">Merge into…</a>`);
  const viewer = await send('GET', `/jira/projects/PAY/versions/${id}`, 'viewer');
  expect(viewer.status).toBe(200);
  expect(viewer.text).not.toContain('Delete…');

  const confirm = await send('GET', `/jira/projects/PAY/versions/${id}/delete`);
  expect(confirm.text).toContain('<h1>Delete PAY 2.1</h1>');
  expect(confirm.text).toContain('<option value="">Remove PAY 2.1 from them</option>');
  expect(confirm.text).toContain(`<option value="${await versionId('PAY 3.0')}">PAY 3.0</option>`);
  expect(confirm.text).not.toContain(`<option value="${id}">`);
  const merge = await send('GET', `/jira/projects/PAY/versions/${id}/merge`);
  expect(merge.text).toContain('<h1>Merge PAY 2.1</h1>');
  expect(merge.text).toContain('name="moveIssuesTo" required');
});

test("a developer's Delete is refused by Jira and the version page says why", async () => {
  const id = await versionId('PAY 2.1');
  const refused = await send('POST', `/jira/projects/PAY/versions/${id}/delete`, 'developer', { moveFixIssuesTo: '' });
  expect(refused.status).toBe(303);
  expect(refused.location).toMatch(new RegExp(`^/jira/projects/PAY/versions/${id}\\?notice=`));
  const back = await send('GET', refused.location!, 'developer');
  expect(back.text).toContain('<p class="error" role="alert">You must have global or project administrator rights in order to modify versions.</p>');
  expect((await rest(`/rest/api/3/version/${id}`)).status).toBe(200);
});

test('Delete with a version chosen moves the issues there and deletes the version; Merge moves them into the target', async () => {
  const from = await versionId('PAY 2.1');
  const into = await versionId('PAY 3.0');
  const moving = await countIn('PAY 2.1');
  const already = await countIn('PAY 3.0');
  expect(moving).toBeGreaterThan(0);
  const deleted = await send('POST', `/jira/projects/PAY/versions/${from}/delete`, 'release-owner', { moveFixIssuesTo: into });
  expect(deleted).toMatchObject({ status: 303, location: '/jira/projects/PAY/versions' });
  expect((await rest(`/rest/api/3/version/${from}`)).status).toBe(404);
  expect(await countIn('PAY 3.0')).toBe(already + moving);

  const unchosen = await send('POST', `/jira/projects/PAY/versions/${into}/merge`, 'release-owner', { moveIssuesTo: '' });
  expect((await send('GET', unchosen.location!)).text).toContain('Choose the version to merge into.');

  const target = await versionId('PAY 2.2');
  const before = await countIn('PAY 2.2');
  const merged = await send('POST', `/jira/projects/PAY/versions/${into}/merge`, 'release-owner', { moveIssuesTo: target });
  expect(merged).toMatchObject({ status: 303, location: `/jira/projects/PAY/versions/${target}` });
  expect((await rest(`/rest/api/3/version/${into}`)).status).toBe(404);
  expect(await countIn('PAY 2.2')).toBe(before + already + moving);
});
