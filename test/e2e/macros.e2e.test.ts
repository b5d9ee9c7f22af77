import { readFile } from 'node:fs/promises';
import type { Frame, FrameLocator } from 'playwright-core';
import { FORGE_FRAME_SANDBOX } from '../../local/host/frame-permissions';
import { adfProblems } from '../../src/domain/adf/adf-kit';
import { chooseOption, chooseOptionByKeyboard } from './helpers/atlaskit-select';
import { invokeDirect, startBrowserSite, userByPersona, type BrowserSite } from './helpers/browser-site';

/**
 * The three Confluence macros in a browser, on a page of the local Confluence: Rita configures
 * each, sees it render, publishes release notes and the retrospective twice (one page, a new
 * version), then follows the link from the Jira version's related work to the published page.
 * A summary full of markup and script is shown as text in the macro and on the published page.
 */
const HOSTILE = `<img src=x onerror="window.top.__pwned=1"><script>window.top.__pwned=2</script> <ac:structured-macro ac:name="html"/> {"type":"doc","version":1,"content":[]}`;
const MACROS = ['preflight-checklist-macro', 'preflight-release-notes-macro', 'preflight-retrospective-macro'] as const;

let env: BrowserSite;
let pageId = '';
let versionId = '';
let hostileKey = '';
const rita = userByPersona('release-owner');

async function rest(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const url = new URL(path, 'http://localhost');
  const answer = await env.site.products({ method, path: url.pathname, query: url.searchParams, headers: { 'content-type': 'application/json' }, body, accountId: rita.accountId, asApp: false });
  return { status: answer?.status ?? 404, body: answer?.body };
}

const macro = (index: number): FrameLocator => env.page.locator('.macro').nth(index).frameLocator('iframe.forge-frame');
const dialog = (): FrameLocator => env.page.frameLocator('#macro-config-dialog iframe');
/** The playwright Frame inside an iframe element, for evaluating code in it. */
async function frameOf(selector: string, index = 0): Promise<Frame> {
  const frame = await (await env.page.locator(selector).nth(index).elementHandle())?.contentFrame();
  if (!frame) throw new Error(`No frame in ${selector}`);
  return frame;
}

async function configure(index: number, notes: boolean): Promise<void> {
  const { page } = env;
  await page.locator('.macro').nth(index).getByRole('button', { name: 'Configure' }).click();
  await chooseOption(dialog(), 'Project', 'Payments (PAY)');
  await chooseOption(dialog(), 'Version', 'PAY 2.2');
  if (notes) await chooseOption(dialog(), 'Group by', 'Issue type');
  await Promise.all([page.waitForEvent('load'), dialog().getByRole('button', { name: 'Save' }).click()]);
}

beforeAll(async () => {
  env = await startBrowserSite({ seedIssues: 200 });
  const versions = (await rest('GET', '/rest/api/3/project/PAY/versions')).body as Array<{ id: string; name: string }>;
  versionId = versions.find((v) => v.name === 'PAY 2.2')!.id;
  // A done story: customer notes list only what shipped.
  const found = (await rest('POST', '/rest/api/3/search/jql', { jql: `fixVersion = ${versionId} AND issuetype = Story AND statusCategory = Done AND labels != internal ORDER BY key ASC`, maxResults: 1, fields: ['key'] })).body as { issues: Array<{ key: string }> };
  hostileKey = found.issues[0]!.key;
  expect((await rest('PUT', `/rest/api/3/issue/${hostileKey}`, { fields: { summary: HOSTILE } })).status).toBe(204);

  const extension = (key: string) => ({
    type: 'extension',
    attrs: { extensionType: 'com.atlassian.ecosystem', extensionKey: `app/env/static/${key}`, parameters: { localId: `${key}-1` }, localId: `${key}-1` },
  });
  const adf = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Our release page.' }] }, ...MACROS.map(extension)] };
  const created = await rest('POST', '/wiki/api/v2/pages', { spaceId: '98305', status: 'current', title: 'PAY 2.2 release room', body: { representation: 'atlas_doc_format', value: JSON.stringify(adf) } });
  expect(created.status).toBe(200);
  pageId = (created.body as { id: string }).id;
});

