import { doc, paragraph, text } from '@atlaskit/adf-utils/builders';
import type { ResolverRequest } from './define-resolver';

/**
 * Issue 14 (Release calendar). Contract with src/index.ts (keep these export names):
 * - `calendarPageResolvers`: resolver key -> resolver, served to the Jira pages (index.handler) only.
 * - `calendarMacroResolvers`: resolver key -> resolver, served to the pages AND the macro frames (index.macroHandler).
 * - `calendarExportHandler`: the macro's adfExport function (manifest function calendar-export).
 * Keys are `noun/verb` strings defined in src/shared (never an existing key).
 */
export type ResolverFunction = (request: ResolverRequest) => Promise<unknown>;

export const calendarPageResolvers: Record<string, ResolverFunction> = {};
export const calendarMacroResolvers: Record<string, ResolverFunction> = {};

export async function calendarExportHandler(_event: unknown, _context?: unknown): Promise<unknown> {
  return doc(paragraph(text('This Preflight macro is not configured yet.')));
}
