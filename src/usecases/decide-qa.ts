import { nextQaRecord, propertyValueOf, qaAuditEvent, type QaDecision, type QaEntry } from '../domain/qa';
import type { ReleaseRecord } from '../domain/release';
import { roleText } from '../domain/gates';
import { AppError, ConflictError } from '../errors';
import { text, type Text } from '../i18n/server-translator';
import type { QaIssue, ReleaseAppend } from '../ports';
import type { DecideManyQaResult, DecideQaResult } from '../shared/qa';
import type { ProjectSettings } from '../shared/settings';
import { getIssueQa, type IssueActor, type QaDeps } from './get-issue-qa';
import { projectSettings } from './load-release';
import type { Actor } from './release-deps';

/** A decision retries its compare-and-swap this often when a release changed meanwhile (a ticked checklist item, say). */
export const QA_SAVE_ATTEMPTS = 4;
/** Releases that record the audit event of one decision at most (one transaction holds 25 writes). */
const MAX_AUDITED_RELEASES = 11;

export interface QaDecisionInput {
  versionId: string;
  build: string;
  decision: QaDecision;
  note: string;
}

/** Why this person may not decide in the project, or undefined when they hold the QA role. */
export async function qaReadOnlyReason(deps: QaDeps, accountId: string, projectKey: string, settings: ProjectSettings): Promise<Text | undefined> {
  const roles = await deps.access.rolesOf(accountId, projectKey, settings);
  if (roles.includes('qa')) return undefined;
  return text('errors.qa.notQa', { role: roleText('qa'), project: projectKey });
}

/** Refuses what would not count (wrong type, wrong release or build) before anything is written. */
function checkIssue(issue: QaIssue, settings: ProjectSettings, versionId: string): { name: string } {
  if (!settings.qaIssueTypes.includes(issue.issueType)) {
    throw new AppError(
      'RULE_VIOLATION',
      settings.qaIssueTypes.length > 0
        ? text('errors.qa.wrongType', { issue: issue.key, type: issue.issueType, types: { list: settings.qaIssueTypes } })
        : text('errors.qa.noTypes', { issue: issue.key }),
    );
  }
  const version = issue.fixVersions.find((v) => v.id === versionId);
  if (!version) throw new AppError('RULE_VIOLATION', text('errors.qa.notInRelease', { issue: issue.key, version: versionId }), [{ field: 'versionId', message: text('errors.field.app.fixVersion') }]);
  return version;
}

async function releaseRecords(deps: QaDeps, issue: QaIssue): Promise<ReleaseRecord[]> {
  const records = await Promise.all(issue.fixVersions.map((v) => deps.store.get(v.id)));
  return records.filter((r): r is ReleaseRecord => r !== undefined);
}

/**
 * Stores one decision: Preflight's record of the issue, its history entry and an audit event on
 * every open release the issue belongs to, in one transaction; then mirrors it to the issue
 * property. A release changed meanwhile (someone ticked a checklist item) is no reason to fail a
 * QA decision, so the compare-and-swap is retried a few times on fresh reads.
 * @returns a warning when the decision is saved but the property could not be written.
 */
