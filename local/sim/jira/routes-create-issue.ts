import { z } from 'zod';
import { DEFAULT_PRIORITY_ID, ISSUE_TYPES, PRIORITIES, STATUSES } from './catalog';
import { issueCreatedEvent } from './events';
import { JIRA_APP_ACCOUNT_ID } from './serialize';
import { JiraHttpError, ok, parseBody, type Route, type RouteContext } from './http';
import type { JiraIssue, JiraProject } from './types';

/**
 * POST /rest/api/3/issue: creates an issue in a company-managed project (the fields release work
 * and Preflight's incident issues use). Jira checks every field and answers all problems at once,
 * keyed by field (`errors`), so this route gathers them before refusing. See README "Creating issues"
 * for what is confirmed and what is assumed.
 */

const ref = z.union([z.object({ id: z.string() }), z.object({ key: z.string() }), z.object({ name: z.string() })]);
type Ref = z.infer<typeof ref>;

const createIssueSchema = z.object({
  fields: z.record(z.string(), z.unknown(), 'fields must be an object of field values'),
  update: z.record(z.string(), z.array(z.unknown())).optional(),
  properties: z.array(z.object({ key: z.string(), value: z.unknown() })).optional(),
});

/** The create screen of the simulated projects: every other field is "not on the screen". */
const SETTABLE = new Set(['project', 'issuetype', 'summary', 'description', 'fixVersions', 'priority', 'labels', 'components']);

const NOT_ON_SCREEN = (field: string) => `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`;
const NOT_ADF = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';

const adfNode: z.ZodType<AdfNode> = z.lazy(() => z.looseObject({ type: z.string(), text: z.string().optional(), content: z.array(adfNode).optional() }));
interface AdfNode {
  type: string;
  text?: string;
  content?: AdfNode[];
}
const adfDoc = z.looseObject({ type: z.literal('doc'), version: z.literal(1), content: z.array(adfNode) });

/** The plain text the simulator stores for a description: top-level blocks become lines. */
function adfText(node: AdfNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  return (node.content ?? []).map(adfText).join('');
}

function blocks(doc: { content: AdfNode[] }): string {
  return doc.content.map((block) => adfText(block).trim()).filter(Boolean).join('\n');
}

const refText = (r: Ref): string => ('id' in r ? r.id : 'key' in r ? r.key : r.name);

function projectFor(ctx: RouteContext, value: unknown, errors: Record<string, string>): JiraProject | undefined {
  const parsed = ref.safeParse(value);
  const project = parsed.success && !('name' in parsed.data) ? ctx.db.project(refText(parsed.data)) : undefined;
  // A project the caller cannot browse is, to them, one that does not exist (Jira's rule everywhere).
  if (!project || !ctx.db.can(ctx.caller, project.id, 'BROWSE_PROJECTS')) {
    errors.project = value === undefined ? 'project is required' : 'Specify a valid project ID or key';
    return undefined;
  }
  if (!ctx.db.can(ctx.caller, project.id, 'CREATE_ISSUES')) {
    errors.project = 'You do not have permission to create issues in this project.';
    return undefined;
  }
  return project;
}

function list(value: unknown, field: string, errors: Record<string, string>): unknown[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value;
  errors[field] = `Field '${field}' must be a list.`;
  return undefined;
}

