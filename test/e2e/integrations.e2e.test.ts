import type { FrameLocator, Page } from 'playwright-core';
import { GATE_SECRET_HEADER } from '../../src/shared/ci-gate';
import { moduleFrame, startBrowserSite, switchUser, userByPersona, type BrowserSite } from './helpers/browser-site';

/**
 * The integrations section of the project settings in a browser: Rita (project admin) generates
 * the CI gate secret and sees it once, rotates it after a confirmation, sets a Slack webhook (a
 * bad URL is named at the field first), and a phase change on a release then reaches the local
 * webhook sink. A failing webhook shows on the release panel without blocking the change. Vera
 * (viewer) sees the section read-only. Steps wait on visible text, never on timers.
 */
const SETTINGS_PATH = '/jira/projects/PAY/settings';
const VERSION_NAME = 'PAY 2.2';
const SLACK_URL = 'https://hooks.slack.com/services/T0LOCAL/B0LOCAL/e2eSecretToken42';
const OVERRIDE_REASON = 'Agreed in the go/no-go meeting with product and QA.';

let env: BrowserSite;

beforeAll(async () => {
  env = await startBrowserSite({ seedIssues: 60 });
});

afterAll(async () => {
  await env?.close();
});

const frame = (): FrameLocator => moduleFrame(env.page);
const integrations = () => frame().getByTestId('integrations');

async function openSettings(page: Page): Promise<void> {
  await page.goto(new URL(SETTINGS_PATH, env.site.url).href);
  // Sections start collapsed: open Integrations.
  await frame().getByRole('button', { name: 'Integrations', exact: true }).click({ timeout: 30_000 });
  await integrations().getByRole('heading', { name: 'CI gate' }).waitFor({ timeout: 30_000 });
}

/** What the web trigger answers for PAY 2.2 with this secret: the HTTP status is what matters here. */
async function askGate(secret: string): Promise<number> {
  const url = new URL(env.site.webTriggerUrls['preflight-ci-gate']!);
  url.searchParams.set('project', 'PAY');
  url.searchParams.set('version', VERSION_NAME);
  const response = await fetch(url, { headers: { [GATE_SECRET_HEADER]: secret } });
  return response.status;
}

/** Opens the release panel of PAY 2.2 from the releases list. */
async function openRelease(page: Page): Promise<void> {
  await page.goto(new URL('/jira/projects/PAY/releases', env.site.url).href);
  await frame().getByRole('button', { name: `Open release ${VERSION_NAME}` }).click({ timeout: 30_000 });
  await frame().getByRole('heading', { name: VERSION_NAME }).waitFor({ timeout: 30_000 });
}

/** Advances past failing gates with an override, as a release owner does in the panel. */
async function overrideTo(nextPhase: string): Promise<void> {
  const current = frame().getByTestId('current-phase');
  await current.getByRole('button', { name: `Advance to ${nextPhase}` }).click();
  await frame().getByRole('button', { name: 'Override with a reason…' }).click();
  // The override dialog is the host page's full-page modal (@forge/bridge Modal), outside the app's frame.
  const dialog = env.page.frameLocator('dialog#forge-modal iframe');
  await dialog.getByLabel('Reason (required, at least 10 characters)').fill(OVERRIDE_REASON);
  await dialog.getByRole('button', { name: 'Override and advance' }).click();
  await env.page.locator('dialog#forge-modal').waitFor({ state: 'detached', timeout: 15_000 });
  await frame().getByRole('heading', { name: `${nextPhase}: exit gates` }).waitFor({ timeout: 15_000 });
}

let firstSecret = '';

test('the admin sees the web trigger URL and generates the gate secret, shown once', async () => {
  await openSettings(env.page);
  const section = integrations();
  expect(await section.getByRole('textbox', { name: 'Web trigger URL' }).inputValue()).toBe(env.site.webTriggerUrls['preflight-ci-gate']);
  await section.getByText('Secret: none yet').waitFor();
  expect(await askGate('pfg_anything')).toBe(401);

  await section.getByRole('button', { name: 'Generate secret' }).click();
  await section.getByText('Copy the new secret now: it won’t be shown again').waitFor({ timeout: 15_000 });
  firstSecret = await section.getByRole('textbox', { name: 'New gate secret' }).inputValue();
  expect(firstSecret.length).toBeGreaterThan(20);
  // The shown secret is the one the gate accepts (PAY 2.2 is still in Planning: a no-go, but answered).
  expect(await askGate(firstSecret)).toBe(200);

  await section.getByRole('button', { name: 'I have stored it, hide it' }).click();
  await section.getByText('Copy the new secret now').waitFor({ state: 'hidden' });
  // Reloaded, the page says when the secret was made, never what it is.
  await openSettings(env.page);
  await integrations().getByText(/^Secret: generated /).waitFor({ timeout: 15_000 });
  expect(await integrations().getByRole('textbox', { name: 'New gate secret' }).count()).toBe(0);
  expect(await frame().locator('body').innerText()).not.toContain(firstSecret);
});

