import { moduleFrame, startBrowserSite, userByPersona, type BrowserSite } from './helpers/browser-site';
import { adfTexts } from '../support/adf-text';

/**
 * What people write on a published retrospective survives publishing again. Rita publishes PAY
 * 2.2's retrospective from the release panel; Dev then edits the page in Confluence the way any
 * editor does (REST: the page's next version with an edited ADF body): a team note at the top and
 * a point under "What went well". An issue joins the version, and Rita publishes again from the
 * panel: the page (as anyone sees it in Confluence) still shows both edits, once, and the
 * generated facts count the new issue.
 */
let env: BrowserSite;
const rita = userByPersona('release-owner');
const dev = userByPersona('developer');
type Node = { type: string; text?: string; content?: Node[] };
const para = (text: string): Node => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const NOTE = 'Team note: the freeze held this time';
const WENT_WELL = 'Fast code reviews';
const FACT = /(\d+) issues are in the version/;

/** A REST call at the site's root as a local person (basic auth by email, as the local site accepts). */
async function rest(email: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(new URL(path, env.site.url), {
    method,
    headers: { authorization: `Basic ${Buffer.from(`${email}:x`).toString('base64')}`, 'content-type': 'application/json', accept: 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

interface PageBody {
  id: string;
  title: string;
  spaceId: string;
  version: { number: number };
  body: { atlas_doc_format: { value: string } };
}
const readPage = async (id: string): Promise<PageBody> => {
  const read = await rest(dev.emailAddress, 'GET', `/wiki/api/v2/pages/${id}?body-format=atlas_doc_format`);
  expect(read.status).toBe(200);
  return read.body as PageBody;
};

beforeAll(async () => {
  env = await startBrowserSite({ seedIssues: 200 });
});

afterAll(async () => {
  await env?.close();
});

test('a paragraph and "What went well" written on the page survive publishing again, and the facts are new', async () => {
  const { page, site } = env;
  await page.goto(`${site.url}/jira/projects/PAY/releases`);
  const frame = moduleFrame(page);
  await frame.getByRole('link', { name: 'PAY 2.2' }).or(frame.getByRole('button', { name: 'PAY 2.2' })).first().click();
  await frame.getByText(/^.+ \(REL\)$/).first().waitFor({ timeout: 30_000 });
  await frame.getByRole('button', { name: 'Publish retrospective' }).click();
  const link = frame.getByRole('link', { name: 'Retrospective: PAY 2.2' });
  await link.waitFor({ timeout: 30_000 });
  const pageId = /\/pages\/(\d+)/.exec((await link.getAttribute('href'))!)![1]!;

  // Dev edits the page as Confluence's editor saves it: the next version, the whole edited body.
  const published = await readPage(pageId);
  expect(published.version.number).toBe(1);
  const doc = JSON.parse(published.body.atlas_doc_format.value) as Node;
  const before = Number(FACT.exec(adfTexts(doc).join('\n'))![1]);
  const content = [para(NOTE), ...(doc.content ?? [])];
  const well = content.findIndex((n) => n.type === 'heading' && adfTexts(n).join('') === 'What went well');
  expect(well).toBeGreaterThan(0);
  content.splice(well + 1, 1, { type: 'bulletList', content: [{ type: 'listItem', content: [para(WENT_WELL)] }] });
  const put = await rest(dev.emailAddress, 'PUT', `/wiki/api/v2/pages/${pageId}`, {
    id: pageId,
    status: 'current',
    title: published.title,
    spaceId: published.spaceId,
    body: { representation: 'atlas_doc_format', value: JSON.stringify({ ...doc, content }) },
    version: { number: 2, message: 'Team notes' },
  });
  expect(put.status).toBe(200);

  // A fact changes between the two publishes: one more issue is planned into the version.
  const versions = (await rest(rita.emailAddress, 'GET', '/rest/api/3/project/PAY/versions')).body as Array<{ id: string; name: string }>;
  const versionId = versions.find((v) => v.name === 'PAY 2.2')!.id;
  const outside = (await rest(rita.emailAddress, 'POST', '/rest/api/3/search/jql', { jql: `project = PAY AND (fixVersion is EMPTY OR fixVersion != ${versionId}) ORDER BY key ASC`, maxResults: 1, fields: ['key'] })).body as {
    issues: Array<{ key: string }>;
  };
  expect((await rest(rita.emailAddress, 'PUT', `/rest/api/3/issue/${outside.issues[0]!.key}`, { update: { fixVersions: [{ add: { id: versionId } }] } })).status).toBe(204);

  await page.reload();
  await frame.getByRole('link', { name: 'PAY 2.2' }).or(frame.getByRole('button', { name: 'PAY 2.2' })).first().click();
  await frame.getByText(/^.+ \(REL\)$/).first().waitFor({ timeout: 30_000 });
  await frame.getByRole('button', { name: 'Update retrospective' }).click();
  await frame.getByText('· version 3').waitFor({ timeout: 30_000 });

  // What anyone reading the page in Confluence sees.
  await page.goto(new URL((await link.getAttribute('href'))!, site.url).href);
  await page.getByRole('heading', { name: 'What went well' }).waitFor({ timeout: 30_000 });
  await page.getByText(NOTE, { exact: true }).waitFor();
  await page.getByText(WENT_WELL, { exact: true }).waitFor();
  expect(await page.getByRole('heading', { name: 'What went well' }).count()).toBe(1);
  await page.getByText(`${before + 1} issues are in the version`, { exact: false }).first().waitFor();
  expect(await page.getByText(new RegExp(`\\b${before} issues are in the version`)).count()).toBe(0);

  const after = await readPage(pageId);
  expect(after.version.number).toBe(3);
  expect(adfTexts(JSON.parse(after.body.atlas_doc_format.value) as Node).filter((t) => t === NOTE || t === WENT_WELL)).toEqual([NOTE, WENT_WELL]);
  expect(env.pageErrors).toEqual([]);
});
