import { releaseNoteOf, withReleaseNote } from '../domain/issue-release-note';
import { AppError } from '../errors';
import type { IssueReleaseNoteView, SaveReleaseNotePayload } from '../shared/qa';
import { releaseNoteReadOnlyReason, type ReleaseNoteDeps } from './get-issue-release-note';
import type { IssueActor } from './get-issue-qa';

/**
 * Saves the issue's release note into the property the release notes read, as the person: first
 * Preflight's role check, then Jira's own (they must be allowed to edit the issue). Other keys a
 * REST client put in the property are kept.
 * @throws AppError FORBIDDEN without a Preflight role; ProductError when Jira refuses (403: no edit permission).
 */
export async function saveIssueReleaseNote(deps: ReleaseNoteDeps, actor: IssueActor, input: SaveReleaseNotePayload): Promise<IssueReleaseNoteView> {
  const reason = await releaseNoteReadOnlyReason(deps, actor);
  if (reason) throw new AppError('FORBIDDEN', reason);
  const value = withReleaseNote(await deps.issueNotes.read(actor.issue.id), input);
  await deps.issueNotes.write(actor.issue.id, value);
  return { issue: actor.issue, ...releaseNoteOf(value), me: { canEdit: true } };
}
