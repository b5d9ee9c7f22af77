import { loadContracts, withContractChecks } from '../../../local/contracts/openapi-validator';
import type { SimRequest, SimResponse } from '../../../local/sim/http-types';
import { LOCAL_USERS } from '../../../local/sim/users';
import {
  adfProblems,
  CONFLUENCE_APP_ACCOUNT_ID,
  createConfluenceSim,
  findPageByTitle,
  parseConfluenceState,
  seedConfluence,
  type ConfluenceState,
} from '../../../local/sim/confluence';

const OWNER = LOCAL_USERS.find((u) => u.persona === 'release-owner')!.accountId;
const VIEWER = LOCAL_USERS.find((u) => u.persona === 'viewer')!.accountId;
const NOW = new Date('2026-02-01T10:00:00.000Z');
const contracts = loadContracts();

const adf = (text: string): string =>
  JSON.stringify({
    type: 'doc',
    version: 1,
    content: [
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Highlights' }] },
      { type: 'paragraph', content: [{ type: 'text', text, marks: [{ type: 'strong' }] }] },
    ],
  });

interface Json {
  [key: string]: any;
}

/** A fresh seeded site, every exchange checked against the Confluence spec. */
function site() {
  const state: ConfluenceState = seedConfluence();
  let changes = 0;
  const sim = createConfluenceSim({ state, onChange: () => changes++, siteUrl: 'http://localhost:4000', now: () => NOW });
  const { handler, violations } = withContractChecks(sim, contracts);
  const call = async (method: string, pathAndQuery: string, body?: unknown, accountId: string | null = OWNER, asApp = false) => {
    const [path = '', query = ''] = pathAndQuery.split('?');
    const req: SimRequest = { method, path, query: new URLSearchParams(query), headers: {}, body, accountId, asApp };
    const res = (await handler(req)) as SimResponse;
    return { status: res.status, body: res.body as Json, headers: res.headers ?? {} };
  };
  const createPage = (title: string, extra: Json = {}, accountId: string | null = OWNER) =>
    call('POST', '/wiki/api/v2/pages', { spaceId: '98305', status: 'current', title, body: { representation: 'atlas_doc_format', value: adf(title) }, ...extra }, accountId);
  return { state, sim, call, createPage, violations, changes: () => changes };
}

describe('simulated Confluence: spaces', () => {
  it('lists the seeded Releases space, filters by key and fetches it by id', async () => {
    const s = site();
    const all = await s.call('GET', '/wiki/api/v2/spaces');
    expect(all.status).toBe(200);
    expect(all.body['results']).toEqual([expect.objectContaining({ id: '98305', key: 'REL', name: 'Releases', homepageId: '98306' })]);
    expect((await s.call('GET', '/wiki/api/v2/spaces?keys=REL')).body['results']).toHaveLength(1);
    expect((await s.call('GET', '/wiki/api/v2/spaces?keys=NOPE,OTHER')).body['results']).toHaveLength(0);
    const one = await s.call('GET', '/wiki/api/v2/spaces/98305?description-format=plain');
    expect(one.body).toMatchObject({ key: 'REL', description: { plain: { value: expect.stringContaining('Release notes') } }, _links: { webui: '/spaces/REL', base: 'http://localhost:4000/wiki' } });
    expect((await s.call('GET', '/wiki/api/v2/spaces/1')).status).toBe(404);
    expect(s.violations).toEqual([]);
  });

  it('answers 401 to anonymous calls but serves the app itself', async () => {
    const s = site();
    const anonymous = await s.call('GET', '/wiki/api/v2/spaces', undefined, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body['errors'][0]).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    expect((await s.call('GET', '/wiki/api/v2/spaces', undefined, null, true)).status).toBe(200);
    expect(s.violations).toEqual([]);
  });
});

