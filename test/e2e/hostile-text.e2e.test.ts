import type { Frame } from 'playwright-core';
import { HOSTILE_TEXT } from '../fixtures/hostile-text';
import { chooseOption } from './helpers/atlaskit-select';
import { startBrowserSite, userByPersona, type BrowserSite } from './helpers/browser-site';

/**
 * The hostile-text corpus in a browser: issue summaries, the version's name and description are
 * set through the simulated Jira REST to payloads of markup, mentions, bidi controls and broken
 * UTF-16. The release panel, the QA issue module and the release-notes macro show them as text:
 * no element is injected, nothing runs, and no bidi control reaches the page to reverse the app's
 * own words after it.
 */
const VERSION_NAME = 'PAY 2.2 invoice\u202Egnp.exe';
const SAFE_VERSION_NAME = 'PAY 2.2 invoicegnp.exe';
const DESCRIPTION = '\u202E<img src=x onerror="window.top.__pwned=1"> <!channel> \u2067done\u2069 \uD83D';
const SAFE_DESCRIPTION = '<img src=x onerror="window.top.__pwned=1"> <!channel> done \uFFFD';
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/**
 * Summaries are one line of at most 255 characters in Jira, and the version has only a few done
 * stories: the one-line payloads are packed into as few summaries as fit, joined by " ¦ " (ASCII
 * around it keeps a lone surrogate lone, so the safe form of the whole is the safe forms joined).
 */
function packSummaries(): Array<{ payload: string; safe: string }> {
  const packed: Array<{ payload: string; safe: string }> = [];
  for (const h of HOSTILE_TEXT.filter((x) => x.payload.length <= 120 && !/[\r\n]/.test(x.payload) && x.payload.trim() === x.payload)) {
    const last = packed.at(-1);
    if (last && last.payload.length + 3 + h.payload.length <= 255) {
      last.payload += ` ¦ ${h.payload}`;
      last.safe += ` ¦ ${h.safe}`;
    } else packed.push({ payload: h.payload, safe: h.safe });
  }
  return packed;
}
const SUMMARIES = packSummaries();

let env: BrowserSite;
let versionId = '';
let pageId = '';
const issues: Array<{ key: string; safe: string }> = [];
const rita = userByPersona('release-owner');

async function rest(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const url = new URL(path, 'http://localhost');
  const answer = await env.site.products({ method, path: url.pathname, query: url.searchParams, headers: { 'content-type': 'application/json' }, body, accountId: rita.accountId, asApp: false });
  return { status: answer?.status ?? 404, body: answer?.body };
}

async function frameOf(selector: string, index = 0): Promise<Frame> {
  const frame = await (await env.page.locator(selector).nth(index).elementHandle())?.contentFrame();
  if (!frame) throw new Error(`No frame in ${selector}`);
  return frame;
}

/** What a person would notice in a frame: injected elements, bidi controls in the text, a script that ran. */
async function inspect(frame: Frame): Promise<{ injected: number; bidi: boolean; text: string; pwned: unknown }> {
  const found = await frame.evaluate(() => ({
    injected:
      document.querySelectorAll('img[src="x"], svg[onload], iframe[src^="javascript"], form[action*="evil"], details, [onerror], [onload], [onmouseover], script:not([src])').length +
      Array.from(document.querySelectorAll('h1, b')).filter((e) => e.textContent === 'Injected' || e.textContent === 'retry' || e.textContent === 'reversed').length,
    text: document.body.textContent ?? '',
    pwned: (window.top as unknown as { __pwned?: unknown }).__pwned,
  }));
  return { ...found, bidi: BIDI.test(found.text) };
}

