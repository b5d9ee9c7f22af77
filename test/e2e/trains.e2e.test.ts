import type { FrameLocator } from 'playwright-core';
import { invokeDirect, moduleFrame, startBrowserSite, userByPersona, type BrowserSite } from './helpers/browser-site';
import { INTEGRATION_KEYS, type IntegrationsView, type RotatedSecret } from '../../src/shared/notifications';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';
import { GATE_SECRET_HEADER, trainGateAnswerSchema } from '../../src/shared/ci-gate';

/**
 * Issue 14, release trains: in the Jira global page a release owner of PAY and MOB creates the
 * train 2026.12 with one version of each; it shows NO-GO naming who blocks. The members' releases
 * move on (through the app's own resolvers, as a team would on their panels), the train gates are
 * ticked in the browser, and the train turns GO; the CI gate web trigger then answers go for it.
 */
let env: BrowserSite;
const RITA = userByPersona('release-owner');
const auth = { authorization: `Basic ${Buffer.from(`${RITA.emailAddress}:local`).toString('base64')}` };
const projects: Record<string, { id: string; key: string }> = {};

async function jira<T>(path: string): Promise<T> {
  const response = await fetch(new URL(path, env.site.url), { headers: { accept: 'application/json', ...auth } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

async function invoke<T>(projectKey: string, moduleKey: string, functionKey: string, payload: Record<string, unknown>): Promise<T> {
  const answer = await invokeDirect(env.site.url, { moduleKey, functionKey, payload, accountId: RITA.accountId, extension: { type: 'jira:projectPage', project: { ...projects[projectKey]!, type: 'software' } } });
  const result = answer.body.result as { ok: boolean; data?: T; error?: unknown };
  if (!result?.ok) throw new Error(`${functionKey}: ${JSON.stringify(result?.error ?? answer.body)}`);
  return result.data as T;
}

/** Moves a release on to Deployment on its panel's resolvers, recording an override each time. */
async function advanceToDeployment(projectKey: string, versionId: string): Promise<void> {
  let view = await invoke<ReleaseView>(projectKey, 'preflight-releases', PANEL_KEYS.get, { versionId });
  while (view.phases.find((p) => p.id === view.currentPhaseId)?.name !== 'Deployment') {
    view = await invoke<ReleaseView>(projectKey, 'preflight-releases', PANEL_KEYS.advance, { versionId, revision: view.revision, override: { reason: 'Cleared by the release sync for the train' } });
  }
}

const frame = (): FrameLocator => moduleFrame(env.page);

async function pick(label: string, text: string): Promise<void> {
  const input = frame().getByLabel(label, { exact: true });
  await input.click();
  await input.fill(text);
  await frame().getByRole('option', { name: text }).first().click();
}

beforeAll(async () => {
  env = await startBrowserSite({ seedIssues: 120 });
  for (const key of ['PAY', 'MOB']) projects[key] = await jira<{ id: string; key: string }>(`/rest/api/3/project/${key}`);
}, 120_000);

afterAll(async () => {
  await env?.close();
});

test('a train with one PAY and one MOB version goes from NO-GO to GO, and the CI gate answers go for it', async () => {
  await env.page.goto(`${env.site.url}/jira/apps/preflight-portfolio/trains`);
  await frame().getByRole('heading', { name: 'Create train' }).waitFor({ timeout: 30_000 });
  await frame().getByText('No release trains yet').waitFor();

  await frame().getByLabel('Train name').fill('2026.12');
  await pick('Your project', 'Payments (PAY)');
  await frame().getByLabel('Freeze date').fill('2026-12-01');
  await frame().getByLabel('Release date').fill('2026-12-15');
  await frame().getByRole('button', { name: 'Create train' }).click();
  await frame().getByRole('heading', { name: 'Train 2026.12' }).waitFor({ timeout: 30_000 });
  await frame().getByText('Freeze: Dec 1, 2026 · Release: Dec 15, 2026').waitFor();

  await pick('Project', 'Payments (PAY)');
  await pick('Version', 'PAY 2.2');
  await frame().getByRole('button', { name: 'Add to train' }).click();
  await frame().getByRole('link', { name: 'PAY 2.2' }).waitFor({ timeout: 30_000 });
  await pick('Project', 'Mobile App (MOB)');
  await pick('Version', 'MOB 4.2');
  await frame().getByRole('button', { name: 'Add to train' }).click();
  await frame().getByRole('link', { name: 'MOB 4.2' }).waitFor({ timeout: 30_000 });

  // NO-GO, naming who blocks: each member in Planning and the unticked train gates.
  await frame().getByText('NO-GO: the train may not ship yet').waitFor();
  await frame().getByText(/^PAY 2.2 is no-go in Planning/).waitFor();
  await frame().getByText(/^MOB 4.2 is no-go in Planning/).waitFor();
  await frame().getByText(/^Train gates not ticked: Cross-team release sync held/).waitFor();
  if (process.env['TRAINS_SCREENSHOT']) await env.page.screenshot({ path: '/tmp/screenshot-train-no-go.png', fullPage: true });

  // The teams move their releases on (on their own panels); the train panel follows on reload.
  const versions = await Promise.all([jira<Array<{ id: string; name: string }>>('/rest/api/3/project/PAY/versions'), jira<Array<{ id: string; name: string }>>('/rest/api/3/project/MOB/versions')]);
  await advanceToDeployment('PAY', versions[0].find((v) => v.name === 'PAY 2.2')!.id);
  await advanceToDeployment('MOB', versions[1].find((v) => v.name === 'MOB 4.2')!.id);
  await env.page.reload();
  await frame().getByRole('heading', { name: 'Train 2026.12' }).waitFor({ timeout: 30_000 });
  expect(await frame().getByText(/is no-go in/).count()).toBe(0);
  await frame().getByText('NO-GO: the train may not ship yet').waitFor();

  for (const gate of ['Cross-team release sync held', 'Rollback plan agreed for every member', 'Support and on-call briefed for every member']) {
    const box = frame().getByRole('checkbox', { name: gate });
    // The box is checked once Preflight has stored the tick (a controlled checkbox), not on the click itself.
    await box.click();
    await frame().getByRole('checkbox', { name: gate, checked: true }).waitFor({ timeout: 30_000 });
    expect(await box.isChecked()).toBe(true);
  }
  await frame().getByText('GO: the train may ship').waitFor({ timeout: 30_000 });
  await frame().getByText('All 2 members are go and every train gate is ticked.').waitFor();
  if (process.env['TRAINS_SCREENSHOT']) await env.page.screenshot({ path: '/tmp/screenshot-train-go.png', fullPage: true });
  await frame().getByRole('list', { name: 'Train history' }).getByText(/Ticked the train gate "Support and on-call briefed/).waitFor();

  // The CI gate: the web trigger URL and PAY's secret from PAY's settings, a POST as the CLI sends.
  const integrations = await invoke<IntegrationsView>('PAY', 'preflight-settings', INTEGRATION_KEYS.get, {});
  const secret = (await invoke<RotatedSecret>('PAY', 'preflight-settings', INTEGRATION_KEYS.rotateGateSecret, {})).secret;
  const response = await fetch(integrations.gate.url!, { method: 'POST', headers: { 'content-type': 'application/json', [GATE_SECRET_HEADER]: secret }, body: JSON.stringify({ train: '2026.12' }) });
  expect(response.status).toBe(200);
  const answer = trainGateAnswerSchema.parse(await response.json());
  expect(answer).toMatchObject({ train: '2026.12', decision: 'go', failingGates: [] });
  expect(answer.members.map((m) => [m.project, m.version, m.decision])).toEqual([
    ['PAY', 'PAY 2.2', 'go'],
    ['MOB', 'MOB 4.2', 'go'],
  ]);
  expect(env.pageErrors).toEqual([]);
}, 240_000);
