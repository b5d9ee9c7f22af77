import type { FrameLocator } from 'playwright-core';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';
import { invokeDirect, moduleFrame, startBrowserSite, userByPersona, type BrowserSite } from './helpers/browser-site';

/**
 * The release calendar in a browser (issue 14): the project page's Calendar view, the Jira global
 * page and the Confluence "Release calendar" page show PAY's and MOB's releases with their phases
 * as bars; the keyboard opens a version; light and dark mode render without console errors.
 */
let env: BrowserSite;

beforeAll(async () => {
  env = await startBrowserSite({ seedIssues: 200 });
});

afterAll(async () => {
  await env?.close();
});

afterEach(() => {
  expect(env.pageErrors).toEqual([]);
});

const frame = (): FrameLocator => moduleFrame(env.page);
/** A bar's accessible name: "PAY 2.2: Planning, 1 Nov to 16 Dec". */
const bar = (f: FrameLocator, version: string, phase = 'Planning') => f.getByRole('button', { name: new RegExp(`^${version.replace('.', '\\.')}: ${phase}, `) });
const barLink = (f: FrameLocator, version: string, phase = 'Planning') => f.getByRole('link', { name: new RegExp(`^${version.replace('.', '\\.')}: ${phase}, `) });

async function setTheme(mode: 'light' | 'dark'): Promise<void> {
  await env.page.context().addCookies([{ name: 'preflight_theme', value: mode, url: env.site.url }]);
}

for (const mode of ['light', 'dark'] as const) {
  test(`the project Calendar view shows PAY's releases as phase bars, and the keyboard opens one (${mode} mode)`, async () => {
    await setTheme(mode);
    await env.page.goto(`${env.site.url}/jira/projects/PAY/releases/calendar`);
    expect(await env.page.locator('html').getAttribute('data-color-mode')).toBe(mode);
    const f = frame();
    await bar(f, 'PAY 2.2').waitFor({ timeout: 30_000 });
    await bar(f, 'PAY 2.0', 'Post-release review').waitFor();
    if (process.env['CALENDAR_SCREENSHOT']) await env.page.screenshot({ path: `${process.env['CALENDAR_SCREENSHOT']}/calendar-project-${mode}.png`, fullPage: true });
    await f.getByRole('region', { name: /^Release calendar, / }).getByText('Today', { exact: true }).waitFor();
    // Zoom is in the URL: Month narrows the period, and survives a reload.
    await f.getByRole('button', { name: 'Month', exact: true }).click();
    await f.getByRole('button', { name: 'Month', exact: true, pressed: true }).waitFor();
    expect(env.page.url()).toContain('zoom=month');
    await f.getByRole('button', { name: 'Quarter', exact: true }).click();
    await f.getByRole('button', { name: 'Quarter', exact: true, pressed: true }).waitFor();
    // The table alternative lists the same releases.
    await f.getByRole('button', { name: 'Show as table' }).click();
    await f.getByRole('columnheader', { name: 'Freeze' }).waitFor();
    await f.getByRole('cell', { name: 'PAY 2.2' }).waitFor();
    await f.getByRole('button', { name: 'Show as table' }).click();
    // Keyboard: focus PAY 2.2's bar and press Enter: its release panel opens.
    await bar(f, 'PAY 2.2').focus();
    await env.page.keyboard.press('Enter');
    await f.getByRole('heading', { name: /PAY 2\.2/ }).first().waitFor({ timeout: 30_000 });
    expect(env.page.url()).toMatch(/\/releases\/\d+$/);
  });
}

