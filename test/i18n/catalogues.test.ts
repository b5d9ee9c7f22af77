import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledMessage } from '@lingui/message-utils/compileMessage';
import { compileCatalogues, type SourceCatalogue } from '../../src/shared/i18n/catalogue';
import { APP_LOCALES, PSEUDO_LOCALE } from '../../src/shared/i18n/locales';
import { createTranslator } from '../../src/shared/i18n/translator';

/**
 * Every catalogue complete in every language: the same ids as English, valid ICU, the same
 * placeholders (a translation that drops {count} would print a wrong sentence), plural cases the
 * language uses, and ids that start with their file's namespace.
 */
const ROOTS = { ui: join(__dirname, '../../static/app/src/i18n/messages'), server: join(__dirname, '../../src/i18n/messages') };

function namespaces(dir: string): string[] {
  return [...new Set(readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.split('.')[0]!))].sort();
}

function read(dir: string, namespace: string, language: string): SourceCatalogue {
  return JSON.parse(readFileSync(join(dir, `${namespace}.${language}.json`), 'utf8')) as SourceCatalogue;
}

/** Placeholder names a compiled message uses ("count", "version"), plural/select included. */
function argumentsOf(message: CompiledMessage | string, into = new Set<string>()): Set<string> {
  if (typeof message === 'string') return into;
  for (const part of message) {
    if (typeof part === 'string') continue;
    const [name, , options] = part as [string, string?, unknown?];
    into.add(name);
    if (options && typeof options === 'object') {
      for (const [key, value] of Object.entries(options as Record<string, unknown>)) {
        if (key !== 'offset' && value !== undefined) argumentsOf(value as CompiledMessage, into);
      }
    }
  }
  return into;
}

describe.each(Object.entries(ROOTS))('%s catalogues', (_name, dir) => {
  const all = namespaces(dir);

  it('exist for every namespace in English, German, French and Japanese', () => {
    expect(all.length).toBeGreaterThan(0);
    for (const namespace of all) {
      for (const language of APP_LOCALES) expect(() => read(dir, namespace, language)).not.toThrow();
    }
  });

  it.each(all)('%s: ids start with the namespace and every language has exactly the English ids', (namespace) => {
    const english = read(dir, namespace, 'en');
    for (const id of Object.keys(english)) expect(id.startsWith(`${namespace}.`) ? id : `${id} (not under ${namespace}.)`).toBe(id);
    for (const language of APP_LOCALES) {
      const ids = Object.keys(read(dir, namespace, language)).sort();
      expect({ language, ids }).toEqual({ language, ids: Object.keys(english).sort() });
    }
  });

  it.each(all)('%s: every translation compiles and uses the English placeholders', (namespace) => {
    const english = compileCatalogues('en', [read(dir, namespace, 'en')]);
    compileCatalogues(PSEUDO_LOCALE, [read(dir, namespace, 'en')]);
    for (const language of APP_LOCALES) {
      const compiled = compileCatalogues(language, [read(dir, namespace, language)]);
      for (const [id, message] of Object.entries(compiled)) {
        const expected = [...argumentsOf(english[id] ?? [])].sort();
        expect({ id, language, placeholders: [...argumentsOf(message)].sort() }).toEqual({ id, language, placeholders: expected });
      }
    }
  });

  it.each(all)('%s: every message formats in every language with sample values', (namespace) => {
    for (const language of [...APP_LOCALES, PSEUDO_LOCALE] as const) {
      const source = read(dir, namespace, language === PSEUDO_LOCALE ? 'en' : language);
      const translator = createTranslator(language, compileCatalogues(language, [source]));
      for (const id of Object.keys(source)) {
        const values = Object.fromEntries([...argumentsOf(compileCatalogues('en', [{ [id]: read(dir, namespace, 'en')[id]! }])[id]!)].map((name) => [name, 2]));
        const text = translator.t(id, values);
        expect(text.length).toBeGreaterThan(0);
        expect(text).not.toBe(id);
      }
    }
  });
});

describe('pseudo-locale', () => {
  it('accents, lengthens and brackets every message but keeps placeholders and plural counts', () => {
    const translator = createTranslator(PSEUDO_LOCALE, compileCatalogues(PSEUDO_LOCALE, [{ 'x.y': '{count, plural, one {# issue added after the freeze in {version}} other {# issues added}}' }]));
    const text = translator.t('x.y', { count: 1, version: 'PAY 2.2' });
    expect(text).toMatch(/^⟦1 .*PAY 2\.2⟧$/);
    expect(text).not.toMatch(/issue|added/);
    expect(text.length).toBeGreaterThanOrEqual(Math.floor('1 issue added after the freeze in PAY 2.2'.length * 1.25));
  });
});
