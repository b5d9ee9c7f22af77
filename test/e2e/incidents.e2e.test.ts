import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { chooseOption } from './helpers/atlaskit-select';
import { invokeDirect, moduleFrame, startBrowserSite, userByPersona, type BrowserSite } from './helpers/browser-site';

/**
 * Incidents where people look, in a browser (issue 13). PAY 2.2 was released in Jira yesterday and
 * is bedding in. Datadog sends its alert to the monitoring web trigger URL the local site serves,
 * with the project's monitoring secret: the panel's "Bedding-in health" shows the incident (severity,
 * "+2 h 10 min after deployment", open) with the project's dashboard link, the Post-release gate is
 * red, and the retrospective macro on a Confluence page lists the incident.
 */
const VERSION_NAME = 'PAY 2.2';
const DASHBOARD = 'https://app.datadoghq.com/dashboard/abc-123/checkout';
const DAY = 86_400_000;
const today = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
const live = today - DAY;
const started = live + (2 * 60 + 10) * 60_000;
let env: BrowserSite;
let versionId = '';
let monitoringUrl = '';
let secret = '';

const rita = userByPersona('release-owner');
const auth = { authorization: `Basic ${Buffer.from('rita@preflight.local:local').toString('base64')}` };
async function jira<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(new URL(path, env.site.url), {
    method: init.method ?? 'GET',
    headers: { accept: 'application/json', 'content-type': 'application/json', ...auth },
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
  });
  return (await response.json()) as T;
}
const extension = { type: 'jira:projectPage', project: { id: '', key: 'PAY', type: 'software' } };
async function invokeOk<T>(moduleKey: string, functionKey: string, payload: Record<string, unknown>): Promise<T> {
  const answer = await invokeDirect(env.site.url, { moduleKey, functionKey, payload, accountId: rita.accountId, extension });
  const result = answer.body.result as { ok: boolean; data: T } | undefined;
  if (!result?.ok) throw new Error(`${functionKey}: ${JSON.stringify(answer.body)}`);
  return result.data;
}

/** What Datadog sends: the test fixture of its webhook payload, dated. */
async function datadog(at: number): Promise<{ status: number; body: Record<string, unknown> }> {
  const text = readFileSync(join(__dirname, '../fixtures/monitoring/datadog-triggered.json'), 'utf8').replaceAll('__DATE__', String(at));
  const url = new URL(monitoringUrl);
  url.searchParams.set('project', 'PAY');
  url.searchParams.set('tool', 'datadog');
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-preflight-secret': secret }, body: text });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  // Without the seeded history: the change failure rate below counts only this test's release.
  env = await startBrowserSite({ seedIssues: 60, history: false });
  extension.project.id = (await jira<{ id: string }>('/rest/api/3/project/PAY')).id;
  versionId = (await jira<Array<{ id: string; name: string }>>('/rest/api/3/project/PAY/versions')).find((v) => v.name === VERSION_NAME)!.id;
  // Tracked, then released in Jira yesterday: Jira's event moves it on to Post-release review in the background.
  await invokeOk('preflight-releases', 'release/set-dates', { versionId, revision: 0, phaseId: 'planning' });
  await jira(`/rest/api/3/version/${versionId}`, { method: 'PUT', body: { released: true, releaseDate: new Date(live).toISOString().slice(0, 10) } });
  for (let i = 0; i < 150; i++) {
    const view = await invokeOk<{ currentPhaseId: string }>('preflight-releases', 'release/get', { versionId });
    if (view.currentPhaseId === 'post-release') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  secret = (await invokeOk<{ secret: string }>('preflight-settings', 'monitoring/rotate-secret', {})).secret;
  monitoringUrl = (await invokeOk<{ url?: string }>('preflight-settings', 'monitoring/get', {})).url ?? '';
  const current = await invokeOk<{ revision: number; settings: Record<string, unknown> }>('preflight-settings', 'settings/get', {});
  await invokeOk('preflight-settings', 'settings/save', { revision: current.revision, settings: { ...current.settings, monitoring: { links: { datadog: DASHBOARD } } } });
});

afterAll(async () => {
  await env?.close();
});

