import loaders from 'virtual:preflight-catalogues';
import type { CompiledCatalogue } from '../../../../src/shared/i18n/catalogue';
import { resolveLocale } from '../../../../src/shared/i18n/locales';
import { createTranslator, type Translator } from '../../../../src/shared/i18n/translator';
import type { MessageId } from './message-ids';

export type UiTranslator = Translator<MessageId>;

/**
 * The catalogue namespaces each module renders (its own screens and the shared components, whose
 * text is in `common` and `releases`). A module downloads only these, in the person's language.
 * A namespace missing here shows message ids instead of text: test/e2e/pseudo-locale would fail.
 */
const SHARED = ['common', 'releases'];
const MACROS = [...SHARED, 'macros'];
const NAMESPACES_OF_MODULE: Record<string, readonly string[]> = {
  'preflight-releases': [...SHARED, 'panel', 'advance', 'portfolio'],
  'preflight-settings': [...SHARED, 'settings'],
  'preflight-qa': [...SHARED, 'qa'],
  'preflight-portfolio': [...SHARED, 'portfolio'],
  'preflight-checklist-macro': MACROS,
  'preflight-release-notes-macro': MACROS,
  'preflight-retrospective-macro': MACROS,
  'preflight-calendar-macro': [...MACROS, 'portfolio'],
  'preflight-health-macro': [...MACROS, 'portfolio'],
  'preflight-train-notes-macro': [...MACROS, 'portfolio'],
};

/** The translator for a module in the person's Forge locale ("de-DE") and time zone. */
export async function loadTranslator(moduleKey: string, forgeLocale: string | undefined, timeZone: string | undefined): Promise<UiTranslator> {
  const locale = resolveLocale(forgeLocale);
  const ofLocale = loaders[locale] ?? {};
  const wanted = NAMESPACES_OF_MODULE[moduleKey] ?? Object.keys(ofLocale);
  const chunks = await Promise.all(wanted.map((namespace) => ofLocale[namespace]?.() ?? Promise.reject(new Error(`no catalogue ${namespace} for ${locale}`))));
  const messages: CompiledCatalogue = Object.assign({}, ...chunks.map((chunk) => chunk.default));
  return createTranslator<MessageId>(locale, messages, timeZone || 'UTC');
}
