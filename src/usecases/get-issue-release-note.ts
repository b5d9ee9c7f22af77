import { releaseNoteOf } from '../domain/issue-release-note';
import { roleText } from '../domain/gates';
import { PREFLIGHT_ROLES } from '../domain/template';
import { callerTranslator, say, text, type Text } from '../i18n/server-translator';
import type { IssueNotesProperty } from '../ports';
import type { IssueReleaseNoteView } from '../shared/qa';
import type { IssueActor } from './get-issue-qa';
import { projectSettings } from './load-release';
import type { ReleaseDeps } from './release-deps';

/** What the release-note editor needs: settings and roles for the check, the property as the person. */
export type ReleaseNoteDeps = Pick<ReleaseDeps, 'settings' | 'access'> & { issueNotes: IssueNotesProperty };

/** Why this person may only read the release note, or undefined when they hold a Preflight role in the project. */
export async function releaseNoteReadOnlyReason(deps: ReleaseNoteDeps, actor: IssueActor): Promise<Text | undefined> {
  const { settings } = await projectSettings(deps, actor.project.key);
  const roles = await deps.access.rolesOf(actor.accountId, actor.project.key, settings);
  if (roles.length > 0) return undefined;
  return text('errors.releaseNote.noRole', { project: actor.project.key, roles: { list: PREFLIGHT_ROLES.map(roleText) } });
}

/**
 * The issue's release note (text and internal flag) as the release notes will show it, read as the
 * person; anyone who can see the issue reads it, people with a Preflight role may edit it.
 */
export async function getIssueReleaseNote(deps: ReleaseNoteDeps, actor: IssueActor): Promise<IssueReleaseNoteView> {
  const [value, reason] = await Promise.all([deps.issueNotes.read(actor.issue.id), releaseNoteReadOnlyReason(deps, actor)]);
  const tr = callerTranslator(actor.locale, actor.timeZone);
  return { issue: actor.issue, ...releaseNoteOf(value), me: reason ? { canEdit: false, readOnlyReason: say(tr, reason) } : { canEdit: true } };
}
