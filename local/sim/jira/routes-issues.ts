import { createHash } from 'node:crypto';
import { z } from 'zod';
import { PRIORITIES } from './catalog';
import {
  JiraHttpError,
  badRequest,
  forbidden,
  intParam,
  listParam,
  noContent,
  notFound,
  ok,
  pageBean,
  parseBody,
  type Route,
  type RouteContext,
} from './http';
import { JqlError, checkJql, parseJql, runJql, type JqlContext } from './jql';
import { issueUpdatedEvent } from './events';
import { changelogJson, issueJson, selectFields } from './serialize';
import type { JiraIssue } from './types';

/** Issues, their changelog and properties, and JQL search. */

const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

export function browsableIssue(ctx: RouteContext, idOrKey: string): JiraIssue {
  const issue = ctx.db.issue(idOrKey);
  if (!issue || !ctx.db.can(ctx.caller, issue.projectId, 'BROWSE_PROJECTS')) throw notFound(ISSUE_NOT_FOUND);
  return issue;
}

function expandOf(values: readonly string[]): Set<string> {
  return new Set(values.flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase()).filter(Boolean));
}

export const getIssue: Route = (ctx) => {
  const issue = browsableIssue(ctx, ctx.params.issue!);
  const q = ctx.req.query;
  return ok(
    issueJson(ctx.db, ctx.base, issue, ctx.now, {
      fields: selectFields(q.getAll('fields'), ['*all']),
      expand: expandOf(q.getAll('expand')),
      properties: listParam(q, 'properties'),
    }),
  );
};

const versionRef = z.union([z.object({ id: z.string() }), z.object({ name: z.string() })]);
const editIssueSchema = z.object({
  fields: z
    .object({
      summary: z.string().trim().min(1, 'You must specify a summary of the issue.').max(255).optional(),
      labels: z.array(z.string()).optional(),
      priority: z.union([z.object({ id: z.string() }), z.object({ name: z.string() })]).optional(),
      fixVersions: z.array(versionRef).optional(),
    })
    .optional(),
  update: z
    .object({
      fixVersions: z.array(z.object({ add: versionRef.optional(), remove: versionRef.optional(), set: z.array(versionRef).optional() })).optional(),
      labels: z.array(z.object({ add: z.string().optional(), remove: z.string().optional(), set: z.array(z.string()).optional() })).optional(),
    })
    .optional(),
});