export const createIssue: Route = (ctx) => {
  const body = parseBody(createIssueSchema, ctx.req.body);
  const f = body.fields;
  const errors: Record<string, string> = {};
  for (const field of Object.keys(f)) if (!SETTABLE.has(field)) errors[field] = NOT_ON_SCREEN(field);
  for (const field of Object.keys(body.update ?? {})) errors[field] ??= NOT_ON_SCREEN(field);
  if (body.properties?.length) throw new JiraHttpError(400, ['The simulated Jira does not set issue properties on create; set them with PUT /rest/api/3/issue/{key}/properties/{key}.']);

  const project = projectFor(ctx, f.project, errors);

  const typeRef = ref.safeParse(f.issuetype);
  const issueType = typeRef.success ? ISSUE_TYPES.find((t) => ('id' in typeRef.data ? t.id === typeRef.data.id : 'name' in typeRef.data && t.name === typeRef.data.name)) : undefined;
  if (f.issuetype === undefined) errors.issuetype = 'Specify an issue type';
  else if (!issueType) errors.issuetype = 'The issue type selected is invalid.';
  else if (issueType.subtask) errors.parent = 'Parent ID is required for a sub-task.';

  let summary = '';
  if (typeof f.summary !== 'string' || f.summary.trim() === '') errors.summary = 'You must specify a summary of the issue.';
  else if (f.summary.length > 255) errors.summary = 'Summary must be less than 255 characters.';
  else if (/[\r\n]/.test(f.summary)) errors.summary = 'The summary is invalid because it contains newline characters.';
  else summary = f.summary;

  let description: string | null = null;
  if (f.description !== undefined && f.description !== null) {
    const doc = adfDoc.safeParse(f.description);
    if (doc.success) description = blocks(doc.data) || null;
    else errors.description = NOT_ADF;
  }

  let priorityId = DEFAULT_PRIORITY_ID;
  if (f.priority !== undefined) {
    const p = ref.safeParse(f.priority);
    const found = p.success ? PRIORITIES.find((x) => ('id' in p.data ? x.id === p.data.id : 'name' in p.data && x.name === p.data.name)) : undefined;
    if (found) priorityId = found.id;
    else errors.priority = 'Specify the priority by a valid id or name.';
  }

  const labels = list(f.labels, 'labels', errors) ?? [];
  if (labels.some((l) => typeof l !== 'string')) errors.labels = 'Labels must be strings.';
  else if ((labels as string[]).some((l) => !/^\S+$/.test(l))) errors.labels = 'Labels cannot contain spaces';
  else if ((labels as string[]).some((l) => l.length > 255)) errors.labels = 'A label cannot be longer than 255 characters.';

  const fixVersionIds: string[] = [];
  for (const item of list(f.fixVersions, 'fixVersions', errors) ?? []) {
    const r = ref.safeParse(item);
    const v = !r.success || !project ? undefined : 'id' in r.data ? ctx.db.version(r.data.id) : 'name' in r.data ? ctx.db.versionsOf(project.id).find((x) => x.name === (r.data as { name: string }).name) : undefined;
    if (!project) break;
    if (!v || v.projectId !== project.id) {
      errors.fixVersions = `Version '${r.success ? refText(r.data) : JSON.stringify(item)}' is not valid for this issue's project.`;
      break;
    }
    if (!fixVersionIds.includes(v.id)) fixVersionIds.push(v.id);
  }
  if (fixVersionIds.length && project && !ctx.db.can(ctx.caller, project.id, 'RESOLVE_ISSUES')) errors.fixVersions = NOT_ON_SCREEN('fixVersions');

  const componentIds: string[] = [];
  for (const item of list(f.components, 'components', errors) ?? []) {
    const r = ref.safeParse(item);
    const c = r.success && project ? project.components.find((x) => ('id' in r.data ? x.id === r.data.id : 'name' in r.data && x.name === r.data.name)) : undefined;
    if (!project) break;
    if (!c) {
      errors.components = `Component '${r.success ? refText(r.data) : JSON.stringify(item)}' is not valid.`;
      break;
    }
    if (!componentIds.includes(c.id)) componentIds.push(c.id);
  }

  if (Object.keys(errors).length > 0 || !project || !issueType) throw new JiraHttpError(400, [], errors);

  const at = ctx.now.toISOString();
  const id = ctx.db.nextId('issueId');
  const issue: JiraIssue = {
    id,
    key: `${project.key}-${project.nextIssueNumber}`,
    projectId: project.id,
    issueTypeId: issueType.id,
    // The simplified workflow's initial status.
    statusId: STATUSES[0]!.id,
    priorityId,
    resolutionId: null,
    summary,
    description,
    labels: [...new Set(labels as string[])],
    componentIds,
    fixVersionIds,
    assigneeAccountId: null,
    reporterAccountId: ctx.caller.accountId ?? JIRA_APP_ACCOUNT_ID,
    parentId: null,
    created: at,
    updated: at,
    resolutionDate: null,
    // Jira's changelog starts empty: the creation itself is not a change history entry.
    changelog: [],
  };
  project.nextIssueNumber += 1;
  ctx.db.addIssue(issue);
  ctx.changed();
  ctx.emit(issueCreatedEvent(ctx.db, ctx.base, ctx.now, issue, ctx.caller.accountId));
  return ok({ id: issue.id, key: issue.key, self: `${ctx.base}/rest/api/3/issue/${issue.id}` }, 201);
};
