import { createEmulatedSite } from '../../local/emulated-site';
import { runInvocation } from '../../local/runtime/forge-runtime';
import { currentVersion } from '../../local/sim/confluence';
import type { Envelope } from '../../src/shared/envelope';
import { MACRO_KEYS, MACRO_MODULES, type MacroConfigInput, type PublishResult } from '../../src/shared/macros';
import type { AppLocale } from '../../src/shared/i18n/locales';
import { setProjectLanguage } from '../support/project-language';
import { adfBlocks, adfTexts } from '../support/adf-text';

/**
 * Pages and exports in the project's language (project settings, "Language"): a Japanese project's
 * release notes page, a French export, and a republish after the language changed, which renews
 * only Preflight's block and keeps what people wrote. English stays the default (the other tests).
 */
const site = createEmulatedSite({ issues: 300 });
const SPACE_ID = '98305';
const version = () => site.jira.versions.find((v) => v.name === 'PAY 2.2')!;
type Node = { type: string; text?: string; attrs?: Record<string, unknown>; content?: Node[] };
const para = (text: string): Node => ({ type: 'paragraph', content: [{ type: 'text', text }] });

async function ok<T>(answer: Promise<Envelope<T>>): Promise<T> {
  const a = await answer;
  if (!a.ok) throw new Error(`${a.error.code} ${a.error.message}`);
  return a.data;
}

/** The project admin picks the language of PAY's pages and notifications in the settings. */
const setLanguage = (language: AppLocale) => setProjectLanguage(site, language);

const publish = (config: MacroConfigInput) => {
  const extension = { type: 'macro', content: { id: '98306', type: 'page' }, space: { id: SPACE_ID, key: 'REL' }, config };
  return ok(site.invoke<Envelope<PublishResult>>({ as: 'release-owner', functionKey: MACRO_KEYS.publish, payload: { config, kind: 'release-notes', spaceId: SPACE_ID }, moduleKey: MACRO_MODULES.releaseNotes, extension }));
};
const page = (pageId: string) => site.confluence.pages.find((p) => p.id === pageId)!;
const pageDoc = (pageId: string) => JSON.parse(currentVersion(page(pageId)).body.value) as Node;

afterEach(() => expect(site.violations).toEqual([]));
afterAll(() => setLanguage('en'));

it('a Japanese project publishes its release notes in Japanese: title, headings and group titles', async () => {
  await setLanguage('ja');
  const published = await publish({ projectKey: 'PAY', versionId: version().id, audience: 'internal' });
  expect(published.title).toBe('社内向けリリースノート: PAY 2.2');
  const doc = pageDoc(published.pageId);
  const titles = adfBlocks(doc, 'heading');
  expect(titles[0]).toBe('社内向けリリースノート: PAY 2.2');
  // Group titles and their counts are Japanese; issue keys and summaries stay as written.
  expect(titles.slice(1).every((t) => /^(新機能|改善|バグ修正|その他の変更|未出荷)（\d+）$/.test(t))).toBe(true);
  expect(titles.length).toBeGreaterThan(2);
  const all = adfTexts(doc).join('\n');
  expect(all).toMatch(/リリース(予定|済み)/);
  expect(all).toContain('社内向けのリリースノートです');
  expect(all).not.toMatch(/Released|Planned|changes in|New features|Bug fixes|Not yet shipped/);
});

it('a republish after the language changed renews only Preflight\'s block and keeps what people wrote', async () => {
  await setLanguage('en');
  const first = await publish({ projectKey: 'PAY', versionId: version().id });
  expect(adfBlocks(pageDoc(first.pageId), 'heading')[0]).toBe('Release notes: PAY 2.2');
  // A person adds a paragraph beside the generated block, through Confluence's REST API.
  const read = await site.confluenceRest('developer', 'GET', `/wiki/api/v2/pages/${first.pageId}?body-format=atlas_doc_format`);
  const body = read.body as { title: string; spaceId: string; version: { number: number }; body: { atlas_doc_format: { value: string } } };
  const doc = JSON.parse(body.body.atlas_doc_format.value) as Node;
  const edited = { ...doc, content: [para('Note from the team: ship it on Tuesday'), ...(doc.content ?? [])] };
  const put = await site.confluenceRest('developer', 'PUT', `/wiki/api/v2/pages/${first.pageId}`, {
    id: first.pageId,
    status: 'current',
    title: body.title,
    spaceId: body.spaceId,
    body: { representation: 'atlas_doc_format', value: JSON.stringify(edited) },
    version: { number: body.version.number + 1, message: 'Team note' },
  });
  expect(put.status).toBe(200);

  await setLanguage('de');
  const again = await publish({ projectKey: 'PAY', versionId: version().id });
  expect(again).toMatchObject({ outcome: 'updated', pageId: first.pageId });
  const after = pageDoc(first.pageId);
  // The person's words stay, as they wrote them; Preflight's block is now German.
  expect(after.content?.[0]).toEqual(para('Note from the team: ship it on Tuesday'));
  expect(adfBlocks(after, 'heading')[0]).toBe('Versionshinweise: PAY 2.2');
  expect(adfTexts(after).join('\n')).toContain('Dies sind die Versionshinweise für Kunden.');
  expect(adfTexts(after).join('\n')).not.toContain('These are the customer-facing notes');
  // The page keeps the title it has: people may have renamed it, and the release remembers the page.
  expect(again.title).toBe(first.title);
  await setLanguage('en');
});

it('internal notes, found by title, are renewed after the language changed, not published twice', async () => {
  // The first test published PAY's internal notes in Japanese; the project now writes in German.
  const japanese = site.confluence.pages.find((p) => p.spaceId === SPACE_ID && currentVersion(p).title === '社内向けリリースノート: PAY 2.2')!;
  expect(japanese).toBeDefined();
  await setLanguage('de');
  const config = { projectKey: 'PAY', versionId: version().id, audience: 'internal' } as const;
  const german = await publish(config);
  // The Japanese page is found under its Japanese title and renewed in German, keeping its title.
  expect(german).toMatchObject({ pageId: japanese.id, title: '社内向けリリースノート: PAY 2.2', outcome: 'adopted' });
  expect(adfBlocks(pageDoc(japanese.id), 'heading')[0]).toBe('Interne Versionshinweise: PAY 2.2');
  await setLanguage('en');
  expect(await publish(config)).toMatchObject({ pageId: japanese.id });
  const internalPages = site.confluence.pages.filter((p) => p.spaceId === SPACE_ID && /Internal release notes|Interne Versionshinweise|社内向けリリースノート|Notes de version internes/.test(currentVersion(p).title));
  expect(internalPages.map((p) => p.id)).toEqual([japanese.id]);
});

it('the release notes macro exports in French for a French project (Word/PDF), and in English again by default', async () => {
  const exporter = site.handler('release-notes-export');
  const accountId = site.user('release-owner').accountId;
  const event = { exportType: 'pdf', extensionPayload: { config: { projectKey: 'PAY', versionId: version().id } }, context: { siteUrl: 'http://localhost:4000' } };
  const run = () => runInvocation({ accountId, moduleKey: 'export' }, async () => (await exporter(event, { principal: { accountId } })) as Node);

  await setLanguage('fr');
  const french = adfTexts(await run());
  expect(french).toContain('Notes de version : PAY 2.2');
  expect(french.join('\n')).toContain('Voici les notes destinées aux clients.');
  expect(french.join('\n')).not.toContain('customer-facing');

  await setLanguage('en');
  expect(adfTexts(await run())).toContain('Release notes: PAY 2.2');
});
