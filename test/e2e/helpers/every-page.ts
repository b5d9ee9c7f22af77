import type { Frame, Page } from 'playwright-core';
import type { LocalSite } from '../../../local/site/compose';
import { prepareTrainRoom } from './train-room';

/**
 * Every page and macro of the local site that the app renders in, with how to reach each: the
 * accessibility test runs axe over each of them in light and dark, and the pseudo-locale test looks
 * at each for text that bypassed the catalogue. Nothing here depends on the language shown: pages
 * are reached by address and dialogs by the host's own Configure buttons (the simulated
 * Confluence chrome, always English).
 */
export interface AppPage {
  /** Short name for tables and test titles. */
  name: string;
  /** The address on the local site (path and query). */
  path: string;
  /** After the page is ready: what a person does to reach this view (opening a macro's configuration). */
  open?: (page: Page) => Promise<void>;
}

/** What `prepareEveryPage` found or created on a fresh site, so every page has something to show. */
export interface EveryPageData {
  /** Version id of PAY 2.2 (the demo's active release). */
  pay22: string;
  /** A release train with PAY 2.2 and MOB 4.2. */
  trainId: string;
  /** A Confluence page holding the train release notes macro. */
  trainPageId: string;
}

/** The demo Confluence pages the seed creates (local/sim/confluence/state.ts). */
const CONFLUENCE = { calendar: '98308', room: '98309', health: '98310' } as const;

/**
 * Finds PAY 2.2 and creates what the seed lacks: the release train 2026.12 and a Confluence page
 * with the train release notes macro, already configured for it (helpers/train-room).
 */
export async function prepareEveryPage(site: LocalSite): Promise<EveryPageData> {
  const room = await prepareTrainRoom(site, { configuredFor: { audience: 'customer' } });
  return { pay22: room.pay22, trainId: room.trainId, trainPageId: room.pageId };
}

/** Opens the configuration dialog of the n-th macro on a Confluence page (the host's Configure button). */
function configure(nth: number): (page: Page) => Promise<void> {
  return async (page) => {
    await page.locator('.macro-toolbar button[data-configure-src]').nth(nth).click();
    await page.locator('#macro-config-dialog[open] iframe').waitFor();
  };
}

/** Every page and macro of the local site, each view once; macros' configuration dialogs included. */
export function everyPage(data: EveryPageData): AppPage[] {
  const releases = '/jira/projects/PAY/releases';
  const portfolio = '/jira/apps/preflight-portfolio';
  return [
    { name: 'Releases list', path: releases },
    { name: 'Release panel PAY 2.2 (with bulk QA)', path: `${releases}/${data.pay22}` },
    { name: 'Project calendar', path: `${releases}/calendar` },
    { name: 'Project health', path: `${releases}/health` },
    { name: 'Settings', path: '/jira/projects/PAY/settings/apps/preflight-settings' },
    { name: 'Issue QA (PAY-12)', path: '/browse/PAY-12' },
    { name: 'Global calendar', path: portfolio },
    { name: 'Release trains', path: `${portfolio}/trains` },
    { name: 'A train (2026.12)', path: `${portfolio}/trains/${encodeURIComponent(data.trainId)}` },
    { name: 'Confluence: Release room', path: `/wiki/pages/${CONFLUENCE.room}` },
    { name: 'Config: checklist macro', path: `/wiki/pages/${CONFLUENCE.room}`, open: configure(0) },
    { name: 'Config: release notes macro', path: `/wiki/pages/${CONFLUENCE.room}`, open: configure(1) },
    { name: 'Config: retrospective macro', path: `/wiki/pages/${CONFLUENCE.room}`, open: configure(2) },
    { name: 'Confluence: Release calendar', path: `/wiki/pages/${CONFLUENCE.calendar}` },
    { name: 'Config: calendar macro', path: `/wiki/pages/${CONFLUENCE.calendar}`, open: configure(0) },
    { name: 'Confluence: Release health', path: `/wiki/pages/${CONFLUENCE.health}` },
    { name: 'Config: health macro', path: `/wiki/pages/${CONFLUENCE.health}`, open: configure(0) },
    { name: 'Confluence: train notes', path: `/wiki/pages/${data.trainPageId}` },
    { name: 'Config: train notes macro', path: `/wiki/pages/${data.trainPageId}`, open: configure(0) },
  ];
}

/** The app's frames on the page (module frames and an open configuration dialog's frame). */
export function appFrames(page: Page): Frame[] {
  return page.frames().filter((f) => f !== page.mainFrame() && f.url().startsWith('http'));
}

/**
 * Waits until every app frame has rendered: its root has content and no spinner shows (Atlaskit's
 * Spinner, any language). Throws with the frames still loading when `timeoutMs` runs out.
 */
export async function waitForAppFrames(page: Page, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frames = appFrames(page);
    const states = await Promise.all(
      frames.map(async (frame) => {
        try {
          return await frame.evaluate(() => {
            const root = document.getElementById('root');
            return Boolean(root && root.childElementCount > 0) && document.querySelector('[data-testid="spinner-wrapper"], [data-testid$="spinner"]') === null;
          });
        } catch {
          return false; // navigating or detached: not ready yet
        }
      }),
    );
    if (frames.length > 0 && states.every(Boolean)) {
      // Lazy views and late data settle within a moment of the last spinner.
      await page.waitForTimeout(500);
      return;
    }
    if (Date.now() > deadline) {
      const loading = frames.filter((_, i) => !states[i]).map((f) => f.url().replace(/\?.*$/, ''));
      throw new Error(`App frames still loading after ${timeoutMs} ms: ${loading.join(', ') || '(no app frame on the page)'}`);
    }
    await page.waitForTimeout(250);
  }
}

/** Goes to an app page and waits until it rendered (and its dialog, when the entry opens one). */
export async function visit(page: Page, siteUrl: string, entry: AppPage): Promise<void> {
  await page.goto(new URL(entry.path, siteUrl).toString());
  await waitForAppFrames(page);
  if (entry.open) {
    await entry.open(page);
    await waitForAppFrames(page);
  }
}
