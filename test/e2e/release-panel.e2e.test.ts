import type { FrameLocator, Page } from 'playwright-core';
import { describeViolation, invokeDirect, moduleFrame, startBrowserSite, switchUser, userByPersona, type BrowserSite } from './helpers/browser-site';

/**
 * The release lifecycle in a browser: Rita (release owner) takes PAY 2.2 from Planning to
 * Post-release review through the release panel, meeting a blocked advance and overriding it,
 * ticking checklist items, signing off (Quinn signs for QA), setting a build, releasing the version
 * in Jira and reading the audit trail. Vera (viewer) then sees it all read-only, and her direct
 * resolver call is refused by the server too. Last, the project settings page: read-only for Vera,
 * validated and saved for Rita. Steps wait on visible text, never on timers.
 */
const VERSION_NAME = 'PAY 2.2';
const OVERRIDE_REASON = 'Known issues are tracked in PAY 2.3; the customer demo needs this build.';
const ROLLBACK_LINK = 'https://wiki.example.com/pay/rollback-2-2';
const MONITORING_LINK = 'https://grafana.example.com/d/payments';

let env: BrowserSite;
let panelPath = '';
let versionId = '';

beforeAll(async () => {
  env = await startBrowserSite({ seedIssues: 200 });
});

afterAll(async () => {
  await env?.close();
});

const frame = (): FrameLocator => moduleFrame(env.page);
const currentPhase = () => frame().getByTestId('current-phase');
const gate = (gateId: string) => frame().getByTestId(`gate-${gateId}`);

async function waitForText(text: string | RegExp, scope: FrameLocator | ReturnType<FrameLocator['locator']> = frame()): Promise<void> {
  await scope.getByText(text).first().waitFor({ timeout: 15_000 });
}

/** Ticks a checklist item and waits for the server's answer to show it done. */
async function tick(gateName: string): Promise<void> {
  await frame().getByLabel(`Mark done: ${gateName}`).click();
  await frame().getByLabel(`Done: ${gateName}`).waitFor({ timeout: 15_000 });
}

/** Whether the element has the keyboard focus within a few seconds (focus returns after the re-render). */
async function hasFocusSoon(locator: ReturnType<FrameLocator['locator']>): Promise<boolean> {
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await locator.evaluate((el) => el === document.activeElement)) return true;
    await new Promise((done) => setTimeout(done, 100));
  }
  return false;
}

async function tickWithLink(gateId: string, gateName: string, link: string): Promise<void> {
  await gate(gateId).getByLabel(`Link for ${gateName}`).fill(link);
  await tick(gateName);
}

/** What CI sends after deploying: the deployment report on the CI gate web trigger, with the project's gate secret. */
async function reportProductionDeployment(build: string): Promise<void> {
  const extension = { type: 'jira:projectSettingsPage', project: { id: '10000', key: 'PAY', type: 'software' } };
  const call = async <T>(functionKey: string): Promise<T> => {
    const answer = await invokeDirect(env.site.url, { moduleKey: 'preflight-settings', functionKey, payload: {}, accountId: userByPersona('release-owner').accountId, extension });
    const result = answer.body.result as { ok: boolean; data: T } | undefined;
    if (!result?.ok) throw new Error(`${functionKey}: ${JSON.stringify(answer.body)}`);
    return result.data;
  };
  const gateUrl = (await call<{ gate: { url: string } }>('integrations/get')).gate.url;
  const { secret } = await call<{ secret: string }>('integrations/rotate-gate-secret');
  const response = await fetch(gateUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-preflight-secret': secret },
    body: JSON.stringify({ project: 'PAY', deployment: { environment: 'production', build, status: 'successful', version: VERSION_NAME, pipeline: 'deploy #7' } }),
  });
  expect(response.status).toBe(200);
}

async function advanceBlocked(nextPhase: string): Promise<void> {
  await currentPhase().getByRole('button', { name: `Advance to ${nextPhase}` }).click();
  await waitForText(`Advance to ${nextPhase} is blocked`);
}

