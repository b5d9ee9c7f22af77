import type { FrameLocator } from 'playwright-core';
import { moduleFrame, startBrowserSite, type BrowserSite } from './helpers/browser-site';
import { prepareTrainRoom } from './helpers/train-room';

/**
 * What a screen reader user finds by landmarks and headings, in German (the accessibility test
 * counts axe's findings; this shows the names a person hears):
 * - on a Confluence page with the release notes and the retrospective macros, each macro's publish
 *   bar is a region named after what it publishes, so the two are told apart;
 * - in the train notes macro each project is a region and its groups ("Neue Funktionen") are not
 *   regions of their own, so no two regions share a name;
 * - Jira draws no title above the global page: its title is the page's one h1, in the person's language;
 * - on an issue, the QA panel's headings sit under the panel's h2 as h3.
 */
let env: BrowserSite;
let trainPageId = '';

/** The demo's Release room (local/sim/confluence/state.ts): checklist, release notes, retrospective. */
const RELEASE_ROOM = '98309';
const macro = (n: number): FrameLocator => env.page.locator('.macro').nth(n).frameLocator('iframe.forge-frame');

beforeAll(async () => {
  // 200 issues, as the accessibility test: both train members then have shipped work in groups.
  env = await startBrowserSite({ seedIssues: 200 });
  await env.page.context().addCookies([{ name: 'preflight_locale', value: 'de-DE', url: env.site.url }]);
  trainPageId = (await prepareTrainRoom(env.site, { configuredFor: { audience: 'customer' } })).pageId;
}, 120_000);

afterAll(async () => {
  await env?.close();
});

test('the release notes and retrospective macros each name their publish bar after what it publishes', async () => {
  await env.page.goto(`${env.site.url}/wiki/pages/${RELEASE_ROOM}`);
  await macro(1).getByRole('region', { name: 'Release Notes veröffentlichen' }).waitFor({ timeout: 30_000 });
  await macro(2).getByRole('region', { name: 'Retrospektive veröffentlichen' }).waitFor({ timeout: 30_000 });
  expect(await macro(1).getByRole('region', { name: 'Retrospektive veröffentlichen' }).count()).toBe(0);
  expect(await macro(1).locator('html').getAttribute('lang')).toBe('de');
});

test('in the train notes each project is one region, and its groups are headed sections, not regions of the same name', async () => {
  await env.page.goto(`${env.site.url}/wiki/pages/${trainPageId}`);
  const notes = macro(0);
  const pay = notes.getByRole('region', { name: 'Payments · PAY 2.2' });
  await pay.waitFor({ timeout: 30_000 });
  await pay.getByRole('heading', { level: 4 }).first().waitFor();
  const regions = await notes.getByRole('region').evaluateAll((list) => list.map((e) => e.getAttribute('aria-label') ?? ''));
  expect(regions).toEqual(expect.arrayContaining(['Mobile App · MOB 4.2', 'Payments · PAY 2.2']));
  expect(new Set(regions).size).toBe(regions.length);
});

test('the global page has one h1, the app\'s title in German, and the trains view continues at h2', async () => {
  await env.page.goto(`${env.site.url}/jira/apps/preflight-portfolio/trains`);
  const page = moduleFrame(env.page);
  await page.getByRole('heading', { level: 2 }).first().waitFor({ timeout: 30_000 });
  expect(await page.getByRole('heading', { level: 1 }).allInnerTexts()).toEqual(['Preflight-Releases']);
  expect(await env.page.getByRole('heading', { level: 1 }).count()).toBe(0);
});

test('on an issue the QA panel\'s headings are h3, under the panel\'s h2', async () => {
  await env.page.goto(`${env.site.url}/browse/PAY-12`);
  // The panel's title is the manifest's, in the person's language (locales/de-DE.json).
  const qa = env.page.frameLocator('iframe[title="Preflight-QA"]');
  await qa.getByRole('heading', { name: 'Entscheidungsverlauf', level: 3 }).waitFor({ timeout: 30_000 });
  await env.page.getByRole('heading', { name: 'Preflight-QA', level: 2 }).waitFor();
  expect(await qa.getByRole('heading', { level: 5 }).count()).toBe(0);
  expect(await qa.getByRole('heading', { level: 6 }).count()).toBe(0);
});
