import api, { route } from '@forge/api';
import { z } from 'zod';
import type { QaJira, ReleaseCountsQuery } from '../ports';
import { JSON_HEADERS, jiraExpectOk, jiraJson, jqlString, type JiraClient } from './jira-http';
import { ProductError } from './product-error';
import { QA_PROPERTY } from './release-jql';

const qaIssueSchema = z.looseObject({
  id: z.string(),
  key: z.string(),
  fields: z
    .looseObject({
      issuetype: z.looseObject({ name: z.string() }).optional(),
      project: z.looseObject({ key: z.string() }).optional(),
      fixVersions: z.array(z.looseObject({ id: z.string(), name: z.string(), released: z.boolean().optional() })).default([]),
    })
    .default({ fixVersions: [] }),
});
const bulkSchema = z.looseObject({ issues: z.array(qaIssueSchema).default([]) });
const propertySchema = z.looseObject({ value: z.unknown() });
const idsPageSchema = z.looseObject({ issues: z.array(z.looseObject({ id: z.string(), key: z.string().default('') })).default([]), nextPageToken: z.string().optional() });

/** Jira's largest page when only ids and keys are asked for. */
const ID_PAGE = 5000;
/** Ids per `id IN (...)` clause, keeping the JQL well under Jira's length limit. */
const IDS_PER_QUERY = 500;

const quoted = (values: string[]) => values.map(jqlString).join(', ');
const p = `issue.property[${QA_PROPERTY}]`;

/** The JQL of a release's QA scope: its issues of the types that need QA. */
function scopeJql(q: ReleaseCountsQuery): string {
  return `fixVersion = ${q.versionId} AND issuetype IN (${quoted(q.qaIssueTypes)})`;
}

/** Issues of the scope whose property approves the build: the complement of the gate's qa-pending JQL. */
export function propertyApprovedJql(q: ReleaseCountsQuery & { buildUnderTest: string }): string {
  return `${scopeJql(q)} AND ${p}.status = "approved" AND ${p}.build = ${jqlString(q.buildUnderTest)} ORDER BY key ASC`;
}

async function allIds(jira: JiraClient, describe: string, jql: string): Promise<Array<{ id: string; key: string }>> {
  const found: Array<{ id: string; key: string }> = [];
  let nextPageToken: string | undefined;
  do {
    const body = { jql, maxResults: ID_PAGE, fields: ['id', 'key'], ...(nextPageToken && { nextPageToken }) };
    const page = await jiraJson(
      describe,
      idsPageSchema,
      () => jira.requestJira(route`/rest/api/3/search/jql`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(body) }),
      { endpoint: 'POST /rest/api/3/search/jql' },
    );
    found.push(...page.issues.map((i) => ({ id: i.id, key: i.key })));
    nextPageToken = page.nextPageToken;
  } while (nextPageToken);
  return found;
}

/**
 * Jira for QA approvals. Reads go as `jira` (the person by default: Jira hides what they cannot
 * see). The property write goes as the app, and only after the use case checked the person's QA
 * role: a QA engineer may well lack Jira's "edit issues" permission, and the mirror is app-owned data.
 */
export function jiraQa(jira: JiraClient = api.asUser()): QaJira {
  return {
    async issues(ids) {
      if (ids.length === 0) return [];
      const answer = await jiraJson('read the issues', bulkSchema, () =>
        jira.requestJira(route`/rest/api/3/issue/bulkfetch`, {
          method: 'POST',
          headers: JSON_HEADERS,
          body: JSON.stringify({ issueIdsOrKeys: ids.slice(0, 100), fields: ['issuetype', 'project', 'fixVersions'] }),
        }),
      );
      return answer.issues.map((i) => ({
        id: i.id,
        key: i.key,
        projectKey: i.fields.project?.key ?? i.key.split('-')[0] ?? '',
        issueType: i.fields.issuetype?.name ?? '',
        fixVersions: i.fields.fixVersions.map((v) => ({ id: v.id, name: v.name, released: v.released ?? false })),
      }));
    },

    async readProperty(issueId) {
      try {
        const answer = await jiraJson(`read the QA property of issue ${issueId}`, propertySchema, () =>
          jira.requestJira(route`/rest/api/3/issue/${issueId}/properties/${QA_PROPERTY}`, { method: 'GET', headers: JSON_HEADERS }),
        );
        return answer.value;
      } catch (error) {
        if (error instanceof ProductError && error.status === 404) return undefined;
        throw error;
      }
    },

    async writeProperty(issueId, value) {
      // As the app: the caller has checked that the person holds the project's QA role.
      await jiraExpectOk(
        `record the QA decision on issue ${issueId} in Jira`,
        () => api.asApp().requestJira(route`/rest/api/3/issue/${issueId}/properties/${QA_PROPERTY}`, { method: 'PUT', headers: JSON_HEADERS, body: JSON.stringify(value) }),
        // Jira limits writes per issue: a 429 for this one spaces out writes to it, not to the others.
        { endpoint: 'PUT /rest/api/3/issue/{}/properties/{}', issue: issueId },
      );
    },

    async propertyApproved(q) {
      if (!q.buildUnderTest || q.qaIssueTypes.length === 0) return [];
      return allIds(jira, 'list the issues whose QA property approves the build', propertyApprovedJql({ ...q, buildUnderTest: q.buildUnderTest }));
    },

    async inScope(q, ids) {
      if (ids.length === 0 || q.qaIssueTypes.length === 0) return [];
      const found: Array<{ id: string; key: string }> = [];
      for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
        const chunk = ids.slice(i, i + IDS_PER_QUERY);
        found.push(...(await allIds(jira, 'check which approved issues belong to the release', `${scopeJql(q)} AND id IN (${chunk.join(', ')}) ORDER BY key ASC`)));
      }
      return found;
    },
  };
}
