import { roleText } from '../domain/gates';
import type { ReleaseRecord } from '../domain/release';
import { ProductError, StoredDocumentError } from '../errors';
import { say, text, type Text } from '../i18n/server-translator';
import type { ProjectAccess, QaJira, QaStore, ReleaseStore, SettingsStore, StatusCatalog, StatusInfo } from '../ports';
import { projectSettings } from './load-release';
import { projectTranslator, storedProjectTranslator, type ServerTranslator } from './project-language';

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

/**
 * The answer Forge's validator contract expects: `errorMessage` is shown only when `result` is false,
 * to the person moving the issue. The invocation carries no user, so it is in the project's language.
 */
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
    if (!status) return await unableToCheck(deps, check.issueKey, undefined, text('errors.validator.noStatus', { id: check.toStatusId }));
    // Only moves that finish the issue need QA's word.
    if (status.category !== 'done') return ALLOW;
    if (!issue) return await unableToCheck(deps, check.issueKey, status, text('errors.validator.cannotSee'));
    const { settings } = await projectSettings(deps, issue.projectKey);
    if (!settings.qaIssueTypes.includes(issue.issueType)) return ALLOW;
    const versions = check.fixVersions === undefined ? issue.fixVersions : (check.fixVersions ?? []);
    const [records, qa] = await Promise.all([Promise.all(versions.map((v) => deps.store.get(v.id))), deps.qa.get(issue.id)]);
    const underQa = records.filter((r): r is ReleaseRecord & { buildUnderTest: { id: string } } => r !== undefined && !r.completedAt && r.buildUnderTest !== undefined);
    const approved = (build: string) => qa?.latest.status === 'approved' && qa.latest.build === build;
    const missing = underQa.filter((r) => !approved(r.buildUnderTest.id));
    if (missing.length === 0) return ALLOW;
    const wasRejected = (r: (typeof missing)[number]) => qa?.latest.status === 'rejected' && qa.latest.build === r.buildUnderTest.id;
    const builds = (list: typeof missing) => ({ list: list.map((r) => text('errors.validator.build', { build: r.buildUnderTest.id, version: versionName(r, versions) })) });
    const rejected = missing.filter(wasRejected);
    const pending = missing.filter((r) => !wasRejected(r));
    const saidRejected = rejected.length > 0 ? text('errors.validator.rejected', { builds: builds(rejected) }) : undefined;
    const saidPending = pending.length > 0 ? text('errors.validator.notApproved', { builds: builds(pending) }) : undefined;
    const why = saidRejected && saidPending ? text('errors.validator.both', { rejected: saidRejected, pending: saidPending }) : (saidRejected ?? saidPending)!;
    const who = await approvers(deps, issue.projectKey, settings.roleMapping.qa);
    const tr = projectTranslator(settings);
    return { result: false, errorMessage: say(tr, text('errors.validator.refused', { issue: issue.key, status: status.name, why, who })) };
  } catch (error) {
    console.error(`Preflight's QA validator could not check ${check.issueKey}:`, error);
    return unableToCheck(deps, check.issueKey, target, reasonOf(error));
  }
}

function versionName(record: ReleaseRecord, versions: Array<{ id: string; name: string }>): string | Text {
  return versions.find((v) => v.id === record.versionId)?.name ?? text('errors.validator.versionId', { id: record.versionId });
}

/** Who can approve, by the Jira project roles mapped to Preflight's QA role (names read cheaply, as the app). */
async function approvers(deps: TransitionDeps, projectKey: string, roleIds: string[]): Promise<Text> {
  const role = roleText('qa');
  if (roleIds.length === 0) return text('errors.validator.nobody', { role, project: projectKey });
  let names: string[] = [];
  try {
    const roles = await deps.access.projectRoles(projectKey);
    names = roleIds.map((id) => roles.find((r) => r.id === id)?.name).filter((n): n is string => Boolean(n));
  } catch {
    // Names only make the message friendlier; the refusal stands without them.
  }
  if (names.length === 0) return text('errors.validator.approverOf', { role, project: projectKey });
  return text('errors.validator.approverRoles', { role, count: names.length, names: names.join(', '), project: projectKey });
}

function reasonOf(error: unknown): Text {
  if (error instanceof ProductError) return text('errors.validator.jiraAnswered', { status: error.status });
  if (error instanceof StoredDocumentError) return text('errors.validator.storedUnreadable');
  return text('errors.validator.unexpected');
}

/**
 * Fail closed, saying why and how to get past it, in the language of the issue key's project
 * (English when its settings cannot be read, which may be why the check failed).
 */
async function unableToCheck(deps: Pick<TransitionDeps, 'settings'>, issueKey: string, status: StatusInfo | undefined, reason: Text): Promise<ValidatorVerdict> {
  const tr: ServerTranslator = await storedProjectTranslator(deps.settings, issueKey.split('-')[0] ?? '');
  const to = status?.name ?? text('errors.validator.thisStatus');
  return { result: false, errorMessage: say(tr, text('errors.validator.unable', { issue: issueKey, reason, status: to })) };
}
