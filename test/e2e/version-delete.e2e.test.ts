import { invokeDirect, moduleFrame, startBrowserSite, userByPersona, type BrowserSite } from './helpers/browser-site';

/**
 * A tracked version deleted on the local Jira's own version page (issue 13): the confirm step,
 * Jira's event reaching the app in the background, and the release's panel saying the version was
 * deleted and where its issues went, instead of an unexplained "not found".
 */
const VERSION_NAME = 'PAY 2.1';
const TARGET_NAME = 'PAY 3.0';
let env: BrowserSite;
let versionId = '';

const auth = { authorization: `Basic ${Buffer.from('rita@preflight.local:local').toString('base64')}` };
async function jira<T>(path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(new URL(path, env.site.url), { headers: { accept: 'application/json', ...auth } });
  return { status: response.status, body: (await response.json()) as T };
}

beforeAll(async () => {
  env = await startBrowserSite({ seedIssues: 60 });
  const projectId = (await jira<{ id: string }>('/rest/api/3/project/PAY')).body.id;
  versionId = (await jira<Array<{ id: string; name: string }>>('/rest/api/3/project/PAY/versions')).body.find((v) => v.name === VERSION_NAME)!.id;
  // Preflight tracks a release once someone saved something on it (here: the first phase's plan).
  const answer = await invokeDirect(env.site.url, {
    moduleKey: 'preflight-releases',
    functionKey: 'release/set-dates',
    payload: { versionId, revision: 0, phaseId: 'planning' },
    accountId: userByPersona('release-owner').accountId,
    extension: { type: 'jira:projectPage', project: { id: projectId, key: 'PAY', type: 'software' } },
  });
  if (!(answer.body.result as { ok?: boolean } | undefined)?.ok) throw new Error(`release/set-dates: ${JSON.stringify(answer.body)}`);
});

afterAll(async () => {
  await env?.close();
});

test("deleting a tracked version on Jira's version page, its issues moved to another, shows on the release's panel", async () => {
  const { page } = env;
  await page.goto(new URL(`/jira/projects/PAY/versions/${versionId}`, env.site.url).href);
  await page.getByRole('link', { name: 'Delete…' }).click();
  await page.getByRole('heading', { name: `Delete ${VERSION_NAME}` }).waitFor();
  await page.getByLabel('Fix version of its issues').selectOption({ label: TARGET_NAME });
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('heading', { name: 'Versions', exact: true }).waitFor({ timeout: 15_000 });
  expect(await page.locator('table.list').innerText()).not.toContain(VERSION_NAME);
  expect((await jira(`/rest/api/3/version/${versionId}`)).status).toBe(404);

  // The event is delivered in the background: reopen the panel until the record says deleted.
  const message = /This version was deleted in Jira on [A-Z][a-z]{2} \d{1,2}, \d{4} and its issues moved to PAY 3\.0\./;
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.goto(new URL(`/jira/projects/PAY/releases/${versionId}`, env.site.url).href);
    const frame = moduleFrame(page);
    await frame.getByText(/There is no such release/).waitFor({ timeout: 30_000 });
    if (message.test(await frame.locator('body').innerText())) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(await moduleFrame(page).locator('body').innerText()).toMatch(message);
  expect(env.pageErrors).toEqual([]);
});
