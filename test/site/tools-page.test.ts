import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createLocalSite, type LocalSite } from '../../local/site/compose';
import { USER_COOKIE } from '../../local/site/http-util';
import { LOCAL_USERS, type LocalUser } from '../../local/sim/users';

/**
 * The local tools page (/local/tools): its forms send what Datadog, New Relic, Sentry and a
 * pipeline would send to the site's own web triggers over HTTP, get their secrets through the
 * app's settings resolvers as the signed-in person (project admins only), and run the manifest's
 * scheduled triggers on demand. Each answer is shown on the page.
 */
const APP_ROOT = resolve(__dirname, '../..');
let site: LocalSite;
let dataDir: string;
let versionId = '';
let projectId = '';

const user = (persona: LocalUser['persona']) => LOCAL_USERS.find((u) => u.persona === persona)!;
const as = (persona: LocalUser['persona']) => ({ cookie: `${USER_COOKIE}=${encodeURIComponent(user(persona).accountId)}` });
async function submit(persona: LocalUser['persona'], action: string, form: Record<string, string>) {
  const response = await fetch(`${site.url}/local/tools/${action}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...as(persona), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ project: 'PAY', version: versionId, ...form }).toString(),
  });
  return response;
}
const page = async () => (await fetch(`${site.url}/local/tools?project=PAY&version=${versionId}`, { headers: as('release-owner') })).text();
/** The newest answer the page shows for `what` (the answers table lists newest first). */
async function lastAnswer(what: RegExp): Promise<{ status: string; body: string }> {
  const rows = [...(await page()).matchAll(/<tr><td>\d+<\/td><td>([^<]*)<br>[\s\S]*?<td class="tools-status">([^<]*)<\/td><td><pre class="webhook-body">([\s\S]*?)<\/pre><\/td><\/tr>/g)];
  const row = rows.find((r) => what.test(r[1]!));
  if (!row) throw new Error(`No answer for ${what}`);
  const unescape = (s: string) => s.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
  return { status: row[2]!, body: unescape(row[3]!) };
}
async function invoke<T>(moduleKey: string, functionKey: string, payload: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${site.url}/api/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ moduleKey, functionKey, payload, accountId: user('release-owner').accountId, extension: { type: 'jira:projectPage', project: { id: projectId, key: 'PAY', type: 'software' } } }),
  });
  const answer = (await response.json()) as { result?: { ok: boolean; data: T } };
  if (!answer.result?.ok) throw new Error(`${functionKey}: ${JSON.stringify(answer)}`);
  return answer.result.data;
}
async function incidentGate(): Promise<{ status: string; reason: string }> {
  const view = await invoke<{ phases: Array<{ gates: Array<{ gateId: string; status: string; reason: string }> }> }>('preflight-releases', 'release/get', { versionId });
  const gate = view.phases.flatMap((p) => p.gates).find((g) => g.gateId === 'no-severe-incidents')!;
  return { status: gate.status, reason: gate.reason };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'preflight-tools-'));
  site = await createLocalSite({ dataDir, port: 0, appRoot: APP_ROOT, seedIssues: 60, log: () => undefined });
  const auth = { authorization: `Basic ${Buffer.from('rita@preflight.local:local').toString('base64')}` };
  projectId = ((await (await fetch(`${site.url}/rest/api/3/project/PAY`, { headers: auth })).json()) as { id: string }).id;
  const versions = (await (await fetch(`${site.url}/rest/api/3/project/PAY/versions`, { headers: auth })).json()) as Array<{ id: string; name: string }>;
  versionId = versions.find((v) => v.name === 'PAY 2.2')!.id;
  // Tracked, so a deployment lands on its record and makes it live.
  await invoke('preflight-releases', 'release/set-dates', { versionId, revision: 0, phaseId: 'planning' });
}, 60_000);

afterAll(async () => {
  await site?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('the page lists the chosen project\'s versions, a form per tool, the deployment form and the scheduled triggers', async () => {
  const html = await page();
  expect(html).toContain('<option value="' + versionId + '" selected>PAY 2.2</option>');
  for (const label of ['Send Datadog alert (triggered)', 'Send New Relic alert (resolved)', 'Send Sentry alert (triggered)', 'Send deployment', 'Run scheduled triggers now']) expect(html).toContain(label);
  expect(html).toContain('<code>preflight-daily-reminders</code>');
  expect(html).toContain('href="/local/tools">Tools</a>');
});

test('secrets come through the app\'s own resolvers as the signed-in person: a developer is refused, a project admin gets them', async () => {
  expect((await submit('developer', 'secret', { kind: 'monitoring' })).status).toBe(303);
  expect(await lastAnswer(/Generate Monitoring secret/)).toMatchObject({ status: 'refused', body: expect.stringMatching(/Only project admins can change Preflight monitoring/) });
  expect((await page())).toContain('<td data-secret="monitoring">none held</td>');

  for (const kind of ['gate', 'monitoring', 'sentry']) {
    expect((await submit('release-owner', 'secret', { kind })).headers.get('location')).toBe(`/local/tools?project=PAY&version=${versionId}#answers`);
  }
  const html = await page();
  expect(html).toMatch(/<td data-secret="monitoring">held \(pfm_/);
  expect(html).toMatch(/<td data-secret="gate">held \(/);
  expect(html).toMatch(/<td data-secret="sentry">held \(/);
  // The app now has a monitoring secret and a Sentry client secret of its own record.
  const status = await invoke<{ secretCreatedAt?: string; sentrySetAt?: string }>('preflight-settings', 'monitoring/get', {});
  expect(status.secretCreatedAt).toBeDefined();
  expect(status.sentrySetAt).toBeDefined();
});

test('a sample deployment reaches the CI gate web trigger and is recorded on the release', async () => {
  await submit('release-owner', 'deployment', { versionName: 'PAY 2.2', environment: 'production', build: '2.2.0', status: 'successful' });
  const answer = await lastAnswer(/^Deployment 2\.2\.0 to production/);
  expect(answer.status).toBe('200');
  expect(JSON.parse(answer.body)).toMatchObject({ recorded: true, kind: 'production', build: '2.2.0', status: 'successful', release: { version: 'PAY 2.2' } });
});

test('each tool\'s sample alert reaches the monitoring web trigger: a Datadog alert opens an incident (the gate turns red) and its resolve closes it', async () => {
  expect(await incidentGate()).toEqual({ status: 'pass', reason: 'No incident recorded' });
  await submit('release-owner', 'alert', { tool: 'datadog', state: 'triggered', severity: '2' });
  const opened = await lastAnswer(/^Datadog alert triggered/);
  expect(opened.status).toBe('200');
  expect(JSON.parse(opened.body)).toMatchObject({ recorded: true, change: 'opened', release: { version: 'PAY 2.2' }, incident: { severity: 2 } });
  expect(await incidentGate()).toEqual({ status: 'fail', reason: '1 open incident of severity 1-2' });

  await submit('release-owner', 'alert', { tool: 'datadog', state: 'resolved' });
  const resolved = await lastAnswer(/^Datadog alert resolved/);
  expect(JSON.parse(resolved.body)).toMatchObject({ change: 'resolved' });
  expect((await incidentGate()).status).toBe('pass');

  // New Relic (secret header) and Sentry (signed with the client secret) are accepted too.
  await submit('release-owner', 'alert', { tool: 'newrelic', state: 'triggered', severity: '3' });
  expect(JSON.parse((await lastAnswer(/^New Relic alert triggered/)).body)).toMatchObject({ change: 'opened', incident: { severity: 3 } });
  await submit('release-owner', 'alert', { tool: 'sentry', state: 'triggered', severity: '1' });
  expect(JSON.parse((await lastAnswer(/^Sentry alert triggered/)).body)).toMatchObject({ change: 'opened', incident: { severity: 1, title: 'Too many errors' } });
  await submit('release-owner', 'alert', { tool: 'sentry', state: 'resolved' });
  expect(JSON.parse((await lastAnswer(/^Sentry alert resolved/)).body)).toMatchObject({ change: 'resolved' });
});

test('"Run scheduled triggers now" runs each manifest scheduled trigger once, the daily reminders among them', async () => {
  await submit('release-owner', 'run-scheduled', {});
  const html = await page();
  expect(html.match(/Scheduled trigger preflight-daily-reminders \(daily-reminders\)/g)).toHaveLength(1);
  const reminders = await lastAnswer(/^Scheduled trigger preflight-daily-reminders/);
  expect(reminders.status).toBe('ran');
  expect(JSON.parse(reminders.body)).toMatchObject({ statusCode: 200 });
  expect(JSON.parse(JSON.parse(reminders.body).body)).toMatchObject({ projects: expect.any(Number), queued: expect.any(Number) });
  expect((await lastAnswer(/^Scheduled trigger preflight-retry-notifications/)).status).toBe('ran');
});

test('refuses a cross-site form, a JSON body and a malformed field', async () => {
  const crossSite = await fetch(`${site.url}/local/tools/run-scheduled`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: 'project=PAY' });
  expect(crossSite.status).toBe(403);
  const json = await fetch(`${site.url}/local/tools/alert`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(json.status).toBe(415);
  const bad = await submit('release-owner', 'alert', { tool: 'pagerduty', state: 'triggered' });
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain('tool: expected one of datadog, newrelic, sentry');
});
