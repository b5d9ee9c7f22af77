import type { FrameLocator } from 'playwright-core';
import { moduleFrame, startBrowserSite, type BrowserSite } from './helpers/browser-site';

/**
 * The settings page as a project admin meets it (issue 15): sections start collapsed behind
 * disclosure buttons (General open), so the page is short; they open by keyboard; ids are hidden
 * and made from names; a preview shows what a template produces; the language of pages and
 * notifications is chosen and kept; saving reminder days confirms; a test message reaches the
 * local webhook sink. Steps wait on visible text, never on timers.
 */
const SETTINGS_PATH = '/jira/projects/PAY/settings/apps/preflight-settings';
const SLACK_URL = 'https://hooks.slack.com/services/T0LOCAL/B0LOCAL/settingsPageTest';
const SECTIONS = ['General', 'Roles', 'Issues', 'Deployments', 'Monitoring', 'Release templates', 'Integrations'];

let env: BrowserSite;

beforeAll(async () => {
  env = await startBrowserSite({ seedIssues: 30, history: false });
});

afterAll(async () => {
  await env?.close();
});

const frame = (): FrameLocator => moduleFrame(env.page);
const disclosure = (name: string) => frame().getByRole('button', { name, exact: true });
const pageHeight = () => frame().locator('html').evaluate((html) => html.scrollHeight);

async function openSettings(): Promise<void> {
  await env.page.goto(new URL(SETTINGS_PATH, env.site.url).href);
  await frame().getByRole('heading', { name: 'Preflight settings' }).waitFor({ timeout: 30_000 });
  await disclosure('Release templates').waitFor({ timeout: 30_000 });
}

test('sections start collapsed, open by keyboard, and the page is far shorter than with every section open', async () => {
  await openSettings();
  for (const name of SECTIONS) expect(await disclosure(name).getAttribute('aria-expanded')).toBe(name === 'General' ? 'true' : 'false');
  const collapsed = await pageHeight();

  await disclosure('Release templates').focus();
  await env.page.keyboard.press('Enter');
  await frame().getByTestId('template-preview').waitFor();
  expect(await disclosure('Release templates').getAttribute('aria-expanded')).toBe('true');
  await disclosure('Roles').focus();
  await env.page.keyboard.press('Space');
  await frame().getByText('Members of these Jira project roles hold each Preflight role', { exact: false }).waitFor();
  await env.page.keyboard.press('Space');
  await frame().getByText('Members of these Jira project roles hold each Preflight role', { exact: false }).waitFor({ state: 'hidden' });

  for (const name of SECTIONS) if ((await disclosure(name).getAttribute('aria-expanded')) === 'false') await disclosure(name).click();
  await frame().getByTestId('integrations').getByRole('heading', { name: 'CI gate' }).waitFor({ timeout: 15_000 });
  const expanded = await pageHeight();
  console.log(`settings page height: ${collapsed} px as it opens (sections collapsed), ${expanded} px with every section open`);
  expect(collapsed).toBeLessThan(1_500);
  expect(collapsed * 2).toBeLessThan(expanded);
});

test('ids are hidden until asked for, a new gate takes its id from its name, and the preview follows the edits', async () => {
  await openSettings();
  await disclosure('Release templates').click();
  const templates = frame().getByTestId('template-settings');
  const preview = templates.getByTestId('template-preview');
  await preview.getByRole('heading', { name: 'What a Major release goes through' }).waitFor();
  expect(await templates.getByLabel('Phase id').count()).toBe(0);
  expect(await templates.getByLabel('Gate id').count()).toBe(0);

  const planning = templates.getByRole('group', { name: 'Exit gates of Planning' });
  await planning.getByRole('button', { name: 'Add gate' }).click();
  const fresh = planning.getByRole('group', { name: 'New checklist item' });
  await fresh.getByLabel('Gate name').fill('Rollback plan ready');
  await preview.getByText('Rollback plan ready (Checklist)').waitFor();

  await templates.getByText('Show ids', { exact: true }).click();
  expect(await planning.getByRole('group', { name: 'Rollback plan ready' }).getByLabel('Gate id').inputValue()).toBe('rollback-plan-ready');
  expect(await templates.getByLabel('Phase id').first().inputValue()).toBe('planning');
  await frame().getByRole('button', { name: 'Undo changes' }).click();
  await preview.getByText('Rollback plan ready (Checklist)').waitFor({ state: 'hidden' });
});

test('the language of pages and notifications is chosen, saved with a confirmation, and kept', async () => {
  await openSettings();
  await frame().getByText('Release notes, retrospectives and Slack or Teams messages', { exact: false }).waitFor();
  // By keyboard, as the select offers it: focus, open the list with the arrow key, pick the option.
  await frame().getByRole('combobox', { name: 'Language of pages and notifications' }).focus();
  await env.page.keyboard.press('ArrowDown');
  await frame().getByRole('option', { name: 'Deutsch' }).click();
  await frame().getByRole('button', { name: 'Save settings' }).click();
  await env.page.getByRole('alert').filter({ hasText: 'Preflight settings saved' }).first().waitFor({ timeout: 15_000 });
  await openSettings();
  await frame().getByText('Deutsch', { exact: true }).waitFor({ timeout: 15_000 });
});

test('saving reminder days confirms, and a test message reaches the Slack webhook', async () => {
  await openSettings();
  await disclosure('Integrations').click();
  const integrations = frame().getByTestId('integrations');
  await integrations.getByLabel('Remind of failing gates this many days before the release date').fill('5');
  await integrations.getByRole('button', { name: 'Save reminder days' }).click();
  await env.page.getByRole('alert').filter({ hasText: 'Reminder days saved' }).first().waitFor({ timeout: 15_000 });

  const slack = integrations.getByTestId('webhook-slack');
  expect(await slack.getByRole('button', { name: 'Send test message' }).count()).toBe(0);
  await slack.getByRole('button', { name: 'Set Slack webhook URL' }).click();
  await slack.getByLabel('Slack webhook URL').fill(SLACK_URL);
  await slack.getByRole('button', { name: 'Save Slack webhook' }).click();
  await slack.getByText('Set', { exact: true }).waitFor({ timeout: 15_000 });

  env.site.webhooks.clear();
  await slack.getByRole('button', { name: 'Send test message' }).click();
  await slack.getByText('The test message arrived in Slack.').waitFor({ timeout: 15_000 });
  expect(env.site.webhooks.messages).toHaveLength(1);
  expect(env.site.webhooks.messages[0]).toMatchObject({ service: 'slack', url: SLACK_URL, status: 200 });
  expect(JSON.stringify(env.site.webhooks.messages[0]!.body)).toContain('Preflight test message for PAY');

  env.site.webhooks.failNext(1, 404);
  await slack.getByRole('button', { name: 'Send test message' }).click();
  await slack.getByText('The test message did not arrive: The webhook answered 404', { exact: false }).waitFor({ timeout: 15_000 });
});
