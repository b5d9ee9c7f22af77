import { randomUUID } from 'node:crypto';
import { z } from 'zod';
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
import { componentJson, projectJson, relatedWorkJson, userJson, versionJson } from './serialize';
import { issueUpdatedEvent, versionEvent } from './events';
import type { JiraIssue, JiraProject, JiraVersion } from './types';

/** Projects, versions (with release and related work) and project roles. */

function expandSet(ctx: RouteContext): Set<string> {
  return new Set(listParam(ctx.req.query, 'expand').map((e) => e.toLowerCase()));
}

/** A project the caller may browse; anything else is "not found", as Jira hides what you cannot see. */
export function browsableProject(ctx: RouteContext, idOrKey: string): JiraProject {
  const p = ctx.db.project(idOrKey);
  if (!p || !ctx.db.can(ctx.caller, p.id, 'BROWSE_PROJECTS')) {
    throw notFound(`No project could be found with key '${idOrKey}'.`);
  }
  return p;
}

function browsableVersion(ctx: RouteContext, id: string): JiraVersion {
  const v = ctx.db.version(id);
  if (!v || !ctx.db.can(ctx.caller, v.projectId, 'BROWSE_PROJECTS')) throw notFound(`Could not find version for id '${id}'`);
  return v;
}

/**
 * Versions are changed by project (or Jira) administrators only. Jira's documented answer to a
 * caller without the right differs per operation: 404 on create, 400 on update.
 */
function requireVersionAdmin(ctx: RouteContext, projectId: string, status: 400 | 404): void {
  if (!ctx.db.can(ctx.caller, projectId, 'ADMINISTER_PROJECTS')) {
    throw new JiraHttpError(status, ['You must have global or project administrator rights in order to modify versions.']);
  }
}

export const searchProjects: Route = (ctx) => {
  const q = ctx.req.query;
  const startAt = intParam(q, 'startAt', 0);
  const maxResults = Math.min(intParam(q, 'maxResults', 50, 1), 100);
  const action = q.get('action') ?? 'view';
  const needed = action === 'edit' ? 'ADMINISTER_PROJECTS' : action === 'create' ? 'CREATE_ISSUES' : 'BROWSE_PROJECTS';
  const ids = new Set(listParam(q, 'id'));
  const keys = new Set(listParam(q, 'keys').map((k) => k.toUpperCase()));
  const text = q.get('query')?.toLowerCase();
  let projects = ctx.db.visibleProjects(ctx.caller).filter((p) => ctx.db.can(ctx.caller, p.id, needed));
  if (ids.size) projects = projects.filter((p) => ids.has(p.id));
  if (keys.size) projects = projects.filter((p) => keys.has(p.key));
  if (text) projects = projects.filter((p) => p.key.toLowerCase().includes(text) || p.name.toLowerCase().includes(text));
  const orderBy = q.get('orderBy') ?? 'key';
  const desc = orderBy.startsWith('-');
  const by = orderBy.replace(/^[-+]/, '') === 'name' ? (p: JiraProject) => p.name : (p: JiraProject) => p.key;
  projects.sort((a, b) => by(a).localeCompare(by(b)) * (desc ? -1 : 1));
  const expand = expandSet(ctx);
  const values = projects.map((p) => projectJson(ctx.db, ctx.base, p, ctx.now, { full: false, expand }));
  return ok(pageBean(ctx, values, startAt, maxResults));
};

export const getProject: Route = (ctx) => {
  const p = browsableProject(ctx, ctx.params.project!);
  return ok(projectJson(ctx.db, ctx.base, p, ctx.now, { full: true, expand: expandSet(ctx) }));
};

export const getProjectComponents: Route = (ctx) => {
  const p = browsableProject(ctx, ctx.params.project!);
  return ok(p.components.map((c) => componentJson(ctx.base, p, c)));
};

const VERSION_ORDER: Record<string, (v: JiraVersion) => string | number> = {
  sequence: (v) => v.sequence,
  name: (v) => v.name.toLowerCase(),
  releasedate: (v) => v.releaseDate ?? '9999-99-99',
  startdate: (v) => v.startDate ?? '9999-99-99',
  description: (v) => v.description.toLowerCase(),
};