async function openPanel(): Promise<FrameLocator> {
  const { page } = env;
  await page.goto(new URL('/jira/projects/PAY/releases', env.site.url).href);
  const frame = moduleFrame(page);
  await frame.getByRole('button', { name: `Open release ${VERSION_NAME}` }).click({ timeout: 30_000 });
  return frame;
}

test('a Datadog alert sent to the monitoring web trigger shows in the panel with its severity and time after deployment, the Post-release gate turns red, and the retrospective macro lists it', async () => {
  const { page } = env;
  expect(monitoringUrl).toMatch(/\/x1\/[0-9a-f]{32}/);

  let frame = await openPanel();
  const section = frame.getByTestId('incidents-section');
  await section.getByText('No incidents during bedding-in so far.').waitFor({ timeout: 30_000 });
  // The project's dashboard, a link in Post-release review.
  await section.getByRole('link', { name: 'Open Datadog dashboard' }).waitFor();
  expect(await section.getByRole('link', { name: 'Open Datadog dashboard' }).getAttribute('href')).toBe(DASHBOARD);

  const opened = await datadog(started);
  expect(opened).toMatchObject({ status: 200, body: { recorded: true, change: 'opened', release: { version: VERSION_NAME } } });

  frame = await openPanel();
  const incident = section.locator('li').filter({ hasText: '[Triggered] checkout-api error rate above 5%' });
  await incident.waitFor({ timeout: 30_000 });
  const text = await incident.innerText();
  expect(text).toMatch(/Severity 2[\s\S]*Open[\s\S]*\[Triggered\] checkout-api error rate above 5%[\s\S]*Datadog/);
  expect(text).toContain('(+2 h 10 min after deployment)');
  expect(text).toContain('still open');
  // The tool's link, https, as a link.
  expect(await incident.getByRole('link', { name: '[Triggered] checkout-api error rate above 5%' }).getAttribute('href')).toBe('https://app.datadoghq.com/event/event?id=7284923645129837461');
  expect(await section.getByTestId('incidents-cfr').innerText()).toBe('Change failure rate: 100% (1 of 1 release had an incident during bedding-in)');

  const gate = frame.getByTestId('current-phase').getByTestId('gate-no-severe-incidents');
  await gate.getByText('1 open incident of severity 1-2').waitFor({ timeout: 30_000 });
  expect(await gate.innerText()).toContain('Fail');

  // The retrospective macro on a Confluence page.
  const adf = {
    type: 'doc',
    version: 1,
    content: [
      {
        type: 'extension',
        attrs: { extensionType: 'com.atlassian.ecosystem', extensionKey: 'app/env/static/preflight-retrospective-macro', parameters: { localId: 'retro-1' }, localId: 'retro-1' },
      },
    ],
  };
  const created = await env.site.products({
    method: 'POST',
    path: '/wiki/api/v2/pages',
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/json' },
    body: { spaceId: '98305', status: 'current', title: 'PAY 2.2 retrospective', body: { representation: 'atlas_doc_format', value: JSON.stringify(adf) } },
    accountId: rita.accountId,
    asApp: false,
  });
  expect(created?.status).toBe(200);
  await page.goto(new URL(`/wiki/pages/${(created!.body as { id: string }).id}`, env.site.url).href);
  await page.locator('.macro').nth(0).getByRole('button', { name: 'Configure' }).click();
  const dialog = page.frameLocator('#macro-config-dialog iframe');
  await chooseOption(dialog, 'Project', 'Payments (PAY)');
  await chooseOption(dialog, 'Version', /^PAY 2\.2( \(released\))?$/);
  await Promise.all([page.waitForEvent('load'), dialog.getByRole('button', { name: 'Save' }).click()]);
  const retro = page.locator('.macro').nth(0).frameLocator('iframe.forge-frame');
  await retro.getByRole('heading', { name: 'Incidents (1)' }).waitFor({ timeout: 30_000 });
  expect(await retro.getByTestId('retro-incidents').innerText()).toBe('Severity 2 · Datadog: [Triggered] checkout-api error rate above 5% (+2 h 10 min after deployment, still open)');
  expect(env.pageErrors).toEqual([]);
});
