import { serverTranslator, type ServerMessageId } from '../i18n/server-translator';
import { APP_LOCALES } from '../shared/i18n/locales';
import type { SettingsStore } from '../ports';
import type { Translator } from '../shared/i18n/translator';

/** The backend's translator, typed with its message ids. */
export type ServerTranslator = Translator<ServerMessageId>;

/**
 * The translator for what a project publishes: notifications, Confluence pages, exports and the
 * text a macro composes on the server. People read the UI in their own language, but a page or a
 * Slack message has one language for everyone: the project's setting, English when never chosen.
 * Never stored: records keep ids and facts, and are worded when sent or published.
 */
export function projectTranslator(settings: { language?: string | undefined } | undefined): ServerTranslator {
  return serverTranslator(settings?.language ?? 'en');
}

/**
 * The project's translator from its stored settings; English when the project has none, when no
 * store is given, or when the read fails (a notification in English beats none).
 */
export async function storedProjectTranslator(store: Pick<SettingsStore, 'get'> | undefined, projectKey: string): Promise<ServerTranslator> {
  if (!store) return projectTranslator(undefined);
  try {
    return projectTranslator((await store.get(projectKey))?.settings);
  } catch (error) {
    console.warn(`Preflight could not read the language of ${projectKey}; writing in English`, error);
    return projectTranslator(undefined);
  }
}

/**
 * What `make` writes in each language but the translator's own: the titles a page may still carry
 * from before the project's language changed, so a republish finds that page instead of creating
 * a second one under the new title.
 */
export function inOtherLanguages(tr: ServerTranslator, make: (other: ServerTranslator) => string): string[] {
  return APP_LOCALES.filter((locale) => locale !== tr.locale).map((locale) => make(serverTranslator(locale)));
}
