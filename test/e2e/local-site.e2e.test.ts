import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createLocalSite, type LocalSite } from '../../local/site/compose';
import { LOCAL_USERS } from '../../local/sim/users';

/**
 * The first browser test: the local site in this process, Debian's chromium driving it. What it
 * proves: a project's Releases page shows versions that the real resolver produced, delivered to
 * the module frame through the unmodified @forge/bridge and the local host's __bridge.
 */
const APP_ROOT = resolve(__dirname, '../..');
const SCREENSHOT = join(APP_ROOT, 'docs', 'screenshot-local-site.png');
const VIEWER = LOCAL_USERS.find((u) => u.persona === 'viewer')!;

let site: LocalSite;
let browser: Browser;
let page: Page;
let dataDir: string;
const frameErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(APP_ROOT, 'static/app/dist/index.html'))) {
    throw new Error('The Custom UI is not built: run `npm run test:e2e` (it builds first) or `npm run build`.');
  }
  dataDir = mkdtempSync(join(tmpdir(), 'preflight-e2e-'));
  site = await createLocalSite({ dataDir, port: 0, appRoot: APP_ROOT, seedIssues: 200, log: () => undefined });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (message) => {
    if (message.type() === 'error') frameErrors.push(message.text());
  });
  page.on('pageerror', (error) => frameErrors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('the Releases page shows versions that the resolver produced, inside the module frame', async () => {
  await page.goto(site.url);
  await page.locator('section', { hasText: 'Payments' }).getByRole('link', { name: 'Releases' }).click();
  await page.waitForURL(/\/jira\/projects\/PAY\/releases$/);

  const frame = page.frameLocator('iframe.forge-frame').first();
  await frame.getByRole('heading', { name: 'Releases' }).waitFor({ timeout: 30_000 });
  await frame.getByText('PAY 2.2', { exact: true }).waitFor({ timeout: 30_000 });
  // A status lozenge and the issue counts come from the resolver's summary, not from the page.
  await frame.getByText('Released', { exact: true }).first().waitFor();

  mkdirSync(join(APP_ROOT, 'docs'), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
});

test('the module frame runs under the CSP Forge applies, without a violation', () => {
  // Each entry reads "<directive> blocked <what> (<file>)". A style-src-elem entry for inline
  // styles means manifest.yml lacks `permissions.content.styles: ['unsafe-inline']`, which
  // @atlaskit components need on Forge too.
  const violations = site.cspViolations.map(describeViolation);
  expect(violations).toEqual([]);
  expect(frameErrors.filter((e) => !e.includes('Content Security Policy'))).toEqual([]);
});

test('switching to the viewer re-renders the page and the frame as that user', async () => {
  await page.selectOption('#user-switcher', VIEWER.accountId);
  await page.waitForLoadState('load');
  await expect(page.locator('#user-switcher').inputValue()).resolves.toBe(VIEWER.accountId);

  const frame = page.frameLocator('iframe.forge-frame').first();
  await frame.getByText('PAY 2.2', { exact: true }).waitFor({ timeout: 30_000 });
  expect(new URL(page.url()).pathname).toBe('/jira/projects/PAY/releases');
});

function describeViolation(report: unknown): string {
  const body = (report as { 'csp-report'?: Record<string, unknown> } | null)?.['csp-report'] ?? {};
  const file = String(body['source-file'] ?? body['document-uri'] ?? '').replace(/^https?:\/\/[^/]+/, '');
  return `${String(body['violated-directive'])} blocked ${String(body['blocked-uri'])} (${file})`;
}