afterAll(async () => {
  await env?.close();
});

test('the configuration must come as { config }, as Confluence requires: anything else is refused and nothing is saved', async () => {
  const { page, site } = env;
  await page.goto(new URL(`/wiki/pages/${pageId}`, site.url).href);
  await page.locator('.macro').nth(0).getByRole('button', { name: 'Configure' }).click();
  await dialog().getByLabel('Project').waitFor({ timeout: 30_000 });
  const frame = await frameOf('#macro-config-dialog iframe');
  // What @forge/bridge's view.submit sends, without the wrapper: the config's fields at the top.
  const refused = await frame.evaluate(async (version) => {
    const bridge = (window as unknown as { __bridge: { callBridge(name: string, payload: unknown): Promise<unknown> } }).__bridge;
    try {
      await bridge.callBridge('submit', { projectKey: 'PAY', versionId: version });
      return 'accepted';
    } catch (error) {
      return (error as { code?: string }).code;
    }
  }, versionId);
  expect(refused).toBe('INVALID_CONFIG');
  await page.locator('#macro-config-dialog button.dialog-close').click();
  await page.reload();
  await macro(0).getByText('Choose the project and version for this release checklist: edit the page and configure the macro.').waitFor({ timeout: 30_000 });
});

test('each macro asks to be configured, then renders its release', async () => {
  const { page, site } = env;
  await page.goto(new URL(`/wiki/pages/${pageId}`, site.url).href);
  // Each macro names itself in correct English.
  await macro(1).getByText('Choose the project and version for these release notes: edit the page and configure the macro.').waitFor({ timeout: 30_000 });
  await macro(2).getByText('Choose the project and version for this retrospective: edit the page and configure the macro.').waitFor();

  await configure(0, false);
  await macro(0).getByRole('heading', { name: 'Release checklist: PAY 2.2' }).waitFor({ timeout: 30_000 });
  await macro(0).getByTestId('gate-has-issues').getByText('Pass', { exact: true }).waitFor();

  await configure(1, true);
  await macro(1).getByRole('heading', { name: 'Release notes: PAY 2.2' }).waitFor({ timeout: 30_000 });
  await macro(1).getByRole('heading', { name: /New features \(\d+\)/ }).waitFor();
  // The summary is text: every character shows, nothing runs.
  await macro(1).getByText(HOSTILE, { exact: true }).waitFor();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  await configure(2, false);
  await macro(2).getByRole('heading', { name: 'Retrospective: PAY 2.2' }).waitFor({ timeout: 30_000 });
  for (const section of ['What went well', "What didn't", 'Actions']) await macro(2).getByRole('heading', { name: section, exact: true }).waitFor();
});

test('macro frames are sandboxed as on Forge: links go through the router, popups fail, downloads work', async () => {
  const { page, site } = env;
  await page.goto(new URL(`/wiki/pages/${pageId}`, site.url).href);
  const notes = macro(1);
  await notes.getByRole('heading', { name: 'Release notes: PAY 2.2' }).waitFor({ timeout: 30_000 });
  for (const frame of await page.locator('iframe.forge-frame').all()) expect(await frame.getAttribute('sandbox')).toBe(FORGE_FRAME_SANDBOX);

  // What a plain target="_blank" link or window.open would do on Forge: nothing.
  const inFrame = await frameOf('.macro iframe.forge-frame', 1);
  expect(await inFrame.evaluate(() => window.open('/', '_blank') === null)).toBe(true);

  // An issue link opens the issue in a new tab, through router.open and the page around the frame.
  const [issueTab] = await Promise.all([page.context().waitForEvent('page'), notes.getByRole('link', { name: hostileKey, exact: true }).click()]);
  await issueTab.waitForLoadState();
  expect(new URL(issueTab.url()).pathname).toBe(`/browse/${hostileKey}`);
  await issueTab.close();

  // The Blob + <a download> export still starts a download in the sandboxed frame.
  const [markdown] = await Promise.all([page.waitForEvent('download'), notes.getByRole('button', { name: 'Download Markdown' }).click()]);
  expect(markdown.suggestedFilename()).toBe('PAY 2.2 release notes (customer).md');
  const text = await readFile((await markdown.path())!, 'utf8');
  expect(text).toContain(`/browse/${hostileKey})`);
  // Escaped only where Markdown would change meaning: the version and the keys read as typed.
  expect(text.split('\n')[0]).toBe('# Release notes: PAY 2.2');
  expect(text).toContain(`[${hostileKey}](`);
});