describe('simulated Confluence: pages', () => {
  it('creates an ADF page under the home page and reads it back in either representation', async () => {
    const s = site();
    const created = await s.createPage('Release 2.4.0 notes');
    expect(created.status).toBe(200);
    const id = created.body['id'] as string;
    expect(created.body).toMatchObject({
      status: 'current',
      title: 'Release 2.4.0 notes',
      spaceId: '98305',
      parentId: '98306',
      authorId: OWNER,
      createdAt: NOW.toISOString(),
      version: { number: 1, authorId: OWNER },
      body: { atlas_doc_format: { representation: 'atlas_doc_format' } },
    });
    const links = created.body['_links'] as Json;
    expect(`${links['base']}${links['webui']}`).toBe(`http://localhost:4000/wiki/spaces/REL/pages/${id}`);
    expect(s.changes()).toBe(1);

    const asAdf = await s.call('GET', `/wiki/api/v2/pages/${id}?body-format=atlas_doc_format`);
    expect(JSON.parse(asAdf.body['body']['atlas_doc_format']['value'])).toEqual(JSON.parse(adf('Release 2.4.0 notes')));
    const asStorage = await s.call('GET', `/wiki/api/v2/pages/${id}?body-format=storage`);
    expect(asStorage.body['body']['storage']['value']).toBe('<h2>Highlights</h2><p><strong>Release 2.4.0 notes</strong></p>');
    const noBody = await s.call('GET', `/wiki/api/v2/pages/${id}`);
    expect(noBody.body['body']).toEqual({});
    expect(s.violations).toEqual([]);
  });

  it('accepts the nested body shape and storage XHTML', async () => {
    const s = site();
    const res = await s.call('POST', '/wiki/api/v2/pages?root-level=true', {
      spaceId: '98305',
      title: 'Runbook',
      body: { storage: { representation: 'storage', value: '<p>Step one &amp; two</p><p>Done</p>' } },
    });
    expect(res.status).toBe(200);
    expect(res.body['parentId']).toBeUndefined();
    const adfBack = await s.call('GET', `/wiki/api/v2/pages/${res.body['id']}?body-format=atlas_doc_format`);
    expect(JSON.parse(adfBack.body['body']['atlas_doc_format']['value']).content).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'Step one & two' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Done' }] },
    ]);
    expect(s.violations).toEqual([]);
  });

  it('finds a page by title within a space, and by id list', async () => {
    const s = site();
    const found = await s.call('GET', '/wiki/api/v2/pages?space-id=98305&title=How%20we%20release&body-format=storage');
    expect(found.body['results']).toEqual([expect.objectContaining({ id: '98307', title: 'How we release', body: { storage: expect.objectContaining({ representation: 'storage' }) } })]);
    expect((await s.call('GET', '/wiki/api/v2/pages?space-id=98305&title=how%20we%20release')).body['results']).toEqual([]);
    expect((await s.call('GET', '/wiki/api/v2/spaces/98305/pages?title=Release%20calendar')).body['results']).toHaveLength(1);
    expect((await s.call('GET', '/wiki/api/v2/pages?id=98306&id=98308')).body['results'].map((p: Json) => p['id'])).toEqual(['98306', '98308']);
    expect(findPageByTitle(s.state, 'REL', 'Release calendar')?.id).toBe('98308');
    expect(s.violations).toEqual([]);
  });

  it('refuses a second current page with the same title in a space (400, like Confluence), ignoring case', async () => {
    const s = site();
    const dup = await s.createPage('how WE release');
    expect(dup.status).toBe(400);
    expect(dup.body['errors'][0]['title']).toBe('A page with this title already exists: A page already exists with the title how WE release in the space with key REL');
    // A draft does not claim its title yet.
    expect((await s.createPage('How we release', { status: 'draft' })).status).toBe(200);
    expect(s.changes()).toBe(1);
    expect(s.violations).toEqual([]);
  });

  it('rejects ADF that the ADF schema refuses, and bodies with no space or title', async () => {
    const s = site();
    const bad = await s.call('POST', '/wiki/api/v2/pages', {
      spaceId: '98305',
      title: 'Broken',
      body: { representation: 'atlas_doc_format', value: JSON.stringify({ type: 'doc', version: 1, content: [{ type: 'bogus' }] }) },
    });
    expect(bad.status).toBe(400);
    expect(bad.body['errors'][0]['title']).toMatch(/^Invalid ADF in body: bogus: invalid content/);
    expect((await s.call('POST', '/wiki/api/v2/pages', { spaceId: '98305' })).body['errors'][0]['title']).toMatch(/title is required/);
    expect((await s.call('POST', '/wiki/api/v2/pages', { spaceId: '424242', title: 'x' })).status).toBe(404);
    expect(s.changes()).toBe(0);
    expect(s.violations).toEqual([]);
  });

  it('updates with the next version number, refuses a stale one with 409, and keeps history', async () => {
    const s = site();
    const update = (number: number, title: string) =>
      s.call('PUT', '/wiki/api/v2/pages/98307', { id: '98307', status: 'current', title, body: { representation: 'storage', value: `<p>${title}</p>` }, version: { number, message: 'edit' } });
    const ok = await update(2, 'How we release (2026)');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ title: 'How we release (2026)', version: { number: 2, message: 'edit' } });
    const stale = await update(2, 'Someone else');
    expect(stale.status).toBe(409);
    expect(stale.body['errors'][0]['title']).toBe('Version must be incremented on update. Current version is: 2');
    const old = await s.call('GET', '/wiki/api/v2/pages/98307?version=1');
    expect(old.body).toMatchObject({ title: 'How we release', status: 'historical', version: { number: 1 } });
    expect((await update(3, 'Release calendar')).status).toBe(400);
    expect(s.changes()).toBe(1);
    expect(s.violations).toEqual([]);
  });

  it('moves a deleted page to the trash, and purges it only from there', async () => {
    const s = site();
    expect((await s.call('DELETE', '/wiki/api/v2/pages/98308?purge=true')).status).toBe(400);
    expect((await s.call('DELETE', '/wiki/api/v2/pages/98308')).status).toBe(204);
    expect((await s.call('GET', '/wiki/api/v2/pages/98308')).status).toBe(404);
    expect((await s.call('GET', '/wiki/api/v2/pages?status=trashed')).body['results'].map((p: Json) => p['id'])).toEqual(['98308']);
    // The title is free again once the page is in the trash.
    expect((await s.createPage('Release calendar')).status).toBe(200);
    expect((await s.call('DELETE', '/wiki/api/v2/pages/98308?purge=true')).status).toBe(204);
    expect((await s.call('GET', '/wiki/api/v2/pages/98308?status=trashed')).status).toBe(404);
    expect(s.changes()).toBe(3);
    expect(s.violations).toEqual([]);
  });

  it('lets the viewer read the space but not write to it; the app may write', async () => {
    const s = site();
    expect((await s.call('GET', '/wiki/api/v2/pages/98306', undefined, VIEWER)).status).toBe(200);
    expect((await s.createPage('Viewer page', {}, VIEWER)).status).toBe(404);
    expect((await s.call('DELETE', '/wiki/api/v2/pages/98307', undefined, VIEWER)).status).toBe(404);
    const byApp = await s.call('POST', '/wiki/api/v2/pages', { spaceId: '98305', title: 'By the app', body: { representation: 'storage', value: '<p/>' } }, VIEWER, true);
    expect(byApp.status).toBe(200);
    expect(byApp.body['authorId']).toBe(CONFLUENCE_APP_ACCOUNT_ID);
    expect(s.violations).toEqual([]);
  });

  it('pages through long lists with a cursor in _links.next and the Link header', async () => {
    const s = site();
    for (let i = 1; i <= 28; i++) await s.createPage(`Page ${i}`);
    const first = await s.call('GET', '/wiki/api/v2/pages?space-id=98305&sort=-id');
    expect(first.body['results']).toHaveLength(25);
    expect(first.body['results'][0]['title']).toBe('Page 28');
    const next = first.body['_links']['next'] as string;
    expect(next).toMatch(/^\/wiki\/api\/v2\/pages\?space-id=98305&sort=-id&cursor=/);
    expect(first.headers['link']).toContain(`<${next}>; rel="next"`);
    const second = await s.call('GET', next);
    // 28 new pages and the 5 seeded ones: 25 on the first page, 8 on the second.
    expect(second.body['results']).toHaveLength(8);
    expect(second.body['_links']['next']).toBeUndefined();
    expect((await s.call('GET', '/wiki/api/v2/pages?limit=500')).status).toBe(400);
    expect((await s.call('GET', '/wiki/api/v2/pages?cursor=garbage')).status).toBe(400);
    // The contract check flags the out-of-range limit too: the app must never send it.
    expect(s.violations).toEqual(["GET /wiki/api/v2/pages (getPages): query parameter 'limit' must be <= 250"]);
  });
});