/** PUT issue: summary, labels, priority and fix versions (the fields release work touches). */
export const editIssue: Route = (ctx) => {
  const issue = browsableIssue(ctx, ctx.params.issue!);
  const body = parseBody(editIssueSchema, ctx.req.body);
  // Jira documents a missing edit permission on this operation as a 400, not a 403.
  if (!ctx.db.can(ctx.caller, issue.projectId, 'EDIT_ISSUES')) throw badRequest('You do not have permission to edit issues in this project.');
  const versionId = (ref: z.infer<typeof versionRef>, field: string): string => {
    const v = 'id' in ref ? ctx.db.version(ref.id) : ctx.db.versionsOf(issue.projectId).find((x) => x.name === ref.name);
    if (!v || v.projectId !== issue.projectId) throw badRequest('', { [field]: `Version '${'id' in ref ? ref.id : ref.name}' is not valid for this issue's project.` });
    return v.id;
  };
  let fixVersions: string[] | undefined;
  if (body.fields?.fixVersions) fixVersions = body.fields.fixVersions.map((r) => versionId(r, 'fixVersions'));
  for (const op of body.update?.fixVersions ?? []) {
    let current = fixVersions ?? [...issue.fixVersionIds];
    if (op.set) current = op.set.map((r) => versionId(r, 'fixVersions'));
    if (op.add) current = [...new Set([...current, versionId(op.add, 'fixVersions')])];
    if (op.remove) {
      const id = versionId(op.remove, 'fixVersions');
      current = current.filter((x) => x !== id);
    }
    fixVersions = current;
  }
  if (fixVersions && !ctx.db.can(ctx.caller, issue.projectId, 'RESOLVE_ISSUES')) {
    throw badRequest('', { fixVersions: "Field 'fixVersions' cannot be set. It is not on the appropriate screen, or unknown." });
  }
  let priorityId: string | undefined;
  if (body.fields?.priority) {
    const ref = body.fields.priority;
    const p = PRIORITIES.find((x) => ('id' in ref ? x.id === ref.id : x.name === ref.name));
    if (!p) throw badRequest('', { priority: 'Specify the priority by a valid id or name.' });
    priorityId = p.id;
  }
  let labels = body.fields?.labels;
  for (const op of body.update?.labels ?? []) {
    let current = labels ?? [...issue.labels];
    if (op.set) current = op.set;
    if (op.add) current = [...new Set([...current, op.add])];
    if (op.remove) current = current.filter((l) => l !== op.remove);
    labels = current;
  }
  // Jira's one rule for labels, whichever way they arrive (fields.labels or update.labels' set and add),
  // answered as Jira answers a field's error: keyed by the field, not by where it sat in the body.
  const incoming = [...(body.fields?.labels ?? []), ...(body.update?.labels ?? []).flatMap((op) => [...(op.set ?? []), ...(op.add !== undefined ? [op.add] : [])])];
  if (incoming.some((l) => !/^\S+$/.test(l))) throw badRequest('', { labels: 'Labels cannot contain spaces' });

  const author = ctx.caller.accountId ?? issue.reporterAccountId;
  const logged = issue.changelog.length;
  if (fixVersions) ctx.db.setFixVersions(issue, fixVersions, author, ctx.now);
  if (body.fields?.summary !== undefined) issue.summary = body.fields.summary;
  if (labels) issue.labels = [...new Set(labels)];
  if (priorityId) issue.priorityId = priorityId;
  issue.updated = ctx.now.toISOString();
  ctx.changed();
  // ASSUMED: only changes the simulator keeps a changelog for (fix versions) send avi:jira:updated:issue.
  if (issue.changelog.length > logged) ctx.emit(issueUpdatedEvent(ctx.db, ctx.base, ctx.now, issue, issue.changelog[issue.changelog.length - 1]!, ctx.caller.accountId));
  return noContent();
};

const bulkFetchSchema = z.object({
  issueIdsOrKeys: z.array(z.string()).min(1, 'issueIdsOrKeys must list at least one issue').max(100, 'issueIdsOrKeys accepts at most 100 issues'),
  fields: z.array(z.string()).optional(),
  expand: z.array(z.string()).optional(),
  properties: z.array(z.string()).max(5).optional(),
  fieldsByKeys: z.boolean().optional(),
});

export const bulkFetchIssues: Route = (ctx) => {
  const body = parseBody(bulkFetchSchema, ctx.req.body);
  const found = new Map<string, JiraIssue>();
  const issueErrors: { id: string; errorMessage: string }[] = [];
  for (const ref of body.issueIdsOrKeys) {
    const issue = ctx.db.issue(ref);
    if (issue && ctx.db.can(ctx.caller, issue.projectId, 'BROWSE_PROJECTS')) found.set(issue.id, issue);
    else issueErrors.push({ id: ref, errorMessage: ISSUE_NOT_FOUND });
  }
  const opts = { fields: selectFields(body.fields ?? [], ['*navigable']), expand: expandOf(body.expand ?? []), properties: body.properties ?? [] };
  // Jira answers in ascending id order whatever order was asked.
  const issues = [...found.values()].sort((a, b) => Number(a.id) - Number(b.id)).map((i) => issueJson(ctx.db, ctx.base, i, ctx.now, opts));
  return ok({ issues, issueErrors });
};

export const getChangelog: Route = (ctx) => {
  const issue = browsableIssue(ctx, ctx.params.issue!);
  const startAt = intParam(ctx.req.query, 'startAt', 0);
  const maxResults = Math.min(intParam(ctx.req.query, 'maxResults', 100, 1), 100);
  return ok(pageBean(ctx, issue.changelog.map((c) => changelogJson(ctx.base, c)), startAt, maxResults));
};