test('publishing twice updates one page, and the Jira version links it once', async () => {
  const { page, site } = env;
  await page.goto(new URL(`/wiki/pages/${pageId}`, site.url).href);
  const notes = macro(1);
  await notes.getByRole('button', { name: 'Publish as a page' }).click({ timeout: 30_000 });
  await notes.getByText('Published: version 1 of').waitFor({ timeout: 30_000 });
  await notes.getByRole('button', { name: 'Publish again' }).click();
  await notes.getByText('Published: version 2 of').waitFor({ timeout: 30_000 });

  const retro = macro(2);
  await retro.getByRole('button', { name: 'Publish as a page' }).click({ timeout: 30_000 });
  await retro.getByText('Published: version 1 of').waitFor({ timeout: 30_000 });
  await retro.getByRole('button', { name: 'Publish again' }).click();
  await retro.getByText('Published: version 2 of').waitFor({ timeout: 30_000 });

  const pages = (await rest('GET', `/wiki/api/v2/pages?space-id=98305&title=${encodeURIComponent('Release notes: PAY 2.2')}&body-format=atlas_doc_format`)).body as {
    results: Array<{ id: string; version: { number: number }; body: { atlas_doc_format: { value: string } } }>;
  };
  expect(pages.results).toHaveLength(1);
  expect(pages.results[0]!.version.number).toBe(2);
  expect(adfProblems(JSON.parse(pages.results[0]!.body.atlas_doc_format.value))).toEqual([]);

  const related = (await rest('GET', `/rest/api/3/version/${versionId}/relatedwork`)).body as Array<{ title?: string }>;
  expect(related.filter((w) => w.title === 'Release notes: PAY 2.2')).toHaveLength(1);
  expect(related.filter((w) => w.title === 'Retrospective: PAY 2.2')).toHaveLength(1);
});

