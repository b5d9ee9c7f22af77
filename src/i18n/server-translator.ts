import { APP_LOCALES, PSEUDO_LOCALE, resolveAppLocale, resolveLocale, type AppLocale } from '../shared/i18n/locales';
import { compileCatalogues, type CompiledCatalogue, type SourceCatalogue } from '../shared/i18n/catalogue';
import { createTranslator, type MessageValues, type Translator } from '../shared/i18n/translator';
import auditDe from './messages/audit.de.json';
import auditEn from './messages/audit.en.json';
import auditFr from './messages/audit.fr.json';
import auditJa from './messages/audit.ja.json';
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
import viewsDe from './messages/views.de.json';
import viewsEn from './messages/views.en.json';
import viewsFr from './messages/views.fr.json';
import viewsJa from './messages/views.ja.json';

/**
 * The backend's catalogues: error messages (in the language of the person who called), and the
 * text the backend composes for screens (gate reasons, flags, default names: `views`, also in the
 * caller's language), the generated pages, exports and notifications (in the project's configured language). All four
 * languages are bundled (the backend has no first paint to protect) and compiled on first use.
 */
export const SERVER_CATALOGUES: Record<AppLocale, Record<string, SourceCatalogue>> = {
  en: { audit: auditEn, errors: errorsEn, notifications: notificationsEn, pages: pagesEn, views: viewsEn },
  de: { audit: auditDe, errors: errorsDe, notifications: notificationsDe, pages: pagesDe, views: viewsDe },
  fr: { audit: auditFr, errors: errorsFr, notifications: notificationsFr, pages: pagesFr, views: viewsFr },
  ja: { audit: auditJa, errors: errorsJa, notifications: notificationsJa, pages: pagesJa, views: viewsJa },
};

export type ServerMessageId = keyof typeof auditEn | keyof typeof errorsEn | keyof typeof notificationsEn | keyof typeof pagesEn | keyof typeof viewsEn;

let knownIds: Set<string> | undefined;

/** Whether this build's catalogues have the id (a stored message may come from another build). */
export function isServerMessageId(id: string): id is ServerMessageId {
  // Built on first use, not at load: a module-level read of the catalogues would keep them in
  // every Custom UI bundle that imports a schema from a file that imports this one.
  knownIds ??= new Set(Object.values(SERVER_CATALOGUES.en).flatMap((catalogue) => Object.keys(catalogue)));
  return knownIds.has(id);
}

const compiled = new Map<AppLocale | typeof PSEUDO_LOCALE, CompiledCatalogue>();

function catalogueOf(locale: AppLocale | typeof PSEUDO_LOCALE): CompiledCatalogue {
  let catalogue = compiled.get(locale);
  if (locale === PSEUDO_LOCALE && !catalogue) {
    // The pseudo-locale is made from English (src/shared/i18n/pseudo.ts), as in the Custom UI.
    catalogue = compileCatalogues(PSEUDO_LOCALE, Object.values(SERVER_CATALOGUES.en));
    compiled.set(locale, catalogue);
  }
  if (!catalogue) {
    // English under every other language: a message missing from a translation reads in English,
    // never as its id (test/i18n keeps the translations complete).
    const english = compileCatalogues('en', Object.values(SERVER_CATALOGUES.en));
    catalogue = locale === 'en' ? english : { ...english, ...compileCatalogues(locale, Object.values(SERVER_CATALOGUES[locale as AppLocale])) };
    compiled.set(locale, catalogue);
  }
  return catalogue;
}

/** A translator for a Forge locale tag ("de-DE") or a project's language ("de"); unknown -> English. */
export function serverTranslator(locale: string | null | undefined, timeZone = 'UTC'): Translator<ServerMessageId> {
  const resolved = resolveAppLocale(locale);
  return createTranslator<ServerMessageId>(resolved, catalogueOf(resolved), timeZone);
}

/**
 * A translator for the person who called a resolver (the Forge context's `locale` and `timezone`):
 * the same as serverTranslator, except that the pseudo-locale stays pseudo, because what it
 * formats (errors, gate reasons, view text) is shown in that person's Custom UI.
 */
