import type { FrameLocator } from 'playwright-core';
import { moduleFrame, startBrowserSite, switchUser, userByPersona, type BrowserSite } from './helpers/browser-site';

/**
 * Gaps in the release record, in a browser. Rita (release owner) adds a checklist item of PAY 2.2
 * alone, renames it and removes it after confirming in place. Quinn (QA) writes an issue's release
 * note and marks it internal; Val (viewer) reads it without an editor. Steps wait on visible text.
 */
const VERSION_NAME = 'PAY 2.2';
const NOTE = 'Card payments now retry once <b>before</b> failing.';

let env: BrowserSite;
let versionId = '';
let issue = { id: '', key: '' };

const frame = (): FrameLocator => moduleFrame(env.page);
const auth = (email: string) => ({ authorization: `Basic ${Buffer.from(`${email}:local`).toString('base64')}` });

async function jira<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(new URL(path, env.site.url), { ...init, headers: { 'content-type': 'application/json', ...auth('rita@preflight.local'), ...(init.headers ?? {}) } });
  return (await response.json()) as T;
}

async function waitForText(text: string | RegExp, scope: FrameLocator | ReturnType<FrameLocator['locator']> = frame()): Promise<void> {
  await scope.getByText(text).first().waitFor({ timeout: 20_000 });
}

beforeAll(async () => {
  env = await startBrowserSite({ seedIssues: 120 });
  const versions = await jira<Array<{ id: string; name: string }>>('/rest/api/3/project/PAY/versions');
  versionId = versions.find((v) => v.name === VERSION_NAME)!.id;
  const search = await jira<{ issues: Array<{ id: string; key: string }> }>('/rest/api/3/search/jql', {
    method: 'POST',
    body: JSON.stringify({ jql: `fixVersion = ${versionId} ORDER BY key ASC`, fields: ['key'], maxResults: 1 }),
  });
  issue = search.issues[0]!;
});

afterAll(async () => {
  await env?.close();
});

test('the release owner adds a checklist item to this release, renames it, and removes it after confirming', async () => {
  await env.page.goto(new URL(`/jira/projects/PAY/releases/${versionId}`, env.site.url).href);
  const current = frame().getByTestId('current-phase');
  await current.getByRole('button', { name: 'Add checklist item to Planning' }).click({ timeout: 30_000 });
  await current.getByLabel('Name of the new checklist item in Planning').fill('Payments partner briefed');
  await current.getByRole('button', { name: 'Add item' }).click();

  const item = frame().getByTestId('gate-payments-partner-briefed');
  await waitForText('This release only', item);
  await waitForText(/Added to this release by Rita Owens/, item);
  await waitForText(/Added the checklist item "Payments partner briefed" to Planning, for this release only/, frame().getByTestId('audit-trail'));

  await item.getByRole('button', { name: 'Rename “Payments partner briefed”' }).click();
  await item.getByLabel('New name for “Payments partner briefed”').fill('Payments partner briefed on the retry change');
  await item.getByRole('button', { name: 'Save name' }).click();
  await waitForText('Payments partner briefed on the retry change', item);

  await item.getByRole('button', { name: 'Remove “Payments partner briefed on the retry change”' }).click();
  // Asked in place; Cancel has the focus, so a stray Enter keeps the item.
  await item.getByRole('alertdialog').getByRole('button', { name: 'Remove item' }).click();
  await frame().getByTestId('gate-payments-partner-briefed').waitFor({ state: 'detached', timeout: 20_000 });
  await waitForText(/Removed the checklist item "Payments partner briefed on the retry change" from Planning/, frame().getByTestId('audit-trail'));
  // The template's items offer no rename or remove.
  expect(await frame().getByRole('button', { name: /^Remove “/ }).count()).toBe(0);
});

test('QA writes the issue\u2019s release note and marks it internal; the viewer reads it without an editor', async () => {
  await switchUser(env.page, userByPersona('qa'));
  await env.page.goto(new URL(`/browse/${issue.key}`, env.site.url).href);
  const note = frame().getByTestId('release-note');
  const text = note.getByLabel(/Text customers read instead of the summary/);
  await text.waitFor({ timeout: 30_000 });
  await text.fill(NOTE);
  await note.getByLabel('Internal only: leave this issue out of customer release notes').check();
  await note.getByRole('button', { name: 'Save release note' }).click();
  await waitForText('No unsaved changes.', note);

  const stored = await jira<{ value: unknown }>(`/rest/api/3/issue/${issue.id}/properties/preflight-notes`);
  expect(stored.value).toEqual({ text: NOTE, internal: true });

  await switchUser(env.page, userByPersona('viewer'));
  await env.page.goto(new URL(`/browse/${issue.key}`, env.site.url).href);
  const seen = frame().getByTestId('release-note');
  // People's text shows as text, never markup.
  await waitForText(NOTE, seen);
  await waitForText('Internal only', seen);
  await waitForText(/Only people with a Preflight role in PAY .* can edit release notes/, seen);
  expect(await seen.getByRole('button', { name: 'Save release note' }).count()).toBe(0);
});

afterEach(() => {
  expect(env.pageErrors).toEqual([]);
});
