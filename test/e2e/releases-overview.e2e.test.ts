import type { FrameLocator, Locator } from 'playwright-core';
import { moduleFrame, startBrowserSite, type BrowserSite } from './helpers/browser-site';

/**
 * The Releases overview on a new site (issue 14): every version shows its real state without
 * anyone opening it. Released versions read as released, unreleased ones carry gate counts that
 * the background evaluation (the local site delivers queue events in the background) settled,
 * and search, status, "Needs attention" and the progress bars work as a product manager expects.
 * No test here opens a release panel: the point is that nobody has to.
 */
let env: BrowserSite;

const auth = { authorization: `Basic ${Buffer.from('rita@preflight.local:local').toString('base64')}` };
async function jira<T>(path: string): Promise<T> {
  const response = await fetch(new URL(path, env.site.url), { headers: { accept: 'application/json', ...auth } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

function frame(): FrameLocator {
  return moduleFrame(env.page);
}

/** The table row of one version, found by its name's button ("Open release PAY 2.2"). */
function row(name: string): Locator {
  return frame()
    .getByRole('row')
    .filter({ has: frame().getByRole('button', { name: `Open release ${name}`, exact: true }) });
}

/** Retries `check` until it holds; fails with what it waited for when `timeoutMs` runs out. */
async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`still not true after ${timeoutMs} ms: ${check.toString().slice(0, 200)}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

async function openReleases(query = ''): Promise<void> {
  await env.page.goto(`${env.site.url}/jira/projects/PAY/releases${query}`);
  await frame().getByRole('heading', { name: 'Releases' }).waitFor({ timeout: 30_000 });
}

beforeAll(async () => {
  env = await startBrowserSite({ seedIssues: 200 });
});

afterAll(async () => {
  await env?.close();
});

test('a new site shows released versions as released and untracked unreleased ones in Planning, without opening any', async () => {
  await openReleases();

  const released = row('PAY 2.0');
  await released.waitFor({ timeout: 30_000 });
  await released.getByText('Released', { exact: true }).waitFor();
  await released.getByText('Post-release review', { exact: true }).waitFor();
  expect(await released.getByText('Not started').count()).toBe(0);
  // Released without Preflight: no gates left to pass, so not "Not evaluated yet".
  await released.getByText('Shipped without Preflight').waitFor();
  expect(await released.getByText('Not evaluated yet').count()).toBe(0);

  // Unreleased and untracked: the template's first phase, not "Not started".
  const future = row('PAY 3.0');
  await future.getByText('Planning', { exact: true }).waitFor();
  await future.getByText('Not tracked yet', { exact: true }).waitFor();

  expect(await frame().getByText('Not started').count()).toBe(0);
});

test('unreleased versions show gate counts that the background evaluation settled, without anyone opening them', async () => {
  // The background evaluation settles on the queue (the local site delivers its events in the
  // background); the page shows it after a reload.
  const active = row('PAY 2.2');
  await until(async () => {
    await openReleases();
    await active.waitFor({ timeout: 30_000 });
    return (await active.getByText(/^\d+ pass$/).count()) === 1;
  }, 60_000);
  await active.getByText(/^\d+ warn$/).waitFor();
  await active.getByText(/^\d+ fail$/).waitFor();
  await active.getByText(/^Evaluated in the background on /).waitFor();
});

test('each progress bar names the done / in progress / to do counts Jira reports for the version', async () => {
  await openReleases();
  await row('PAY 2.2').waitFor({ timeout: 30_000 });
  const page = await jira<{ values: Array<{ name: string; issuesStatusForFixVersion: { toDo: number; inProgress: number; done: number } }> }>(
    '/rest/api/3/project/PAY/version?expand=issuesstatus&maxResults=50',
  );
  const checked: string[] = [];
  for (const name of ['PAY 2.1', 'PAY 2.2']) {
    const counts = page.values.find((v) => v.name === name)?.issuesStatusForFixVersion;
    if (!counts) throw new Error(`Jira has no issuesstatus for ${name}`);
    const text = `${counts.done} done, ${counts.inProgress} in progress, ${counts.toDo} to do`;
    await row(name).getByRole('img', { name: text, exact: true }).waitFor();
    checked.push(`${name}: ${text}`);
  }
  expect(checked).toHaveLength(2);
  console.log(`Progress bars match Jira's issuesstatus: ${checked.join('; ')}`);
});

test('search narrows the list through Jira, Esc clears it, and the URL carries it', async () => {
  await openReleases();
  await row('PAY 2.2').waitFor({ timeout: 30_000 });

  const search = frame().getByLabel('Search versions');
  await search.fill('2.1');
  await row('PAY 2.2').waitFor({ state: 'detached', timeout: 10_000 });
  await row('PAY 2.1').waitFor();
  await until(async () => new URL(env.page.url()).search === '?q=2.1', 10_000);

  await search.fill('zzz');
  await frame().getByText("No versions match 'zzz'").waitFor({ timeout: 10_000 });
  await search.press('Escape');
  await row('PAY 2.2').waitFor({ timeout: 10_000 });

  // A shared link opens the filtered view.
  await openReleases('?q=2.2');
  await row('PAY 2.2').waitFor({ timeout: 30_000 });
  expect(await row('PAY 2.1').count()).toBe(0);
  expect(await frame().getByLabel('Search versions').inputValue()).toBe('2.2');
});

test('the status filter shows released and archived versions as asked', async () => {
  await openReleases();
  await row('PAY 2.2').waitFor({ timeout: 30_000 });
  expect(await row('PAY 0.9').count()).toBe(0); // archived: hidden by default

  await frame().getByRole('checkbox', { name: 'Archived' }).check();
  await row('PAY 0.9').waitFor({ timeout: 10_000 });
  await frame().getByRole('checkbox', { name: 'Unreleased' }).uncheck();
  await row('PAY 2.2').waitFor({ state: 'detached', timeout: 10_000 });
  await row('PAY 2.0').waitFor();
  await row('PAY 1.0').waitFor();
});

test('"Needs attention" narrows the loaded versions to those with reasons, and says how many it hides', async () => {
  await openReleases();
  await row('PAY 3.0').waitFor({ timeout: 30_000 });
  const loaded = await frame().getByRole('button', { name: /^Open release / }).count();

  await frame().getByRole('checkbox', { name: 'Needs attention' }).check();
  // PAY 2.1 is past its release date and unreleased: overdue is a reason, shown in its row.
  await row('PAY 3.0').waitFor({ state: 'detached', timeout: 10_000 });
  const reasons = await row('PAY 2.1').getByRole('cell').last().innerText();
  expect(reasons).not.toBe('—');
  expect(reasons.length).toBeGreaterThan(10);
  const shown = await frame().getByRole('button', { name: /^Open release / }).count();
  expect(shown).toBeLessThan(loaded);
  await frame().getByText(`Showing ${shown} of ${loaded} loaded versions.`).waitFor();
  await until(async () => new URL(env.page.url()).search === '?attention=1', 10_000);

  await frame().getByRole('button', { name: 'Clear filters' }).first().click();
  await row('PAY 3.0').waitFor({ timeout: 10_000 });
});