/** The host page's full-page dialog (@forge/bridge Modal): outside the app's frame, dimming the whole page. */
const hostModal = () => env.page.locator('dialog#forge-modal');
const modalFrame = (): FrameLocator => env.page.frameLocator('dialog#forge-modal iframe');

/** Overrides in the full-page dialog and waits for it to close. */
async function overrideInModal(): Promise<void> {
  await frame().getByRole('button', { name: 'Override with a reason…' }).click();
  await hostModal().waitFor({ timeout: 15_000 });
  // The page's own modal (the whole page inert behind it), not a dialog inside the app's frame.
  expect(await hostModal().evaluate((d) => (d as HTMLDialogElement).open && d.matches(':modal'))).toBe(true);
  expect(await frame().getByRole('dialog').count()).toBe(0);
  await modalFrame().getByLabel('Reason (required, at least 10 characters)').fill(OVERRIDE_REASON);
  await modalFrame().getByRole('button', { name: 'Override and advance' }).click();
  await hostModal().waitFor({ state: 'detached', timeout: 15_000 });
}

async function overrideTo(nextPhase: string): Promise<void> {
  await advanceBlocked(nextPhase);
  await overrideInModal();
  await frame().getByRole('heading', { name: `${nextPhase}: exit gates` }).waitFor({ timeout: 15_000 });
  // The dialog is gone: the keyboard focus is on the new phase's title in the panel, not on the page.
  expect(await hasFocusSoon(frame().locator('#current-phase-title'))).toBe(true);
}

/** A calendar day as the panel shows it in English ("Dec 1, 2026"). */
const dayInEnglish = (iso: string) => new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

async function openPanel(page: Page): Promise<void> {
  await page.goto(new URL(panelPath, env.site.url).href);
  await frame().getByRole('heading', { name: VERSION_NAME }).waitFor({ timeout: 30_000 });
}

test('the release owner opens an unreleased version at its own deep link', async () => {
  const { page, site } = env;
  await page.goto(new URL('/jira/projects/PAY/releases', site.url).href);
  await frame().getByRole('button', { name: `Open release ${VERSION_NAME}` }).click();
  await frame().getByRole('heading', { name: 'Planning: exit gates' }).waitFor({ timeout: 30_000 });

  const match = /\/jira\/projects\/PAY\/releases\/(\d+)$/.exec(new URL(page.url()).pathname);
  expect(match).not.toBeNull();
  versionId = match![1]!;
  panelPath = new URL(page.url()).pathname;

  // The deep link survives a reload, and the back link returns to the list.
  await openPanel(page);
  await frame().getByRole('button', { name: '← All releases' }).click();
  await page.waitForURL(/\/jira\/projects\/PAY\/releases$/);
  await frame().getByRole('button', { name: `Open release ${VERSION_NAME}` }).waitFor();
  await openPanel(page);
});

