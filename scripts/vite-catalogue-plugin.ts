import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { compileCatalogues, type SourceCatalogue } from '../src/shared/i18n/catalogue';
import { PSEUDO_LOCALE, UI_LOCALES, type UiLocale } from '../src/shared/i18n/locales';

/**
 * The Custom UI's catalogues as chunks: `virtual:preflight-catalogue/<locale>/<namespace>` is one
 * namespace of one language, compiled at build time (the app ships no ICU parser), and
 * `virtual:preflight-catalogues` maps locale -> namespace -> a loader of that chunk, so a module
 * downloads only its own namespaces in the person's language, on demand. The pseudo-locale is
 * made from English here too. Sources: static/app/src/i18n/messages/<namespace>.<language>.json.
 */
const CHUNK = 'virtual:preflight-catalogue/';
const INDEX = 'virtual:preflight-catalogues';
const RESOLVED_CHUNK = '\0preflight-catalogue/';
const RESOLVED_INDEX = '\0preflight-catalogues';

export function cataloguePlugin(messagesDir: string): Plugin {
  const namespaces = () => [...new Set(readdirSync(messagesDir).filter((f) => f.endsWith('.json')).map((f) => f.split('.')[0]!))].sort();
  return {
    name: 'preflight-catalogue',
    resolveId(id) {
      if (id === INDEX) return RESOLVED_INDEX;
      return id.startsWith(CHUNK) ? RESOLVED_CHUNK + id.slice(CHUNK.length) : undefined;
    },
    load(id) {
      if (id === RESOLVED_INDEX) {
        const entries = UI_LOCALES.map((locale) => {
          const loaders = namespaces().map((ns) => `${JSON.stringify(ns)}: () => import(${JSON.stringify(`${CHUNK}${locale}/${ns}`)})`);
          return `${JSON.stringify(locale)}: { ${loaders.join(', ')} }`;
        });
        return `export default { ${entries.join(',\n')} };`;
      }
      if (!id.startsWith(RESOLVED_CHUNK)) return undefined;
      const [locale, namespace] = id.slice(RESOLVED_CHUNK.length).split('/') as [UiLocale, string];
      if (!UI_LOCALES.includes(locale)) throw new Error(`no catalogue for locale ${locale}`);
      const path = join(messagesDir, `${namespace}.${locale === PSEUDO_LOCALE ? 'en' : locale}.json`);
      this.addWatchFile(path);
      const source = JSON.parse(readFileSync(path, 'utf8')) as SourceCatalogue;
      return `export default ${JSON.stringify(compileCatalogues(locale, [source]))};`;
    },
  };
}
