import { readFile } from 'node:fs/promises';
import type { Download } from 'playwright-core';
import { findWideFont } from '../../local/site/export/pdf';
import { docxParagraphs, pdfTexts } from '../site/document-text';
import { startBrowserSite, userByPersona, type BrowserSite } from './helpers/browser-site';

/**
 * The demo's Release room (local Confluence page 98309) as a newcomer meets it: its three
 * Preflight macros already show PAY 2.2, Configure is still there, and the page's Export menu
 * (keyboard only here) downloads a Word and a PDF file in which each macro's adfExport content
 * stands where the macro was, beside the page's own text. Japanese text survives in Word. A macro
 * whose export cannot read its release exports the handler's sentence, and the file still opens.
 */
const RELEASE_ROOM = '98309';
const JAPANESE = '決済ウォレットの不具合を修正';
let env: BrowserSite;
let brokenPageId = '';
const rita = userByPersona('release-owner');

async function rest(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const url = new URL(path, 'http://localhost');
  const answer = await env.site.products({ method, path: url.pathname, query: url.searchParams, headers: { 'content-type': 'application/json' }, body, accountId: rita.accountId, asApp: false });
  return { status: answer?.status ?? 404, body: answer?.body };
}

const macroFrame = (index: number) => env.page.locator('.macro').nth(index).frameLocator('iframe.forge-frame');

/** Opens the page's Export menu from the keyboard and downloads one format. */
async function exportAs(pageId: string, label: 'Export to Word' | 'Export to PDF'): Promise<{ download: Download; body: Buffer }> {
  const { page, site } = env;
  await page.goto(new URL(`/wiki/pages/${pageId}`, site.url).href);
  await page.locator('.page-export summary').focus();
  await page.keyboard.press('Enter');
  const link = page.getByRole('link', { name: label, exact: true });
  await link.waitFor();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), link.press('Enter')]);
  return { download, body: await readFile((await download.path())!) };
}

beforeAll(async () => {
  env = await startBrowserSite({ history: false, seedIssues: 200 });
  const versions = (await rest('GET', '/rest/api/3/project/PAY/versions')).body as Array<{ id: string; name: string }>;
  const versionId = versions.find((v) => v.name === 'PAY 2.2')!.id;
  // A shipped customer-facing story of PAY 2.2 with a Japanese summary: it is in the release notes.
  const found = (await rest('POST', '/rest/api/3/search/jql', { jql: `fixVersion = ${versionId} AND issuetype = Story AND statusCategory = Done AND labels != internal ORDER BY key ASC`, maxResults: 1, fields: ['key'] })).body as { issues: Array<{ key: string }> };
  expect((await rest('PUT', `/rest/api/3/issue/${found.issues[0]!.key}`, { fields: { summary: JAPANESE } })).status).toBe(204);
  // A page whose checklist macro points at a version that does not exist.
  const broken = {
    type: 'doc',
    version: 1,
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'A page with a macro on a missing release.' }] },
      { type: 'extension', attrs: { extensionType: 'com.atlassian.ecosystem', extensionKey: 'app/env/static/preflight-checklist-macro', parameters: { localId: 'broken-1', guestParams: { projectKey: 'PAY', versionId: '999999' } }, localId: 'broken-1' } },
    ],
  };
  const created = await rest('POST', '/wiki/api/v2/pages', { spaceId: '98305', status: 'current', title: 'Broken release room', body: { representation: 'atlas_doc_format', value: JSON.stringify(broken) } });
  expect(created.status).toBe(200);
  brokenPageId = (created.body as { id: string }).id;
});

afterAll(async () => {
  await env?.close();
});

test('the Release room shows its three macros configured on PAY 2.2 at once, each still with Configure', async () => {
  const { page, site } = env;
  await page.goto(new URL(`/wiki/pages/${RELEASE_ROOM}`, site.url).href);
  await page.getByRole('heading', { name: 'Release room', level: 1 }).waitFor();
  await macroFrame(0).getByRole('heading', { name: 'Release checklist: PAY 2.2' }).waitFor({ timeout: 60_000 });
  await macroFrame(1).getByRole('heading', { name: 'Release notes: PAY 2.2' }).waitFor({ timeout: 60_000 });
  await macroFrame(2).getByRole('heading', { name: 'Retrospective: PAY 2.2' }).waitFor({ timeout: 60_000 });
  expect(await page.locator('.macro').getByRole('button', { name: 'Configure' }).count()).toBe(3);
});

test('Export to Word downloads "Release room.docx" with the page text and every macro\'s exported content, Japanese kept', async () => {
  const { download, body } = await exportAs(RELEASE_ROOM, 'Export to Word');
  expect(download.suggestedFilename()).toBe('Release room.docx');
  const paragraphs = docxParagraphs(body);
  expect(paragraphs[0]).toBe('Release room');
  expect(paragraphs).toEqual(expect.arrayContaining([expect.stringMatching(/^Our release room: /), 'Release checklist: PAY 2.2', 'Release notes: PAY 2.2', 'Retrospective: PAY 2.2']));
  // In page order: the checklist, then the notes, then the retrospective.
  const order = ['Release checklist: PAY 2.2', 'Release notes: PAY 2.2', 'Retrospective: PAY 2.2'].map((h) => paragraphs.indexOf(h));
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  expect(paragraphs.join('\n')).toContain(JAPANESE);
  // Lozenges (gate status) come through as text.
  expect(paragraphs.join('\n')).toMatch(/\[(PASS|FAIL)\]/);
});

test('Export to PDF downloads "Release room.pdf" with the same content as text', async () => {
  const { download, body } = await exportAs(RELEASE_ROOM, 'Export to PDF');
  expect(download.suggestedFilename()).toBe('Release room.pdf');
  expect(body.subarray(0, 5).toString()).toBe('%PDF-');
  const text = pdfTexts(body).join(' ');
  for (const heading of ['Release room', 'Release checklist: PAY 2.2', 'Release notes: PAY 2.2', 'Retrospective: PAY 2.2']) expect(text).toContain(heading);
  // Without a font for Japanese on this machine, the PDF says so instead of showing broken glyphs.
  if (!findWideFont()) expect(text.replace(/\s+/g, ' ')).toContain('Some characters of this page cannot be shown in this PDF');
});

test('a macro whose export cannot read its release exports the sentence its function returns, and the file is whole', async () => {
  for (const label of ['Export to Word', 'Export to PDF'] as const) {
    const { download, body } = await exportAs(brokenPageId, label);
    expect(download.suggestedFilename()).toMatch(/^Broken release room\.(docx|pdf)$/);
    const text = label === 'Export to Word' ? docxParagraphs(body).join('\n') : pdfTexts(body).join(' ');
    expect(text).toContain('A page with a macro on a missing release.');
    expect(text).toMatch(/Preflight could not|not configured|cannot|could not/i);
  }
  expect(env.pageErrors.filter((e) => !/feature gate|Client must be initialized/i.test(e))).toEqual([]);
});
