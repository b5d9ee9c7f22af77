import api, { route } from '@forge/api';
import { z } from 'zod';
import { rolesFromProjectRoles } from '../domain/settings';
import type { PreflightRole } from '../domain/template';
import type { People, ProjectAccess } from '../ports';
import { AppError } from '../errors';
import { text } from '../i18n/server-translator';
import { JSON_HEADERS, jiraJson } from './jira-http';
import { ProductError } from './product-error';

const permissionsSchema = z.looseObject({
  permissions: z.record(z.string(), z.looseObject({ havePermission: z.boolean() })),
});
const rolesSchema = z.record(z.string(), z.string());
const roleSchema = z.looseObject({
  id: z.coerce.string(),
  actors: z
    .array(
      z.looseObject({
        type: z.string().optional(),
        actorUser: z.looseObject({ accountId: z.string() }).optional(),
        actorGroup: z.looseObject({ name: z.string().optional(), groupId: z.string().optional() }).optional(),
      }),
    )
    .default([]),
});
const userGroupsSchema = z.looseObject({
  groups: z.looseObject({ items: z.array(z.looseObject({ name: z.string().optional(), groupId: z.string().optional() })).default([]) }).optional(),
});
const usersPageSchema = z.looseObject({ values: z.array(z.looseObject({ accountId: z.string(), displayName: z.string().optional() })).default([]) });

/**
 * A role read as the app. A role deleted in Jira but still mapped in the settings (404) simply
 * has no members; an app that may not read roles (401/403: a Jira admin restricted it) cannot tell
 * who holds which Preflight role, and says so to the person instead of failing obscurely.
 */
export async function roleRead<T>(projectKey: string, read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof ProductError && error.status === 404) return undefined;
    if (error instanceof ProductError && (error.status === 401 || error.status === 403)) {
      throw new AppError('FORBIDDEN', text('errors.role.cannotRead', { project: projectKey }));
    }
    throw error;
  }
}

/** Whether the acting user administers the project: asked as the user, so Jira decides. */
export async function isProjectAdmin(projectKey: string): Promise<boolean> {
  const answer = await jiraJson(`check your permissions in ${projectKey}`, permissionsSchema, () =>
    api.asUser().requestJira(route`/rest/api/3/mypermissions?projectKey=${projectKey}&permissions=ADMINISTER_PROJECTS`, { method: 'GET', headers: JSON_HEADERS }),
  );
  return answer.permissions['ADMINISTER_PROJECTS']?.havePermission === true;
}

/**
 * Preflight roles come from Jira project roles. Reading a role's members needs project-admin
 * rights most users lack, so these reads go as the app: they are the permission check itself,
 * and they read membership only, never issue content.
 */
export function jiraProjectAccess(): ProjectAccess {
  const projectRoles = async (projectKey: string) => {
    const roles = await jiraJson(`list the project roles of ${projectKey}`, rolesSchema, () =>
      api.asApp().requestJira(route`/rest/api/3/project/${projectKey}/role`, { method: 'GET', headers: JSON_HEADERS }),
    );
    return Object.entries(roles)
      .map(([name, self]) => ({ id: self.split('/').pop() ?? '', name }))
      .filter((r) => /^\d+$/.test(r.id));
  };
  return {
    projectRoles,
    isProjectAdmin,
    async rolesOf(accountId, projectKey, settings): Promise<PreflightRole[]> {
      const mappedIds = [...new Set(Object.values(settings.roleMapping).flat())];
      const [admin, ...roles] = await Promise.all([
        isProjectAdmin(projectKey),
        ...mappedIds.map((id) =>
          roleRead(
            projectKey,
            jiraJson(`read project role ${id} of ${projectKey}`, roleSchema, () =>
              api.asApp().requestJira(route`/rest/api/3/project/${projectKey}/role/${id}`, { method: 'GET', headers: JSON_HEADERS }),
            ),
          ),
        ),
      ]).then(([first, ...rest]) => [first, ...rest.filter((r): r is z.infer<typeof roleSchema> => r !== undefined)] as const);
      const groupActors = roles.some((r) => r.actors.some((a) => a.actorGroup));
      const groups = groupActors ? await userGroups(accountId) : new Set<string>();
      const held = new Set(
        roles
          .filter((r) =>
            r.actors.some(
              (a) => a.actorUser?.accountId === accountId || (a.actorGroup && (groups.has(a.actorGroup.groupId ?? '') || groups.has(a.actorGroup.name ?? ''))),
            ),
          )
          .map((r) => r.id),
      );
      const mapped = rolesFromProjectRoles(settings, held);
      // Project admins run releases whatever the mapping says.
      return admin && !mapped.includes('release-owner') ? ['release-owner', ...mapped] : mapped;
    },
  };
}

async function userGroups(accountId: string): Promise<Set<string>> {
  const user = await jiraJson('read your groups', userGroupsSchema, () =>
    api.asApp().requestJira(route`/rest/api/3/user?accountId=${accountId}&expand=groups`, { method: 'GET', headers: JSON_HEADERS }),
  );
  return new Set((user.groups?.items ?? []).flatMap((g) => [g.groupId, g.name].filter((v): v is string => Boolean(v))));
}

/** Display names, asked as the user (Jira applies its profile visibility rules). */
export function jiraPeople(): People {
  return {
    async names(accountIds) {
      const names = new Map<string, string>();
      if (accountIds.length === 0) return names;
      const query = new URLSearchParams(accountIds.slice(0, 200).map((id) => ['accountId', id]));
      query.set('maxResults', '200');
      const page = await jiraJson('read display names', usersPageSchema, () =>
        api.asUser().requestJira(route`/rest/api/3/user/bulk?${query}`, { method: 'GET', headers: JSON_HEADERS }),
      );
      for (const u of page.values) if (u.displayName) names.set(u.accountId, u.displayName);
      return names;
    },
  };
}

