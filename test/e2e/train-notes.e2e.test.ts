import type { FrameLocator } from 'playwright-core';
import { kvsTrainStore } from '../../src/adapters/kvs-trains';
import { adfProblems } from '../../src/domain/adf/adf-kit';
import { addMember, createTrain } from '../../src/domain/trains';
import { chooseOption } from './helpers/atlaskit-select';
import { startBrowserSite, userByPersona, type BrowserSite } from './helpers/browser-site';

/**
 * The train release notes macro in a browser, on a page of the local Confluence: Rita picks the
 * train 2026.12 (PAY 2.2 and MOB 4.2), sees each project's notes under its heading, publishes
 * "Release notes: 2026.12" and publishes again (one page, version 2).
 */
const MODULE = 'preflight-train-notes-macro';
let env: BrowserSite;
let pageId = '';
const rita = userByPersona('release-owner');

async function rest(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const url = new URL(path, 'http://localhost');
  const answer = await env.site.products({ method, path: url.pathname, query: url.searchParams, headers: { 'content-type': 'application/json' }, body, accountId: rita.accountId, asApp: false });
  return { status: answer?.status ?? 404, body: answer?.body };
}
const macro = (): FrameLocator => env.page.locator('.macro').nth(0).frameLocator('iframe.forge-frame');
const dialog = (): FrameLocator => env.page.frameLocator('#macro-config-dialog iframe');

beforeAll(async () => {
  env = await startBrowserSite({ seedIssues: 200 });
  const versions = async (key: string) => (await rest('GET', `/rest/api/3/project/${key}/versions`)).body as Array<{ id: string; name: string }>;
  const pay = (await versions('PAY')).find((v) => v.name === 'PAY 2.2')!;
  const mob = (await versions('MOB')).find((v) => v.name === 'MOB 4.2')!;
  // The train, written through the trains' store as the train panel writes it.
  const store = kvsTrainStore();
  const at = new Date().toISOString();
  const created = createTrain({ name: '2026.12', releaseDate: '2026-12-15', by: rita.accountId, at });
  let train = await store.save(created.record, 0, created.events);
  for (const [key, v] of [['PAY', pay], ['MOB', mob]] as const) {
    const change = addMember(train, { projectKey: key, versionId: v.id, versionName: v.name }, rita.accountId, at);
    train = await store.save(change.record, train.revision, change.events);
  }
  const adf = {
    type: 'doc',
    version: 1,
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'Train 2026.12 release room.' }] },
      { type: 'extension', attrs: { extensionType: 'com.atlassian.ecosystem', extensionKey: `app/env/static/${MODULE}`, parameters: { localId: `${MODULE}-1` }, localId: `${MODULE}-1` } },
    ],
  };
  const page = await rest('POST', '/wiki/api/v2/pages', { spaceId: '98305', status: 'current', title: 'Train 2026.12 room', body: { representation: 'atlas_doc_format', value: JSON.stringify(adf) } });
  expect(page.status).toBe(200);
  pageId = (page.body as { id: string }).id;
}, 120_000);

afterAll(async () => {
  await env?.close();
});

test('Rita picks the train, sees PAY and MOB notes under their project headings, and publishes the combined page twice', async () => {
  const { page, site } = env;
  await page.goto(new URL(`/wiki/pages/${pageId}`, site.url).href);
  await macro().getByText(/Choose a release train for these notes/).waitFor({ timeout: 30_000 });

  await page.locator('.macro').nth(0).getByRole('button', { name: 'Configure' }).click();
  await chooseOption(dialog(), 'Release train', /^2026\.12/);
  await chooseOption(dialog(), 'Audience', 'Customer-facing (leaves out internal issues)');
  await Promise.all([page.waitForEvent('load'), dialog().getByRole('button', { name: 'Save' }).click()]);

  const notes = macro();
  await notes.getByRole('heading', { name: 'Release notes: 2026.12' }).waitFor({ timeout: 30_000 });
  const headings = await notes.getByRole('heading', { level: 3 }).allTextContents();
  expect(headings).toEqual(['Mobile App · MOB 4.2', 'Payments · PAY 2.2']);
  await notes.getByRole('region', { name: 'Payments · PAY 2.2' }).getByRole('heading', { name: /New features \(\d+\)/, level: 4 }).waitFor();

  await notes.getByRole('button', { name: 'Publish train release notes' }).click({ timeout: 30_000 });
  await notes.getByText('Published: version 1 of').waitFor({ timeout: 30_000 });
  await notes.getByRole('button', { name: 'Publish train release notes again' }).click();
  await notes.getByText('Published: version 2 of').waitFor({ timeout: 30_000 });

  const pages = (await rest('GET', `/wiki/api/v2/pages?space-id=98305&title=${encodeURIComponent('Release notes: 2026.12')}&body-format=atlas_doc_format`)).body as {
    results: Array<{ version: { number: number }; body: { atlas_doc_format: { value: string } } }>;
  };
  expect(pages.results).toHaveLength(1);
  expect(pages.results[0]!.version.number).toBe(2);
  expect(adfProblems(JSON.parse(pages.results[0]!.body.atlas_doc_format.value))).toEqual([]);
  expect(env.pageErrors).toEqual([]);
  expect(site.cspViolations).toEqual([]);
});
