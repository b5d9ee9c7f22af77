import { doc, paragraph, text } from '@atlaskit/adf-utils/builders';
import { serverTranslator } from '../i18n/server-translator';

/**
 * The Word/PDF export of a Preflight macro that is not configured yet. Such a macro names no
 * project, so there is no project language to follow: the sentence is in the exporting person's
 * language when the export event carries it (`context.locale`, as the emulator's export passes it,
 * the same Forge locale tag a resolver's context has), else in English. Atlassian's docs name only
 * `exportType` (pdf, word, other) and the extension context for an adfExport payload, so a missing
 * or unknown locale is expected and reads in English.
 */
export function exportLocale(event: unknown): string | undefined {
  const context = typeof event === 'object' && event !== null ? (event as { context?: unknown }).context : undefined;
  const locale = typeof context === 'object' && context !== null ? (context as { locale?: unknown }).locale : undefined;
  return typeof locale === 'string' && locale.length <= 35 ? locale : undefined;
}

/** "This Preflight macro is not configured yet." in the exporting person's language (see exportLocale). */
export function notConfiguredNote(event: unknown) {
  return doc(paragraph(text(serverTranslator(exportLocale(event)).t('pages.export.notConfigured'))));
}
