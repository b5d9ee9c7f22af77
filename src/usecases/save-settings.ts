import { AppError, invalidInput } from '../errors';
import { text } from '../i18n/server-translator';
import type { ProjectCatalog } from '../ports';
import type { SaveSettingsPayload, SettingsView } from '../shared/settings';
import { getSettings, NOT_ADMIN_REASON } from './get-settings';
import type { Actor, ReleaseDeps } from './release-deps';

/**
 * Saves a project's settings (already validated against the schema) after checking the person
 * administers the project and that the roles they map exist. Releases under way keep the
 * template they started with.
 * @throws AppError FORBIDDEN or INVALID_INPUT; ConflictError when someone saved first.
 */
export async function saveSettings(deps: ReleaseDeps & { catalog: ProjectCatalog }, actor: Actor, input: SaveSettingsPayload): Promise<SettingsView> {
  if (!(await deps.access.isProjectAdmin(actor.project.key))) throw new AppError('FORBIDDEN', NOT_ADMIN_REASON);
  const [roles, issueTypes, priorities] = await Promise.all([
    deps.access.projectRoles(actor.project.key),
    deps.catalog.issueTypes(actor.project.key),
    deps.catalog.priorities(),
  ]);
  const roleIds = new Set(roles.map((r) => r.id));
  const { settings } = input;
  const fields = [
    ...Object.entries(settings.roleMapping).flatMap(([role, ids]) =>
      ids.flatMap((id, i) => (roleIds.has(id) ? [] : [{ field: `settings.roleMapping.${role}.${i}`, message: text('errors.settings.roleMissing', { id, project: actor.project.key }) }])),
    ),
    ...settings.qaIssueTypes.flatMap((name, i) =>
      issueTypes.includes(name) ? [] : [{ field: `settings.qaIssueTypes.${i}`, message: text('errors.settings.issueType', { types: issueTypes.join(', ') }) }],
    ),
    ...settings.blockerPriorities.flatMap((name, i) =>
      priorities.includes(name) ? [] : [{ field: `settings.blockerPriorities.${i}`, message: text('errors.settings.priority', { priorities: priorities.join(', ') }) }],
    ),
  ];
  if (fields.length > 0) throw invalidInput('errors.settings.invalid', fields);
  await deps.settings.save(actor.project.key, input.settings, input.revision);
  return getSettings(deps, actor);
}
