import { z } from 'zod';
import type { ProductClient } from './product-client';

/**
 * The few Jira and Confluence reads the local site's pages make, each parsed with a loose schema
 * (only the fields a page shows; extra fields pass through), so a page never renders a cast guess.
 */

const named = z.looseObject({ name: z.string() });

export const projectSchema = z.looseObject({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  projectTypeKey: z.string().default('software'),
});
export type ProjectView = z.infer<typeof projectSchema>;

const issueListSchema = z.looseObject({
  issues: z.array(
    z.looseObject({
      id: z.string(),
      key: z.string(),
      fields: z.looseObject({ summary: z.string().optional(), status: named.optional(), issuetype: named.optional() }).optional(),
    }),
  ),
});
export type IssueListItem = z.infer<typeof issueListSchema>['issues'][number];

export const issueSchema = z.looseObject({
  id: z.string(),
  key: z.string(),
  fields: z.looseObject({
    summary: z.string(),
    description: z.unknown().optional(),
    status: z.looseObject({ name: z.string(), statusCategory: z.looseObject({ key: z.string(), name: z.string() }).optional() }).optional(),
    issuetype: z.looseObject({ id: z.string(), name: z.string() }).optional(),
    priority: named.nullish(),
    labels: z.array(z.string()).optional(),
    components: z.array(named).optional(),
    fixVersions: z.array(z.looseObject({ id: z.string(), name: z.string() })).optional(),
    assignee: z.looseObject({ displayName: z.string() }).nullish(),
    reporter: z.looseObject({ displayName: z.string() }).nullish(),
    project: z.looseObject({ id: z.string(), key: z.string(), projectTypeKey: z.string().optional() }).optional(),
    created: z.string().optional(),
    updated: z.string().optional(),
  }),
});
export type IssueView = z.infer<typeof issueSchema>;

export const spaceSchema = z.looseObject({ id: z.string(), key: z.string(), name: z.string() });
export type SpaceView = z.infer<typeof spaceSchema>;

const pageSummarySchema = z.looseObject({ id: z.string(), title: z.string() });
export type PageSummary = z.infer<typeof pageSummarySchema>;

export const pageSchema = z.looseObject({
  id: z.string(),
  title: z.string(),
  spaceId: z.string(),
  version: z.looseObject({ number: z.number() }).optional(),
  body: z.looseObject({ atlas_doc_format: z.looseObject({ value: z.string() }).optional() }).optional(),
});
export type PageView = z.infer<typeof pageSchema>;

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${what}: unexpected response at ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
  }
  return parsed.data;
}

export async function listProjects(client: ProductClient): Promise<ProjectView[]> {
  const body = await client.getOk('/rest/api/3/project/search', { maxResults: '50' });
  return body === undefined ? [] : parse(z.looseObject({ values: z.array(projectSchema) }), body, 'project search').values;
}

export async function getProject(client: ProductClient, key: string): Promise<ProjectView | undefined> {
  const body = await client.getOk(`/rest/api/3/project/${encodeURIComponent(key)}`);
  return body === undefined ? undefined : parse(projectSchema, body, 'project');
}

export async function searchIssues(client: ProductClient, jql: string, maxResults: number): Promise<IssueListItem[]> {
  const body = await client.getOk('/rest/api/3/search/jql', { jql, maxResults: String(maxResults), fields: 'summary,status,issuetype' });
  return body === undefined ? [] : parse(issueListSchema, body, 'issue search').issues;
}

export async function getIssue(client: ProductClient, key: string): Promise<IssueView | undefined> {
  const body = await client.getOk(`/rest/api/3/issue/${encodeURIComponent(key)}`);
  return body === undefined ? undefined : parse(issueSchema, body, 'issue');
}

/** The transitions the user may make on the issue now (none without Jira's Transition issues permission). */
export interface TransitionView {
  id: string;
  name: string;
  to: { id: string; name: string };
}

