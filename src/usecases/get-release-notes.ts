import { groupTitles } from '../domain/publishing';
import { buildReleaseNotes, showsUnfinished, type ReleaseNotes } from '../domain/release-notes';
import type { MacroConfig, ReleaseNotesView } from '../shared/macros';
import { loadMacroRelease, publishedOf, versionRef } from './macro-release';
import type { MacroDeps } from './macro-deps';
import type { LoadedRelease } from './load-release';
import { projectTranslator, type ServerTranslator } from './project-language';
import type { Actor } from './release-deps';

/**
 * The release's notes as the person sees them (their Jira permissions decide which issues), with
 * the ids of the version's done issues: the shipped scope a published page is checked against.
 * Group titles in the translator's language (the project's; absent: English).
 */
export async function readReleaseNotes(deps: MacroDeps, config: MacroConfig, versionId: string, tr?: ServerTranslator): Promise<{ notes: ReleaseNotes; doneIssueIds: string[] }> {
  const issues = await deps.macroReads.notesIssues(versionId);
  const site = deps.siteUrl.replace(/\/$/, '');
  const notes = buildReleaseNotes(issues, {
    audience: config.audience,
    grouping: config.grouping,
    ...(config.typeOrder && { typeOrder: config.typeOrder }),
    showUnfinished: showsUnfinished(config),
    issueUrl: (key) => `${site}/browse/${encodeURIComponent(key)}`,
    ...(tr && { titles: groupTitles(tr) }),
  });
  return { notes, doneIssueIds: issues.filter((i) => i.statusCategory === 'done').map((i) => i.id) };
}

/** The release's notes as the person sees them. */
export async function releaseNotesFor(deps: MacroDeps, config: MacroConfig, versionId: string, tr?: ServerTranslator): Promise<ReleaseNotes> {
  return (await readReleaseNotes(deps, config, versionId, tr)).notes;
}

export function releaseNotesView(actor: Actor, loaded: LoadedRelease, config: MacroConfig, notes: ReleaseNotes): ReleaseNotesView {
  // The remembered page holds the customer-facing notes; internal notes have a page of their own.
  const published = config.audience === 'customer' ? publishedOf(loaded, 'release-notes') : undefined;
  return {
    project: actor.project,
    version: versionRef(loaded),
    audience: config.audience,
    grouping: config.grouping,
    ...notes,
    ...(published && { published }),
  };
}

/**
 * Release notes for a macro: every issue of the version (id pages, then bulk fetches under a
 * concurrency limit), filtered for the audience, grouped as configured.
 * @throws ProductError; AppError NOT_FOUND.
 */
export async function getReleaseNotes(deps: MacroDeps, accountId: string, config: MacroConfig): Promise<ReleaseNotesView> {
  const { actor, loaded } = await loadMacroRelease(deps, accountId, config, { withRoles: false });
  // The macro sits on a Confluence page: its group titles are in the project's language, as the published page's are.
  return releaseNotesView(actor, loaded, config, await releaseNotesFor(deps, config, loaded.version.id, projectTranslator(loaded.settings)));
}
