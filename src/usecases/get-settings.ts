import { PREFLIGHT_ROLES } from '../domain/template';
import { callerTranslator, say, text } from '../i18n/server-translator';
import type { ProjectCatalog } from '../ports';
import type { SettingsView } from '../shared/settings';
import { projectSettings } from './load-release';
import type { Actor, ReleaseDeps } from './release-deps';

export const NOT_ADMIN_REASON = text('errors.settings.notAdmin');

/** The project's settings with what it offers to choose from. Anyone who can see the project may look. */
export async function getSettings(deps: ReleaseDeps & { catalog: ProjectCatalog }, actor: Actor): Promise<SettingsView> {
  const [{ settings, revision }, projectRoles, issueTypes, priorities, admin] = await Promise.all([
    projectSettings(deps, actor.project.key),
    deps.access.projectRoles(actor.project.key),
    deps.catalog.issueTypes(actor.project.key),
    deps.catalog.priorities(),
    deps.access.isProjectAdmin(actor.project.key),
  ]);
  return {
    project: actor.project,
    settings,
    revision,
    projectRoles,
    issueTypes,
    priorities,
    roles: PREFLIGHT_ROLES,
    me: { canEdit: admin, ...(!admin && { readOnlyReason: say(callerTranslator(actor.locale, actor.timeZone), NOT_ADMIN_REASON) }) },
  };
}
