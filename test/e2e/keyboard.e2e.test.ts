import type { Frame, Locator } from 'playwright-core';
import { moduleFrame, startBrowserSite, switchUser, userByPersona, type BrowserSite } from './helpers/browser-site';

/**
 * Every action of the release lifecycle with the keyboard only: Tab and Shift+Tab to move (from
 * the top of the page, through the host's chrome into the app's frames), Enter and Space to act,
 * Escape to dismiss, typing and Enter in pickers. Rita opens PAY 2.2 from the list, ticks a
 * checklist item, opens the override dialog and closes it with Escape, advances with an override,
 * sets a build; Quinn approves it on an issue; Rita configures a macro on a Confluence page and
 * saves. Each step asserts what the person notices, never how it was reached.
 */
let env: BrowserSite;
let versionId = '';
let issueKey = '';

const VERSION_NAME = 'PAY 2.2';
const REASON = 'The customer demo needs this build; planning sign-off follows.';
const BUILD = '2.2.0-kb1';
const frame = () => moduleFrame(env.page);
const auth = { authorization: `Basic ${Buffer.from('rita@preflight.local:local').toString('base64')}` };

async function jira<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(new URL(path, env.site.url), { ...init, headers: { 'content-type': 'application/json', ...auth } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

/** Whether the element has the keyboard focus (its document focused, it the active element). */
async function focused(target: Locator): Promise<boolean> {
  if ((await target.count()) !== 1) return false;
  return target.evaluate((el) => document.hasFocus() && el === document.activeElement, undefined, { timeout: 2_000 }).catch(() => false);
}

/** Presses Tab (Shift+Tab with `back`) until `target` has the focus; fails naming it after `max` presses. */
async function tabTo(target: Locator, { back = false, max = 150 } = {}): Promise<void> {
  await target.first().waitFor({ timeout: 60_000 });
  for (let presses = 0; presses <= max; presses++) {
    if (await focused(target)) return;
    await env.page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${String(target)} never got the focus in ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
}

/** The first frame (or the top page) in which `find` locates something, within `timeoutMs`. */
async function anywhere(find: (scope: Frame) => Locator, timeoutMs = 20_000): Promise<Locator> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const scope of env.page.frames()) {
      const locator = find(scope);
      if ((await locator.count().catch(() => 0)) > 0 && (await locator.first().isVisible().catch(() => false))) return locator.first();
    }
    if (Date.now() > deadline) throw new Error(`Nothing on the page or in its frames matched ${find.toString()}`);
    await env.page.waitForTimeout(200);
  }
}

/** Waits until neither the page nor any frame shows what `find` locates (a closed dialog's frame goes away). */
async function nowhere(find: (scope: Frame) => Locator, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let seen = false;
    for (const scope of env.page.frames()) {
      if (scope.isDetached()) continue;
      const locator = find(scope);
      if ((await locator.count().catch(() => 0)) > 0 && (await locator.first().isVisible().catch(() => false))) seen = true;
    }
    if (!seen) return;
    if (Date.now() > deadline) throw new Error(`Still showing after ${timeoutMs} ms: ${find.toString()}`);
    await env.page.waitForTimeout(200);
  }
}

