import { z } from 'zod';
import { JiraHttpError, badRequest, noContent, notFound, parseBody, type Route, type RouteContext } from './http';
import { issueUpdatedEvent, versionEvent } from './events';
import type { JiraIssue, JiraVersion } from './types';

/**
 * Deleting and merging versions: DELETE /version/{id} (deprecated, replacements in the query),
 * POST /version/{id}/removeAndSwap (replacements in the body) and PUT
 * /version/{id}/mergeto/{moveIssuesTo}. Each clears the version from its issues' fix versions or
 * swaps it for the replacement, with a changelog entry per issue, then removes the version.
 * The simulator has no affects-versions or version custom fields, so those replacements are
 * checked and otherwise have nothing to change.
 */

const ADMIN_ONLY = 'You must have global or project administrator rights in order to modify versions.';

/**
 * The version to delete. The spec documents a different answer for a caller without Administer
 * Projects per operation: 401 for delete and merge ("the user does not have the required
 * permissions"), 404 for removeAndSwap; a version the caller cannot browse is 404 everywhere.
 */
function versionToDelete(ctx: RouteContext, id: string, noRight: 401 | 404): JiraVersion {
  const v = ctx.db.version(id);
  if (!v || !ctx.db.can(ctx.caller, v.projectId, 'BROWSE_PROJECTS')) throw notFound(`Could not find version for id '${id}'`);
  if (!ctx.db.can(ctx.caller, v.projectId, 'ADMINISTER_PROJECTS')) {
    throw noRight === 404 ? notFound(`Could not find version for id '${id}'`) : new JiraHttpError(401, [ADMIN_ONLY]);
  }
  return v;
}

/** A replacement must be another version of the same project (the spec's words), else 400 naming the field. */
function replacement(ctx: RouteContext, version: JiraVersion, field: string, id: string | undefined): JiraVersion | undefined {
  if (id === undefined) return undefined;
  const target = ctx.db.version(id);
  if (!target || target.projectId !== version.projectId || target.id === version.id) {
    throw badRequest('', { [field]: `The version '${id}' is not another version of the same project as '${version.name}'.` });
  }
  return target;
}

/**
 * Moves the version's issues to `moveTo` (or clears it from them), removes the version and sends
 * Jira's events: `avi:jira:updated:issue` per issue whose fix versions changed, then
 * `avi:jira:merged:version` for a merge and `avi:jira:deleted:version`.
 */
function deleteAndSwap(ctx: RouteContext, version: JiraVersion, moveTo: JiraVersion | undefined, merge: boolean): void {
  const author = ctx.caller.accountId ?? '';
  const changed: JiraIssue[] = [];
  for (const issue of [...ctx.db.issuesInVersion(version.id)]) {
    const next = issue.fixVersionIds.filter((id) => id !== version.id);
    if (moveTo && !next.includes(moveTo.id)) next.push(moveTo.id);
    const logged = issue.changelog.length;
    ctx.db.setFixVersions(issue, next, author, ctx.now);
    if (issue.changelog.length > logged) changed.push(issue);
  }
  // The payloads are built before the version goes, while its details can still be serialised.
  const merged = merge && moveTo ? versionEvent(ctx.db, ctx.base, ctx.now, 'avi:jira:merged:version', moveTo, ctx.caller.accountId, { mergedVersion: version }) : undefined;
  const deleted = versionEvent(ctx.db, ctx.base, ctx.now, 'avi:jira:deleted:version', version, ctx.caller.accountId, {
    ...(moveTo && { newFixVersion: moveTo }),
    ...(merge && moveTo && { mergedVersion: moveTo }),
  });
  ctx.db.removeVersion(version.id);
  ctx.changed();
  for (const issue of changed) ctx.emit(issueUpdatedEvent(ctx.db, ctx.base, ctx.now, issue, issue.changelog[issue.changelog.length - 1]!, ctx.caller.accountId));
  if (merged) ctx.emit(merged);
  ctx.emit(deleted);
}

const numericId = z.string().regex(/^\d+$/, 'Expected a version id (digits)');

export const deleteVersion: Route = (ctx) => {
  const version = versionToDelete(ctx, ctx.params.id!, 401);
  const q = ctx.req.query;
  const fixId = q.get('moveFixIssuesTo') ?? undefined;
  const affectedId = q.get('moveAffectedIssuesTo') ?? undefined;
  for (const [field, value] of [['moveFixIssuesTo', fixId], ['moveAffectedIssuesTo', affectedId]] as const) {
    if (value !== undefined && !numericId.safeParse(value).success) throw badRequest('', { [field]: `Expected a version id (digits); got '${value}'.` });
  }
  const moveTo = replacement(ctx, version, 'moveFixIssuesTo', fixId);
  replacement(ctx, version, 'moveAffectedIssuesTo', affectedId);
  deleteAndSwap(ctx, version, moveTo, false);
  return noContent();
};

const removeAndSwapSchema = z.strictObject({
  moveFixIssuesTo: z.number().int().positive().optional(),
  moveAffectedIssuesTo: z.number().int().positive().optional(),
  customFieldReplacementList: z
    .array(z.strictObject({ customFieldId: z.number().int().optional(), moveTo: z.number().int().optional() }))
    .optional(),
});

export const removeAndSwapVersion: Route = (ctx) => {
  const version = versionToDelete(ctx, ctx.params.id!, 404);
  const body = parseBody(removeAndSwapSchema, ctx.req.body);
  const moveTo = replacement(ctx, version, 'moveFixIssuesTo', body.moveFixIssuesTo?.toString());
  replacement(ctx, version, 'moveAffectedIssuesTo', body.moveAffectedIssuesTo?.toString());
  // No version custom fields are simulated, so any custom field named is unknown.
  const field = body.customFieldReplacementList?.[0]?.customFieldId;
  if (field !== undefined) throw badRequest('', { customFieldReplacementList: `No version picker custom field with id ${field} exists.` });
  deleteAndSwap(ctx, version, moveTo, false);
  return noContent();
};

export const mergeVersions: Route = (ctx) => {
  const version = versionToDelete(ctx, ctx.params.id!, 401);
  const target = ctx.db.version(ctx.params.moveIssuesTo!);
  // The spec answers 404 when the version to merge into is not found.
  if (!target || !ctx.db.can(ctx.caller, target.projectId, 'BROWSE_PROJECTS')) throw notFound(`Could not find version for id '${ctx.params.moveIssuesTo}'`);
  if (target.projectId !== version.projectId || target.id === version.id) {
    throw badRequest(`The version '${target.name}' is not another version of the same project as '${version.name}'.`);
  }
  deleteAndSwap(ctx, version, target, true);
  return noContent();
};
