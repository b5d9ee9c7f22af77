import api from '@forge/api';
import { confluencePages } from './adapters/confluence-pages';
import { jiraMacroReads } from './adapters/jira-macro-reads';
import { releaseDeps } from './composition';
import type { MacroDeps } from './usecases/macro-deps';

/**
 * The macros' adapters, per request: the release panel's (reads as the person) plus the notes'
 * Jira reads and Confluence pages, both as the person too. Beside composition.ts while other
 * helpers edit that file; it can move in there.
 */
export function macroDeps(siteUrl: string): MacroDeps {
  return { ...releaseDeps(siteUrl), macroReads: jiraMacroReads(api.asUser()), pages: confluencePages(siteUrl || undefined), siteUrl };
}
