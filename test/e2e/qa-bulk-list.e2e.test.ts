import type { FrameLocator } from 'playwright-core';
import { invokeDirect, moduleFrame, startBrowserSite, switchUser, userByPersona, type BrowserSite } from './helpers/browser-site';

/**
 * The release panel's bulk QA list as Quinn (QA lead) sees it: each issue's checkbox is named
 * "Select PAY-n" for screen readers, but that text is not on screen (the issue key beside the
 * checkbox says which issue). Set up through the resolvers: Rita overrides PAY 2.2 into Build & test
 * and sets a build under test.
 */
let env: BrowserSite;
let versionId = '';
const rita = userByPersona('release-owner');
const extension = { type: 'jira:projectPage', project: { id: '10000', key: 'PAY', type: 'software' } };
const frame = (): FrameLocator => moduleFrame(env.page);
const bulk = () => frame().getByTestId('qa-bulk');

async function asRita(functionKey: string, payload: Record<string, unknown>): Promise<void> {
  const read = await invokeDirect(env.site.url, { moduleKey: 'preflight-releases', functionKey: 'release/get', payload: { versionId }, accountId: rita.accountId, extension });
  const revision = (read.body.result as { data: { revision: number } }).data.revision;
  const answer = await invokeDirect(env.site.url, { moduleKey: 'preflight-releases', functionKey, payload: { versionId, revision, ...payload }, accountId: rita.accountId, extension });
  expect(answer.body.result).toMatchObject({ ok: true });
}

beforeAll(async () => {
  env = await startBrowserSite({ seedIssues: 200, history: false });
  const response = await fetch(new URL('/rest/api/3/project/PAY/versions', env.site.url), { headers: { authorization: `Basic ${Buffer.from('rita@preflight.local:local').toString('base64')}` } });
  versionId = ((await response.json()) as Array<{ id: string; name: string }>).find((v) => v.name === 'PAY 2.2')!.id;
  await asRita('release/advance', { override: { reason: 'QA starts now; planning sign-off follows in the steering meeting.' } });
  await asRita('release/set-build', { buildId: '2.2.0-rc1' });
});

afterAll(async () => {
  await env?.close();
});

test('the bulk list labels each checkbox with its issue for screen readers only', async () => {
  await env.page.goto(new URL(`/jira/projects/PAY/releases/${versionId}`, env.site.url).href);
  await switchUser(env.page, userByPersona('qa'));
  await bulk().getByRole('button', { name: 'Show issues awaiting QA of 2.2.0-rc1' }).click({ timeout: 30_000 });
  const list = bulk().getByTestId('qa-pending-issues');
  await list.getByRole('link').first().waitFor({ timeout: 20_000 });
  const firstKey = (await list.getByRole('link').first().textContent())!;
  expect(firstKey).toMatch(/^PAY-\d+$/);
  await bulk().getByRole('checkbox', { name: `Select ${firstKey}`, exact: true }).check();
  await bulk().getByRole('button', { name: `Approve 2.2.0-rc1 on 1 selected` }).waitFor();
  expect(await bulk().getByText(/^Select PAY-\d+$/).count()).toBe(0);
  expect(env.pageErrors.filter((e) => !/feature gate|Client must be initialized/i.test(e))).toEqual([]);
});
