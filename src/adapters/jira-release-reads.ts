import { route } from '@forge/api';
import { z } from 'zod';
import type { ReleaseCountsQuery, ReleaseReads } from '../ports';
import type { IssueRow } from '../shared/release-panel';
import { JSON_HEADERS, jiraJson, type JiraClient } from './jira-http';
import { getVersion, versionSchema } from './jira-versions';
import { jiraVersionLookup } from './jira-version-lookup';
import { releaseJql } from './release-jql';

const countSchema = z.looseObject({ count: z.number().int().nonnegative() });

const issueSchema = z.looseObject({
  id: z.string(),
  key: z.string().default(''),
  fields: z
    .looseObject({
      summary: z.string().optional(),
      status: z.looseObject({ name: z.string(), statusCategory: z.looseObject({ key: z.string() }).optional() }).optional(),
      issuetype: z.looseObject({ name: z.string() }).optional(),
      priority: z.looseObject({ name: z.string() }).nullable().optional(),
    })
    .optional(),
});
const searchSchema = z.looseObject({ issues: z.array(issueSchema).default([]), nextPageToken: z.string().optional() });
const bulkSchema = z.looseObject({ issues: z.array(issueSchema).default([]) });
const versionPageSchema = z.looseObject({ values: z.array(versionSchema), isLast: z.boolean().optional() });

const ROW_FIELDS = ['summary', 'status', 'issuetype', 'priority'];
/** Jira's largest page when only ids and keys are asked for. */
const ID_PAGE = 5000;

function toRow(issue: z.infer<typeof issueSchema>): IssueRow {
  const f = issue.fields ?? {};
  const category = f.status?.statusCategory?.key;
  return {
    id: issue.id,
    key: issue.key,
    summary: f.summary ?? '',
    status: f.status?.name ?? '',
    statusCategory: category === 'done' || category === 'indeterminate' ? category : 'new',
    issueType: f.issuetype?.name ?? '',
    ...(f.priority?.name && { priority: f.priority.name }),
  };
}

async function count(jira: JiraClient, jql: string, describe: string): Promise<number> {
  const answer = await jiraJson(
    describe,
    countSchema,
    () => jira.requestJira(route`/rest/api/3/search/approximate-count`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ jql }) }),
    { endpoint: 'POST /rest/api/3/search/approximate-count' },
  );
  return answer.count;
}

function search(jira: JiraClient, describe: string, body: { jql: string; maxResults: number; fields: string[]; nextPageToken?: string }) {
  return jiraJson(
    describe,
    searchSchema,
    () => jira.requestJira(route`/rest/api/3/search/jql`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(body) }),
    { endpoint: 'POST /rest/api/3/search/jql' },
  );
}

/**
 * The issues added after the freeze. Usually few: one page of 100 with summaries, so the panel can
 * name them without a second round of calls. Only past 100 does a second call list them all by id
 * (5,000 a page), keeping the summaries of the first 100.
 */
async function listAddedAfterFreeze(jira: JiraClient, jql: string): Promise<Array<{ id: string; key: string; summary?: string }>> {
  const describe = 'list issues added after the scope freeze';
  const first = await search(jira, describe, { jql, maxResults: 100, fields: ['summary'] });
  const named = first.issues.map((i) => ({ id: i.id, key: i.key, ...(i.fields?.summary !== undefined && { summary: i.fields.summary }) }));
  if (!first.nextPageToken) return named;
  const summaries = new Map(named.map((i) => [i.id, i.summary]));
  const all = await search(jira, describe, { jql, maxResults: ID_PAGE, fields: ['id', 'key'] });
  return all.issues.map((i) => ({ id: i.id, key: i.key, ...(summaries.get(i.id) !== undefined && { summary: summaries.get(i.id)! }) }));
}

/**
 * Jira reads for the release panel, as whoever `jira` is (the person, on the panel). A readiness evaluation is the version (with
 * counts by status category) plus at most three JQL calls, whatever the number of issues.
 */
export function jiraReleaseReads(jira: JiraClient): ReleaseReads {
  return {
    version: (versionId) => getVersion(jira, versionId),
    projectId: (projectKey) => jiraVersionLookup(jira).projectId(projectKey),

    async counts(q: ReleaseCountsQuery) {
      const blockersJql = releaseJql(q, 'open-blockers');
      const qaPendingJql = releaseJql(q, 'qa-pending');
      const scopeJql = releaseJql(q, 'scope-added');
      // With a build set but no issue type needing QA, nothing is pending; with no build, the gate says so.
      const noQaNeeded = q.buildUnderTest !== undefined && q.qaIssueTypes.length === 0 ? 0 : undefined;
      const [openBlockers, qaPending, addedAfterFreeze] = await Promise.all([
        blockersJql ? count(jira, blockersJql, 'count open blocker bugs') : Promise.resolve(0),
        qaPendingJql ? count(jira, qaPendingJql, 'count issues awaiting QA approval') : Promise.resolve(noQaNeeded),
        scopeJql ? listAddedAfterFreeze(jira, scopeJql) : Promise.resolve([]),
      ]);
      return { openBlockers, qaPending, addedAfterFreeze };
    },

    async issues(q) {
      const jql = releaseJql(q, q.list);
      if (!jql) return { issues: [] };
      const page = await search(jira, 'list the issues behind a gate', { jql, maxResults: q.limit, fields: ROW_FIELDS, ...(q.cursor && { nextPageToken: q.cursor }) });
      return { issues: page.issues.map(toRow), ...(page.nextPageToken && { nextCursor: page.nextPageToken }) };
    },

    async issuesById(ids) {
      if (ids.length === 0) return [];
      const answer = await jiraJson('read issues', bulkSchema, () =>
        jira.requestJira(route`/rest/api/3/issue/bulkfetch`, {
          method: 'POST',
          headers: JSON_HEADERS,
          body: JSON.stringify({ issueIdsOrKeys: ids.slice(0, 100), fields: ROW_FIELDS }),
        }),
      );
      return answer.issues.map(toRow);
    },

    async unreleasedVersions(projectKey) {
      const page = await jiraJson(`list the unreleased versions of ${projectKey}`, versionPageSchema, () =>
        jira.requestJira(route`/rest/api/3/project/${projectKey}/version?status=unreleased&maxResults=100&orderBy=-sequence`, { method: 'GET', headers: JSON_HEADERS }),
      );
      return page.values.map((v) => ({ id: v.id, name: v.name }));
    },
  };
}
