import { route } from '@forge/api';
import { z } from 'zod';
import type { StatusCatalog } from '../ports';
import { JSON_HEADERS, jiraJson, type JiraClient } from './jira-http';

const statusesSchema = z.array(
  z.looseObject({
    id: z.coerce.string(),
    name: z.string().default(''),
    statusCategory: z.looseObject({ key: z.string() }).optional(),
  }),
);

/**
 * Jira's statuses in one call (`GET /rest/api/3/status`, every status of the site): a workflow
 * validator is told the target status id only, and needs its category to know whether the
 * transition finishes the issue.
 */
export function jiraStatuses(jira: JiraClient): StatusCatalog {
  return {
    async status(id) {
      const list = await jiraJson('read the workflow statuses', statusesSchema, () => jira.requestJira(route`/rest/api/3/status`, { method: 'GET', headers: JSON_HEADERS }));
      const found = list.find((s) => s.id === id);
      return found && { id: found.id, name: found.name || found.id, category: found.statusCategory?.key ?? '' };
    },
  };
}
