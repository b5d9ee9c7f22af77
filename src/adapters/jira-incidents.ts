import { route } from '@forge/api';
import { z } from 'zod';
import type { IncidentIssues, ProjectVersions } from '../usecases/record-alert';
import { JSON_HEADERS, jiraJson, type JiraClient } from './jira-http';
import { toJiraVersion, versionSchema } from './jira-versions';

const versionPageSchema = z.looseObject({ values: z.array(versionSchema) });
const createdSchema = z.looseObject({ key: z.string() });

/**
 * What the monitoring web trigger reads and writes in Jira, as the app (an alert has no user; the
 * trigger checked the project's secret first): the project's newest versions in one call, and the
 * optional incident issue.
 */
export function jiraIncidentReads(jira: JiraClient): ProjectVersions {
  return {
    async recent(projectKey) {
      // Newest 50 by Jira's version order: releases still bedding in are among the latest.
      const page = await jiraJson(`list the versions of ${projectKey}`, versionPageSchema, () =>
        jira.requestJira(route`/rest/api/3/project/${projectKey}/version?startAt=0&maxResults=50&orderBy=-sequence`, { method: 'GET', headers: JSON_HEADERS }),
      );
      return page.values.map(toJiraVersion);
    },
  };
}

export function jiraIncidentIssues(jira: JiraClient): IncidentIssues {
  return {
    async create({ projectKey, issueType, versionId, summary, description }) {
      const body = {
        fields: {
          project: { key: projectKey },
          issuetype: { name: issueType },
          // Jira refuses a summary with line breaks or over 255 characters; alert titles may have either.
          summary: summary.replace(/\s+/g, ' ').trim().slice(0, 255),
          fixVersions: [{ id: versionId }],
          description: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: description }] }] },
        },
      };
      const created = await jiraJson(`create the incident issue in ${projectKey}`, createdSchema, () =>
        jira.requestJira(route`/rest/api/3/issue`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(body) }),
      );
      return created.key;
    },
  };
}
