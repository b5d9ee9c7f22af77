import type { UiTranslator } from '../i18n/load-translator';

/** A calendar day ("2026-12-03") in the person's language; a value that is no date is shown as it came. */
export function dayText(t: UiTranslator, value: string): string {
  return Number.isNaN(new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value).getTime()) ? value : t.day(value);
}
