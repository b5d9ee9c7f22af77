import type { FrameLocator } from 'playwright-core';
import { invokeDirect, moduleFrame, startBrowserSite, switchUser, userByPersona, type BrowserSite } from './helpers/browser-site';

/**
 * QA build approvals in a browser. Rita (release owner) moves PAY 2.2 into Build & test and sets a
 * build under test; the QA gate fails. Quinn (QA) approves the build on one issue from the issue's
 * own module (with a note) and on the rest from the release panel's bulk view. Rita sees the gate
 * pass; a new build under test makes it fail again. Dev (no QA role) finds no approve buttons on the
 * issue, and his direct POST /api/invoke is refused. Steps wait on visible text, never on timers.
 */
const VERSION_NAME = 'PAY 2.2';
const OVERRIDE_REASON = 'Planning sign-off happens in the steering meeting; QA starts now.';
const NOTE = 'Checked on Chrome and Safari <b>not bold</b>';

let env: BrowserSite;
let versionId = '';
let firstIssue = { id: '', key: '' };

const frame = (): FrameLocator => moduleFrame(env.page);
const gate = (gateId: string) => frame().getByTestId(`gate-${gateId}`);
const bulk = () => frame().getByTestId('qa-bulk');
const auth = (email: string) => ({ authorization: `Basic ${Buffer.from(`${email}:local`).toString('base64')}` });

async function jira<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(new URL(path, env.site.url), { ...init, headers: { 'content-type': 'application/json', ...auth('rita@preflight.local'), ...(init.headers ?? {}) } });
  return (await response.json()) as T;
}

async function waitForText(text: string | RegExp, scope: FrameLocator | ReturnType<FrameLocator['locator']> = frame()): Promise<void> {
  await scope.getByText(text).first().waitFor({ timeout: 20_000 });
}

async function openPanel(): Promise<void> {
  await env.page.goto(new URL(`/jira/projects/PAY/releases/${versionId}`, env.site.url).href);
  await frame().getByRole('heading', { name: VERSION_NAME }).waitFor({ timeout: 30_000 });
}

async function setBuild(build: string): Promise<void> {
  await frame().getByLabel('Build under test').fill(build);
  await frame().getByRole('button', { name: 'Set build under test' }).click();
  await waitForText(`${build}, set by Rita Owens`);
}

beforeAll(async () => {
  env = await startBrowserSite({ seedIssues: 200 });
  const versions = await jira<Array<{ id: string; name: string }>>('/rest/api/3/project/PAY/versions');
  versionId = versions.find((v) => v.name === VERSION_NAME)!.id;
  const search = await jira<{ issues: Array<{ id: string; key: string }> }>('/rest/api/3/search/jql', {
    method: 'POST',
    body: JSON.stringify({ jql: `fixVersion = ${versionId} AND issuetype IN (Story, Bug) ORDER BY key ASC`, fields: ['key'], maxResults: 1 }),
  });
  firstIssue = search.issues[0]!;
});

afterAll(async () => {
  await env?.close();
});

test('the release owner starts Build & test with a build under test: the QA gate fails', async () => {
  await openPanel();
  await frame().getByRole('button', { name: 'Advance to Build & test' }).click();
  await frame().getByRole('button', { name: 'Override with a reason…' }).click();
  // The override opens as a full-page dialog on the host page (@forge/bridge Modal), not in the panel's frame.
  const dialog = env.page.frameLocator('dialog#forge-modal iframe');
  await dialog.getByLabel('Reason (required, at least 10 characters)').fill(OVERRIDE_REASON);
  await dialog.getByRole('button', { name: 'Override and advance' }).click();
  await env.page.locator('dialog#forge-modal').waitFor({ state: 'detached', timeout: 15_000 });
  await frame().getByRole('heading', { name: 'Build & test: exit gates' }).waitFor({ timeout: 15_000 });
  await setBuild('2.2.0-rc1');
  await waitForText(/issues? still need QA approval of the current build/, gate('qa-approved'));
  // Rita is no QA engineer: the bulk view lists the issues but offers no approve buttons.
  await bulk().getByRole('button', { name: 'Show issues awaiting QA of 2.2.0-rc1' }).click();
  await waitForText(firstIssue.key, bulk());
  await waitForText('Only the QA lead role of this project can approve or reject builds.', bulk());
  expect(await bulk().getByRole('button', { name: /^Approve/ }).count()).toBe(0);
});

