import { compareQaApprovals, type QaDecision, type QaMismatch } from '../domain/qa';
import type { QaJira, QaStore, ReleaseCountsQuery } from '../ports';

/** What the readiness evaluation needs to hold Jira's QA property to Preflight's own record. */
export interface QaChecks {
  jira: QaJira;
  store: QaStore;
}

/** Mismatches shown at most (the correction counts them all). */
const SHOWN = 50;

/**
 * Compares, for a release with a build under test, the issues Jira's property calls approved with
 * the issues Preflight recorded as approved. Cost: the approved issues' ids from JQL (5,000 a
 * page), the app's approvals for the build from the KVS (100 a page), and only when the two
 * disagree, one JQL check of which app approvals belong to this release and the KVS records of
 * the issues the property alone approves. Ids and keys only: one JQL call per 5,000 approved
 * issues and one KVS page per 100, so a release of 5,000 issues costs one extra REST call.
 */
export async function reconcileQa(checks: QaChecks, projectKey: string, q: ReleaseCountsQuery): Promise<{ mismatches: QaMismatch[]; pendingCorrection: number }> {
  const build = q.buildUnderTest;
  if (!build || q.qaIssueTypes.length === 0) return { mismatches: [], pendingCorrection: 0 };
  const [propertyApproved, appApproved] = await Promise.all([checks.jira.propertyApproved(q), checks.store.approvedFor(projectKey, build)]);
  const byProperty = new Set(propertyApproved.map((i) => i.id));
  const byApp = new Set(appApproved.map((i) => i.id));
  // Approvals recorded by Preflight the property lacks may belong to another release with the same build name.
  const appOnly = appApproved.filter((i) => !byProperty.has(i.id)).map((i) => i.id);
  const propertyOnly = propertyApproved.filter((i) => !byApp.has(i.id));
  const [appOnlyInScope, records] = await Promise.all([
    checks.jira.inScope(q, appOnly),
    Promise.all(propertyOnly.slice(0, SHOWN).map(async (i) => [i.id, await checks.store.get(i.id)] as const)),
  ]);
  const appDecisions = new Map<string, { status: QaDecision; build: string }>(appApproved.map((i) => [i.id, { status: 'approved', build }]));
  for (const [id, record] of records) if (record) appDecisions.set(id, { status: record.latest.status, build: record.latest.build });
  const appApprovedInScope = [...propertyApproved.filter((i) => byApp.has(i.id)), ...appOnlyInScope];
  const result = compareQaApprovals({ propertyApproved, appApprovedInScope, appDecisions });
  return { mismatches: result.mismatches.slice(0, SHOWN), pendingCorrection: result.pendingCorrection };
}
