import { invokeDirect, moduleFrame, startBrowserSite, userByPersona, type BrowserSite } from './helpers/browser-site';

/**
 * No way around the gate, in a browser (issue 13). PAY 2.2 is tracked by Preflight and its gates
 * are red. Rita presses "Release" on the local Jira's own version page, not in Preflight: Jira's
 * product event reaches the app's trigger in the background, the panel shows the banner and
 * "released outside Preflight" in its audit trail, and Slack's message is on /local/webhooks.
 */
const VERSION_NAME = 'PAY 2.2';
const SLACK_URL = 'https://hooks.slack.com/services/T0LOCAL/B0LOCAL/e2eJiraEvents42';
let env: BrowserSite;
let versionId = '';

const auth = { authorization: `Basic ${Buffer.from('rita@preflight.local:local').toString('base64')}` };
async function jira<T>(path: string): Promise<T> {
  const response = await fetch(new URL(path, env.site.url), { headers: { accept: 'application/json', ...auth } });
  return (await response.json()) as T;
}
const extension = { type: 'jira:projectPage', project: { id: '', key: 'PAY', type: 'software' } };
async function invokeOk(moduleKey: string, functionKey: string, payload: Record<string, unknown>): Promise<void> {
  const answer = await invokeDirect(env.site.url, { moduleKey, functionKey, payload, accountId: userByPersona('release-owner').accountId, extension });
  const result = answer.body.result as { ok: boolean } | undefined;
  if (!result?.ok) throw new Error(`${functionKey}: ${JSON.stringify(answer.body)}`);
}

/** The product event is delivered in the background, a moment after Jira answered: wait for its message. */
async function slackMessageArrives(): Promise<void> {
  for (let i = 0; i < 150 && env.site.webhooks.messages.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
}

beforeAll(async () => {
  env = await startBrowserSite({ seedIssues: 60 });
  extension.project.id = (await jira<{ id: string }>('/rest/api/3/project/PAY')).id;
  versionId = (await jira<Array<{ id: string; name: string }>>('/rest/api/3/project/PAY/versions')).find((v) => v.name === VERSION_NAME)!.id;
  await invokeOk('preflight-settings', 'integrations/save-webhooks', { slack: SLACK_URL });
  // Preflight tracks a release once someone saved something on it (here: the first phase's plan).
  await invokeOk('preflight-releases', 'release/set-dates', { versionId, revision: 0, phaseId: 'planning' });
});

afterAll(async () => {
  await env?.close();
});

test("releasing on Jira's own version page while gates are red is recorded as released outside Preflight and notified", async () => {
  const { page } = env;
  env.site.webhooks.clear();
  await page.goto(new URL(`/jira/projects/PAY/versions/${versionId}`, env.site.url).href);
  await page.getByRole('button', { name: 'Release', exact: true }).click();
  await page.locator('table.fields tr', { hasText: 'Status' }).locator('td', { hasText: 'Released' }).waitFor({ timeout: 15_000 });
  expect(await page.getByRole('button', { name: 'Release', exact: true }).count()).toBe(0);

  await slackMessageArrives();
  expect(env.site.webhooks.messages).toHaveLength(1);
  expect(env.site.webhooks.messages[0]).toMatchObject({ service: 'slack', url: SLACK_URL, status: 200 });
  expect(JSON.stringify(env.site.webhooks.messages[0]!.body)).toContain('released in Jira outside Preflight');

  await page.goto(new URL('/jira/projects/PAY/releases', env.site.url).href);
  const frame = moduleFrame(page);
  await frame.getByRole('button', { name: `Open release ${VERSION_NAME}` }).click({ timeout: 30_000 });
  const banner = frame.getByTestId('released-outside-banner');
  await banner.getByText('Released outside Preflight').waitFor({ timeout: 30_000 });
  expect(await banner.innerText()).toContain(`${userByPersona('release-owner').displayName} released the version in Jira`);
  await frame.getByTestId('audit-trail').getByText(/outside Preflight, while .+ blocked/).first().waitFor({ timeout: 15_000 });
  await frame.getByRole('heading', { name: 'Post-release review: exit gates' }).waitFor();

  // The local site's page shows what Slack received.
  await page.goto(new URL('/local/webhooks', env.site.url).href);
  await page.getByRole('cell', { name: 'slack', exact: true }).waitFor();
  expect(await page.locator('table.webhooks').innerText()).toContain(VERSION_NAME);
  expect(env.pageErrors).toEqual([]);
});
