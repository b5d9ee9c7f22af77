import { doc, paragraph, text } from '@atlaskit/adf-utils/builders';
import { say, serverTranslator, type ServerMessageId, type Text } from '../i18n/server-translator';

/**
 * The sentence a Preflight macro's Word/PDF export gives instead of its content: not configured
 * yet, or its release unreadable. A macro not configured names no project, so there is no project
 * language to follow; a failed export has none read. So these sentences are in the exporting
 * person's language when the export event carries it (`context.locale`, the same Forge locale tag
 * a resolver's context has), else in English. Atlassian's docs name only `exportType` (pdf, word,
 * other) and the extension context for an adfExport payload, so the local Confluence sends no
 * locale, and a missing or unknown one is expected and reads in English.
 */
export function exportLocale(event: unknown): string | undefined {
  const context = typeof event === 'object' && event !== null ? (event as { context?: unknown }).context : undefined;
  const locale = typeof context === 'object' && context !== null ? (context as { locale?: unknown }).locale : undefined;
  return typeof locale === 'string' && locale.length <= 35 ? locale : undefined;
}

type ExportNoteId = Extract<ServerMessageId, `pages.export.${string}`>;

/** One of the export's sentences (pages.export.*) in the exporting person's language (see exportLocale). */
export function exportNote(event: unknown, id: ExportNoteId) {
  return doc(paragraph(text(serverTranslator(exportLocale(event)).t(id))));
}

/** "This Preflight macro is not configured yet." in the exporting person's language. */
export function notConfiguredNote(event: unknown) {
  return exportNote(event, 'pages.export.notConfigured');
}

/** An error's own sentence (an AppError's message id) in the exporting person's language; its English message otherwise. */
export function errorNote(event: unknown, error: { message: string; text?: Text }) {
  return doc(paragraph(text(error.text ? say(serverTranslator(exportLocale(event)), error.text) : error.message)));
}
