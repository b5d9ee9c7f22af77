/**
 * The languages Preflight speaks. Forge hands each person's locale to the app as a BCP 47 tag
 * (`view.getContext().locale`, the resolver context's `locale`: "de-DE"); Jira's own user and
 * project data spell it with an underscore ("de_DE"). Both resolve to one of these catalogues.
 */
export const APP_LOCALES = ['en', 'de', 'fr', 'ja'] as const;
export type AppLocale = (typeof APP_LOCALES)[number];

/**
 * Accented and about 30% longer English, for finding text that bypasses the catalogue and
 * layouts that break with longer words. "en-XA" is the tag Android and Chrome use for it.
 */
export const PSEUDO_LOCALE = 'en-XA';
export type UiLocale = AppLocale | typeof PSEUDO_LOCALE;
export const UI_LOCALES: readonly UiLocale[] = [...APP_LOCALES, PSEUDO_LOCALE];

/** Each language in its own words, as language menus show them. */
export const LANGUAGE_NAMES: Record<UiLocale, string> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  ja: '日本語',
  [PSEUDO_LOCALE]: 'Ƥšéûðö (en-XA)',
};

/** "de-DE", "de_DE", "DE" -> "de"; the pseudo tag stays itself; anything unknown -> "en". */
export function resolveLocale(tag: string | null | undefined): UiLocale {
  if (!tag) return 'en';
  const normalised = tag.replace('_', '-');
  if (normalised.toLowerCase() === PSEUDO_LOCALE.toLowerCase()) return PSEUDO_LOCALE;
  const language = normalised.split('-')[0]!.toLowerCase();
  return (APP_LOCALES as readonly string[]).includes(language) ? (language as AppLocale) : 'en';
}

/** Pages and notifications are never pseudo-localised: they go to real people. */
export function resolveAppLocale(tag: string | null | undefined): AppLocale {
  const locale = resolveLocale(tag);
  return locale === PSEUDO_LOCALE ? 'en' : locale;
}

/** The tag Intl formats dates, numbers and plurals with (Intl falls back to English for en-XA). */
export function intlTag(locale: UiLocale): string {
  return locale === PSEUDO_LOCALE ? 'en' : locale;
}
