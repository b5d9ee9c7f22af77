import type { FrameLocator, Page } from 'playwright-core';
import { invokeDirect, moduleFrame, startBrowserSite, switchUser, userByPersona, type BrowserSite } from './helpers/browser-site';

/**
 * The release panel says nothing a person reads in English that is not data (issue 15). In the
 * pseudo-locale every catalogue message is accented and wrapped in ⟦ ⟧; whatever text, name,
 * title or placeholder is left outside the brackets must be data: the version's own words, the
 * server's values, dates and numbers. A string that bypassed the catalogue shows up here by name.
 */

const VERSION_NAME = 'PAY 2.2';
const EXTENSION = { type: 'jira:projectPage', project: { id: '10000', key: 'PAY', type: 'software' } };
/** Atlaskit's own icon and menu labels (not the app's words): reported to the lead, not counted here. */
const ATLASKIT_LABELS = new Set(['open', 'warning', 'information', 'error', 'success', 'clear', 'Clear']);

let env: BrowserSite;

beforeAll(async () => {
  env = await startBrowserSite({ history: false });
});

afterAll(async () => {
  await env?.close();
});

const frame = (): FrameLocator => moduleFrame(env.page);

/** Every string in the release view, as the server sends it: data the panel may show as it is. */
async function dataOf(accountId: string, versionId: string): Promise<string[]> {
  const answer = await invokeDirect(env.site.url, { moduleKey: 'preflight-releases', functionKey: 'release/get', payload: { versionId }, accountId, extension: EXTENSION });
  const strings: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk((answer.body.result as { data: unknown }).data);
  return strings;
}

/** Text nodes and the names, titles, placeholders and alt texts of a frame, outside ⟦ ⟧. */
async function untranslated(scope: FrameLocator): Promise<string[]> {
  const found = await scope.locator('body').evaluate((body) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest('script, style')) continue;
      out.push(node.textContent ?? '');
    }
    body.querySelectorAll('[aria-label], [title], [placeholder], [alt]').forEach((el) => {
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = el.getAttribute(name);
        if (value) out.push(value);
      }
    });
    return out;
  });
  return found.map((text) => text.replace(/⟦[^⟧]*⟧/g, ' ').trim()).filter((text) => /[A-Za-z]{2,}/.test(text));
}

/** What is left once data, dates and Atlaskit's own labels are taken out: strings that bypassed the catalogue. */
function bypassed(texts: string[], data: string[]): string[] {
  const isData = (text: string) => data.some((d) => d === text || (text.length >= 8 && d.includes(text)) || (d.length >= 8 && text.includes(d)));
  const date = /^[A-Z][a-z]{2} \d{1,2}, \d{4}(, \d{1,2}:\d{2} [AP]M)?$/;
  return texts.filter((text) => {
    const words = text.replace(/[()[\]{},.:;·→—–-]/g, ' ').split(/\s+/).filter((w) => /[A-Za-z]/.test(w) && !['and', 'or'].includes(w));
    if (words.length === 0) return false;
    return !ATLASKIT_LABELS.has(text) && !date.test(text) && !isData(text) && !/^.+ \([A-Z]+\)$/.test(text);
  });
}

async function openPanel(page: Page): Promise<string> {
  await page.goto(new URL('/jira/projects/PAY/releases', env.site.url).href);
  await frame().getByRole('button', { name: new RegExp(VERSION_NAME.replace('.', '\\.')) }).first().click({ timeout: 30_000 });
  await frame().getByRole('heading', { name: VERSION_NAME }).waitFor({ timeout: 30_000 });
  return /\/releases\/(\d+)$/.exec(new URL(page.url()).pathname)![1]!;
}

test('in the pseudo-locale, the release panel and its override dialog show no English outside ⟦ ⟧ but data', async () => {
  const { page, site } = env;
  await page.context().addCookies([{ name: 'preflight_locale', value: 'en-XA', url: site.url }]);
  const report: Record<string, string[]> = {};

  await page.goto(new URL('/jira/projects/PAY/releases', site.url).href);
  for (const persona of ['release-owner', 'viewer'] as const) {
    const user = userByPersona(persona);
    await switchUser(page, user);
    const versionId = await openPanel(page);
    // The tracker, the current phase's gates and the audit trail have loaded (all catalogue headings).
    await frame().getByTestId('current-phase').waitFor({ timeout: 30_000 });
    // Another phase's gates, opened.
    // (The server names the default phases in the person's language too, so they are found by position.)
    await frame().locator('button[aria-expanded="false"]').filter({ hasText: '▸' }).first().click();
    const data = await dataOf(user.accountId, versionId);
    if (persona === 'release-owner') {
      // A blocked advance, then the override dialog (its own frame, on the host page).
      await frame().getByTestId('advance').click();
      await frame().getByRole('button', { name: /…/ }).first().click({ timeout: 15_000 });
      const modal = page.frameLocator('dialog#forge-modal iframe');
      await modal.locator('textarea').waitFor({ timeout: 15_000 });
      const inModal = await untranslated(modal);
      console.log(`Left outside ⟦ ⟧ in the override dialog (data included): ${JSON.stringify(inModal)}`);
      report['override dialog'] = bypassed(inModal, data);
      await modal.locator('textarea').press('Escape');
      await page.locator('dialog#forge-modal').waitFor({ state: 'detached', timeout: 15_000 });
    }
    const inPanel = await untranslated(frame());
    console.log(`Left outside ⟦ ⟧ for the ${persona} (data included): ${JSON.stringify(inPanel)}`);
    report[persona] = bypassed(inPanel, data);
  }
  console.log(`Untranslated strings in the release panel (pseudo-locale): ${JSON.stringify(report, null, 2)}`);
  expect(report).toEqual({ 'override dialog': [], 'release-owner': [], viewer: [] });
  await page.context().addCookies([{ name: 'preflight_locale', value: 'en-US', url: site.url }]);
});