export async function listTransitions(client: ProductClient, key: string): Promise<TransitionView[]> {
  const body = await client.getOk(`/rest/api/3/issue/${encodeURIComponent(key)}/transitions`);
  const schema = z.looseObject({ transitions: z.array(z.looseObject({ id: z.string(), name: z.string(), to: z.looseObject({ id: z.string(), name: z.string() }) })) });
  return body === undefined ? [] : parse(schema, body, 'transitions').transitions;
}

export async function listSpaces(client: ProductClient): Promise<SpaceView[]> {
  const body = await client.getOk('/wiki/api/v2/spaces', { limit: '50' });
  return body === undefined ? [] : parse(z.looseObject({ results: z.array(spaceSchema) }), body, 'spaces').results;
}

export async function getSpaceByKey(client: ProductClient, key: string): Promise<SpaceView | undefined> {
  const body = await client.getOk('/wiki/api/v2/spaces', { keys: key });
  if (body === undefined) return undefined;
  return parse(z.looseObject({ results: z.array(spaceSchema) }), body, 'spaces').results.find((s) => s.key === key);
}

export async function listPages(client: ProductClient, spaceId: string): Promise<PageSummary[]> {
  const body = await client.getOk(`/wiki/api/v2/spaces/${encodeURIComponent(spaceId)}/pages`, { limit: '100' });
  return body === undefined ? [] : parse(z.looseObject({ results: z.array(pageSummarySchema) }), body, 'pages').results;
}

export async function getPage(client: ProductClient, id: string): Promise<PageView | undefined> {
  const body = await client.getOk(`/wiki/api/v2/pages/${encodeURIComponent(id)}`, { 'body-format': 'atlas_doc_format' });
  return body === undefined ? undefined : parse(pageSchema, body, 'page');
}

/**
 * Whether the signed-in person may edit the page: Confluence's permitted operations for it
 * (GET /wiki/api/v2/pages/{id}/operations) include `update`. Macro configuration needs it.
 */
export async function mayEditPage(client: ProductClient, id: string): Promise<boolean> {
  const response = await client.get(`/wiki/api/v2/pages/${encodeURIComponent(id)}/operations`);
  if (response.status !== 200) return false;
  const parsed = z.looseObject({ operations: z.array(z.looseObject({ operation: z.string() })) }).safeParse(response.body);
  return parsed.success && parsed.data.operations.some((o) => o.operation === 'update');
}

export const versionSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  released: z.boolean().optional(),
  archived: z.boolean().optional(),
  releaseDate: z.string().optional(),
  startDate: z.string().optional(),
  projectId: z.coerce.string().optional(),
  issuesStatusForFixVersion: z.looseObject({ toDo: z.number(), inProgress: z.number(), done: z.number() }).optional(),
});
export type VersionView = z.infer<typeof versionSchema>;
export const relatedWorkSchema = z.looseObject({ category: z.string(), title: z.string().optional(), url: z.string().optional() });
export type RelatedWorkView = z.infer<typeof relatedWorkSchema>;

export async function listVersions(client: ProductClient, projectKey: string): Promise<VersionView[]> {
  const body = await client.getOk(`/rest/api/3/project/${encodeURIComponent(projectKey)}/versions`);
  return body === undefined ? [] : parse(z.array(versionSchema), body, 'versions');
}

export async function getVersion(client: ProductClient, id: string): Promise<VersionView | undefined> {
  const body = await client.getOk(`/rest/api/3/version/${encodeURIComponent(id)}`, { expand: 'issuesstatus' });
  return body === undefined ? undefined : parse(versionSchema, body, 'version');
}

export async function getRelatedWork(client: ProductClient, versionId: string): Promise<RelatedWorkView[]> {
  const body = await client.getOk(`/rest/api/3/version/${encodeURIComponent(versionId)}/relatedwork`);
  return body === undefined ? [] : parse(z.array(relatedWorkSchema), body, 'related work');
}
