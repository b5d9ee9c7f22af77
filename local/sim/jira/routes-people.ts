import { LOCAL_USERS } from '../users';
import {
  GLOBAL_PERMISSIONS,
  ISSUE_TYPES,
  PRIORITIES,
  PROJECT_PERMISSIONS,
  RESOLUTIONS,
  STATUSES,
  STATUS_CATEGORIES,
} from './catalog';
import { JiraHttpError, badRequest, intParam, listParam, notFound, ok, pageBean, type Route } from './http';
import { issueTypeJson, priorityJson, statusCategoryJson, statusJson, userJson } from './serialize';

/** Users, permissions, and the fixed catalogues (issue types, statuses, priorities, ...). */

export const getMyself: Route = (ctx) => {
  if (!ctx.caller.accountId) throw new JiraHttpError(401, ['You are not logged in as a user.']);
  return ok(userJson(ctx.base, ctx.caller.accountId));
};

export const getUser: Route = (ctx) => {
  const accountId = ctx.req.query.get('accountId');
  if (!accountId) throw badRequest('', { accountId: 'The accountId query parameter is required.' });
  if (!LOCAL_USERS.some((u) => u.accountId === accountId)) throw notFound(`Specified user does not exist or you do not have required permissions`);
  return ok(userJson(ctx.base, accountId));
};

export const bulkGetUsers: Route = (ctx) => {
  const ids = listParam(ctx.req.query, 'accountId');
  if (!ids.length) throw badRequest('', { accountId: 'At least one accountId is required.' });
  const startAt = intParam(ctx.req.query, 'startAt', 0);
  const maxResults = intParam(ctx.req.query, 'maxResults', 10, 1);
  const users = [...new Set(ids)].filter((id) => LOCAL_USERS.some((u) => u.accountId === id)).map((id) => userJson(ctx.base, id));
  return ok(pageBean(ctx, users, startAt, maxResults));
};

/** Jira's numeric ids for the permissions the simulator knows. */
const PERMISSION_IDS: Record<string, string> = {
  ADMINISTER: '0', SYSTEM_ADMIN: '44', USER_PICKER: '27', BROWSE_PROJECTS: '10', CREATE_ISSUES: '11',
  EDIT_ISSUES: '12', ASSIGN_ISSUES: '13', RESOLVE_ISSUES: '14', ADD_COMMENTS: '15', DELETE_ISSUES: '16',
  ASSIGNABLE_USER: '17', LINK_ISSUES: '21', ADMINISTER_PROJECTS: '23', SCHEDULE_ISSUES: '28',
  MANAGE_WATCHERS: '32', VIEW_READONLY_WORKFLOW: '45', TRANSITION_ISSUES: '46',
};

/**
 * GET mypermissions. With a project or issue, answers for that project; without one, a project
 * permission counts as held when the caller holds it in at least one project (Jira's rule).
 */
export const getMyPermissions: Route = (ctx) => {
  const q = ctx.req.query;
  const keys = listParam(q, 'permissions');
  if (!keys.length) throw badRequest('The permissions parameter is required, e.g. permissions=BROWSE_PROJECTS,EDIT_ISSUES.');
  const unknown = keys.filter((k) => !(k in PROJECT_PERMISSIONS) && !(k in GLOBAL_PERMISSIONS));
  if (unknown.length) throw badRequest(`Invalid permission keys: ${unknown.join(', ')}.`);

  let projectIds: string[];
  const projectRef = q.get('projectKey') ?? q.get('projectId');
  const issueRef = q.get('issueKey') ?? q.get('issueId');
  if (projectRef) {
    const p = ctx.db.project(projectRef);
    if (!p || !ctx.db.can(ctx.caller, p.id, 'BROWSE_PROJECTS')) throw notFound(`No project could be found with key '${projectRef}'.`);
    projectIds = [p.id];
  } else if (issueRef) {
    const issue = ctx.db.issue(issueRef);
    if (!issue || !ctx.db.can(ctx.caller, issue.projectId, 'BROWSE_PROJECTS')) throw notFound('Issue does not exist or you do not have permission to see it.');
    projectIds = [issue.projectId];
  } else {
    projectIds = ctx.db.state.projects.map((p) => p.id);
  }
  const held = new Set(projectIds.flatMap((id) => [...ctx.db.permissionsIn(ctx.caller, id)]));
  const permissions = Object.fromEntries(
    keys.map((key) => {
      const global = key in GLOBAL_PERMISSIONS;
      return [
        key,
        {
          id: PERMISSION_IDS[key] ?? key,
          key,
          name: global ? GLOBAL_PERMISSIONS[key] : PROJECT_PERMISSIONS[key],
          type: global ? 'GLOBAL' : 'PROJECT',
          description: `Ability to ${String(global ? GLOBAL_PERMISSIONS[key] : PROJECT_PERMISSIONS[key]).toLowerCase()}.`,
          // No local user is a Jira administrator; the app itself is treated as one.
          havePermission: global ? ctx.caller.asApp : held.has(key),
        },
      ];
    }),
  );
  return ok({ permissions });
};

export const getIssueTypes: Route = (ctx) => ok(ISSUE_TYPES.map((t) => issueTypeJson(ctx.base, t)));
export const getStatuses: Route = (ctx) => ok(STATUSES.map((s) => statusJson(ctx.base, s)));
export const getStatusCategories: Route = (ctx) => ok(STATUS_CATEGORIES.map((c) => statusCategoryJson(ctx.base, c)));
export const getPriorities: Route = (ctx) =>
  ok(PRIORITIES.map((p) => ({ ...priorityJson(ctx.base, p), statusColor: p.statusColor, description: `${p.name} priority`, isDefault: p.id === '3' })));
export const getResolutions: Route = (ctx) =>
  ok(RESOLUTIONS.map((r) => ({ self: `${ctx.base}/rest/api/3/resolution/${r.id}`, id: r.id, name: r.name, description: r.description })));

export const getLabels: Route = (ctx) => {
  const labels = new Set<string>();
  for (const p of ctx.db.visibleProjects(ctx.caller)) for (const i of ctx.db.issuesInProject(p.id)) i.labels.forEach((l) => labels.add(l));
  const startAt = intParam(ctx.req.query, 'startAt', 0);
  const maxResults = intParam(ctx.req.query, 'maxResults', 1000, 1);
  return ok(pageBean(ctx, [...labels].sort(), startAt, maxResults));
};