test('Planning: a blocked advance, planned dates, then checklist and sign-off let the release through', async () => {
  await advanceBlocked('Build & test');
  // Rita is a release owner, so the refusal offers her an override.
  await frame().getByRole('button', { name: 'Override with a reason…' }).waitFor();
  // Escape closes the full-page dialog without overriding; the release stays where it was.
  await frame().getByRole('button', { name: 'Override with a reason…' }).click();
  await modalFrame().getByLabel('Reason (required, at least 10 characters)').waitFor({ timeout: 15_000 });
  await modalFrame().getByLabel('Reason (required, at least 10 characters)').press('Escape');
  await hostModal().waitFor({ state: 'detached', timeout: 15_000 });
  await frame().getByRole('heading', { name: 'Planning: exit gates' }).waitFor();

  // The row's button is named by what it shows ("Set dates"); the phase is its description.
  const setDates = frame().getByRole('row', { name: /Build & test/ }).getByRole('button', { name: 'Set dates' });
  expect(await setDates.getAttribute('aria-label')).toBeNull();
  expect(await setDates.evaluate((b) => document.getElementById(b.getAttribute('aria-describedby') ?? '')?.textContent)).toBe('Build & test');
  await setDates.click();
  await frame().getByLabel('Planned start of Build & test').fill('2026-12-01');
  await frame().getByLabel('Planned end of Build & test').fill('2026-12-08');
  await frame().getByRole('button', { name: 'Save', exact: true }).click();
  await waitForText(`${dayInEnglish('2026-12-01')} → ${dayInEnglish('2026-12-08')}`);

  await tick('Dependencies identified');
  // By keyboard: Space ticks the item, and the focus stays on it through the write and re-render.
  const risk = frame().getByLabel('Mark done: Risk assessment done');
  await risk.focus();
  await env.page.keyboard.press('Space');
  await frame().getByLabel('Done: Risk assessment done').waitFor({ timeout: 15_000 });
  expect(await hasFocusSoon(frame().getByLabel('Done: Risk assessment done'))).toBe(true);
  await currentPhase().getByRole('button', { name: 'Sign off as Release owner' }).click();
  await waitForText(/Release owner: Rita Owens/, gate('planning-signoff'));

  await currentPhase().getByRole('button', { name: 'Advance to Build & test' }).click();
  await frame().getByRole('heading', { name: 'Build & test: exit gates' }).waitFor({ timeout: 15_000 });
});

test('Build & test: the issues behind a failing gate, a build under test, and an override with a reason', async () => {
  await gate('all-done').getByRole('button', { name: 'Show issues' }).click();
  // Issue keys link to the issue; summaries are plain text from Jira.
  await gate('all-done').getByRole('link', { name: /^PAY-\d+$/ }).first().waitFor({ timeout: 15_000 });
  // The href names the issue on the site (read from the Forge context), not on the frame's host,
  // which on Forge is a CDN.
  const issueLink = gate('all-done').locator('a[href^="http"][href*="/browse/"]').first();
  await issueLink.waitFor({ timeout: 15_000 });
  const href = new URL((await issueLink.getAttribute('href'))!);
  expect(href.origin).toBe(new URL(env.site.url).origin);
  expect(href.pathname).toBe(`/browse/${(await issueLink.textContent())!}`);

  await frame().getByLabel('Build under test').fill('2.2.0-rc.1');
  await frame().getByRole('button', { name: 'Set build under test' }).click();
  await waitForText('2.2.0-rc.1, set by Rita Owens');

  await tick('Regression suite passed');
  await overrideTo('Release preparation');
});

test('Release preparation: checklist with a link, go/no-go signed by the owner and by QA, then an override', async () => {
  await tickWithLink('rollback-plan', 'Rollback plan documented and tested', ROLLBACK_LINK);
  await tick('Stakeholders notified');
  await tick('Environment configuration verified');
  await tick('Deployment window chosen');
  await gate('go-no-go').getByRole('button', { name: 'Sign off as Release owner' }).click();
  await waitForText(/Release owner: Rita Owens/, gate('go-no-go'));

  // QA signs as QA: the same panel, as Quinn, through the site's user switcher.
  await switchUser(env.page, userByPersona('qa'));
  await openPanel(env.page);
  await gate('go-no-go').getByRole('button', { name: 'Sign off as QA lead' }).click();
  await waitForText(/QA lead: Quinn Adams/, gate('go-no-go'));
  // What only the release owner may do is disabled for QA, with the reason as text, not refused
  // after the click; what QA may do (the build under test) stays enabled.
  const advance = currentPhase().getByRole('button', { name: 'Advance to Deployment' });
  expect(await advance.isDisabled()).toBe(true);
  await waitForText('Only the release owner can advance the phase.', currentPhase());
  expect(await frame().getByRole('row', { name: /Deployment/ }).getByRole('button', { name: 'Set dates' }).isDisabled()).toBe(true);
  await waitForText('Only the release owner can set planned dates.');
  await waitForText('Only an engineering lead can sign this off.', gate('go-no-go'));
  expect(await frame().getByRole('button', { name: 'Set build under test' }).isDisabled()).toBe(false);

  // The engineering lead is away and the notes page is not published yet: Rita overrides.
  await switchUser(env.page, userByPersona('release-owner'));
  await openPanel(env.page);
  await overrideTo('Deployment');
});

