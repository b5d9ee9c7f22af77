import api, { route } from '@forge/api';
import { z } from 'zod';
import type { CalendarProject, VisibleProjects } from '../usecases/get-calendar';
import { JSON_HEADERS, jiraJson } from './jira-http';

const PAGE = 100;
const projectSchema = z.looseObject({ id: z.coerce.string(), key: z.string(), name: z.string().default(''), projectTypeKey: z.string().optional() });
const pageSchema = z.looseObject({ values: z.array(projectSchema).default([]), isLast: z.boolean().optional() });

/**
 * The projects the signed-in person can browse, from Jira's paginated project search as that
 * person (Jira decides what they see; the app never lists projects as itself here). `keys`
 * narrows the search in Jira: a key the person cannot see is simply not in the answer.
 */
export function jiraVisibleProjects(): VisibleProjects {
  return {
    async list({ keys, limit }) {
      const projects: CalendarProject[] = [];
      let startAt = 0;
      for (;;) {
        const params = new URLSearchParams({ startAt: String(startAt), maxResults: String(Math.min(PAGE, limit + 1 - projects.length)), orderBy: 'key' });
        for (const key of keys ?? []) params.append('keys', key);
        const page = await jiraJson('list the projects you can see', pageSchema, () =>
          api.asUser().requestJira(route`/rest/api/3/project/search?${params}`, { method: 'GET', headers: JSON_HEADERS }),
        );
        projects.push(...page.values.map((p) => ({ id: p.id, key: p.key, name: p.name, ...(p.projectTypeKey && { type: p.projectTypeKey }) })));
        if (page.isLast !== false || page.values.length === 0 || projects.length > limit) break;
        startAt += page.values.length;
      }
      return { projects: projects.slice(0, limit), more: projects.length > limit };
    },
  };
}