test('rotating asks first, since pipelines using the old secret break; cancel keeps it', async () => {
  const section = integrations();
  await section.getByRole('button', { name: 'Rotate secret…' }).click();
  const confirm = section.getByTestId('confirm-rotation');
  await confirm.getByText('every pipeline using it gets').waitFor();
  // Cancel has the focus, so a stray Enter does not rotate.
  await env.page.keyboard.press('Enter');
  await confirm.waitFor({ state: 'hidden' });
  expect(await askGate(firstSecret)).toBe(200);

  await section.getByRole('button', { name: 'Rotate secret…' }).click();
  await confirm.getByRole('button', { name: 'Rotate secret', exact: true }).click();
  await section.getByText('Copy the new secret now: it won’t be shown again').waitFor({ timeout: 15_000 });
  const secondSecret = await section.getByRole('textbox', { name: 'New gate secret' }).inputValue();
  expect(secondSecret).not.toBe(firstSecret);
  expect(await askGate(firstSecret)).toBe(401);
  expect(await askGate(secondSecret)).toBe(200);
});

test('a Slack webhook URL is checked at the field, then saved and shown masked', async () => {
  const slack = integrations().getByTestId('webhook-slack');
  await slack.getByText('Not set').waitFor();
  await slack.getByRole('button', { name: 'Set Slack webhook URL' }).click();
  const field = slack.getByLabel('Slack webhook URL');

  await field.fill('http://hooks.slack.com/services/T0/B0/x');
  await slack.getByRole('button', { name: 'Save Slack webhook' }).click();
  await slack.getByText('expected a Slack incoming webhook URL').waitFor();
  await field.fill('https://hooks.example.com/services/T0/B0/x');
  await slack.getByText('expected a Slack incoming webhook URL').waitFor();

  await field.fill(SLACK_URL);
  await slack.getByRole('button', { name: 'Save Slack webhook' }).click();
  await slack.getByText('Set', { exact: true }).waitFor({ timeout: 15_000 });
  await slack.getByText('hooks.slack.com/…en42').waitFor();
  // The stored URL is a secret: the page never shows it back.
  await openSettings(env.page);
  await integrations().getByTestId('webhook-slack').getByText('Set', { exact: true }).waitFor({ timeout: 15_000 });
  expect(await frame().locator('body').innerText()).not.toContain('e2eSecretToken42');
  await integrations().getByTestId('webhook-teams').getByText('Not set').waitFor();
});

test('the reminder window is validated and saved', async () => {
  const days = integrations().getByLabel('Remind of failing gates this many days before the release date');
  const save = integrations().getByRole('button', { name: 'Save reminder days' });
  expect(await days.inputValue()).toBe('3');
  await days.fill('90');
  await integrations().getByText('expected at most 60 days').waitFor();
  expect(await save.isDisabled()).toBe(true);
  await days.fill('5');
  await save.click();
  await openSettings(env.page);
  expect(await integrations().getByLabel('Remind of failing gates this many days before the release date').inputValue()).toBe('5');
});

test('a phase change reaches Slack, seen in the local webhook sink', async () => {
  env.site.webhooks.clear();
  await openRelease(env.page);
  await overrideTo('Build & test');

  expect(env.site.webhooks.messages).toHaveLength(1);
  const message = env.site.webhooks.messages[0]!;
  expect(message).toMatchObject({ service: 'slack', url: SLACK_URL, status: 200 });
  expect(JSON.stringify(message.body)).toContain('Build & test');

  // The local site's page shows what Slack received.
  await env.page.goto(new URL('/local/webhooks', env.site.url).href);
  await env.page.getByRole('cell', { name: 'slack', exact: true }).waitFor();
  expect(await env.page.locator('table.webhooks').innerText()).toContain(VERSION_NAME);
  // Nothing failed, so the panel has nothing to report.
  await openRelease(env.page);
  expect(await frame().getByTestId('notification-failures').count()).toBe(0);
});

test('a webhook that fails does not block the change and is reported on the panel with its next try', async () => {
  env.site.webhooks.failNext(1, 503);
  await overrideTo('Release preparation');
  const failures = frame().getByTestId('notification-failures');
  await failures.getByText('1 notification could not be delivered').waitFor({ timeout: 15_000 });
  await failures.getByText(/^Slack: /).waitFor();
  await failures.getByText(/Next try /).waitFor();
  expect(env.site.webhooks.messages.at(-1)?.status).toBe(503);
});

test('the viewer sees the integrations read-only with the reason', async () => {
  await switchUser(env.page, userByPersona('viewer'));
  await openSettings(env.page);
  const section = integrations();
  await section.getByText('You can look, but not change the integrations').waitFor({ timeout: 15_000 });
  await section.getByText('Only project admins can change Preflight integrations.').first().waitFor();
  expect(await section.getByRole('button', { name: 'Rotate secret…' }).isDisabled()).toBe(true);
  expect(await section.getByRole('button', { name: 'Replace Slack webhook URL' }).isDisabled()).toBe(true);
  expect(await section.getByRole('button', { name: 'Clear Slack webhook' }).isDisabled()).toBe(true);
  expect(await section.getByRole('button', { name: 'Set Microsoft Teams webhook URL' }).isDisabled()).toBe(true);
  expect(await section.getByLabel('Remind of failing gates this many days before the release date').isDisabled()).toBe(true);
  // She sees that Slack is set, not where it posts.
  await section.getByTestId('webhook-slack').getByText('Set', { exact: true }).waitFor();
  expect(await frame().locator('body').innerText()).not.toContain('e2eSecretToken42');
});

test('the pages logged no errors', () => {
  expect(env.pageErrors).toEqual([]);
});
