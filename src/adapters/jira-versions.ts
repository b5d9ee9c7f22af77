import api, { route } from '@forge/api';
import { z } from 'zod';
import type { JiraVersion, Page, VersionApi } from '../ports';
import { ProductError } from './product-error';
import { requestWithRetry } from './request-with-retry';

/**
 * Loose on purpose: Atlassian adds fields often, and we only want what we read to be checked.
 * Unknown fields pass through; a missing or mistyped field we rely on is a clear error.
 */
const versionSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  released: z.boolean().default(false),
  archived: z.boolean().default(false),
  releaseDate: z.string().optional(),
  startDate: z.string().optional(),
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
  startAt: z.number().optional(),
  total: z.number().optional(),
});

function toJiraVersion(v: z.infer<typeof versionSchema>): JiraVersion {
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
    async listVersions(projectKey, { startAt, maxResults }): Promise<Page<JiraVersion>> {
      const response = await requestWithRetry('jira', `list the versions of ${projectKey}`, () =>
        api
          .asUser()
          .requestJira(
            route`/rest/api/3/project/${projectKey}/version?startAt=${startAt}&maxResults=${maxResults}&orderBy=-sequence&expand=issuesstatus`,
            { headers: { Accept: 'application/json' } },
          ),
      );
      const text = await response.text();
      if (response.status === 404) {
        throw new ProductError(`Project ${projectKey} was not found, or you cannot see it.`, 404, 'jira', { cause: text });
      }
      if (response.status !== 200) {
        throw new ProductError(`Jira refused to list the versions of ${projectKey} (HTTP ${response.status}).`, response.status, 'jira', { cause: text });
      }
      const page = versionPageSchema.parse(JSON.parse(text));
      const nextStartAt = page.isLast === false ? startAt + page.values.length : undefined;
      return { values: page.values.map(toJiraVersion), ...(nextStartAt !== undefined && { nextStartAt }) };
    },
  };
}
