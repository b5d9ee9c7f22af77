import { APP_LOCALES, resolveAppLocale, type AppLocale } from '../shared/i18n/locales';
import { compileCatalogues, type CompiledCatalogue, type SourceCatalogue } from '../shared/i18n/catalogue';
import { createTranslator, type Translator } from '../shared/i18n/translator';
import errorsDe from './messages/errors.de.json';
import errorsEn from './messages/errors.en.json';
import errorsFr from './messages/errors.fr.json';
import errorsJa from './messages/errors.ja.json';
import notificationsDe from './messages/notifications.de.json';
import notificationsEn from './messages/notifications.en.json';
import notificationsFr from './messages/notifications.fr.json';
import notificationsJa from './messages/notifications.ja.json';
import pagesDe from './messages/pages.de.json';
import pagesEn from './messages/pages.en.json';
import pagesFr from './messages/pages.fr.json';
import pagesJa from './messages/pages.ja.json';

/**
 * The backend's catalogues: error messages (in the language of the person who called), and the
 * generated pages, exports and notifications (in the project's configured language). All four
 * languages are bundled (the backend has no first paint to protect) and compiled on first use.
 */
export const SERVER_CATALOGUES: Record<AppLocale, Record<string, SourceCatalogue>> = {
  en: { errors: errorsEn, notifications: notificationsEn, pages: pagesEn },
  de: { errors: errorsDe, notifications: notificationsDe, pages: pagesDe },
  fr: { errors: errorsFr, notifications: notificationsFr, pages: pagesFr },
  ja: { errors: errorsJa, notifications: notificationsJa, pages: pagesJa },
};

export type ServerMessageId = keyof typeof errorsEn | keyof typeof notificationsEn | keyof typeof pagesEn;

const compiled = new Map<AppLocale, CompiledCatalogue>();

function catalogueOf(locale: AppLocale): CompiledCatalogue {
  let catalogue = compiled.get(locale);
  if (!catalogue) {
    // English under every other language: a message missing from a translation reads in English,
    // never as its id (test/i18n keeps the translations complete).
    const english = compileCatalogues('en', Object.values(SERVER_CATALOGUES.en));
    catalogue = locale === 'en' ? english : { ...english, ...compileCatalogues(locale, Object.values(SERVER_CATALOGUES[locale])) };
    compiled.set(locale, catalogue);
  }
  return catalogue;
}

/** A translator for a Forge locale tag ("de-DE") or a project's language ("de"); unknown -> English. */
export function serverTranslator(locale: string | null | undefined, timeZone = 'UTC'): Translator<ServerMessageId> {
  const resolved = resolveAppLocale(locale);
  return createTranslator<ServerMessageId>(resolved, catalogueOf(resolved), timeZone);
}

export { APP_LOCALES };
