import type { FrameLocator } from 'playwright-core';
import { adfProblems } from '../../src/domain/adf/adf-kit';
import { chooseOption } from './helpers/atlaskit-select';
import { startBrowserSite, type BrowserSite } from './helpers/browser-site';
import { prepareTrainRoom, ritaRest } from './helpers/train-room';

/**
 * The train release notes macro in a browser, on a page of the local Confluence: Rita picks the
 * train 2026.12 (PAY 2.2 and MOB 4.2), sees each project's notes under its heading, publishes
 * "Release notes: 2026.12" and publishes again (one page, version 2).
 */
let env: BrowserSite;
let pageId = '';
let rest: ReturnType<typeof ritaRest>;

const macro = (): FrameLocator => env.page.locator('.macro').nth(0).frameLocator('iframe.forge-frame');
const dialog = (): FrameLocator => env.page.frameLocator('#macro-config-dialog iframe');

beforeAll(async () => {
  env = await startBrowserSite({ seedIssues: 200 });
  rest = ritaRest(env.site);
  // The train and its room, the macro not configured yet: Rita picks the train below.
  pageId = (await prepareTrainRoom(env.site)).pageId;
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