beforeAll(async () => {
  env = await startBrowserSite({ seedIssues: 200 });
  const versions = (await rest('GET', '/rest/api/3/project/PAY/versions')).body as Array<{ id: string; name: string }>;
  versionId = versions.find((v) => v.name === 'PAY 2.2')!.id;
  expect((await rest('PUT', `/rest/api/3/version/${versionId}`, { name: VERSION_NAME, description: DESCRIPTION })).status).toBe(200);
  // Done issues: the internal notes list every one that shipped.
  const found = (await rest('POST', '/rest/api/3/search/jql', { jql: `fixVersion = ${versionId} AND statusCategory = Done ORDER BY key ASC`, maxResults: 100, fields: ['key'] })).body as { issues: Array<{ key: string }> };
  const targets = found.issues.slice(0, SUMMARIES.length);
  expect(targets).toHaveLength(SUMMARIES.length);
  for (const [i, target] of targets.entries()) {
    const h = SUMMARIES[i]!;
    expect((await rest('PUT', `/rest/api/3/issue/${target.key}`, { fields: { summary: h.payload } })).status).toBe(204);
    issues.push({ key: target.key, safe: h.safe });
  }
  const extension = { type: 'extension', attrs: { extensionType: 'com.atlassian.ecosystem', extensionKey: 'app/env/static/preflight-release-notes-macro', parameters: { localId: 'notes-1' }, localId: 'notes-1' } };
  const adf = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Our release page.' }] }, extension] };
  const created = await rest('POST', '/wiki/api/v2/pages', { spaceId: '98305', status: 'current', title: 'PAY 2.2 release room', body: { representation: 'atlas_doc_format', value: JSON.stringify(adf) } });
  expect(created.status).toBe(200);
  pageId = (created.body as { id: string }).id;
});

afterAll(async () => {
  await env?.close();
});

test('the release panel shows the version name and description as text, in order, with nothing injected', async () => {
  await env.page.goto(new URL(`/jira/projects/PAY/releases/${versionId}`, env.site.url).href);
  const frame = env.page.frameLocator('iframe.forge-frame').first();
  await frame.getByRole('heading', { name: SAFE_VERSION_NAME }).waitFor({ timeout: 30_000 });
  await frame.getByText(SAFE_DESCRIPTION, { exact: true }).waitFor();
  const seen = await inspect(await frameOf('iframe.forge-frame'));
  expect(seen).toMatchObject({ injected: 0, bidi: false, pwned: undefined });
  expect(seen.text).toContain(SAFE_VERSION_NAME);
  expect(await env.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
});

test('the QA issue module names the version in order, with no bidi control', async () => {
  await env.page.goto(new URL(`/browse/${issues[0]!.key}`, env.site.url).href);
  const card = env.page.frameLocator('iframe.forge-frame').first().getByTestId(`qa-release-${versionId}`);
  await card.getByRole('heading', { name: SAFE_VERSION_NAME }).waitFor({ timeout: 30_000 });
  const seen = await inspect(await frameOf('iframe.forge-frame'));
  expect(seen).toMatchObject({ injected: 0, bidi: false, pwned: undefined });
});

test('the release-notes macro lists every hostile summary as its safe text, nothing runs, nothing reorders', async () => {
  const { page } = env;
  await page.goto(new URL(`/wiki/pages/${pageId}`, env.site.url).href);
  await page.locator('.macro').nth(0).getByRole('button', { name: 'Configure' }).click({ timeout: 30_000 });
  const dialog = page.frameLocator('#macro-config-dialog iframe');
  await chooseOption(dialog, 'Project', 'Payments (PAY)');
  // The version's name is hostile text: its option starts with the safe form of it.
  await chooseOption(dialog, 'Version', new RegExp(`^${SAFE_VERSION_NAME.replace(/\./g, '\\.')}`));
  await chooseOption(dialog, 'Audience', 'Internal (everything)');
  await chooseOption(dialog, 'Group by', 'Issue type');
  await Promise.all([page.waitForEvent('load'), dialog.getByRole('button', { name: 'Save' }).click()]);
  const notes = page.locator('.macro').nth(0).frameLocator('iframe.forge-frame');
  await notes.getByRole('heading', { name: new RegExp(`release notes: ${SAFE_VERSION_NAME.replace(/\./g, '\\.')}$`, 'i') }).waitFor({ timeout: 30_000 });
  await notes.getByText(issues[0]!.safe, { exact: true }).first().waitFor();
  const seen = await inspect(await frameOf('.macro iframe.forge-frame'));
  for (const issue of issues) expect(seen.text).toContain(issue.safe);
  expect(seen).toMatchObject({ injected: 0, bidi: false, pwned: undefined });
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
});