const auth = { authorization: `Basic ${Buffer.from('rita@preflight.local:local').toString('base64')}` };
async function jira<T>(path: string): Promise<T> {
  const response = await fetch(new URL(path, env.site.url), { headers: { accept: 'application/json', ...auth } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

/** Tracks a version as the release owner and plans its Build & test phase (the panel's own resolvers). */
async function planBuildAndTest(versionName: string): Promise<void> {
  const key = versionName.split(' ')[0]!;
  const project = await jira<{ id: string; key: string }>(`/rest/api/3/project/${key}`);
  const version = (await jira<Array<{ id: string; name: string; releaseDate?: string }>>(`/rest/api/3/project/${key}/versions`)).find((v) => v.name === versionName)!;
  const call = async (functionKey: string, payload: Record<string, unknown>) => {
    const answer = await invokeDirect(env.site.url, { moduleKey: 'preflight-releases', functionKey, payload, accountId: userByPersona('release-owner').accountId, extension: { type: 'jira:projectPage', project: { id: project.id, key: project.key, type: 'software' } } });
    const envelope = answer.body.result as { ok: boolean; data: ReleaseView };
    if (!envelope?.ok) throw new Error(`${functionKey}: ${JSON.stringify(answer.body)}`);
    return envelope.data;
  };
  let view = await call(PANEL_KEYS.get, { versionId: version.id });
  view = await call(PANEL_KEYS.setType, { versionId: version.id, revision: view.revision, releaseType: 'minor' });
  const day = (offset: number) => new Date(Date.parse(`${version.releaseDate!}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  view = await call(PANEL_KEYS.setDates, { versionId: version.id, revision: view.revision, phaseId: 'build-test', plannedStart: day(-12), plannedEnd: day(-5) });
  view = await call(PANEL_KEYS.setDates, { versionId: version.id, revision: view.revision, phaseId: 'release-prep', plannedStart: day(-4), plannedEnd: day(-1) });
  await call(PANEL_KEYS.setAnnouncement, { versionId: version.id, revision: view.revision, announcementDate: day(3) });
}

test('the Jira global page shows PAY and MOB releases with phase bars, and the project filter narrows it', async () => {
  await setTheme('light');
  await planBuildAndTest('PAY 2.2');
  await env.page.goto(`${env.site.url}/jira/apps/preflight-portfolio`);
  const f = frame();
  await barLink(f, 'PAY 2.2').waitFor({ timeout: 30_000 });
  await barLink(f, 'MOB 4.2').waitFor();
  await barLink(f, 'MOB 4.1', 'Post-release review').waitFor();
  // PAY 2.2 is tracked now: a bar per planned phase.
  await barLink(f, 'PAY 2.2', 'Build & test').waitFor();
  await barLink(f, 'PAY 2.2', 'Release preparation').waitFor();
  if (process.env['CALENDAR_SCREENSHOT']) await env.page.screenshot({ path: `${process.env['CALENDAR_SCREENSHOT']}/calendar-global.png`, fullPage: true });
  // A bar links to the version's release panel on its project page.
  expect(await barLink(f, 'MOB 4.2').getAttribute('href')).toMatch(/\/jira\/software\/projects\/MOB\/apps\/.+\/\d+$/);
  // Filter to PAY: MOB's bars go, and the filter is in the URL.
  await f.getByLabel('Projects').fill('Payments');
  await env.page.keyboard.press('Enter');
  await f.locator('[data-version="MOB 4.2"]').waitFor({ state: 'detached', timeout: 15_000 });
  await barLink(f, 'PAY 2.2').waitFor();
  expect(env.page.url()).toContain('projects=PAY');
});

test('the Confluence "Release calendar" page renders the calendar macro on PAY and MOB, in dark mode too', async () => {
  for (const mode of ['light', 'dark'] as const) {
    await setTheme(mode);
    await env.page.goto(new URL('/wiki/pages/98308', env.site.url).href);
    await env.page.getByRole('heading', { name: 'Release calendar' }).first().waitFor({ timeout: 30_000 });
    const macro = env.page.locator('.macro').first().frameLocator('iframe.forge-frame');
    await barLink(macro, 'PAY 2.2').waitFor({ timeout: 30_000 });
    await barLink(macro, 'MOB 4.2').waitFor();
    if (process.env['CALENDAR_SCREENSHOT']) await env.page.screenshot({ path: `${process.env['CALENDAR_SCREENSHOT']}/calendar-macro-${mode}.png`, fullPage: true });
  }
});

test("the macro's settings start from its saved projects; unticking MOB leaves PAY's releases only", async () => {
  await setTheme('light');
  await env.page.goto(new URL('/wiki/pages/98308', env.site.url).href);
  await env.page.locator('.macro').first().getByRole('button', { name: 'Configure' }).click();
  const settings = env.page.frameLocator('#macro-config-dialog iframe');
  const mob = settings.getByLabel('Mobile App (MOB)');
  await mob.waitFor({ timeout: 30_000 });
  expect(await settings.getByLabel('Payments (PAY)').isChecked()).toBe(true);
  expect(await mob.isChecked()).toBe(true);
  await mob.uncheck();
  await settings.getByRole('button', { name: 'Save' }).click();
  await env.page.locator('#macro-config-dialog').waitFor({ state: 'hidden', timeout: 15_000 });
  await env.page.reload();
  const macro = env.page.locator('.macro').first().frameLocator('iframe.forge-frame');
  await barLink(macro, 'PAY 2.2').waitFor({ timeout: 30_000 });
  expect(await macro.locator('[data-version="MOB 4.2"]').count()).toBe(0);
});
