import type { CompiledCatalogue } from '../../../../src/shared/i18n/catalogue';
import { PSEUDO_LOCALE, resolveLocale, type UiLocale } from '../../../../src/shared/i18n/locales';
import { createTranslator, type Translator } from '../../../../src/shared/i18n/translator';
import type { MessageId } from './message-ids';

export type UiTranslator = Translator<MessageId>;

/** One chunk per language, fetched only when someone uses it (never in the first-paint JS). */
const LOADERS: Record<UiLocale, () => Promise<{ default: CompiledCatalogue }>> = {
  en: () => import('virtual:preflight-catalogue/en'),
  de: () => import('virtual:preflight-catalogue/de'),
  fr: () => import('virtual:preflight-catalogue/fr'),
  ja: () => import('virtual:preflight-catalogue/ja'),
  [PSEUDO_LOCALE]: () => import('virtual:preflight-catalogue/en-XA'),
};

/** The translator for the person's Forge locale ("de-DE"), in their time zone. */
export async function loadTranslator(forgeLocale: string | undefined, timeZone: string | undefined): Promise<UiTranslator> {
  const locale = resolveLocale(forgeLocale);
  const catalogue = await LOADERS[locale]();
  return createTranslator<MessageId>(locale, catalogue.default, timeZone || 'UTC');
}
