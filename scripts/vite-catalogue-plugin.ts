import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { compileCatalogues, type SourceCatalogue } from '../src/shared/i18n/catalogue';
import { PSEUDO_LOCALE, UI_LOCALES, type UiLocale } from '../src/shared/i18n/locales';

/**
 * `import('virtual:preflight-catalogue/de')` -> one chunk holding every namespace of German,
 * compiled at build time, so the Custom UI ships no ICU parser and loads only the person's
 * language, on demand. The pseudo-locale is made from English here too.
 * Sources: static/app/src/i18n/messages/<namespace>.<language>.json.
 */
const PREFIX = 'virtual:preflight-catalogue/';
const RESOLVED = '\0preflight-catalogue/';

export function cataloguePlugin(messagesDir: string): Plugin {
  return {
    name: 'preflight-catalogue',
    resolveId(id) {
      return id.startsWith(PREFIX) ? RESOLVED + id.slice(PREFIX.length) : undefined;
    },
    load(id) {
      if (!id.startsWith(RESOLVED)) return undefined;
      const locale = id.slice(RESOLVED.length) as UiLocale;
      if (!UI_LOCALES.includes(locale)) throw new Error(`no catalogue for locale ${locale}`);
      const language = locale === PSEUDO_LOCALE ? 'en' : locale;
      const files = readdirSync(messagesDir).filter((f) => f.endsWith(`.${language}.json`)).sort();
      const sources = files.map((file) => {
        const path = join(messagesDir, file);
        this.addWatchFile(path);
        return JSON.parse(readFileSync(path, 'utf8')) as SourceCatalogue;
      });
      return `export default ${JSON.stringify(compileCatalogues(locale, sources))};`;
    },
  };
}