export const getProjectVersionsPage: Route = (ctx) => {
  const q = ctx.req.query;
  const p = browsableProject(ctx, ctx.params.project!);
  const startAt = intParam(q, 'startAt', 0);
  const maxResults = intParam(q, 'maxResults', 50, 1);
  let versions = ctx.db.versionsOf(p.id);
  const statuses = new Set(listParam(q, 'status').map((s) => s.toLowerCase()));
  if (statuses.size) {
    versions = versions.filter(
      (v) => (statuses.has('released') && v.released && !v.archived) || (statuses.has('unreleased') && !v.released && !v.archived) || (statuses.has('archived') && v.archived),
    );
  }
  const text = q.get('query')?.toLowerCase();
  if (text) versions = versions.filter((v) => v.name.toLowerCase().includes(text) || v.description.toLowerCase().includes(text));
  const orderBy = q.get('orderBy');
  if (orderBy) {
    const key = VERSION_ORDER[orderBy.replace(/^[-+]/, '').toLowerCase()];
    if (!key) throw badRequest(`The 'orderBy' parameter must be one of sequence, name, releaseDate, startDate, description; got '${orderBy}'.`);
    const dir = orderBy.startsWith('-') ? -1 : 1;
    versions = [...versions].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      return (x < y ? -1 : x > y ? 1 : a.sequence - b.sequence) * dir;
    });
  }
  const expand = expandSet(ctx);
  // Serialise only the requested page: `issuesstatus` counts are cheap but not free.
  const page = versions.slice(startAt, startAt + maxResults).map((v) => versionJson(ctx.db, ctx.base, v, ctx.now, expand));
  const bean = pageBean(ctx, versions, startAt, maxResults);
  return ok({ ...bean, values: page });
};

export const getProjectVersions: Route = (ctx) => {
  const p = browsableProject(ctx, ctx.params.project!);
  const expand = expandSet(ctx);
  return ok(ctx.db.versionsOf(p.id).map((v) => versionJson(ctx.db, ctx.base, v, ctx.now, expand)));
};

export const getVersion: Route = (ctx) => {
  const v = browsableVersion(ctx, ctx.params.id!);
  return ok(versionJson(ctx.db, ctx.base, v, ctx.now, expandSet(ctx)));
};

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date as YYYY-MM-DD');

const versionFields = {
  name: z.string().trim().min(1, 'You must specify a valid version name').max(255, 'The version name must not be longer than 255 characters'),
  description: z.string().max(16384),
  startDate: isoDay.nullable(),
  releaseDate: isoDay.nullable(),
  released: z.boolean(),
  archived: z.boolean(),
  driver: z.string(),
};

const createVersionSchema = z.object({
  ...versionFields,
  name: versionFields.name,
  projectId: z.union([z.number().int(), z.string().regex(/^\d+$/)]).optional(),
  project: z.string().optional(),
  description: versionFields.description.optional(),
  startDate: versionFields.startDate.optional(),
  releaseDate: versionFields.releaseDate.optional(),
  released: versionFields.released.optional(),
  archived: versionFields.archived.optional(),
  driver: versionFields.driver.optional(),
});

function checkDates(startDate: string | null, releaseDate: string | null): void {
  if (startDate && releaseDate && startDate > releaseDate) {
    throw badRequest('', { startDate: 'The start date must be before the release date.' });
  }
}

function checkUniqueName(ctx: RouteContext, projectId: string, name: string, exceptId?: string): void {
  const clash = ctx.db.versionsOf(projectId).some((v) => v.id !== exceptId && v.name.toLowerCase() === name.toLowerCase());
  if (clash) throw badRequest('', { name: 'A version with this name already exists in this project.' });
}

export const createVersion: Route = (ctx) => {
  const body = parseBody(createVersionSchema, ctx.req.body);
  const ref = body.projectId !== undefined ? String(body.projectId) : body.project;
  if (!ref) throw badRequest('', { project: 'Project must be specified to create a version.' });
  const project = ctx.db.project(ref);
  if (!project || !ctx.db.can(ctx.caller, project.id, 'BROWSE_PROJECTS')) throw notFound(`No project could be found with key '${ref}'.`);
  requireVersionAdmin(ctx, project.id, 404);
  checkUniqueName(ctx, project.id, body.name);
  checkDates(body.startDate ?? null, body.releaseDate ?? null);
  const existing = ctx.db.versionsOf(project.id);
  const version: JiraVersion = {
    id: ctx.db.nextId('versionId'),
    projectId: project.id,
    name: body.name,
    description: body.description ?? '',
    startDate: body.startDate ?? null,
    releaseDate: body.releaseDate ?? null,
    released: body.released ?? false,
    archived: body.archived ?? false,
    sequence: (existing[existing.length - 1]?.sequence ?? 0) + 1,
    driverAccountId: body.driver ?? null,
    relatedWork: [],
  };
  ctx.db.addVersion(version);
  ctx.changed();
  return ok(versionJson(ctx.db, ctx.base, version, ctx.now), 201);
};

