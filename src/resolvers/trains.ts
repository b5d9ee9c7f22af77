import type { ResolverRequest } from './define-resolver';

/**
 * Issue 14 (Release trains). Contract with src/index.ts (keep these export names):
 * - `trainsPageResolvers`: resolver key -> resolver, served to the Jira pages (index.handler) only.
 * - `trainsMacroResolvers`: resolver key -> resolver, served to the pages AND the macro frames (index.macroHandler).
 * Keys are `noun/verb` strings defined in src/shared (never an existing key).
 */
export type ResolverFunction = (request: ResolverRequest) => Promise<unknown>;

export const trainsPageResolvers: Record<string, ResolverFunction> = {};
export const trainsMacroResolvers: Record<string, ResolverFunction> = {};
