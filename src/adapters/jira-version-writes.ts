import api, { route } from '@forge/api';
import { z } from 'zod';
import type { VersionWrites } from '../ports';
import { JSON_HEADERS, jiraExpectOk, jiraJson } from './jira-http';

const selfSchema = z.looseObject({ self: z.string() });
const relatedWorkSchema = z.array(z.looseObject({ url: z.string().optional(), title: z.string().optional() }));

/** Writes to Jira versions and issues, as the acting user: Jira's own permissions apply. */
export function jiraVersionWrites(): VersionWrites {
  return {
    async release(versionId, releaseDate, moveUnfixedIssuesTo) {
      // Jira wants the target version's self URL, which only Jira knows.
      const target = moveUnfixedIssuesTo
        ? await jiraJson(`read version ${moveUnfixedIssuesTo}`, selfSchema, () =>
            api.asUser().requestJira(route`/rest/api/3/version/${moveUnfixedIssuesTo}`, { method: 'GET', headers: JSON_HEADERS }),
          )
        : undefined;
      const body = { released: true, releaseDate, ...(target && { moveUnfixedIssuesTo: target.self }) };
      await jiraExpectOk(`release version ${versionId} in Jira`, () =>
        api.asUser().requestJira(route`/rest/api/3/version/${versionId}`, { method: 'PUT', headers: JSON_HEADERS, body: JSON.stringify(body) }),
      );
    },

    async ensureRelatedWork(versionId, link) {
      const existing = await jiraJson(`read the related work of version ${versionId}`, relatedWorkSchema, () =>
        api.asUser().requestJira(route`/rest/api/3/version/${versionId}/relatedwork`, { method: 'GET', headers: JSON_HEADERS }),
      );
      if (existing.some((w) => w.url === link.url)) return 'present';
      await jiraExpectOk(`link version ${versionId} to ${link.title}`, () =>
        api.asUser().requestJira(route`/rest/api/3/version/${versionId}/relatedwork`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(link) }),
      );
      return 'added';
    },

    async removeFromIssue(issueId, versionId) {
      const body = { update: { fixVersions: [{ remove: { id: versionId } }] } };
      await jiraExpectOk(
        `take issue ${issueId} out of the version`,
        () => api.asUser().requestJira(route`/rest/api/3/issue/${issueId}`, { method: 'PUT', headers: JSON_HEADERS, body: JSON.stringify(body) }),
        { endpoint: 'PUT /rest/api/3/issue/{}', issue: issueId },
      );
    },
  };
}
