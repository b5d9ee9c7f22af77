import { doc, paragraph, text } from '@atlaskit/adf-utils/builders';
import type { ResolverRequest } from './define-resolver';

/**
 * Issue 14 (Release health). Contract with src/index.ts (keep these export names):
 * - `healthPageResolvers`: resolver key -> resolver, served to the Jira pages (index.handler) only.
 * - `healthMacroResolvers`: resolver key -> resolver, served to the pages AND the macro frames (index.macroHandler).
 * - `healthExportHandler`: the macro's adfExport function (manifest function health-export).
 * Keys are `noun/verb` strings defined in src/shared (never an existing key).
 */
export type ResolverFunction = (request: ResolverRequest) => Promise<unknown>;

export const healthPageResolvers: Record<string, ResolverFunction> = {};
export const healthMacroResolvers: Record<string, ResolverFunction> = {};

export async function healthExportHandler(_event: unknown, _context?: unknown): Promise<unknown> {
  return doc(paragraph(text('This Preflight macro is not configured yet.')));
}
