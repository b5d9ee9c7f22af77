import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_ROOT, invokeDirect, startBrowserSite, userByPersona, type BrowserSite } from './helpers/browser-site';
import { appFrames, everyPage, prepareEveryPage, visit, type AppPage } from './helpers/every-page';
import { LANGUAGE_NAMES } from '../../src/shared/i18n/locales';
import { defaultSettings } from '../../src/domain/settings';
import { dataCorpus, englishServerText, untranslatedOnPage } from './helpers/untranslated';

/**
 * Every screen in every language (issue 15). In the pseudo-locale each catalogue message reads
 * accented, ~30% longer and in ⟦ ⟧: any other text on a page that is not data bypassed the
 * catalogue. In German and Japanese no English sentence of the catalogue may show, and in the
 * pseudo-locale's longer text no page scrolls sideways.
 */
let env: BrowserSite;
let pages: AppPage[];

const MESSAGES = join(APP_ROOT, 'static/app/src/i18n/messages');

/** Catalogue sentences (no placeholders, 3+ words) whose translation differs from English. */
function englishOnly(language: string): string[] {
  const sentences: string[] = [];
  for (const file of readdirSync(MESSAGES).filter((f) => f.endsWith('.en.json'))) {
    const english = JSON.parse(readFileSync(join(MESSAGES, file), 'utf8')) as Record<string, string>;
    const translated = JSON.parse(readFileSync(join(MESSAGES, file.replace('.en.json', `.${language}.json`)), 'utf8')) as Record<string, string>;
    for (const [id, text] of Object.entries(english)) {
      if (/[{}<]/.test(text) || text.split(/\s+/).length < 3 || translated[id] === text) continue;
      sentences.push(text);
    }
  }
  return sentences;
}

async function useLocale(tag: string): Promise<void> {
  await env.page.context().addCookies([{ name: 'preflight_locale', value: tag, url: env.site.url }]);
}

/**
 * A German (Japanese) team sets the project's language too: then its macros, whose content is in
 * the project's language like the pages they sit on, read German (Japanese) as well.
 */
async function setProjectLanguage(language: string): Promise<void> {
  const project = ((await (await fetch(new URL('/rest/api/3/project/PAY', env.site.url), { headers: { authorization: `Basic ${Buffer.from('rita@preflight.local:x').toString('base64')}` } })).json()) as { id: string });
  const call = (functionKey: string, payload: Record<string, unknown>) =>
    invokeDirect(env.site.url, { moduleKey: 'preflight-settings', functionKey, payload, accountId: userByPersona('release-owner').accountId, extension: { type: 'jira:projectSettingsPage', project: { id: project.id, key: 'PAY', type: 'software' } } });
  const got = (await call('settings/get', {})).body.result as { ok: boolean; data: { settings: Record<string, unknown>; revision: number } };
  const saved = (await call('settings/save', { revision: got.data.revision, settings: { ...got.data.settings, language } })).body.result as { ok: boolean };
  expect(saved.ok).toBe(true);
}

async function frameTexts(): Promise<string> {
  const texts = await Promise.all(appFrames(env.page).map((frame) => frame.evaluate(() => document.body.innerText).catch(() => '')));
  return texts.join('\n');
}

beforeAll(async () => {
  env = await startBrowserSite({ seedIssues: 200 });
  pages = everyPage(await prepareEveryPage(env.site));
}, 120_000);

afterAll(async () => {
  await env?.close();
});

test('the pseudo-locale shows no text that bypassed the catalogue, and no page scrolls sideways with 30% longer text', async () => {
  await useLocale('en-XA');
  // Data: what the site stores, the built-in template a project has until it saves its own, and
  // language names (each in its own language, never translated).
  const corpus = [dataCorpus(env.site.dataDir), JSON.stringify(defaultSettings([])), ...Object.values(LANGUAGE_NAMES)].join('\n');
  const macroCorpus = englishServerText(join(APP_ROOT, 'src/i18n/messages'));
  const found: string[] = [];
  const overflowing: string[] = [];
  for (const entry of pages) {
    await visit(env.page, env.site.url, entry);
    const untranslated = await untranslatedOnPage(env.page, corpus, macroCorpus);
    console.log(`${entry.name.padEnd(40)} untranslated pieces: ${untranslated.length}`);
    found.push(...untranslated.map((piece) => `${entry.name}: ${piece}`));
    for (const frame of appFrames(env.page)) {
      const wide = await frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth).catch(() => 0);
      if (wide > 1) overflowing.push(`${entry.name}: ${frame.url().replace(/\?.*$/, '')} is ${wide}px too wide`);
    }
  }
  expect(found).toEqual([]);
  expect(overflowing).toEqual([]);
}, 600_000);

test.each(['de-DE', 'ja-JP'])('in %s no English sentence of the catalogue shows on any page', async (tag) => {
  await useLocale(tag);
  await setProjectLanguage(tag.slice(0, 2));
  const sentences = englishOnly(tag.slice(0, 2));
  const found: string[] = [];
  for (const entry of pages) {
    await visit(env.page, env.site.url, entry);
    const text = await frameTexts();
    const english = sentences.filter((sentence) => text.includes(sentence));
    console.log(`${tag} ${entry.name.padEnd(40)} English sentences: ${english.length}`);
    found.push(...english.map((sentence) => `${entry.name}: "${sentence}"`));
  }
  expect(found).toEqual([]);
}, 600_000);