// ---- issue properties ------------------------------------------------------------------------

const PROPERTY_VALUE_LIMIT = 32768;

export const getIssuePropertyKeys: Route = (ctx) => {
  const issue = browsableIssue(ctx, ctx.params.issue!);
  const keys = Object.keys(ctx.db.state.properties[issue.id] ?? {}).map((key) => ({
    self: `${ctx.base}/rest/api/3/issue/${issue.id}/properties/${encodeURIComponent(key)}`,
    key,
  }));
  return ok({ keys });
};

export const getIssueProperty: Route = (ctx) => {
  const issue = browsableIssue(ctx, ctx.params.issue!);
  const key = ctx.params.key!;
  const stored = ctx.db.state.properties[issue.id];
  if (!stored || !(key in stored)) throw notFound(`The property with key '${key}' does not exist.`);
  return ok({ key, value: stored[key] });
};

export const setIssueProperty: Route = (ctx) => {
  const issue = browsableIssue(ctx, ctx.params.issue!);
  const key = ctx.params.key!;
  if (!ctx.db.can(ctx.caller, issue.projectId, 'EDIT_ISSUES')) throw forbidden('You do not have permission to edit issues in this project.');
  if (key.length > 255) throw badRequest('The property key cannot be longer than 255 characters.');
  if (ctx.req.body === undefined) throw badRequest('The property value must be valid JSON.');
  const size = Buffer.byteLength(JSON.stringify(ctx.req.body), 'utf8');
  if (size > PROPERTY_VALUE_LIMIT) throw badRequest(`The property value is too long: ${size} bytes, the limit is ${PROPERTY_VALUE_LIMIT}.`);
  const stored = (ctx.db.state.properties[issue.id] ??= {});
  const created = !(key in stored);
  // Store a private copy so the caller's object cannot change the state behind our back.
  stored[key] = JSON.parse(JSON.stringify(ctx.req.body));
  ctx.changed();
  return ok({}, created ? 201 : 200);
};

export const deleteIssueProperty: Route = (ctx) => {
  const issue = browsableIssue(ctx, ctx.params.issue!);
  const key = ctx.params.key!;
  // Documented as 404 for this operation: "... or the user does not have permission to edit the issue".
  if (!ctx.db.can(ctx.caller, issue.projectId, 'EDIT_ISSUES')) throw notFound('You do not have permission to edit this issue.');
  const stored = ctx.db.state.properties[issue.id];
  if (!stored || !(key in stored)) throw notFound(`The property with key '${key}' does not exist.`);
  delete stored[key];
  if (Object.keys(stored).length === 0) delete ctx.db.state.properties[issue.id];
  ctx.changed();
  return noContent();
};

// ---- search ----------------------------------------------------------------------------------

function jqlContext(ctx: RouteContext): JqlContext {
  const visible = new Set(ctx.db.visibleProjects(ctx.caller).map((p) => p.id));
  return { db: ctx.db, currentAccountId: ctx.caller.accountId, now: ctx.now, visibleProjectIds: visible };
}

/** Runs JQL, turning query mistakes into Jira's 400. */
function search(ctx: RouteContext, jql: string): JiraIssue[] {
  try {
    return runJql(jql, jqlContext(ctx), { requireBounded: true });
  } catch (e) {
    if (e instanceof JqlError) throw badRequest(e.message);
    throw e;
  }
}

/** Largest page: ids/keys only may take 5000 a page, anything richer 100 (Jira's documented rule). */
export const MAX_ID_PAGE = 5000;
export const MAX_FIELDS_PAGE = 100;

interface SearchInput {
  jql: string;
  nextPageToken?: string;
  maxResults: number;
  fields: string[];
  expand: string[];
  properties: string[];
}

function pageToken(jql: string, offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset, q: digest(jql) })).toString('base64url');
}

function digest(jql: string): string {
  return createHash('sha256').update(jql).digest('hex').slice(0, 16);
}