test('Deployment: release the version in Jira after confirming, verify, and advance to Post-release review', async () => {
  // The release date defaults to today, whatever was planned.
  const now = new Date();
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  expect(await frame().locator('#release-date').inputValue()).toBe(today);
  await frame().locator('#move-unfixed').click();
  await frame().getByText('Move them to PAY 3.0', { exact: true }).click();
  const releaseButton = frame().getByRole('button', { name: 'Release in Jira', exact: true });

  // It asks first, saying what will happen; Cancel has the focus and changes nothing.
  await releaseButton.click();
  const confirm = frame().getByRole('alertdialog', { name: `Release ${VERSION_NAME}` });
  await confirm.getByText(new RegExp(`^Move \\d+ unfinished issues? to PAY 3\\.0 and mark ${VERSION_NAME} released in Jira on ${dayInEnglish(today)}\\?$`)).waitFor({ timeout: 15_000 });
  const cancel = confirm.getByRole('button', { name: 'Cancel' });
  expect(await hasFocusSoon(cancel)).toBe(true);
  await cancel.click();
  await releaseButton.waitFor();
  expect(await confirm.count()).toBe(0);
  const before = await fetch(new URL(`/rest/api/3/version/${versionId}`, env.site.url), {
    headers: { authorization: `Basic ${Buffer.from('rita@preflight.local:local').toString('base64')}` },
  });
  expect(((await before.json()) as { released: boolean }).released).toBe(false);

  await releaseButton.click();
  await confirm.getByRole('button', { name: `Release ${VERSION_NAME}` }).click();
  await waitForText(`${VERSION_NAME} is released in Jira`);
  await waitForText('Jira version marked released');
  // Released: the build under test is a record now, and no QA or build control is offered.
  await waitForText('2.2.0-rc.1 shipped with this release', frame().getByTestId('build-recorded'));
  expect(await frame().getByRole('button', { name: 'Set build under test' }).count()).toBe(0);
  expect(await frame().getByLabel('Build under test').count()).toBe(0);
  expect(await frame().getByTestId('qa-bulk').count()).toBe(0);

  // The pipeline reports the build under test live in production (README "CI/CD gate"): the
  // Deployment gate 'Build under test deployed to production' passes on the panel's next read.
  await reportProductionDeployment('2.2.0-rc.1');

  await tick('Deployment verified');
  await tickWithLink('monitoring', 'Monitoring dashboards in place', MONITORING_LINK);
  expect(await gate('deployed-production').innerText()).toContain('Pass');
  await currentPhase().getByRole('button', { name: 'Advance to Post-release review' }).click();
  await frame().getByRole('heading', { name: 'Post-release review: exit gates' }).waitFor({ timeout: 15_000 });

  // Jira agrees: the version is released.
  const response = await fetch(new URL(`/rest/api/3/version/${versionId}`, env.site.url), {
    headers: { authorization: `Basic ${Buffer.from('rita@preflight.local:local').toString('base64')}` },
  });
  expect(((await response.json()) as { released: boolean }).released).toBe(true);
});

test('the audit trail shows every step, newest first, with the override reason and its gate snapshot', async () => {
  const trail = frame().getByTestId('audit-trail');
  await waitForText('Released the version in Jira', trail);
  await waitForText(`Reason: ${OVERRIDE_REASON}`, trail);
  await waitForText(/Signed off "Go\/no-go"/, trail);

  const items = trail.getByRole('listitem');
  // Newest first: the last advance is above the Jira release, which is above the first tick.
  const texts = await items.allInnerTexts();
  const at = (pattern: RegExp) => texts.findIndex((t) => pattern.test(t));
  expect(at(/Released the version in Jira/)).toBeGreaterThan(-1);
  expect(at(/Released the version in Jira/)).toBeLessThan(at(/Ticked "Dependencies identified"/));

  await trail.getByRole('button', { name: /Show gate snapshot/ }).first().click();
  await waitForText('Deployment verified', trail);
});

