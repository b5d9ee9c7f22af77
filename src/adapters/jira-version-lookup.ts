import { route } from '@forge/api';
import { z } from 'zod';
import type { VersionLookup } from '../ports';
import { JSON_HEADERS, jiraJson, type JiraClient } from './jira-http';
import { ProductError } from './product-error';

const projectSchema = z.looseObject({ id: z.coerce.string(), key: z.string() });
const versionPageSchema = z.looseObject({
  values: z.array(z.looseObject({ id: z.string(), name: z.string() })),
  isLast: z.boolean().optional(),
});

/** Jira's largest page of a project's versions. */
const PAGE = 50;
/** Bounded: a name filter rarely matches more than a page; 20 pages cover any real project. */
const MAX_PAGES = 20;

/**
 * Finds projects and versions for the CI gate, which has no project page to come from. Goes as
 * whoever `jira` is: the gate passes `api.asApp()` only after the project's secret has matched.
 */
export function jiraVersionLookup(jira: JiraClient): VersionLookup {
  return {
    async projectId(projectKey) {
      try {
        const project = await jiraJson(`read project ${projectKey}`, projectSchema, () =>
          jira.requestJira(route`/rest/api/3/project/${projectKey}`, { method: 'GET', headers: JSON_HEADERS }),
        );
        return project.id;
      } catch (error) {
        if (error instanceof ProductError && error.status === 404) return undefined;
        throw error;
      }
    },

    async versionByName(projectKey, name) {
      const candidates: Array<{ id: string; name: string }> = [];
      for (let page = 0, startAt = 0; page < MAX_PAGES; page++) {
        // `query` narrows by a substring of the name server-side; the exact match is ours to make.
        const answer = await jiraJson(`find version "${name}" of ${projectKey}`, versionPageSchema, () =>
          jira.requestJira(route`/rest/api/3/project/${projectKey}/version?query=${name}&startAt=${startAt}&maxResults=${PAGE}`, {
            method: 'GET',
            headers: JSON_HEADERS,
          }),
        );
        candidates.push(...answer.values);
        const exact = candidates.find((v) => v.name === name);
        if (exact) return { id: exact.id };
        if (answer.isLast !== false || answer.values.length === 0) break;
        startAt += answer.values.length;
      }
      // Jira treats version names as unique regardless of case, so this finds at most one.
      const folded = candidates.find((v) => v.name.toLowerCase() === name.toLowerCase());
      return folded && { id: folded.id };
    },
  };
}
