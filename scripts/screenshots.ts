/**
 * Refreshes the README's screenshots from a fresh local site (in-process, temporary data):
 *   npx tsx scripts/screenshots.ts
 * The releases list, a release panel, the QA module on an issue, the demo Confluence
 * "Release room" page with the three macros configured, the calendar across projects, PAY's
 * release health and a release train (created here through its page), and the release panel in
 * German, Japanese and the pseudo-locale.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { APP_ROOT, moduleFrame, startBrowserSite, switchUser, userByPersona } from '../test/e2e/helpers/browser-site';

async function main(): Promise<void> {
  const env = await startBrowserSite({ seedIssues: 400 });
  const { page, site } = env;
  const out = join(APP_ROOT, 'docs');
  mkdirSync(out, { recursive: true });
  try {
    await page.goto(`${site.url}/jira/projects/PAY/releases`);
    const frame = moduleFrame(page);
    await frame.getByText('PAY 2.2', { exact: true }).first().waitFor({ timeout: 30_000 });
    // The first open queues the gate counts of the versions nobody opened; they land a moment later.
    for (let attempt = 0; attempt < 15 && (await frame.getByText(/Evaluated in the background/).count()) === 0; attempt++) {
      await page.waitForTimeout(2_000);
      await page.reload();
      await frame.getByText('PAY 2.2', { exact: true }).first().waitFor({ timeout: 30_000 });
    }
    await page.screenshot({ path: join(out, 'screenshot-local-site.png'), fullPage: true });

    await frame.getByRole('link', { name: 'PAY 2.2' }).or(frame.getByRole('button', { name: 'PAY 2.2' })).first().click();
    await frame.getByTestId('current-phase').waitFor({ timeout: 30_000 });
    await page.setViewportSize({ width: 1280, height: 1400 });
    await page.screenshot({ path: join(out, 'screenshot-release-panel.png') });

    await switchUser(page, userByPersona('qa'));
    const issue = (await (
      await fetch(`${site.url}/rest/api/3/search/jql`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from('quinn@preflight.local:x').toString('base64')}`, 'content-type': 'application/json' },
        body: JSON.stringify({ jql: 'project = PAY AND fixVersion = "PAY 2.2" AND issuetype = Story ORDER BY key ASC', maxResults: 1, fields: ['key'] }),
      })
    ).json()) as { issues: Array<{ key: string }> };
    await page.goto(`${site.url}/browse/${issue.issues[0]!.key}`);
    await moduleFrame(page).getByText('PAY 2.2').first().waitFor({ timeout: 30_000 });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(out, 'screenshot-qa-issue.png'), fullPage: true });

    await switchUser(page, userByPersona('release-owner'));
    await page.goto(`${site.url}/wiki/pages/98309`);
    // The demo's Release room has its three macros configured on PAY 2.2 from the first start.
    await page.locator('.macro').nth(1).frameLocator('iframe.forge-frame').getByRole('heading', { name: 'Release notes: PAY 2.2' }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(out, 'screenshot-release-room.png'), fullPage: true });

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${site.url}/jira/apps/preflight-portfolio`);
    await moduleFrame(page).getByText('PAY 2.2').first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(out, 'screenshot-calendar.png'), fullPage: true });

    await page.goto(`${site.url}/jira/projects/PAY/releases/health`);
    await moduleFrame(page).getByText('On-time rate').first().waitFor({ timeout: 30_000 });
    await moduleFrame(page).locator('svg').first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(out, 'screenshot-health.png'), fullPage: true });

    await page.goto(`${site.url}/jira/apps/preflight-portfolio/trains`);
    const trains = moduleFrame(page);
    await trains.getByLabel('Train name').fill('2026.12');
    const home = trains.getByLabel('Your project', { exact: true });
    await home.click();
    await home.fill('Payments (PAY)');
    await trains.getByRole('option', { name: 'Payments (PAY)' }).first().click();
    await trains.getByLabel('Freeze date').fill('2026-12-01');
    await trains.getByLabel('Release date').fill('2026-12-15');
    await trains.getByRole('button', { name: 'Create train' }).click();
    await trains.getByRole('heading', { name: 'Train 2026.12' }).waitFor({ timeout: 30_000 });
    for (const [project, version] of [['Payments (PAY)', 'PAY 2.2'], ['Mobile App (MOB)', 'MOB 4.2']] as const) {
      for (const [label, option] of [['Project', project], ['Version', version]] as const) {
        const input = trains.getByLabel(label, { exact: true });
        await input.click();
        await input.fill(option);
        await trains.getByRole('option', { name: option }).first().click();
      }
      await trains.getByRole('button', { name: 'Add to train' }).click();
      await trains.getByRole('link', { name: version }).waitFor({ timeout: 30_000 });
    }
    await trains.getByText('NO-GO: the train may not ship yet').waitFor();
    // The "Created…"/"Added…" flags would cover the panel: closed, as a person would.
    while ((await page.locator('#flags .flag-dismiss').count()) > 0) await page.locator('#flags .flag-dismiss').first().click();
    await page.screenshot({ path: join(out, 'screenshot-train.png'), fullPage: true });
    console.log(`screenshots written to ${out}`);
    // The release panel in German, Japanese and the pseudo-locale (accented, ~30% longer): the
    // language menu's cookie, as a person's Jira profile language would set it.
    await page.setViewportSize({ width: 1280, height: 1400 });
    for (const [tag, file] of [['de-DE', 'screenshot-panel-de.png'], ['ja-JP', 'screenshot-panel-ja.png'], ['en-XA', 'screenshot-panel-pseudo.png']] as const) {
      await page.context().addCookies([{ name: 'preflight_locale', value: tag, url: site.url }]);
      await page.goto(`${site.url}/jira/projects/PAY/releases`);
      await moduleFrame(page).getByText('PAY 2.2', { exact: true }).first().click({ timeout: 30_000 });
      await moduleFrame(page).getByTestId('current-phase').waitFor({ timeout: 30_000 });
      await page.waitForTimeout(1_000);
      await page.screenshot({ path: join(out, file) });
    }
    await page.context().addCookies([{ name: 'preflight_locale', value: 'en-US', url: site.url }]);
  } finally {
    await env.close();
  }
}

void main();
