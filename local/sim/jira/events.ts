import type { JiraDb } from './db';
import { issueJson, versionJson } from './serialize';
import type { JiraChangelogEntry, JiraIssue, JiraVersion } from './types';

/**
 * The product events the simulated Jira reports after a change (Forge "Jira events": names and
 * payload shapes from developer.atlassian.com/platform/forge/events-reference/jira). The runtime
 * (local/runtime/product-events.ts) delivers them to the app's `trigger` modules.
 */
export interface JiraEvent {
  eventType: string;
  payload: Record<string, unknown>;
  /** Made by the app's own `asApp()` call (what a trigger's `filter.ignoreSelf` leaves out). */
  causedByApp: boolean;
}

/** The fields the docs' Issue type lists for an issue event (summary, issue type, project, people, status, dates). */
const EVENT_ISSUE_FIELDS = new Set(['summary', 'issuetype', 'project', 'reporter', 'assignee', 'status', 'created', 'updated']);

/** `{ eventType, atlassianId?, version }` (+ `mergedVersion` for a merge; + `newFixVersion` for a delete with a swap). */
export function versionEvent(
  db: JiraDb,
  base: string,
  now: Date,
  eventType: string,
  version: JiraVersion,
  atlassianId: string | null,
  extra: { mergedVersion?: JiraVersion; newFixVersion?: JiraVersion } = {},
): Record<string, unknown> {
  return {
    eventType,
    ...(atlassianId && { atlassianId }),
    version: versionJson(db, base, version, now),
    ...(extra.mergedVersion && { mergedVersion: versionJson(db, base, extra.mergedVersion, now) }),
    ...(eventType === 'avi:jira:deleted:version' && {
      ...(extra.newFixVersion && { newFixVersion: versionJson(db, base, extra.newFixVersion, now) }),
      customFieldReplacements: [],
    }),
  };
}

/**
 * `avi:jira:updated:issue`: the issue (id, key, a few fields), who changed it, and the changelog
 * entry of the change with `from`/`to` null for an empty side (as the docs say; the REST
 * changelog leaves them out instead, see serialize.ts).
 */
export function issueUpdatedEvent(db: JiraDb, base: string, now: Date, issue: JiraIssue, entry: JiraChangelogEntry, atlassianId: string | null): Record<string, unknown> {
  const json = issueJson(db, base, issue, now, { fields: EVENT_ISSUE_FIELDS, expand: new Set(), properties: [] });
  return {
    eventType: 'avi:jira:updated:issue',
    ...(atlassianId && { atlassianId }),
    issue: { id: json.id, key: json.key, fields: json.fields },
    changelog: {
      id: entry.id,
      items: entry.items.map((i) => ({ field: i.field, fieldtype: i.fieldtype, fieldId: i.fieldId, from: i.from, fromString: i.fromString, to: i.to, toString: i.toString })),
    },
    ...(atlassianId && { associatedUsers: [{ accountId: atlassianId }] }),
  };
}

/**
 * `avi:jira:created:issue`: the new issue (id, key, a few fields) and who created it; no
 * changelog (nothing changed yet). Sent for issues made through POST /rest/api/3/issue.
 */
export function issueCreatedEvent(db: JiraDb, base: string, now: Date, issue: JiraIssue, atlassianId: string | null): Record<string, unknown> {
  const json = issueJson(db, base, issue, now, { fields: EVENT_ISSUE_FIELDS, expand: new Set(), properties: [] });
  return {
    eventType: 'avi:jira:created:issue',
    ...(atlassianId && { atlassianId }),
    issue: { id: json.id, key: json.key, fields: json.fields },
    ...(atlassianId && { associatedUsers: [{ accountId: atlassianId }] }),
  };
}
