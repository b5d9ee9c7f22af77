import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import { createLocalSite, type LocalSite } from '../../../local/site/compose';
import { LOCAL_USERS, type LocalUser } from '../../../local/sim/users';

/**
 * Shared setup for browser tests: a fresh local site in this process (its own data folder, a
 * small seed) and Debian's chromium driving it through playwright-core.
 */
export const APP_ROOT = resolve(__dirname, '../../..');

export interface BrowserSite {
  site: LocalSite;
  browser: Browser;
  page: Page;
  /** Console errors and uncaught exceptions from the page and its frames, in order. */
  pageErrors: string[];
  close(): Promise<void>;
}

export interface BrowserSiteOptions {
  /** Issues in the seed; small keeps the test fast. */
  seedIssues?: number;
  /** false: no seeded past releases (for figures that count only the test's own releases). */
  history?: boolean;
}

/** Starts the local site and a browser page on it. Call `close()` in afterAll. */
export async function startBrowserSite(options: BrowserSiteOptions = {}): Promise<BrowserSite> {
  if (!existsSync(join(APP_ROOT, 'static/app/dist/index.html'))) {
    throw new Error('The Custom UI is not built: run `npm run test:e2e` (it builds first) or `npm run build`.');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'preflight-e2e-'));
  let site: LocalSite | undefined;
  let browser: Browser | undefined;
  try {
    site = await createLocalSite({ dataDir, port: 0, appRoot: APP_ROOT, seedIssues: options.seedIssues ?? 200, ...(options.history === false && { history: false }), log: () => undefined });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const pageErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const started = { site, browser };
    return {
      ...started,
      page,
      pageErrors,
      async close() {
        await started.browser.close();
        await started.site.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close();
    await site?.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** The first Custom UI frame on the page (project pages have one). */
export function moduleFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.forge-frame').first();
}

export function userByPersona(persona: LocalUser['persona']): LocalUser {
  const user = LOCAL_USERS.find((u) => u.persona === persona);
  if (!user) throw new Error(`No local user has the persona ${persona}`);
  return user;
}

/** Switches the signed-in user with the chrome's switcher (a same-site POST form); the page reloads at the same URL. */
export async function switchUser(page: Page, user: LocalUser): Promise<void> {
  const before = page.url();
  await Promise.all([page.waitForEvent('load'), page.selectOption('#user-switcher', user.accountId)]);
  if (page.url() !== before) await page.goto(before);
  const selected = await page.locator('#user-switcher').inputValue();
  if (selected !== user.accountId) throw new Error(`The user switcher shows ${selected}, not ${user.accountId}`);
}

export interface InvokeRequest {
  moduleKey: string;
  functionKey: string;
  payload: Record<string, unknown>;
  accountId: string;
  extension: Record<string, unknown>;
}

/** `POST /api/invoke` without a browser: what anyone could send, bypassing the UI. */
export async function invokeDirect(siteUrl: string, request: InvokeRequest): Promise<{ status: number; body: { result?: unknown; error?: string } }> {
  const response = await fetch(new URL('/api/invoke', siteUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  return { status: response.status, body: (await response.json()) as { result?: unknown; error?: string } };
}

/** "<directive> blocked <what> (<file>)" for a CSP report the site collected. */
export function describeViolation(report: unknown): string {
  const body = (report as { 'csp-report'?: Record<string, unknown> } | null)?.['csp-report'] ?? {};
  const file = String(body['source-file'] ?? body['document-uri'] ?? '').replace(/^https?:\/\/[^/]+/, '');
  return `${String(body['violated-directive'])} blocked ${String(body['blocked-uri'])} (${file})`;
}
