import type { ReleaseRecord } from '../domain/release';
import { ROLE_LABELS } from '../domain/template';
import { ProductError, StoredDocumentError } from '../errors';
import type { ProjectAccess, QaJira, QaStore, ReleaseStore, SettingsStore, StatusCatalog, StatusInfo } from '../ports';
import { projectSettings } from './load-release';

/**
 * The workflow rule "no Done without QA approval" (manifest `jira:workflowValidator`
 * preflight-qa-validator). Jira calls it before a transition it was added to; it refuses a move
 * into a Done-category status for an issue of a QA-required type in a release under QA (a build
 * under test, not complete) whose current build QA has not approved. It runs as the app: the
 * validator's invocation has no user.
 */

export interface TransitionDeps {
  /** Jira's issues, read as the app. */
  issues: Pick<QaJira, 'issues'>;
  statuses: StatusCatalog;
  store: Pick<ReleaseStore, 'get'>;
  qa: Pick<QaStore, 'get'>;
  settings: SettingsStore;
  access: Pick<ProjectAccess, 'projectRoles'>;
}

/** What Jira tells the validator about the transition (Forge's validator function payload). */
export interface TransitionCheck {
  issueKey: string;
  toStatusId: string;
  /**
   * Fix versions set on the transition screen (`modifiedFields.fixVersions`): the issue will have
   * these once it moves, so they decide. `null` when the screen cleared them; absent when untouched.
   */
  fixVersions?: Array<{ id: string; name: string }> | null;
}

/** The answer Forge's validator contract expects: `errorMessage` is shown only when `result` is false. */
export type ValidatorVerdict = { result: true } | { result: false; errorMessage: string };

const ALLOW: ValidatorVerdict = { result: true };

/**
 * Decides one transition. Never throws: when Preflight cannot read Jira or its storage it refuses
 * the move with a message saying so (fail closed, see README "Workflow rule"): the move can be
 * tried again in a minute, while an issue let through to Done unchecked is exactly the walk-around
 * the rule exists to stop, and Jira itself counts a validator that fails as a refusal.
 */
export async function validateTransition(deps: TransitionDeps, check: TransitionCheck): Promise<ValidatorVerdict> {
  let target: StatusInfo | undefined;
  try {
    const [status, [issue]] = await Promise.all([deps.statuses.status(check.toStatusId), deps.issues.issues([check.issueKey])]);
    target = status;
    if (!status) return unableToCheck(check.issueKey, undefined, `Jira has no status ${check.toStatusId}`);
    // Only moves that finish the issue need QA's word.
    if (status.category !== 'done') return ALLOW;
    if (!issue) return unableToCheck(check.issueKey, status, 'the app cannot see the issue');
    const { settings } = await projectSettings(deps, issue.projectKey);
    if (!settings.qaIssueTypes.includes(issue.issueType)) return ALLOW;
    const versions = check.fixVersions === undefined ? issue.fixVersions : (check.fixVersions ?? []);
    const [records, qa] = await Promise.all([Promise.all(versions.map((v) => deps.store.get(v.id))), deps.qa.get(issue.id)]);
    const underQa = records.filter((r): r is ReleaseRecord & { buildUnderTest: { id: string } } => r !== undefined && !r.completedAt && r.buildUnderTest !== undefined);
    const approved = (build: string) => qa?.latest.status === 'approved' && qa.latest.build === build;
    const missing = underQa.filter((r) => !approved(r.buildUnderTest.id));
    if (missing.length === 0) return ALLOW;
    const wasRejected = (r: (typeof missing)[number]) => qa?.latest.status === 'rejected' && qa.latest.build === r.buildUnderTest.id;
    const builds = (list: typeof missing) => list.map((r) => `build ${r.buildUnderTest.id} (${versionName(r, versions)})`).join(' and ');
    const rejected = missing.filter(wasRejected);
    const pending = missing.filter((r) => !wasRejected(r));
    const why = [rejected.length > 0 && `QA rejected ${builds(rejected)}`, pending.length > 0 && `QA has not approved ${builds(pending)} yet`].filter(Boolean).join('; ');
    const who = await approvers(deps, issue.projectKey, settings.roleMapping.qa);
    return { result: false, errorMessage: `${issue.key} cannot move to ${status.name}: ${why}. ${who}` };
  } catch (error) {
    console.error(`Preflight's QA validator could not check ${check.issueKey}:`, error);
    return unableToCheck(check.issueKey, target, reasonOf(error));
  }
}

function versionName(record: ReleaseRecord, versions: Array<{ id: string; name: string }>): string {
  return versions.find((v) => v.id === record.versionId)?.name ?? `version ${record.versionId}`;
}

/** Who can approve, by the Jira project roles mapped to Preflight's QA role (names read cheaply, as the app). */
async function approvers(deps: TransitionDeps, projectKey: string, roleIds: string[]): Promise<string> {
  const label = ROLE_LABELS.qa;
  const where = "in the issue's Preflight QA panel";
  if (roleIds.length === 0) {
    return `Nobody holds Preflight's ${label} role in ${projectKey} yet: a project admin maps Jira project roles to it in Preflight's project settings, and its members approve builds ${where}.`;
  }
  let names: string[] = [];
  try {
    const roles = await deps.access.projectRoles(projectKey);
    names = roleIds.map((id) => roles.find((r) => r.id === id)?.name).filter((n): n is string => Boolean(n));
  } catch {
    // Names only make the message friendlier; the refusal stands without them.
  }
  const roleText = names.length > 0 ? ` (Jira project role${names.length > 1 ? 's' : ''} ${names.join(', ')} in ${projectKey})` : ` of ${projectKey}`;
  return `A ${label}${roleText} approves the build ${where}.`;
}

function reasonOf(error: unknown): string {
  if (error instanceof ProductError) return `Jira answered ${error.status}`;
  if (error instanceof StoredDocumentError) return "Preflight's stored data could not be read";
  return 'Preflight met an unexpected error';
}

/** Fail closed, saying why and how to get past it. */
function unableToCheck(issueKey: string, status: StatusInfo | undefined, reason: string): ValidatorVerdict {
  const to = status?.name ?? 'this status';
  return {
    result: false,
    errorMessage:
      `Preflight could not check QA approval for ${issueKey} (${reason}), so it cannot move to ${to} yet. Try again in a minute; ` +
      'if this keeps happening, a Jira admin can remove the "Preflight: QA approval before Done" validator from the transition.',
  };
}