/** Chooses an option of a picker with the keyboard: typing filters an @atlaskit select, Enter picks. */
async function choose(field: Locator, option: string): Promise<void> {
  await tabTo(field);
  if ((await field.evaluate((el) => el.tagName)) === 'SELECT') {
    // A native select: arrows move through the options.
    for (let i = 0; i < 50 && !(await field.evaluate((el, text) => (el as HTMLSelectElement).selectedOptions[0]?.textContent?.includes(text) ?? false, option)); i++) {
      await env.page.keyboard.press('ArrowDown');
    }
    return;
  }
  await env.page.keyboard.type(option);
  await frameOf(field).getByRole('option', { name: new RegExp(option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first().waitFor({ timeout: 15_000 });
  await env.page.keyboard.press('Enter');
}

/** The frame scope a locator was built in (for its listbox options). */
function frameOf(field: Locator) {
  return field.page().frameLocator('#macro-config-dialog iframe');
}

beforeAll(async () => {
  env = await startBrowserSite({ seedIssues: 200, history: false });
  versionId = (await jira<Array<{ id: string; name: string }>>('/rest/api/3/project/PAY/versions')).find((v) => v.name === VERSION_NAME)!.id;
  const search = await jira<{ issues: Array<{ key: string }> }>('/rest/api/3/search/jql', {
    method: 'POST',
    body: JSON.stringify({ jql: `fixVersion = ${versionId} AND issuetype IN (Story, Bug) ORDER BY key ASC`, fields: ['key'], maxResults: 1 }),
  });
  issueKey = search.issues[0]!.key;
}, 120_000);

afterAll(async () => {
  await env?.close();
});

test('Rita opens PAY 2.2 from the releases list with Tab and Enter', async () => {
  await env.page.goto(new URL('/jira/projects/PAY/releases', env.site.url).href);
  await tabTo(frame().getByRole('button', { name: `Open release ${VERSION_NAME}`, exact: true }));
  await env.page.keyboard.press('Enter');
  await frame().getByRole('heading', { name: VERSION_NAME }).waitFor({ timeout: 30_000 });
  expect(env.page.url()).toContain(`/releases/${versionId}`);
});

test('she ticks a checklist item with Space', async () => {
  await tabTo(frame().getByLabel('Mark done: Dependencies identified'));
  await env.page.keyboard.press('Space');
  await frame().getByLabel('Done: Dependencies identified').waitFor({ timeout: 15_000 });
});

test('she opens the override dialog, closes it with Escape, then advances with a reason', async () => {
  await tabTo(frame().getByRole('button', { name: /^Advance to Build & test/ }));
  await env.page.keyboard.press('Enter');
  await frame().getByText(/Advance to Build & test is blocked/).first().waitFor({ timeout: 15_000 });

  const offer = frame().getByRole('button', { name: 'Override with a reason…' });
  await tabTo(offer);
  await env.page.keyboard.press('Enter');
  await anywhere((scope) => scope.getByLabel(/^Reason/));
  await env.page.keyboard.press('Escape');
  await nowhere((scope) => scope.getByLabel(/^Reason/));
  // Nothing changed: still in Planning.
  await frame().getByRole('button', { name: /^Advance to Build & test/ }).waitFor();

  await tabTo(offer, { back: true });
  await env.page.keyboard.press('Enter');
  const field = await anywhere((scope) => scope.getByLabel(/^Reason/));
  await tabTo(field);
  await env.page.keyboard.type(REASON);
  await tabTo(await anywhere((scope) => scope.getByRole('button', { name: 'Override and advance' })));
  await env.page.keyboard.press('Enter');
  await frame().getByRole('heading', { name: 'Build & test: exit gates' }).waitFor({ timeout: 20_000 });
});

test('she sets the build under test by typing and pressing Enter on the button', async () => {
  await tabTo(frame().getByLabel('Build under test', { exact: true }));
  await env.page.keyboard.type(BUILD);
  await tabTo(frame().getByRole('button', { name: 'Set build under test' }));
  await env.page.keyboard.press('Enter');
  await frame().getByText(`${BUILD}, set by Rita Owens`).first().waitFor({ timeout: 15_000 });
});

test('Quinn approves the build on an issue with Tab and Enter', async () => {
  await switchUser(env.page, userByPersona('qa'));
  await env.page.goto(new URL(`/browse/${issueKey}`, env.site.url).href);
  const card = frame().getByTestId(`qa-release-${versionId}`);
  await tabTo(card.getByRole('button', { name: `Approve ${BUILD}` }));
  await env.page.keyboard.press('Enter');
  await card.getByText('Approved by Quinn Adams').first().waitFor({ timeout: 15_000 });
});

test('Rita configures the checklist macro on a Confluence page and saves, keyboard only', async () => {
  await switchUser(env.page, userByPersona('release-owner'));
  await env.page.goto(new URL('/wiki/pages/98309', env.site.url).href);
  const configure = env.page.locator('.macro').first().getByRole('button', { name: 'Configure' });
  await tabTo(configure);
  await env.page.keyboard.press('Enter');
  const dialog = env.page.frameLocator('#macro-config-dialog iframe');
  await choose(dialog.getByLabel('Project', { exact: true }), 'PAY');
  await choose(dialog.getByLabel('Version', { exact: true }), VERSION_NAME);
  await tabTo(dialog.getByRole('button', { name: 'Save', exact: true }));
  await env.page.keyboard.press('Enter');
  await env.page.locator('#macro-config-dialog[open]').waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
  expect(await env.page.locator('#macro-config-dialog').evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
  // The macro now shows PAY 2.2's checklist, with the item Rita ticked by keyboard as done by her.
  const macro = env.page.locator('.macro').first().frameLocator('iframe.forge-frame');
  await macro.getByText(/done by Rita Owens/).first().waitFor({ timeout: 30_000 });
});
