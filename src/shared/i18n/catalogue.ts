import { compileMessageOrThrow, type CompiledMessage } from '@lingui/message-utils/compileMessage';
import { PSEUDO_LOCALE, type UiLocale } from './locales';
import { compilePseudo } from './pseudo';

/**
 * A catalogue is a flat JSON object of message id -> ICU MessageFormat string (plural, select,
 * number and date arguments), one file per namespace and language: `<namespace>.<language>.json`.
 * Ids are dotted and start with the namespace ("panel.advance.button"). English is the source;
 * the pseudo-locale is made from it.
 */
export type SourceCatalogue = Record<string, string>;
export type CompiledCatalogue = Record<string, CompiledMessage>;

/**
 * Compiles every message of the catalogues for one locale into the form @lingui/core formats
 * without a parser (the Custom UI does this at build time, the backend on first use).
 * @throws Error naming the message id when one is not valid ICU, or an id appears twice.
 */
export function compileCatalogues(locale: UiLocale, sources: readonly SourceCatalogue[]): CompiledCatalogue {
  const compiled: CompiledCatalogue = {};
  for (const source of sources) {
    for (const [id, message] of Object.entries(source)) {
      if (id in compiled) throw new Error(`message ${id} is defined twice`);
      try {
        compiled[id] = locale === PSEUDO_LOCALE ? compilePseudo(message) : compileMessageOrThrow(message);
      } catch (error) {
        throw new Error(`message ${id} (${locale}) is not valid ICU MessageFormat: ${(error as Error).message}`, { cause: error });
      }
    }
  }
  return compiled;
}
