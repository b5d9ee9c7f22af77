import { invokeDirect, startBrowserSite, switchUser, userByPersona, type BrowserSite } from './helpers/browser-site';

/**
 * The workflow rule in a browser. PAY's workflow carries Preflight's QA validator on its transition
 * into Done (the seed; Rita sees it on the local Jira's workflow page). With a build under test on
 * PAY 2.2, Dev presses "Done" on an issue's page: Jira refuses, and the page shows the validator's
 * message naming the build and who approves it; the issue stays where it was. Once Quinn (QA)
 * approved the build, the same button moves the issue to Done; once Rita removed the validator,
 * Done needs no approval. Steps wait on visible text.
 */
const VERSION_NAME = 'PAY 2.2';
let env: BrowserSite;
let versionId = '';
let issue = { id: '', key: '' };
let other = { id: '', key: '' };

const auth = { authorization: `Basic ${Buffer.from('rita@preflight.local:local').toString('base64')}` };
async function jira<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(new URL(path, env.site.url), { ...init, headers: { 'content-type': 'application/json', ...auth } });
  return (await response.json()) as T;
}
const panelExtension = { type: 'jira:projectPage', project: { id: '', key: 'PAY', type: 'software' } };
async function invokeOk<T>(as: 'release-owner' | 'qa', moduleKey: string, functionKey: string, payload: Record<string, unknown>, extension: Record<string, unknown>): Promise<T> {
  const answer = await invokeDirect(env.site.url, { moduleKey, functionKey, payload, accountId: userByPersona(as).accountId, extension });
  const result = answer.body.result as { ok: boolean; data: T; error?: unknown };
  if (!result?.ok) throw new Error(`${functionKey}: ${JSON.stringify(answer.body)}`);
  return result.data;
}
const statusCell = () => env.page.locator('table.fields tr', { hasText: 'Status' }).locator('td');

beforeAll(async () => {
  env = await startBrowserSite({ seedIssues: 200 });
  const project = await jira<{ id: string }>('/rest/api/3/project/PAY');
  panelExtension.project.id = project.id;
  const versions = await jira<Array<{ id: string; name: string }>>('/rest/api/3/project/PAY/versions');
  versionId = versions.find((v) => v.name === VERSION_NAME)!.id;
  const search = await jira<{ issues: Array<{ id: string; key: string }> }>('/rest/api/3/search/jql', {
    method: 'POST',
    body: JSON.stringify({ jql: `fixVersion = ${versionId} AND issuetype IN (Story, Bug) AND statusCategory != Done ORDER BY key ASC`, fields: ['key'], maxResults: 2 }),
  });
  [issue, other] = search.issues as [typeof issue, typeof other];
  const view = await invokeOk<{ revision: number }>('release-owner', 'preflight-releases', 'release/get', { versionId }, panelExtension);
  await invokeOk('release-owner', 'preflight-releases', 'release/set-build', { versionId, revision: view.revision, buildId: '2.2.0-rc1' }, panelExtension);
});

afterAll(async () => {
  await env?.close();
});

test("the project's workflow page shows Preflight's validator on the transition into Done", async () => {
  await env.page.goto(new URL('/jira/projects/PAY/settings/workflow', env.site.url).href);
  const done = env.page.locator('table.list tr', { hasText: 'Done' });
  await done.getByText('Preflight: QA approval before Done').waitFor({ timeout: 15_000 });
  await done.getByRole('button', { name: 'Remove Preflight: QA approval before Done from Done' }).waitFor();
});

test('Done without QA approval is refused on the issue page with the message naming the build and the approvers', async () => {
  await env.page.goto(new URL('/', env.site.url).href);
  await switchUser(env.page, userByPersona('developer'));
  await env.page.goto(new URL(`/browse/${issue.key}`, env.site.url).href);
  const before = await statusCell().innerText();
  await env.page.locator('.issue-transitions').getByRole('button', { name: 'Done', exact: true }).click();
  const alert = env.page.getByRole('alert');
  await alert.waitFor({ timeout: 30_000 });
  expect(await alert.innerText()).toBe(
    `${issue.key} cannot move to Done: QA has not approved build 2.2.0-rc1 (PAY 2.2) yet. A QA lead (Jira project role QA in PAY) approves the build in the issue's Preflight QA panel.`,
  );
  expect(await statusCell().innerText()).toBe(before);
});

test('after QA approves the build, the same button moves the issue to Done', async () => {
  await invokeOk('qa', 'preflight-qa', 'qa/decide', { versionId, build: '2.2.0-rc1', decision: 'approved' }, {
    type: 'jira:issueContext',
    issue: { id: issue.id, key: issue.key, type: 'Story', typeId: '' },
    project: panelExtension.project,
  });
  await env.page.goto(new URL(`/browse/${issue.key}`, env.site.url).href);
  await env.page.locator('.issue-transitions').getByRole('button', { name: 'Done', exact: true }).click();
  await env.page.waitForURL((url) => url.pathname === `/browse/${issue.key}` && !url.search.includes('error'));
  await statusCell().getByText('Done', { exact: true }).waitFor({ timeout: 15_000 });
  expect(await env.page.getByRole('alert').count()).toBe(0);
  expect(env.pageErrors).toEqual([]);
});

test('once a project admin removes the validator, Done needs no approval in PAY', async () => {
  await switchUser(env.page, userByPersona('release-owner'));
  await env.page.goto(new URL('/jira/projects/PAY/settings/workflow', env.site.url).href);
  await env.page.getByRole('button', { name: 'Remove Preflight: QA approval before Done from Done' }).click();
  await env.page.locator('table.list tr', { hasText: 'Done' }).getByText('None').waitFor({ timeout: 15_000 });
  await env.page.goto(new URL(`/browse/${other.key}`, env.site.url).href);
  await env.page.locator('.issue-transitions').getByRole('button', { name: 'Done', exact: true }).click();
  await statusCell().getByText('Done', { exact: true }).waitFor({ timeout: 15_000 });
  expect(await env.page.getByRole('alert').count()).toBe(0);
});
