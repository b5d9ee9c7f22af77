import api, { route } from '@forge/api';
import { z } from 'zod';
import type { JiraVersion, VersionApi, VersionDetails } from '../ports';
import { JSON_HEADERS, jiraJson, type JiraClient } from './jira-http';

/**
 * Loose on purpose: Atlassian adds fields often, and we only want what we read to be checked.
 * Unknown fields pass through; a missing or mistyped field we rely on is a clear error.
 */
export const versionSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  released: z.boolean().default(false),
  archived: z.boolean().default(false),
  releaseDate: z.string().optional(),
  startDate: z.string().optional(),
  projectId: z.coerce.string().optional(),
  issuesStatusForFixVersion: z
    .looseObject({
      toDo: z.number().default(0),
      inProgress: z.number().default(0),
      done: z.number().default(0),
      unmapped: z.number().default(0),
    })
    .optional(),
});

const versionPageSchema = z.looseObject({
  values: z.array(versionSchema),
  isLast: z.boolean().optional(),
});

export function toJiraVersion(v: z.infer<typeof versionSchema>): JiraVersion {
  const s = v.issuesStatusForFixVersion;
  return {
    id: v.id,
    name: v.name,
    ...(v.description !== undefined && { description: v.description }),
    released: v.released,
    archived: v.archived,
    ...(v.releaseDate !== undefined && { releaseDate: v.releaseDate }),
    ...(v.startDate !== undefined && { startDate: v.startDate }),
    issuesStatus: { toDo: s?.toDo ?? 0, inProgress: s?.inProgress ?? 0, done: s?.done ?? 0, unmapped: s?.unmapped ?? 0 },
  };
}

/** Reads versions as the signed-in user, so a user never sees a project Jira hides from them. */
export function jiraVersionsAsUser(): VersionApi {
  return {
    async listVersions(projectKey, { startAt, maxResults, query, status, orderBy }) {
      // URLSearchParams encodes each value (route inserts it as is); absent ones are not sent at all.
      const params = new URLSearchParams({ startAt: String(startAt), maxResults: String(maxResults), orderBy: orderBy ?? '-sequence' });
      if (query !== undefined) params.set('query', query);
      if (status !== undefined) params.set('status', status.join(','));
      params.set('expand', 'issuesstatus');
      const page = await jiraJson(`list the versions of ${projectKey}`, versionPageSchema, () =>
        api
          .asUser()
          .requestJira(
            route`/rest/api/3/project/${projectKey}/version?${params}`,
            { method: 'GET', headers: JSON_HEADERS },
          ),
      );
      const nextStartAt = page.isLast === false ? startAt + page.values.length : undefined;
      return { values: page.values.map(toJiraVersion), ...(nextStartAt !== undefined && { nextStartAt }) };
    },
  };
}

/** One version with its counts by status category: the first of the readiness evaluation's calls. */
export async function getVersion(jira: JiraClient, versionId: string): Promise<VersionDetails> {
  const v = await jiraJson(`read version ${versionId}`, versionSchema, () =>
    jira.requestJira(route`/rest/api/3/version/${versionId}?expand=issuesstatus`, { method: 'GET', headers: JSON_HEADERS }),
  );
  return { ...toJiraVersion(v), projectId: v.projectId ?? '' };
}