test('the viewer sees everything read-only with the reason, and the server refuses her writes', async () => {
  const { page, site } = env;
  const vera = userByPersona('viewer');
  await switchUser(page, vera);
  await openPanel(page);

  await waitForText('You can look, but not change this release');
  await frame().getByRole('heading', { name: 'Post-release review: exit gates' }).waitFor();
  // Nothing hidden: the controls are there, disabled; the reason is said once, at the top.
  expect(await frame().getByLabel('Mark done: Incidents logged').isDisabled()).toBe(true);
  expect(await frame().getByRole('button', { name: 'Complete the release' }).isDisabled()).toBe(true);
  // The version is released: the build is a record, not a control.
  expect(await frame().getByRole('button', { name: 'Set build under test' }).count()).toBe(0);
  expect(await frame().getByTestId('read-only-note').count()).toBe(1);
  expect(await frame().getByText(/You have no Preflight role in PAY/).count()).toBe(1);
  // No section repeats it ("Read only: see the note at the top of the panel." was shown six times).
  expect(await frame().getByText(/Read only/).count()).toBe(0);
  expect(await frame().getByText(/Only the release owner can/).count()).toBe(0);
  await waitForText('Audit trail');

  // Bypassing the UI does not help: the resolver checks the role itself.
  const extension = { type: 'jira:projectPage', project: { id: '10000', key: 'PAY', type: 'software' } };
  const read = await invokeDirect(site.url, { moduleKey: 'preflight-releases', functionKey: 'release/get', payload: { versionId }, accountId: vera.accountId, extension });
  const view = read.body.result as { ok: boolean; data: { revision: number } };
  expect(view.ok).toBe(true);
  const write = await invokeDirect(site.url, {
    moduleKey: 'preflight-releases',
    functionKey: 'release/tick',
    payload: { versionId, revision: view.data.revision, gateId: 'incidents', done: true },
    accountId: vera.accountId,
    extension,
  });
  expect(write.body.result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

const SETTINGS_PATH = '/jira/projects/PAY/settings/apps/preflight-settings';
const BEDDING_IN = 'Bedding-in days before an announcement';

async function openSettings(page: Page): Promise<void> {
  await page.goto(new URL(SETTINGS_PATH, env.site.url).href);
  await frame().getByRole('heading', { name: 'Release templates' }).waitFor({ timeout: 30_000 });
}

test('project settings: the viewer sees them read-only with the reason', async () => {
  // Vera is still signed in from the previous test.
  await openSettings(env.page);
  await waitForText('You can look, but not change these settings');
  expect(await frame().getByLabel(BEDDING_IN).isDisabled()).toBe(true);
  expect(await frame().getByRole('button', { name: 'Save settings' }).isDisabled()).toBe(true);
});

test('project settings: an invalid value is named at its field, undo restores, and a valid edit is saved', async () => {
  await switchUser(env.page, userByPersona('release-owner'));
  await openSettings(env.page);
  const days = frame().getByLabel(BEDDING_IN);
  const save = frame().getByRole('button', { name: 'Save settings' });

  await days.fill('200');
  await waitForText('expected at most 90 days');
  expect(await save.isDisabled()).toBe(true);

  await frame().getByRole('button', { name: 'Undo changes' }).click();
  expect(await days.inputValue()).toBe('7');

  await days.fill('10');
  await save.click();
  await frame().getByText('Unsaved changes').waitFor({ state: 'hidden', timeout: 15_000 });
  await openSettings(env.page);
  expect(await frame().getByLabel(BEDDING_IN).inputValue()).toBe('10');
});

test('a change made elsewhere meanwhile: a different item merges, the same item is refused with one sentence', async () => {
  const { page, site } = env;
  const rita = userByPersona('release-owner');
  await openPanel(page);
  await frame().getByLabel('Mark done: Follow-up actions filed').waitFor();

  // Rita, in another tab, ticks "Incidents logged" while this tab still shows the older revision.
  const extension = { type: 'jira:projectPage', project: { id: '10000', key: 'PAY', type: 'software' } };
  const otherTab = async (gateId: string, done: boolean) => {
    const read = await invokeDirect(site.url, { moduleKey: 'preflight-releases', functionKey: 'release/get', payload: { versionId }, accountId: rita.accountId, extension });
    const revision = (read.body.result as { data: { revision: number } }).data.revision;
    const answer = await invokeDirect(site.url, { moduleKey: 'preflight-releases', functionKey: 'release/tick', payload: { versionId, revision, gateId, done }, accountId: rita.accountId, extension });
    expect(answer.body.result).toMatchObject({ ok: true });
  };
  await otherTab('incidents', true);

  // A different item: her tick here is re-applied on the latest revision, and both show as done.
  await tick('Follow-up actions filed');
  await frame().getByLabel('Done: Incidents logged').waitFor({ timeout: 15_000 });

  // The same item: the other tab unticks "Incidents logged"; unticking it here too is a clash.
  await otherTab('incidents', false);
  await frame().getByLabel('Done: Incidents logged').click();
  const flag = page.getByRole('alert').filter({ hasText: 'Your change was not saved' });
  await flag.waitFor({ timeout: 15_000 });
  expect(await flag.innerText()).toMatch(/You unticked "Incidents logged" in another tab or window at \d\d:\d\d UTC since you loaded this page/);
  // The panel reloaded: it shows what the other tab did.
  await frame().getByLabel('Mark done: Incidents logged').waitFor({ timeout: 15_000 });
});

test('completing the release from Advance leaves the focus on the completion message, not on the page', async () => {
  await openPanel(env.page);
  await tick('Incidents logged');
  const complete = currentPhase().getByRole('button', { name: 'Complete the release' });
  await complete.click();
  // Whether the last gates pass or are overridden in the full-page dialog, the focus lands in the panel.
  const done = frame().locator('#release-complete');
  const blocked = frame().getByText('Complete the release is blocked');
  await done.or(blocked).first().waitFor({ timeout: 15_000 });
  if (await blocked.count()) await overrideInModal();
  await done.getByText('Release complete').waitFor({ timeout: 15_000 });
  expect(await hasFocusSoon(done)).toBe(true);
  expect(await env.page.evaluate(() => document.activeElement?.tagName)).toBe('IFRAME');
});

test('in German the panel speaks German; in the pseudo-locale no English UI text is left', async () => {
  const { page, site } = env;
  await page.context().addCookies([{ name: 'preflight_locale', value: 'de-DE', url: site.url }]);
  await openPanel(page);
  await frame().getByRole('heading', { name: 'Prüfprotokoll' }).waitFor({ timeout: 15_000 });
  await waitForText('Alle Phasen dieses Releases sind erledigt.');

  await page.context().addCookies([{ name: 'preflight_locale', value: 'en-XA', url: site.url }]);
  await openPanel(page);
  await frame().getByRole('heading', { name: /⟦.*⟧/ }).first().waitFor({ timeout: 15_000 });
  const text = await frame().locator('body').innerText();
  for (const english of ['Audit trail', 'Other phases', 'Release complete', 'Every phase of this release is done.', 'Download evidence pack', 'Planned dates', 'Confluence pages']) {
    expect({ english, found: text.includes(english) }).toEqual({ english, found: false });
  }
  await page.context().addCookies([{ name: 'preflight_locale', value: 'en-US', url: site.url }]);
});

test('no CSP violation and no page error along the way', () => {
  expect(env.site.cspViolations.map(describeViolation)).toEqual([]);
  expect(env.pageErrors.filter((e) => !e.includes('Content Security Policy'))).toEqual([]);
});