test('the link in the version\'s related work opens the published page, with the summary as text', async () => {
  const { page, site } = env;
  await page.goto(new URL(`/jira/projects/PAY/versions/${versionId}`, site.url).href);
  await page.getByRole('link', { name: 'Release notes: PAY 2.2' }).click();
  await page.getByRole('heading', { name: 'Release notes: PAY 2.2' }).first().waitFor({ timeout: 30_000 });
  expect(new URL(page.url()).pathname).toMatch(/^\/wiki\/spaces\/REL\/pages\/\d+$/);
  await page.getByText(HOSTILE).first().waitFor();
  expect(await page.locator('main img, main script').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  await page.goto(new URL(`/jira/projects/PAY/versions/${versionId}`, site.url).href);
  await page.getByRole('link', { name: 'Retrospective: PAY 2.2' }).click();
  await page.getByRole('heading', { name: 'What went well' }).waitFor({ timeout: 30_000 });
  expect(env.site.cspViolations).toEqual([]);
});

test('the settings use @atlaskit controls a keyboard can work: tab to the project, type, Enter; the checklist names roles as people read them', async () => {
  const { page, site } = env;
  const adf = {
    type: 'doc',
    version: 1,
    content: [{ type: 'extension', attrs: { extensionType: 'com.atlassian.ecosystem', extensionKey: 'app/env/static/preflight-checklist-macro', parameters: { localId: 'kb-1' }, localId: 'kb-1' } }],
  };
  const created = await rest('POST', '/wiki/api/v2/pages', { spaceId: '98305', status: 'current', title: 'PAY 2.2 checklist', body: { representation: 'atlas_doc_format', value: JSON.stringify(adf) } });
  // Rita signs the planning sign-off, so the checklist has a role to name.
  const extension = { type: 'jira:projectPage', project: { id: '10000', key: 'PAY', type: 'software' } };
  const read = await invokeDirect(site.url, { moduleKey: 'preflight-releases', functionKey: 'release/get', payload: { versionId }, accountId: rita.accountId, extension });
  const revision = (read.body.result as { data: { revision: number } }).data.revision;
  const signed = await invokeDirect(site.url, { moduleKey: 'preflight-releases', functionKey: 'release/sign-off', payload: { versionId, revision, gateId: 'planning-signoff', role: 'release-owner', signed: true }, accountId: rita.accountId, extension });
  expect(signed.body.result).toMatchObject({ ok: true });

  await page.goto(new URL(`/wiki/pages/${(created.body as { id: string }).id}`, site.url).href);
  await page.locator('.macro').nth(0).getByRole('button', { name: 'Configure' }).click();
  const settings = dialog();
  await settings.getByRole('heading', { name: 'Release checklist settings' }).click({ timeout: 30_000 });
  // No native <select> left: the fields are @atlaskit/select comboboxes with their labels.
  expect(await settings.locator('select').count()).toBe(0);
  await settings.locator('#macro-project:not([disabled])').waitFor({ timeout: 30_000 });
  await page.keyboard.press('Tab');
  const project = settings.getByRole('combobox', { name: 'Project', exact: true });
  expect(await project.evaluate((el) => el === document.activeElement)).toBe(true);
  await chooseOptionByKeyboard(project, 'Payments');
  await settings.locator('#macro-version:not([disabled])').waitFor({ timeout: 30_000 });
  await page.keyboard.press('Tab');
  const version = settings.getByRole('combobox', { name: 'Version', exact: true });
  expect(await version.evaluate((el) => el === document.activeElement)).toBe(true);
  await chooseOptionByKeyboard(version, 'PAY 2.2');
  await page.keyboard.press('Tab');
  const save = settings.getByRole('button', { name: 'Save' });
  expect(await save.evaluate((el) => el === document.activeElement)).toBe(true);
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);

  const checklist = macro(0);
  await checklist.getByRole('heading', { name: 'Release checklist: PAY 2.2' }).waitFor({ timeout: 30_000 });
  await checklist.getByTestId('gate-planning-signoff').getByText('signed by Rita Owens (Release owner)').waitFor();
  expect(await checklist.getByText(/release-owner|engineering-lead/).count()).toBe(0);
});

test('customer and internal notes download under different names', async () => {
  const { page, site } = env;
  await page.goto(new URL(`/wiki/pages/${pageId}`, site.url).href);
  await page.locator('.macro').nth(1).getByRole('button', { name: 'Configure' }).click();
  await chooseOption(dialog(), 'Audience', 'Internal (everything)');
  await Promise.all([page.waitForEvent('load'), dialog().getByRole('button', { name: 'Save' }).click()]);
  const notes = macro(1);
  await notes.getByTestId('notes-summary').getByText(/internal/).waitFor({ timeout: 30_000 });
  const [markdown] = await Promise.all([page.waitForEvent('download'), notes.getByRole('button', { name: 'Download Markdown' }).click()]);
  expect(markdown.suggestedFilename()).toBe('PAY 2.2 release notes (internal).md');
  const text = await readFile((await markdown.path())!, 'utf8');
  expect(text.split('\n')[0]).toBe('# Internal release notes: PAY 2.2');
});
