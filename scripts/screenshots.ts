/**
 * Refreshes the README's screenshots from a fresh local site (in-process, temporary data):
 *   npx tsx scripts/screenshots.ts
 * The releases list, a release panel, the QA module on an issue, and the demo Confluence
 * "Release room" page with the three macros configured.
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
    for (let index = 0; index < 3; index++) {
      await page.locator('.macro').nth(index).getByRole('button', { name: 'Configure' }).click();
      const dialog = page.frameLocator('#macro-config-dialog iframe');
      await dialog.getByLabel('Project').selectOption('PAY');
      await dialog.getByLabel('Version').selectOption({ label: 'PAY 2.2' });
      await Promise.all([page.waitForEvent('load'), dialog.getByRole('button', { name: 'Save' }).click()]);
    }
    await page.locator('.macro').nth(1).frameLocator('iframe.forge-frame').getByRole('heading', { name: 'Release notes: PAY 2.2' }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(out, 'screenshot-release-room.png'), fullPage: true });
    console.log(`screenshots written to ${out}`);
  } finally {
    await env.close();
  }
}

void main();
