import type { FrameLocator } from 'playwright-core';
import type { Envelope } from '../../src/shared/envelope';
import { HEALTH_KEYS, type HealthAggregates, type HealthRow, type ReleaseHealthView } from '../../src/shared/health';
import { compileCatalogues } from '../../src/shared/i18n/catalogue';
import { createTranslator } from '../../src/shared/i18n/translator';
import { healthCellsText, healthSummaryText } from '../../static/app/src/health/health-text';
import type { MessageId } from '../../static/app/src/i18n/message-ids';
import portfolio from '../../static/app/src/i18n/messages/portfolio.en.json';
import { invokeDirect, moduleFrame, startBrowserSite, userByPersona, type BrowserSite } from './helpers/browser-site';

/**
 * Release health in a browser (issue 14): the Health view of PAY's Releases page renders the trend
 * charts (SVG with accessible names) for the seeded history, and its figures and table say exactly
 * what the `health/project` resolver answers for the stored records, in light and dark mode,
 * without console errors.
 */
let env: BrowserSite;

/** The figures and cells as the English UI words them (the same numbers, through the catalogue and Intl). */
const english = createTranslator<MessageId>('en', compileCatalogues('en', [portfolio]));
const healthCells = (row: HealthRow) => healthCellsText(english, row);
const healthSummary = (aggregates: HealthAggregates) => healthSummaryText(english, aggregates);

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
const auth = { authorization: `Basic ${Buffer.from('rita@preflight.local:local').toString('base64')}` };

/** What the resolver answers for PAY's last `releases` releases, asked directly (no browser). */
async function resolverAnswer(releases: number): Promise<ReleaseHealthView> {
  const project = (await (await fetch(new URL('/rest/api/3/project/PAY', env.site.url), { headers: { accept: 'application/json', ...auth } })).json()) as { id: string; key: string };
  const answer = await invokeDirect(env.site.url, {
    moduleKey: 'preflight-releases',
    functionKey: HEALTH_KEYS.project,
    payload: { releases },
    accountId: userByPersona('release-owner').accountId,
    extension: { type: 'jira:projectPage', project: { id: project.id, key: project.key, type: 'software' } },
  });
  const envelope = answer.body.result as Envelope<ReleaseHealthView>;
  if (!envelope?.ok) throw new Error(`health/project: ${JSON.stringify(answer.body)}`);
  return envelope.data;
}

for (const mode of ['light', 'dark'] as const) {
  test(`PAY's Health view charts the seeded history and its table says what the resolver answers (${mode} mode)`, async () => {
    await env.page.context().addCookies([{ name: 'preflight_theme', value: mode, url: env.site.url }]);
    await env.page.goto(`${env.site.url}/jira/projects/PAY/releases/health`);
    expect(await env.page.locator('html').getAttribute('data-color-mode')).toBe(mode);
    const f = frame();
    const table = f.getByTestId('health-table');
    await table.waitFor({ timeout: 30_000 });
    const expected = await resolverAnswer(10);
    expect(expected.rows.length).toBeGreaterThanOrEqual(8);

    // Four trend charts, each an SVG named by its title.
    for (const title of ['Slip in days', 'Scope churn after freeze (%)', 'Lead time, freeze to production (days)', 'Incidents per release']) {
      const figure = f.getByRole('figure', { name: new RegExp(`^${title.replace(/[()%]/g, '\\$&')}`) });
      await figure.locator('svg.recharts-surface').first().waitFor({ timeout: 30_000 });
      expect(await figure.locator('svg.recharts-surface title').first().textContent()).toBe(title);
    }
    if (process.env['HEALTH_SCREENSHOT']) await env.page.screenshot({ path: `/tmp/health-${mode}.png`, fullPage: true });
    // The slip chart draws a bar per release that shipped early or late (on the day, or without a plan: no bar).
    expect(await f.getByTestId('health-chart-slip').locator('.recharts-bar-rectangle').count()).toBe(expected.rows.filter((r) => r.slipDays !== undefined && r.slipDays !== 0).length);

    // The figures and the table, cell by cell, are the resolver's.
    const figures = await f.getByTestId('health-figure').allInnerTexts();
    expect(figures.map((t) => t.split('\n')[1])).toEqual(healthSummary(expected.aggregates).map((s) => s.value));
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((c) => (c.textContent ?? '').trim())));
    expect(rows).toEqual(expected.rows.map(healthCells));
  });
}

test('choosing the last 20 releases widens the table to what the resolver answers for 20, and the choice is in the URL', async () => {
  await env.page.goto(`${env.site.url}/jira/projects/PAY/releases/health`);
  const f = frame();
  await f.getByRole('group', { name: 'Releases counted' }).getByRole('button', { name: '20', exact: true }).click();
  await f.getByRole('button', { name: '20', exact: true, pressed: true }).waitFor({ timeout: 30_000 });
  const expected = await resolverAnswer(20);
  await f.getByTestId('health-table').locator('tbody tr').nth(expected.rows.length - 1).waitFor({ timeout: 30_000 });
  expect(await f.getByTestId('health-table').locator('tbody tr').count()).toBe(expected.rows.length);
  expect(env.page.url()).toContain('releases=20');
  // A release's name opens its release panel.
  const last = expected.rows[expected.rows.length - 1]!;
  await f.getByRole('button', { name: `Open release ${last.name}`, exact: true }).click();
  await f.getByRole('heading', { name: new RegExp(last.name.replace(/\./g, '\\.')) }).first().waitFor({ timeout: 30_000 });
  expect(env.page.url()).toMatch(new RegExp(`/releases/${last.versionId}$`));
});

test('the "Release health" macro on a Confluence page shows the same figures as the resolver, in light and dark mode', async () => {
  // The demo "Release health" page: the macro configured on PAY's last 10 releases (the local
  // Confluence has no editor; the config sits in the node's guestParams).
  const page = { id: '98310' };
  const expected = await resolverAnswer(10);
  for (const mode of ['light', 'dark'] as const) {
    await env.page.context().addCookies([{ name: 'preflight_theme', value: mode, url: env.site.url }]);
    await env.page.goto(new URL(`/wiki/pages/${page.id}`, env.site.url).href);
    const macro = env.page.locator('.macro').first().frameLocator('iframe.forge-frame');
    await macro.getByRole('heading', { name: /Release health: PAY/ }).waitFor({ timeout: 30_000 });
    await macro.getByRole('figure', { name: /^Slip in days/ }).locator('svg.recharts-surface').waitFor({ timeout: 30_000 });
    const rows = await macro.getByTestId('health-table').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((c) => (c.textContent ?? '').trim())));
    expect(rows).toEqual(expected.rows.map(healthCells));
    if (process.env['HEALTH_SCREENSHOT']) await env.page.screenshot({ path: `/tmp/health-macro-${mode}.png`, fullPage: true });
  }
});
