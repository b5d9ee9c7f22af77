import type { IssueList } from '../shared/release-panel';
import type { ReleaseCountsQuery } from '../ports';
import { jqlSince, jqlString } from './jira-http';

/**
 * The JQL behind each auto gate. Counting in Jira keeps a readiness evaluation at a fixed number
 * of calls whatever the release's size; the same JQL lists the issues when someone asks.
 */

/** The issue property QA decisions are mirrored in (indexed through jira:entityProperty). */
export const QA_PROPERTY = 'preflight-qa';

const list = (values: string[]) => values.map(jqlString).join(', ');

export function releaseJql(q: ReleaseCountsQuery, which: IssueList | 'qa-scope'): string | undefined {
  const inVersion = `fixVersion = ${q.versionId}`;
  switch (which) {
    case 'not-done':
      return `${inVersion} AND statusCategory != Done ORDER BY priority DESC, key ASC`;
    case 'open-blockers':
      return q.blockerPriorities.length === 0
        ? undefined
        : `${inVersion} AND issuetype = Bug AND priority IN (${list(q.blockerPriorities)}) AND statusCategory != Done ORDER BY priority DESC, key ASC`;
    case 'qa-scope':
      return q.qaIssueTypes.length === 0 ? undefined : `${inVersion} AND issuetype IN (${list(q.qaIssueTypes)})`;
    case 'qa-pending': {
      if (q.qaIssueTypes.length === 0 || !q.buildUnderTest) return undefined;
      // A missing property never equals anything in JQL, so "not approved for this build" is spelt out.
      const p = `issue.property[${QA_PROPERTY}]`;
      return (
        `${inVersion} AND issuetype IN (${list(q.qaIssueTypes)}) AND ` +
        `(${p}.status IS EMPTY OR ${p}.status != "approved" OR ${p}.build != ${jqlString(q.buildUnderTest)}) ORDER BY key ASC`
      );
    }
    case 'scope-added':
      return q.frozenAt
        ? `${inVersion} AND fixVersion CHANGED TO ${jqlString(q.versionName)} AFTER ${jqlSince(q.frozenAt, new Date(q.asOf))} ORDER BY key ASC`
        : undefined;
  }
}
