import api, { route } from '@forge/api';
import { z } from 'zod';
import type { ProjectCatalog } from '../ports';
import { JSON_HEADERS, jiraJson } from './jira-http';

const projectSchema = z.looseObject({ issueTypes: z.array(z.looseObject({ name: z.string() })).default([]) });
const prioritiesSchema = z.array(z.looseObject({ name: z.string() }));

/** What a project offers to choose from on the settings page, read as the user. */
export function jiraCatalog(): ProjectCatalog {
  return {
    async issueTypes(projectKey) {
      const project = await jiraJson(`read the issue types of ${projectKey}`, projectSchema, () =>
        api.asUser().requestJira(route`/rest/api/3/project/${projectKey}`, { method: 'GET', headers: JSON_HEADERS }),
      );
      return [...new Set(project.issueTypes.map((t) => t.name))];
    },
    async priorities() {
      const list = await jiraJson('read the priorities', prioritiesSchema, () =>
        api.asUser().requestJira(route`/rest/api/3/priority`, { method: 'GET', headers: JSON_HEADERS }),
      );
      return list.map((p) => p.name);
    },
  };
}