describe('simulated Confluence: routing and state', () => {
  it('owns /wiki/api/v2 only: unknown endpoints there are 404, other paths are left to the site', async () => {
    const s = site();
    const base = { query: new URLSearchParams(), headers: {}, body: undefined, accountId: OWNER, asApp: false };
    expect(await s.sim({ ...base, method: 'GET', path: '/wiki/spaces/REL/pages/98306' })).toBeUndefined();
    expect(await s.sim({ ...base, method: 'GET', path: '/rest/api/3/myself' })).toBeUndefined();
    expect((await s.sim({ ...base, method: 'GET', path: '/wiki/api/v2/whiteboards/1' }))?.status).toBe(404);
    expect((await s.sim({ ...base, method: 'PATCH', path: '/wiki/api/v2/pages/98306' }))?.status).toBe(405);
  });

  it('keeps its state as plain JSON that survives a round trip, and reports a corrupt file clearly', () => {
    const s = site();
    const restored = parseConfluenceState(JSON.parse(JSON.stringify(s.state)));
    expect(restored).toEqual(s.state);
    const broken = { ...JSON.parse(JSON.stringify(s.state)), pages: [{ id: 1 }] };
    expect(() => parseConfluenceState(broken)).toThrow(/Confluence state is not valid at pages\.0\.id/);
  });

  it('seeds deterministically', () => {
    expect(seedConfluence()).toEqual(seedConfluence());
    expect(seedConfluence().pages.map((p) => p.versions[0]?.title)).toEqual(['Releases Home', 'How we release', 'Release calendar', 'Release health', 'Release room']);
  });

  it('seeds pages as valid ADF that also renders as storage for readers who ask for it', async () => {
    for (const page of seedConfluence().pages) expect(adfProblems(page.versions[0]!.body.value)).toEqual([]);
    const s = site();
    const howWeRelease = await s.call('GET', '/wiki/api/v2/pages/98307?body-format=storage');
    expect(howWeRelease.body['body']['storage']['value']).toMatch(/^<h2>Phases<\/h2><ol><li><p>Plan: scope the version and set a date.<\/p><\/li>/);
    // The "Release calendar" page is Preflight's calendar macro (configured on PAY and MOB) under one line of text.
    const calendar = await s.call('GET', '/wiki/api/v2/pages/98308?body-format=atlas_doc_format');
    expect(calendar.body['body']['atlas_doc_format']['value']).toContain('preflight-calendar-macro');
    expect(s.violations).toEqual([]);
  });
});
