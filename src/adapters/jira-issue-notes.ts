import api, { route } from '@forge/api';
import { z } from 'zod';
import { NOTES_PROPERTY } from '../domain/release-notes';
import type { IssueNotesProperty } from '../ports';
import { JSON_HEADERS, jiraExpectOk, jiraJson, type JiraClient } from './jira-http';
import { ProductError } from './product-error';

const propertySchema = z.looseObject({ value: z.unknown() });

/**
 * The release-note issue property (`preflight-notes`, the one the release notes read), as the
 * person both ways: the resolver has checked their Preflight role, and Jira itself checks that
 * they may edit the issue, so nobody writes through Preflight what they could not write in Jira.
 */
export function jiraIssueNotes(jira: JiraClient = api.asUser()): IssueNotesProperty {
  return {
    async read(issueId) {
      try {
        const answer = await jiraJson(`read the release note of issue ${issueId}`, propertySchema, () =>
          jira.requestJira(route`/rest/api/3/issue/${issueId}/properties/${NOTES_PROPERTY}`, { method: 'GET', headers: JSON_HEADERS }),
        );
        return answer.value;
      } catch (error) {
        if (error instanceof ProductError && error.status === 404) return undefined;
        throw error;
      }
    },

    async write(issueId, value) {
      await jiraExpectOk(
        `save the release note of issue ${issueId}`,
        () => jira.requestJira(route`/rest/api/3/issue/${issueId}/properties/${NOTES_PROPERTY}`, { method: 'PUT', headers: JSON_HEADERS, body: JSON.stringify(value) }),
        { endpoint: 'PUT /rest/api/3/issue/{}/properties/{}', issue: issueId },
      );
    },
  };
}