function readToken(token: string, jql: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; q?: unknown };
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0 && parsed.q === digest(jql)) return parsed.o;
  } catch {
    // fall through to the 400 below
  }
  throw badRequest('The provided next page token is invalid or expired.');
}

function searchPage(ctx: RouteContext, input: SearchInput): Record<string, unknown> {
  if (input.properties.length > 5) throw badRequest('', { properties: 'At most 5 issue properties can be requested.' });
  const fields = selectFields(input.fields, ['id']);
  const expand = expandOf(input.expand);
  const idOnly = [...fields].every((f) => f === 'id' || f === 'key') && input.properties.length === 0 && expand.size === 0;
  const pageSize = Math.min(input.maxResults, idOnly ? MAX_ID_PAGE : MAX_FIELDS_PAGE);
  const offset = input.nextPageToken ? readToken(input.nextPageToken, input.jql) : 0;
  const matches = search(ctx, input.jql);
  const page = matches.slice(offset, offset + pageSize);
  const end = offset + page.length;
  const opts = { fields, expand, properties: input.properties, idOnly: true };
  return {
    issues: page.map((i) => issueJson(ctx.db, ctx.base, i, ctx.now, opts)),
    ...(end < matches.length ? { nextPageToken: pageToken(input.jql, end) } : {}),
    isLast: end >= matches.length,
  };
}

export const searchJqlGet: Route = (ctx) => {
  const q = ctx.req.query;
  return ok(
    searchPage(ctx, {
      jql: q.get('jql') ?? '',
      nextPageToken: q.get('nextPageToken') ?? undefined,
      maxResults: intParam(q, 'maxResults', 50, 1),
      fields: q.getAll('fields'),
      expand: q.getAll('expand'),
      properties: listParam(q, 'properties'),
    }),
  );
};

const searchPostSchema = z.object({
  jql: z.string().optional(),
  nextPageToken: z.string().optional(),
  maxResults: z.number().int().min(1, 'maxResults must be at least 1').optional(),
  fields: z.array(z.string()).optional(),
  expand: z.string().optional(),
  properties: z.array(z.string()).optional(),
  fieldsByKeys: z.boolean().optional(),
  reconcileIssues: z.array(z.number().int()).max(50).optional(),
});

export const searchJqlPost: Route = (ctx) => {
  const body = parseBody(searchPostSchema, ctx.req.body);
  return ok(
    searchPage(ctx, {
      jql: body.jql ?? '',
      nextPageToken: body.nextPageToken,
      maxResults: body.maxResults ?? 50,
      fields: body.fields ?? [],
      expand: body.expand ? [body.expand] : [],
      properties: body.properties ?? [],
    }),
  );
};

export const approximateCount: Route = (ctx) => {
  const body = parseBody(z.object({ jql: z.string().optional() }), ctx.req.body);
  return ok({ count: search(ctx, body.jql ?? '').length });
};

export const parseJqlQueries: Route = (ctx) => {
  const validation = ctx.req.query.get('validation') ?? 'strict';
  if (!['strict', 'warn', 'none'].includes(validation)) throw badRequest("The 'validation' parameter must be strict, warn or none.");
  const body = parseBody(z.object({ queries: z.array(z.string()).min(1, 'queries must list at least one JQL query') }), ctx.req.body);
  const jqlCtx = jqlContext(ctx);
  const queries = body.queries.map((query) => {
    try {
      if (validation === 'none') parseJql(query);
      else checkJql(query, jqlCtx);
      return { query };
    } catch (e) {
      if (e instanceof JqlError) return validation === 'warn' && !e.message.startsWith('Error in the JQL Query') ? { query, warnings: [e.message] } : { query, errors: [e.message] };
      throw e;
    }
  });
  return ok({ queries });
};

/** The old search endpoints are gone from Jira Cloud; clients must move to /search/jql. */
export const removedSearch: Route = () => {
  throw new JiraHttpError(410, [
    'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046',
  ]);
};
