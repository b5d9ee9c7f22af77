import { setupI18n, type Messages } from '@lingui/core';
import { intlTag, type UiLocale } from './locales';
import type { CompiledCatalogue } from './catalogue';

/** Values a message's placeholders take; dates and numbers are formatted by the message itself. */
export type MessageValues = Record<string, string | number | Date | undefined>;

/** One language, ready to format: messages through @lingui/core, dates and numbers through Intl. */
export interface Translator<Id extends string = string> {
  readonly locale: UiLocale;
  /** The BCP 47 tag for Intl and the document's `lang`. */
  readonly tag: string;
  t(id: Id, values?: MessageValues): string;
  /** A calendar day ("2026-12-03" or a Date) as "3 Dec 2026" in the person's language. */
  day(value: string | Date, options?: Intl.DateTimeFormatOptions): string;
  /** An instant with its time, in the given time zone. */
  dateTime(value: string | Date, options?: Intl.DateTimeFormatOptions): string;
  number(value: number, options?: Intl.NumberFormatOptions): string;
  /** "A, B and C" in the person's language. */
  list(items: readonly string[], type?: 'conjunction' | 'disjunction'): string;
}

/** A calendar day string is a date without a time: formatted in UTC so it never shifts a day. */
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function createTranslator<Id extends string = string>(locale: UiLocale, messages: CompiledCatalogue, timeZone = 'UTC'): Translator<Id> {
  const tag = intlTag(locale);
  const i18n = setupI18n({ locale, messages: { [locale]: messages as unknown as Messages } });
  const toDate = (value: string | Date) => (value instanceof Date ? value : new Date(DAY.test(value) ? `${value}T00:00:00Z` : value));
  const dayFormats = new Map<string, Intl.DateTimeFormat>();
  const dayFormat = (options: Intl.DateTimeFormatOptions, zone: string) => {
    const key = JSON.stringify([options, zone]);
    let format = dayFormats.get(key);
    if (!format) dayFormats.set(key, (format = new Intl.DateTimeFormat(tag, { ...options, timeZone: zone })));
    return format;
  };
  return {
    locale,
    tag,
    t: (id, values) => i18n._(id, values as Record<string, unknown>),
    day: (value, options = { day: 'numeric', month: 'short', year: 'numeric' }) =>
      dayFormat(options, typeof value === 'string' && DAY.test(value) ? 'UTC' : timeZone).format(toDate(value)),
    dateTime: (value, options = { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }) =>
      dayFormat(options, timeZone).format(toDate(value)),
    number: (value, options) => new Intl.NumberFormat(tag, options).format(value),
    list: (items, type = 'conjunction') => new Intl.ListFormat(tag, { type }).format(items),
  };
}
