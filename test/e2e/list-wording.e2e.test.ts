import type { FrameLocator } from 'playwright-core';
import { moduleFrame, startBrowserSite, type BrowserSite } from './helpers/browser-site';

/**
 * Issue 15, the lists in every language: the releases list, the project calendar and health, and
 * the global page's calendar and release trains. In the pseudo-locale every piece of chrome a
 * person reads (headings, column headers, labels, buttons) comes from the catalogue, so it is
 * accented and wrapped in ⟦ ⟧; the ~30% longer text does not push the frame sideways. In German
 * the list reads German.
 */
let env: BrowserSite;
const frame = (): FrameLocator => moduleFrame(env.page);

async function useLocale(locale: string): Promise<void> {
  await env.page.context().addCookies([{ name: 'preflight_locale', value: locale, url: env.site.url }]);
}

/** The trimmed texts of the elements matching `selector` in the frame (empty ones left out). */
async function texts(selector: string): Promise<string[]> {
  const all = await frame().locator(selector).allInnerTexts();
  return all.map((t) => t.trim()).filter(Boolean);
}

/** Every text is catalogue text: the ones that are not are printed, so a bypass names itself. */
function expectAllPseudo(what: string, list: string[]): void {
  expect(list.length).toBeGreaterThan(0);
  expect({ what, bypassed: list.filter((t) => !t.includes('⟦')) }).toEqual({ what, bypassed: [] });
}

/** The frame's document is no wider than the frame: longer words wrap instead of scrolling sideways. */
async function expectNoHorizontalOverflow(what: string): Promise<void> {
  const handle = await env.page.locator('iframe.forge-frame').first().elementHandle();
  const inner = await handle!.contentFrame();
  const size = await inner!.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  console.log(`${what}: scrollWidth ${size.scroll}, clientWidth ${size.client}`);
  expect({ what, overflow: size.scroll > size.client + 1 }).toEqual({ what, overflow: false });
}

beforeAll(async () => {
  env = await startBrowserSite({ seedIssues: 60 });
});

afterAll(async () => {
  await env?.close();
});

test('in the pseudo-locale the releases list, calendar and health show only catalogue chrome, and the layout holds', async () => {
  await useLocale('en-XA');
  await env.page.goto(`${env.site.url}/jira/projects/PAY/releases`);
  const f = frame();
  await f.getByRole('heading', { name: /⟦/ }).first().waitFor({ timeout: 30_000 });
  expect(await f.locator('html').getAttribute('lang')).toBe('en');
  await f.locator('tbody tr').first().waitFor({ timeout: 30_000 });
  expectAllPseudo('list headings', await texts('h1, h2, h3'));
  expectAllPseudo('list column headers', await texts('th'));
  expectAllPseudo('list labels', await texts('label, legend'));
  expectAllPseudo('list view tabs', await texts('nav a'));
  // Progress bars are named by the catalogue too (their numbers inside the accents).
  const progress = await f.getByTestId('progress-bar').first().getAttribute('aria-label');
  expect(progress).toContain('⟦');
  await expectNoHorizontalOverflow('releases list (en-XA)');

  await env.page.goto(`${env.site.url}/jira/projects/PAY/releases/calendar`);
  await f.getByRole('region', { name: /⟦/ }).waitFor({ timeout: 30_000 });
  expectAllPseudo('calendar controls', await texts('.cal-nav button'));
  expectAllPseudo('calendar legend', await texts('.cal-legend > span'));
  await expectNoHorizontalOverflow('project calendar (en-XA)');

  await env.page.goto(`${env.site.url}/jira/projects/PAY/releases/health`);
  await f.getByTestId('health-report').waitFor({ timeout: 30_000 }).catch(async (error: unknown) => {
    console.log(await f.locator('body').innerText());
    throw error;
  });
  await f.getByRole('group', { name: /⟦/ }).waitFor();
  const table = f.getByTestId('health-table');
  if (await table.count()) {
    expectAllPseudo('health column headers', await texts('[data-testid="health-table"] thead th'));
    expectAllPseudo('health figures', await texts('[data-testid="health-figure"] dt'));
    expectAllPseudo('health actions', await texts('.health-actions button'));
  } else {
    expectAllPseudo('health empty state', await texts('.health p'));
  }
  await expectNoHorizontalOverflow('project health (en-XA)');
});

test('in the pseudo-locale the global calendar and the release trains show only catalogue chrome', async () => {
  await useLocale('en-XA');
  await env.page.goto(`${env.site.url}/jira/apps/preflight-portfolio`);
  const f = frame();
  await f.getByRole('heading', { name: /⟦/ }).first().waitFor({ timeout: 30_000 });
  await f.locator('.cal-nav').waitFor({ timeout: 30_000 });
  expectAllPseudo('portfolio tabs', await texts('nav a'));
  expectAllPseudo('global calendar controls', await texts('.cal-nav button, label'));
  await expectNoHorizontalOverflow('global calendar (en-XA)');

  await env.page.goto(`${env.site.url}/jira/apps/preflight-portfolio/trains`);
  await f.getByRole('form', { name: /⟦/ }).waitFor({ timeout: 30_000 });
  await f.getByRole('heading', { name: /⟦/ }).nth(1).waitFor();
  expectAllPseudo('trains headings', await texts('h1, h2, h3'));
  expectAllPseudo('trains labels', await texts('label'));
  expectAllPseudo('trains buttons', await texts('form button'));
  await expectNoHorizontalOverflow('release trains (en-XA)');
});

test('in German the releases list reads German, and the untracked versions show their phase by name', async () => {
  await useLocale('de-DE');
  await env.page.goto(`${env.site.url}/jira/projects/PAY/releases`);
  const f = frame();
  await f.getByRole('columnheader', { name: 'Veröffentlichungsdatum' }).waitFor({ timeout: 30_000 });
  expect(await f.locator('html').getAttribute('lang')).toBe('de');
  const headers = await texts('th');
  expect(headers).toEqual(expect.arrayContaining(['Version', 'Phase', 'Veröffentlichungsdatum', 'Fortschritt', 'Handlungsbedarf']));
  await f.getByLabel('Versionen suchen').waitFor();
  await f.getByRole('checkbox', { name: 'Handlungsbedarf' }).waitFor();
  await f.getByRole('navigation', { name: 'Release-Ansichten' }).getByRole('link', { name: 'Kalender' }).waitFor();
  // A version Preflight has not seen yet says so in German, and never "Not started".
  await f.getByText('Noch nicht verfolgt').first().waitFor();
  expect(await f.getByText('Not started').count()).toBe(0);
  // A progress bar's name in German, numbers through Intl.
  expect(await f.getByTestId('progress-bar').first().getAttribute('aria-label')).toMatch(/^\d[\d.]* erledigt, \d[\d.]* in Arbeit, \d[\d.]* zu erledigen$/);
});