export function callerTranslator(locale: string | null | undefined, timeZone = 'UTC'): Translator<ServerMessageId> {
  const resolved = resolveLocale(locale);
  return createTranslator<ServerMessageId>(resolved, catalogueOf(resolved), timeZone);
}

/**
 * Text the backend composes for a person, kept language-neutral until the boundary: a message id
 * and its values. A value may itself be a Text (a role name inside a refusal) or a list of them
 * ("A, B and C" in the reader's language). Nothing stores a Text's translation.
 */
export interface Text {
  readonly id: ServerMessageId;
  readonly values?: Readonly<Record<string, TextValue>>;
}
export interface TextList {
  readonly list: readonly TextValue[];
  readonly type?: 'conjunction' | 'disjunction';
}
/** A calendar day ("2026-12-03") or an instant (ISO), formatted by Intl in the reader's language and time zone. */
export interface TextDay {
  readonly day: string;
}
export interface TextInstant {
  readonly instant: string;
}
/** A time of day of an instant ("14:02 UTC"), in the reader's time zone. */
export interface TextTime {
  readonly time: string;
}
/**
 * One value worded two ways: `english` where the reader's language is English, `otherwise` in any
 * other. For a stored English phrase that English grammar reshapes (lower-cased mid-sentence) while
 * other languages quote the whole line from its message.
 */
export interface TextEnglishOr {
  readonly english: string;
  readonly otherwise: Text;
}
/** A plain value (data: a version name, an issue key, a count), a nested Text, a list, a day or an instant. */
export type TextValue = string | number | Date | undefined | Text | TextList | TextDay | TextInstant | TextTime | TextEnglishOr;

export function text(id: ServerMessageId, values?: Record<string, TextValue>): Text {
  return values ? { id, values } : { id };
}

export function isText(value: unknown): value is Text {
  return typeof value === 'object' && value !== null && typeof (value as Text).id === 'string';
}

function isTextList(value: unknown): value is TextList {
  return typeof value === 'object' && value !== null && Array.isArray((value as TextList).list);
}

/** How `english()` writes days and instants: as ISO, the form logs and stored summaries keep. */
let isoDates = false;

function valueIn(translator: Translator<ServerMessageId>, value: TextValue): string | number | Date | undefined {
  if (typeof value === 'object' && value !== null && 'day' in value) return isoDates ? value.day.slice(0, 10) : translator.day(value.day.slice(0, 10));
  if (typeof value === 'object' && value !== null && 'instant' in value) {
    return isoDates ? `${value.instant.slice(0, 16).replace('T', ' ')} UTC` : translator.dateTime(value.instant, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
  }
  if (typeof value === 'object' && value !== null && 'time' in value) {
    return isoDates ? `${new Date(value.time).toISOString().slice(11, 16)} UTC` : translator.dateTime(value.time, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
  }
  if (typeof value === 'object' && value !== null && 'otherwise' in value) return translator.locale === 'en' ? value.english : say(translator, value.otherwise);
  if (isTextList(value)) return translator.list(value.list.map((v) => String(valueIn(translator, v) ?? '')), value.type);
  if (isText(value)) return say(translator, value);
  return value as string | number | Date | undefined;
}

/** A Text in the translator's language. */
export function say(translator: Translator<ServerMessageId>, message: Text): string {
  if (!message.values) return translator.t(message.id);
  const values: MessageValues = {};
  for (const [name, value] of Object.entries(message.values)) values[name] = valueIn(translator, value);
  return translator.t(message.id, values);
}

let englishTranslator: Translator<ServerMessageId> | undefined;
/**
 * A Text in English with ISO days and instants ("2026-12-01 10:15 UTC"): the language-neutral form
 * of logs, of an error's `message`, of results' `reason` and of every caller without a locale.
 */
export function english(message: Text): string {
  englishTranslator ??= serverTranslator('en');
  isoDates = true;
  try {
    return say(englishTranslator, message);
  } finally {
    isoDates = false;
  }
}

export { APP_LOCALES };

export const day = (value: string): TextDay => ({ day: value });
export const instant = (value: string): TextInstant => ({ instant: value });
export const time = (value: string): TextTime => ({ time: value });