const updateVersionSchema = z.object({
  name: versionFields.name.optional(),
  description: versionFields.description.optional(),
  startDate: versionFields.startDate.optional(),
  releaseDate: versionFields.releaseDate.optional(),
  released: versionFields.released.optional(),
  archived: versionFields.archived.optional(),
  driver: versionFields.driver.optional(),
  /** The `self` URL (or id) of the version that unresolved issues move to on release. */
  moveUnfixedIssuesTo: z.string().min(1).optional(),
});

/** What an `avi:jira:updated:version` event is about: the version's own details, not its released or archived flag. */
function versionDetails(v: JiraVersion): string {
  return JSON.stringify([v.name, v.description, v.startDate, v.releaseDate, v.driverAccountId]);
}

export const updateVersion: Route = (ctx) => {
  const version = browsableVersion(ctx, ctx.params.id!);
  const body = parseBody(updateVersionSchema, ctx.req.body);
  requireVersionAdmin(ctx, version.projectId, 400);
  if (body.name !== undefined) checkUniqueName(ctx, version.projectId, body.name, version.id);
  const startDate = body.startDate !== undefined ? body.startDate : version.startDate;
  const releaseDate = body.releaseDate !== undefined ? body.releaseDate : version.releaseDate;
  checkDates(startDate, releaseDate);

  let moveTo: JiraVersion | undefined;
  if (body.moveUnfixedIssuesTo !== undefined) {
    // Jira takes the target's self URL; its last path segment is the id. A bare id works too.
    const targetId = body.moveUnfixedIssuesTo.replace(/\/+$/, '').split('/').pop()!;
    moveTo = ctx.db.version(targetId);
    if (!moveTo || moveTo.projectId !== version.projectId || moveTo.id === version.id) {
      throw badRequest('', { moveUnfixedIssuesTo: `The version '${body.moveUnfixedIssuesTo}' is not another version of the same project.` });
    }
  }

  const before = { released: version.released, archived: version.archived, details: versionDetails(version) };
  if (body.name !== undefined) version.name = body.name;
  if (body.description !== undefined) version.description = body.description;
  if (body.driver !== undefined) version.driverAccountId = body.driver;
  version.startDate = startDate;
  version.releaseDate = releaseDate;
  if (body.archived !== undefined) version.archived = body.archived;
  if (body.released !== undefined) {
    // Releasing without a date stamps today's date, as Jira does.
    if (body.released && !version.released && !version.releaseDate) version.releaseDate = ctx.now.toISOString().slice(0, 10);
    version.released = body.released;
  }
  const moved: JiraIssue[] = [];
  if (moveTo) {
    const author = ctx.caller.accountId ?? version.driverAccountId ?? '';
    for (const issue of [...ctx.db.issuesInVersion(version.id)]) {
      if (issue.resolutionId !== null) continue;
      const next = issue.fixVersionIds.filter((id) => id !== version.id);
      if (!next.includes(moveTo.id)) next.push(moveTo.id);
      const logged = issue.changelog.length;
      ctx.db.setFixVersions(issue, next, author, ctx.now);
      if (issue.changelog.length > logged) moved.push(issue);
    }
  }
  ctx.changed();
  // Product events, as Jira sends them for this change (ASSUMED order: the moved issues, then the version).
  for (const issue of moved) ctx.emit(issueUpdatedEvent(ctx.db, ctx.base, ctx.now, issue, issue.changelog[issue.changelog.length - 1]!, ctx.caller.accountId));
  const event = (type: string) => ctx.emit(versionEvent(ctx.db, ctx.base, ctx.now, `avi:jira:${type}:version`, version, ctx.caller.accountId));
  if (version.released !== before.released) event(version.released ? 'released' : 'unreleased');
  if (version.archived !== before.archived) event(version.archived ? 'archived' : 'unarchived');
  // ASSUMED: a release or archive that also stamps a date is one event, not two.
  const flagged = version.released !== before.released || version.archived !== before.archived;
  if (!flagged && versionDetails(version) !== before.details) event('updated');
  return ok(versionJson(ctx.db, ctx.base, version, ctx.now, expandSet(ctx)));
};

export const getVersionRelatedIssueCounts: Route = (ctx) => {
  const v = browsableVersion(ctx, ctx.params.id!);
  return ok({
    self: `${ctx.base}/rest/api/3/version/${v.id}`,
    issuesFixedCount: ctx.db.issuesInVersion(v.id).size,
    issuesAffectedCount: 0,
    issueCountWithCustomFieldsShowingVersion: 0,
    customFieldUsage: [],
  });
};