test('QA approves the build on one issue from its issue module, with a note', async () => {
  await switchUser(env.page, userByPersona('qa'));
  await env.page.goto(new URL(`/browse/${firstIssue.key}`, env.site.url).href);
  const card = frame().getByTestId(`qa-release-${versionId}`);
  await waitForText('Build under test: 2.2.0-rc1', card);
  await waitForText('Awaiting QA', card);
  await waitForText('Build & test', card);
  await card.getByLabel('Note for 2.2.0-rc1 (needed to reject)').fill(NOTE);
  await card.getByRole('button', { name: 'Approve 2.2.0-rc1' }).click();
  await waitForText('Approved by Quinn Adams', card);
  const history = frame().getByTestId('qa-history');
  // The note is text, never markup.
  await waitForText(NOTE, history);
  await waitForText(/Quinn Adams, .* · PAY 2\.2/, history);
});

test('QA approves the remaining issues at once from the release panel', async () => {
  await openPanel();
  await bulk().getByRole('button', { name: 'Show issues awaiting QA of 2.2.0-rc1' }).click();
  await waitForText(/^PAY-\d+$/, bulk());
  // Each checkbox is named after its issue for screen readers; on screen, the issue key beside it says which.
  const firstKey = (await bulk().getByTestId('qa-pending-issues').getByRole('link').first().textContent())!;
  await bulk().getByRole('checkbox', { name: `Select ${firstKey}`, exact: true }).waitFor();
  expect(await bulk().getByText(/^Select PAY-\d+$/).count()).toBe(0);
  // The issue approved a moment ago no longer awaits QA.
  expect(await bulk().getByRole('link', { name: firstIssue.key, exact: true }).count()).toBe(0);
  await bulk().getByRole('button', { name: /^Select the first \d+$/ }).click();
  await bulk().getByLabel('Note for the selected issues (optional)').fill('Regression run 1182 green');
  await bulk().getByRole('button', { name: /^Approve 2\.2\.0-rc1 on \d+ selected$/ }).click();
  // The panel reloads with the decisions counted.
  await waitForText('QA approved the current build on every issue that needs QA', gate('qa-approved'));
  await bulk().getByRole('button', { name: 'Show issues awaiting QA of 2.2.0-rc1' }).click();
  await waitForText('Every issue that needs QA has an approval of 2.2.0-rc1.', bulk());
});

test('the release owner sees the gate pass, and a new build under test makes it fail again', async () => {
  await switchUser(env.page, userByPersona('release-owner'));
  await openPanel();
  await waitForText('Pass', gate('qa-approved'));
  await waitForText('QA approved the current build on every issue that needs QA', gate('qa-approved'));
  await waitForText(/QA approved build 2\.2\.0-rc1 on PAY-\d+/, frame().getByTestId('audit-trail'));
  await setBuild('2.2.0-rc2');
  await waitForText(/issues? still need QA approval of the current build/, gate('qa-approved'));
});

test('a person without the QA role cannot approve, neither in the UI nor through POST /api/invoke', async () => {
  const dev = userByPersona('developer');
  await switchUser(env.page, dev);
  await env.page.goto(new URL(`/browse/${firstIssue.key}`, env.site.url).href);
  const card = frame().getByTestId(`qa-release-${versionId}`);
  await waitForText('Build under test: 2.2.0-rc2', card);
  await waitForText(/^Read only: Only people in the QA lead role of PAY can approve or reject builds/);
  // The history stays readable.
  await waitForText(NOTE, frame().getByTestId('qa-history'));
  expect(await frame().getByRole('button', { name: /^(Approve|Reject) / }).count()).toBe(0);

  const extension = {
    type: 'jira:issueContext',
    issue: { id: firstIssue.id, key: firstIssue.key, type: 'Story', typeId: '10001' },
    project: { id: '10000', key: 'PAY', type: 'software' },
  };
  const answer = await invokeDirect(env.site.url, {
    moduleKey: 'preflight-qa',
    functionKey: 'qa/decide',
    payload: { versionId, build: '2.2.0-rc2', decision: 'approved' },
    accountId: dev.accountId,
    extension,
  });
  expect(answer.body.result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const property = await jira<{ value: { build: string } }>(`/rest/api/3/issue/${firstIssue.id}/properties/preflight-qa`);
  expect(property.value.build).toBe('2.2.0-rc1');
  expect(env.pageErrors).toEqual([]);
});
