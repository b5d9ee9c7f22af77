import { invokeDirect, moduleFrame, startBrowserSite, userByPersona, type BrowserSite } from './helpers/browser-site';

/**
 * Monitoring in a browser (issue 13): a project admin generates the monitoring secret and saves a
 * dashboard link on the settings page; on the local tools page they paste that secret, send a
 * production deployment of PAY 2.2 and a Datadog alert: the panel's Post-release gate 'No open
 * incident of severity 1-2' turns red; the alert's resolve turns it green again.
 */
const VERSION_NAME = 'PAY 2.2';
let env: BrowserSite;
let versionId = '';

const auth = { authorization: `Basic ${Buffer.from('rita@preflight.local:local').toString('base64')}` };
async function jira<T>(path: string): Promise<T> {
  const response = await fetch(new URL(path, env.site.url), { headers: { accept: 'application/json', ...auth } });
  return (await response.json()) as T;
}

beforeAll(async () => {
  env = await startBrowserSite({ seedIssues: 60 });
  const projectId = (await jira<{ id: string }>('/rest/api/3/project/PAY')).id;
  versionId = (await jira<Array<{ id: string; name: string }>>('/rest/api/3/project/PAY/versions')).find((v) => v.name === VERSION_NAME)!.id;
  // Tracked, so the deployment lands on its record and starts its bedding-in.
  const tracked = await invokeDirect(env.site.url, {
    moduleKey: 'preflight-releases',
    functionKey: 'release/set-dates',
    payload: { versionId, revision: 0, phaseId: 'planning' },
    accountId: userByPersona('release-owner').accountId,
    extension: { type: 'jira:projectPage', project: { id: projectId, key: 'PAY', type: 'software' } },
  });
  expect(tracked.status).toBe(200);
});

afterAll(async () => {
  await env?.close();
});

async function incidentGate() {
  const { page } = env;
  await page.goto(new URL('/jira/projects/PAY/releases', env.site.url).href);
  const frame = moduleFrame(page);
  await frame.getByRole('button', { name: `Open release ${VERSION_NAME}` }).click({ timeout: 30_000 });
  // Post-release review is a later phase: its gates are collapsed until shown.
  await frame.getByRole('button', { name: 'Show the gates of Post-release review' }).click({ timeout: 30_000 });
  return frame.getByTestId('gate-no-severe-incidents');
}

async function tools(button: string, form?: string) {
  const { page } = env;
  const scope = form ? page.locator(form) : page;
  await Promise.all([page.waitForURL(/\/local\/tools\?.*#answers$/), scope.getByRole('button', { name: button }).click()]);
}

test('settings: generate the monitoring secret and save a dashboard link; tools page: a Datadog alert turns the incident gate red, its resolve green', async () => {
  const { page } = env;
  await page.goto(new URL('/jira/projects/PAY/settings/apps/preflight-settings', env.site.url).href);
  const frame = moduleFrame(page);
  // Settings sections start collapsed: open Monitoring.
  await frame.getByRole('button', { name: 'Monitoring', exact: true }).click({ timeout: 30_000 });
  const monitoring = frame.getByTestId('monitoring-settings');
  await monitoring.getByRole('button', { name: 'Generate monitoring secret' }).click({ timeout: 30_000 });
  const secret = await frame.locator('#monitoring-secret-value').inputValue({ timeout: 15_000 });
  expect(secret).toMatch(/^pfm_/);
  expect(await frame.locator('#monitoring-url-datadog').inputValue()).toMatch(/\/x1\/[0-9a-f]{32}\?project=PAY&tool=datadog$/);

  const link = frame.locator('#monitoring-link-datadog');
  await link.fill('http://app.datadoghq.com/dashboard/abc');
  await frame.getByText('Datadog dashboard link: expected an https:// link to the dashboard').waitFor();
  await link.fill('https://app.datadoghq.com/dashboard/abc');
  await frame.getByRole('button', { name: 'Save settings' }).click();
  // The confirmation is Jira's flag, shown by the host page around the frame.
  await page.getByRole('alert').filter({ hasText: 'Preflight settings saved' }).first().waitFor({ timeout: 15_000 });
  await page.reload();
  await moduleFrame(page).getByRole('button', { name: 'Monitoring', exact: true }).click({ timeout: 30_000 });
  expect(await moduleFrame(page).locator('#monitoring-link-datadog').inputValue({ timeout: 30_000 })).toBe('https://app.datadoghq.com/dashboard/abc');

  // The tools page: the pasted monitoring secret, a generated CI gate secret, a production deployment, the alert.
  await page.goto(new URL(`/local/tools?project=PAY&version=${versionId}`, env.site.url).href);
  await page.getByLabel('Monitoring secret to use').fill(secret);
  await Promise.all([page.waitForURL(/#answers$/), page.getByLabel('Monitoring secret to use').press('Enter')]);
  await tools('Generate CI gate secret');
  await page.locator('.tools-deployment select[name="status"]').selectOption('successful');
  await tools('Send deployment');
  expect(await page.locator('.tools-answers tbody tr').first().innerText()).toMatch(/Deployment 2\.2\.0 to production: successful[\s\S]*200[\s\S]*"recorded": true/);
  await tools('Send Datadog alert (triggered)');
  expect(await page.locator('.tools-answers tbody tr').first().innerText()).toMatch(/Datadog alert triggered \(severity 2\)[\s\S]*200[\s\S]*"change": "opened"/);

  let gate = await incidentGate();
  await gate.getByText('1 open incident of severity 1-2').waitFor({ timeout: 30_000 });
  expect(await gate.innerText()).toContain('Fail');

  await page.goto(new URL(`/local/tools?project=PAY&version=${versionId}`, env.site.url).href);
  await tools('Send Datadog alert (resolved)');
  expect(await page.locator('.tools-answers tbody tr').first().innerText()).toMatch(/Datadog alert resolved[\s\S]*200[\s\S]*"change": "resolved"/);

  gate = await incidentGate();
  await gate.getByText('No open incident of severity 1-2 (1 incident recorded)').waitFor({ timeout: 30_000 });
  expect(await gate.innerText()).toContain('Pass');
  expect(env.pageErrors).toEqual([]);
});