async function recordDecision(deps: QaDeps, by: string, issue: QaIssue, version: { name: string }, input: QaDecisionInput): Promise<string | undefined> {
  let entry: QaEntry | undefined;
  for (let attempt = 1; !entry; attempt++) {
    const [previous, releases] = await Promise.all([deps.qaChecks.store.get(issue.id), releaseRecords(deps, issue)]);
    const target = releases.find((r) => r.versionId === input.versionId);
    if (!target?.buildUnderTest) {
      throw new AppError('RULE_VIOLATION', text('errors.qa.noBuild', { version: version.name }));
    }
    if (target.completedAt) throw new AppError('RULE_VIOLATION', text('errors.qa.complete', { version: version.name }));
    if (target.buildUnderTest.id !== input.build) {
      throw new AppError('RULE_VIOLATION', text('errors.qa.buildChanged', { version: version.name, current: target.buildUnderTest.id, build: input.build }), [
        { field: 'build', message: text('errors.field.app.currentBuild', { build: target.buildUnderTest.id }) },
      ]);
    }
    const candidate: QaEntry = { status: input.decision, build: input.build, by, at: deps.clock.now().toISOString(), note: input.note.trim(), versionId: input.versionId };
    const record = nextQaRecord(previous, issue, candidate);
    const appends: ReleaseAppend[] = releases
      .filter((r) => !r.completedAt)
      .slice(0, MAX_AUDITED_RELEASES)
      .map((r) => ({ record: r, expectedRevision: r.revision, events: [qaAuditEvent(candidate, issue.key, r.versionId === input.versionId ? undefined : version.name)] }));
    try {
      await deps.qaChecks.store.saveDecision(record, candidate, appends);
      entry = candidate;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= QA_SAVE_ATTEMPTS) throw error;
    }
  }
  try {
    await deps.qaChecks.jira.writeProperty(issue.id, propertyValueOf(entry));
    return undefined;
  } catch (error) {
    // Preflight's record is saved and authoritative; the panel shows the mismatch until the next decision mirrors it.
    console.warn('Preflight could not mirror a QA decision to the issue property', error);
    return `The decision on ${issue.key} is saved in Preflight, but Jira's issue property could not be updated; the release panel shows the mismatch until the next decision.`;
  }
}

/** Approve or reject the build under test of one release, on the issue the module is open on. QA role only. */
export async function decideQa(deps: QaDeps, actor: IssueActor, input: QaDecisionInput): Promise<DecideQaResult> {
  const [issue] = await deps.qaChecks.jira.issues([actor.issue.id]);
  if (!issue) throw new AppError('NOT_FOUND', text('errors.issue.notFound', { issue: actor.issue.key }));
  if (issue.projectKey !== actor.project.key) throw new AppError('NOT_FOUND', text('errors.issue.otherProject', { issue: actor.issue.key, project: actor.project.key }));
  const { settings } = await projectSettings(deps, issue.projectKey);
  const reason = await qaReadOnlyReason(deps, actor.accountId, issue.projectKey, settings);
  if (reason) throw new AppError('FORBIDDEN', reason);
  const version = checkIssue(issue, settings, input.versionId);
  const mirrorWarning = await recordDecision(deps, actor.accountId, issue, version, input);
  return { view: await getIssueQa(deps, actor), ...(mirrorWarning && { mirrorWarning }) };
}

/**
 * The release panel's bulk decision: the same verdict on several issues of one release. Checks the
 * QA role once, then records each issue on its own (its own transaction and property write), so
 * one issue that changed does not undo the others; failures are reported per issue.
 */
export async function decideQaMany(deps: QaDeps, actor: Actor, input: QaDecisionInput & { issueIds: string[] }): Promise<DecideManyQaResult> {
  const { settings } = await projectSettings(deps, actor.project.key);
  const reason = await qaReadOnlyReason(deps, actor.accountId, actor.project.key, settings);
  if (reason) throw new AppError('FORBIDDEN', reason);
  const issues = await deps.qaChecks.jira.issues(input.issueIds);
  const byId = new Map(issues.map((i) => [i.id, i]));
  const result: DecideManyQaResult = { decided: [], failed: [], mirrorWarnings: [] };
  // One after another: the decisions all append to the same release, so in parallel they would only fight over its revision.
  for (const id of input.issueIds) {
    const issue = byId.get(id);
    if (!issue || issue.projectKey !== actor.project.key) {
      result.failed.push({ issueId: id, message: `Issue ${id} was not found in ${actor.project.key}, or you cannot see it.` });
      continue;
    }
    try {
      const version = checkIssue(issue, settings, input.versionId);
      const warning = await recordDecision(deps, actor.accountId, issue, version, input);
      result.decided.push({ issueId: id, issueKey: issue.key });
      if (warning) result.mirrorWarnings.push(warning);
    } catch (error) {
      if (!(error instanceof AppError || error instanceof ConflictError)) throw error;
      result.failed.push({ issueId: id, issueKey: issue.key, message: error.message });
    }
  }
  return result;
}
