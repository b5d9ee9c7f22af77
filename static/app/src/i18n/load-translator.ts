import loaders from 'virtual:preflight-catalogues';
import type { CompiledCatalogue } from '../../../../src/shared/i18n/catalogue';
import { resolveLocale } from '../../../../src/shared/i18n/locales';
import { createTranslator, type Translator } from '../../../../src/shared/i18n/translator';
import type { MessageId } from './message-ids';
import { NAMESPACES_OF_MODULE } from './module-namespaces';

export type UiTranslator = Translator<MessageId>;

/** The translator for a module in the person's Forge locale ("de-DE") and time zone. */
export async function loadTranslator(moduleKey: string, forgeLocale: string | undefined, timeZone: string | undefined): Promise<UiTranslator> {
  const locale = resolveLocale(forgeLocale);
  const ofLocale = loaders[locale] ?? {};
  const wanted = NAMESPACES_OF_MODULE[moduleKey] ?? Object.keys(ofLocale);
  const chunks = await Promise.all(wanted.map((namespace) => ofLocale[namespace]?.() ?? Promise.reject(new Error(`no catalogue ${namespace} for ${locale}`))));
  const messages: CompiledCatalogue = Object.assign({}, ...chunks.map((chunk) => chunk.default));
  return createTranslator<MessageId>(locale, messages, timeZone || 'UTC');
}
