import { invokeDirect, moduleFrame, startBrowserSite, userByPersona, type BrowserSite } from './helpers/browser-site';

/**
 * Deployments per environment, in a browser (issue 13). PAY 2.2 is in Deployment with build 2.2.0
 * under test. CI reports deployments to the CI gate web trigger URL the local site serves (the
 * same handler the manifest names): the panel's environment strip shows which build runs where,
 * and the Deployment gate turns green once production has the build.
 */
const VERSION_NAME = 'PAY 2.2';
let env: BrowserSite;
let versionId = '';
let gateUrl = '';
let secret = '';

const auth = { authorization: `Basic ${Buffer.from('rita@preflight.local:local').toString('base64')}` };
async function jira<T>(path: string): Promise<T> {
  const response = await fetch(new URL(path, env.site.url), { headers: { accept: 'application/json', ...auth } });
  return (await response.json()) as T;
}
const extension = { type: 'jira:projectPage', project: { id: '', key: 'PAY', type: 'software' } };
async function invokeOk<T>(moduleKey: string, functionKey: string, payload: Record<string, unknown>): Promise<T> {
  const answer = await invokeDirect(env.site.url, { moduleKey, functionKey, payload, accountId: userByPersona('release-owner').accountId, extension });
  const result = answer.body.result as { ok: boolean; data: T } | undefined;
  if (!result?.ok) throw new Error(`${functionKey}: ${JSON.stringify(answer.body)}`);
  return result.data;
}

/** What a pipeline sends: the raw HTTP contract of README "CI/CD gate". */
async function reportDeployment(deployment: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(gateUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-preflight-secret': secret },
    body: JSON.stringify({ project: 'PAY', deployment }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  env = await startBrowserSite({ seedIssues: 60 });
  extension.project.id = (await jira<{ id: string }>('/rest/api/3/project/PAY')).id;
  versionId = (await jira<Array<{ id: string; name: string }>>('/rest/api/3/project/PAY/versions')).find((v) => v.name === VERSION_NAME)!.id;
  gateUrl = (await invokeOk<{ gate: { url: string } }>('preflight-settings', 'integrations/get', {})).gate.url;
  secret = (await invokeOk<{ secret: string }>('preflight-settings', 'integrations/rotate-gate-secret', {})).secret;
  let view = await invokeOk<{ revision: number }>('preflight-releases', 'release/get', { versionId });
  for (let i = 0; i < 3; i++) {
    view = await invokeOk('preflight-releases', 'release/advance', { versionId, revision: view.revision, override: { reason: 'Agreed in the go/no-go meeting' } });
  }
  await invokeOk('preflight-releases', 'release/set-build', { versionId, revision: view.revision, buildId: '2.2.0' });
});

afterAll(async () => {
  await env?.close();
});

test('a deployment reported to the web trigger URL shows in the environment strip and turns the Deployment gate green', async () => {
  const { page } = env;
  expect(gateUrl).toMatch(/\/x1\/[0-9a-f]{32}$/);
  const staging = await reportDeployment({ environment: 'UAT', build: '2.2.0', status: 'successful', pipeline: 'deploy #41' });
  expect(staging).toMatchObject({ status: 200, body: { kind: 'testing', release: { version: VERSION_NAME } } });

  await page.goto(new URL('/jira/projects/PAY/releases', env.site.url).href);
  const frame = moduleFrame(page);
  await frame.getByRole('button', { name: `Open release ${VERSION_NAME}` }).click({ timeout: 30_000 });
  const gate = frame.getByTestId('gate-deployed-production');
  await gate.getByText('No production deployment of 2.2.0 reported yet').waitFor({ timeout: 30_000 });
  expect(await gate.innerText()).toContain('Fail');
  const strip = frame.getByTestId('environment-strip');
  await strip.getByTestId('environment-UAT').waitFor();
  expect(await strip.getByTestId('environment-UAT').innerText()).toMatch(/UAT\s+Testing[\s\S]*Build 2\.2\.0\s+Successful[\s\S]*Since [\s\S]*By deploy #41/);

  const production = await reportDeployment({ environment: 'production', build: '2.2.0', status: 'successful', pipeline: 'deploy #42', url: 'https://ci.example/run/42' });
  expect(production).toMatchObject({ status: 200, body: { recorded: true, kind: 'production', release: { version: VERSION_NAME } } });

  await page.goto(new URL('/jira/projects/PAY/releases', env.site.url).href);
  await frame.getByRole('button', { name: `Open release ${VERSION_NAME}` }).click({ timeout: 30_000 });
  await gate.getByText(/^2\.2\.0 deployed to production successfully at /).waitFor({ timeout: 30_000 });
  expect(await gate.innerText()).toContain('Pass');
  const card = strip.getByTestId('environment-production');
  expect(await card.innerText()).toMatch(/production\s+Production[\s\S]*Build 2\.2\.0\s+Successful/);
  // The pipeline run is a link to what CI sent, and only because it is https.
  expect(await card.getByRole('link', { name: 'deploy #42' }).getAttribute('href')).toBe('https://ci.example/run/42');
  // Pipeline order: testing before production.
  expect(await strip.locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-testid')))).toEqual(['environment-UAT', 'environment-production']);
  await frame.getByTestId('audit-trail').getByText('Deployed 2.2.0 to production (successful) by deploy #42').first().waitFor({ timeout: 15_000 });
  expect(env.pageErrors).toEqual([]);
});
