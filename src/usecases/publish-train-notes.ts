import { AppError } from '../errors';
import { english, say, text, type Text } from '../i18n/server-translator';
import type { PublishPermissionView, PublishResult } from '../shared/macros';
import type { TrainNotesConfig } from '../shared/train-notes';
import { loadTrainMembers, trainNotesDocument, trainNotesView, trainTranslator, type LoadedMember, type TrainNotesDeps, withNotes } from './get-train-notes';
import { mayPublish } from './macro-release';
import { linkFromVersion, writePage } from './publish-page';
import { inOtherLanguages, type ServerTranslator } from './project-language';

/** Why the person may not publish the train's notes, or undefined when they may. */
function refusal(members: { members: ReadonlyArray<Pick<LoadedMember, 'member' | 'loaded'>>; hidden: number }): Text | undefined {
  if (members.hidden > 0) return text('errors.trainNotes.hidden', { hidden: members.hidden });
  const without = [...new Set(members.members.filter((m) => !mayPublish(m.loaded)).map((m) => m.member.projectKey))];
  if (without.length > 0) return text('errors.trainNotes.noRole', { projects: without.join(', ') });
  return undefined;
}

/** Whether the person may publish the train's notes (the single release's rule, for every member); why not, in `tr`'s language. */
export async function canPublishTrainNotes(deps: TrainNotesDeps, accountId: string, config: TrainNotesConfig, tr?: ServerTranslator): Promise<PublishPermissionView> {
  const reason = refusal(await loadTrainMembers(deps, accountId, config, { withRoles: true }));
  return reason ? { canPublish: false, reason: tr ? say(tr, reason) : english(reason) } : { canPublish: true };
}

/**
 * Publishes a train's combined release notes as the Confluence page "Release notes: <train name>"
 * (internal notes: "Internal release notes: <train name>"), by the rules of a release's pages
 * (`writePage`): found by title in the space and updated, never duplicated; what people wrote
 * outside Preflight's block stays; a page Preflight cannot merge into is refused, and a page
 * beside it is published only when the person asks. Each member's Jira version links the page.
 * Who may: the single release's rule for every member (a Preflight role in each member's project);
 * a member in a project the person cannot see refuses the publish. Nothing is written when refused.
 * @throws AppError FORBIDDEN, NOT_FOUND, RULE_VIOLATION; ProductError; ConflictError.
 */
export async function publishTrainNotes(deps: TrainNotesDeps, accountId: string, config: TrainNotesConfig, spaceId: string, options: { beside?: boolean } = {}): Promise<PublishResult> {
  const loaded = await loadTrainMembers(deps, accountId, config, { withRoles: true });
  const reason = refusal(loaded);
  if (reason) throw new AppError('FORBIDDEN', reason);
  const read = await withNotes(deps, config, loaded);
  const view = trainNotesView(read.train, config.audience, read.members, read.hidden);
  const tr = await trainTranslator(deps, read.train);
  const built = { ...trainNotesDocument(view, tr), formerTitles: inOtherLanguages(tr, (other) => trainNotesDocument(view, other).title) };
  const { page, outcome } = await writePage(deps, spaceId, built, { ...(options.beside && { beside: true }) });
  for (const m of read.members) await linkFromVersion(deps, m.member.versionId, page, 'train-notes');
  return { pageId: page.id, url: page.url, at: deps.clock.now().toISOString(), title: page.title, pageVersion: page.version, outcome };
}
