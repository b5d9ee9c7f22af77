import { doc, paragraph, text } from '@atlaskit/adf-utils/builders';
import type { ResolverFunction } from './trains';

/**
 * Issue 14 (a release train's combined release notes). Contract with src/index.ts (keep these export names):
 * - `trainNotesPageResolvers`: resolver key -> resolver, served to the Jira pages (index.handler) only.
 * - `trainNotesMacroResolvers`: resolver key -> resolver, served to the pages AND the macro frames (index.macroHandler).
 * - `trainNotesExportHandler`: the macro's adfExport function (manifest function train-notes-export).
 */
export const trainNotesPageResolvers: Record<string, ResolverFunction> = {};
export const trainNotesMacroResolvers: Record<string, ResolverFunction> = {};

export async function trainNotesExportHandler(_event: unknown, _context?: unknown): Promise<unknown> {
  return doc(paragraph(text('This Preflight macro is not configured yet.')));
}
