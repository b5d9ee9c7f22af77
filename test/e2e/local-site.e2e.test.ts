import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { APP_ROOT, describeViolation, moduleFrame, startBrowserSite, switchUser, userByPersona, type BrowserSite } from './helpers/browser-site';

/**
 * The first browser test: the local site in this process, Debian's chromium driving it. What it
 * proves: a project's Releases page shows versions that the real resolver produced, delivered to
 * the module frame through the unmodified @forge/bridge and the local host's __bridge.
 */
// The README's screenshot is refreshed only on request, so a test run leaves the tree clean.
const SCREENSHOT_DIR = process.env.PREFLIGHT_UPDATE_SCREENSHOTS === '1' ? join(APP_ROOT, 'docs') : join(APP_ROOT, 'test', 'e2e', 'artifacts');
const SCREENSHOT = join(SCREENSHOT_DIR, 'screenshot-local-site.png');

let env: BrowserSite;

beforeAll(async () => {
  env = await startBrowserSite({ seedIssues: 200 });
});

afterAll(async () => {
  await env?.close();
});

test('the Releases page shows versions that the resolver produced, inside the module frame', async () => {
  const { page, site } = env;
  await page.goto(site.url);
  await page.locator('section', { hasText: 'Payments' }).getByRole('link', { name: 'Releases' }).click();
  await page.waitForURL(/\/jira\/projects\/PAY\/releases$/);

  const frame = moduleFrame(page);
  await frame.getByRole('heading', { name: 'Releases' }).waitFor({ timeout: 30_000 });
  await frame.getByText('PAY 2.2', { exact: true }).waitFor({ timeout: 30_000 });
  // A status lozenge and the issue counts come from the resolver's summary, not from the page.
  await frame.getByText('Released', { exact: true }).first().waitFor();

  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
});

test('the module frame runs under the CSP Forge applies, without a violation', () => {
  // Each entry reads "<directive> blocked <what> (<file>)". A style-src-elem entry for inline
  // styles means manifest.yml lacks `permissions.content.styles: ['unsafe-inline']`, which
  // @atlaskit components need on Forge too.
  expect(env.site.cspViolations.map(describeViolation)).toEqual([]);
  expect(env.pageErrors.filter((e) => !e.includes('Content Security Policy'))).toEqual([]);
});

test('switching to the viewer re-renders the page and the frame as that user', async () => {
  const { page } = env;
  await switchUser(page, userByPersona('viewer'));

  await moduleFrame(page).getByText('PAY 2.2', { exact: true }).waitFor({ timeout: 30_000 });
  expect(new URL(page.url()).pathname).toBe('/jira/projects/PAY/releases');
});