export const getVersionUnresolvedCount: Route = (ctx) => {
  const v = browsableVersion(ctx, ctx.params.id!);
  const issues = [...ctx.db.issuesInVersion(v.id)];
  return ok({
    self: `${ctx.base}/rest/api/3/version/${v.id}`,
    issuesCount: issues.length,
    issuesUnresolvedCount: issues.filter((i) => i.resolutionId === null).length,
  });
};

// ---- related work ----------------------------------------------------------------------------

const relatedWorkSchema = z.object({
  category: z.string().trim().min(1, 'category is required'),
  title: z.string().max(255).optional(),
  url: z.url('Expected an absolute URL').optional(),
  issueId: z.number().int().optional(),
  relatedWorkId: z.string().optional(),
});

function requireRelatedWorkEdit(ctx: RouteContext, projectId: string): void {
  // Jira asks for Resolve issues and Edit issues in the version's project.
  if (!ctx.db.can(ctx.caller, projectId, 'EDIT_ISSUES') || !ctx.db.can(ctx.caller, projectId, 'RESOLVE_ISSUES')) {
    throw forbidden('You do not have permission to edit the related work of this version.');
  }
}

export const getRelatedWork: Route = (ctx) => {
  const v = browsableVersion(ctx, ctx.params.id!);
  return ok(v.relatedWork.map(relatedWorkJson));
};

export const createRelatedWork: Route = (ctx) => {
  const v = browsableVersion(ctx, ctx.params.id!);
  const body = parseBody(relatedWorkSchema, ctx.req.body);
  requireRelatedWorkEdit(ctx, v.projectId);
  if (!body.url && body.issueId === undefined) throw badRequest('', { url: 'A related work item needs a url.' });
  const work = { relatedWorkId: randomUUID(), category: body.category, title: body.title, url: body.url, issueId: body.issueId };
  v.relatedWork.push(JSON.parse(JSON.stringify(work)));
  ctx.changed();
  return ok(relatedWorkJson(v.relatedWork[v.relatedWork.length - 1]!), 201);
};

export const updateRelatedWork: Route = (ctx) => {
  const v = browsableVersion(ctx, ctx.params.id!);
  const body = parseBody(relatedWorkSchema, ctx.req.body);
  requireRelatedWorkEdit(ctx, v.projectId);
  if (!body.relatedWorkId) throw badRequest('', { relatedWorkId: 'relatedWorkId is required to update related work.' });
  const work = v.relatedWork.find((w) => w.relatedWorkId === body.relatedWorkId);
  if (!work) throw notFound(`Related work '${body.relatedWorkId}' does not exist for version '${v.id}'.`);
  work.category = body.category;
  if (body.title !== undefined) work.title = body.title;
  if (body.url !== undefined) work.url = body.url;
  if (body.issueId !== undefined) work.issueId = body.issueId;
  ctx.changed();
  return ok(relatedWorkJson(work));
};

export const deleteRelatedWork: Route = (ctx) => {
  const v = browsableVersion(ctx, ctx.params.id!);
  requireRelatedWorkEdit(ctx, v.projectId);
  const index = v.relatedWork.findIndex((w) => w.relatedWorkId === ctx.params.relatedWorkId);
  if (index < 0) throw notFound(`Related work '${ctx.params.relatedWorkId}' does not exist for version '${v.id}'.`);
  v.relatedWork.splice(index, 1);
  ctx.changed();
  return noContent();
};

// ---- roles -----------------------------------------------------------------------------------

export const getProjectRoles: Route = (ctx) => {
  const p = browsableProject(ctx, ctx.params.project!);
  return ok(Object.fromEntries(ctx.db.state.roles.map((r) => [r.name, `${ctx.base}/rest/api/3/project/${p.id}/role/${r.id}`])));
};

export const getProjectRole: Route = (ctx) => {
  const p = browsableProject(ctx, ctx.params.project!);
  const role = ctx.db.state.roles.find((r) => String(r.id) === ctx.params.id);
  if (!role) throw notFound(`No project role with id '${ctx.params.id}' exists.`);
  const actors = (role.actors[p.id] ?? []).map((accountId, i) => ({
    id: role.id * 100 + i,
    displayName: String(userJson(ctx.base, accountId).displayName),
    type: 'atlassian-user-role-actor',
    actorUser: { accountId },
  }));
  return ok({
    self: `${ctx.base}/rest/api/3/project/${p.id}/role/${role.id}`,
    name: role.name,
    id: role.id,
    description: role.description,
    actors,
  });
};
