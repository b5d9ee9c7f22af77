import { defaultSettings } from '../domain/settings';
import { startRelease, type ReleaseRecord } from '../domain/release';
import type { PreflightRole } from '../domain/template';
import { AppError } from '../errors';
import type { VersionDetails } from '../ports';
import type { ProjectSettings } from '../shared/settings';
import type { Actor, ReleaseDeps } from './release-deps';

export interface LoadedRelease {
  version: VersionDetails;
  settings: ProjectSettings;
  /** The stored record, or a fresh one in Planning from the project's template (not yet saved). */
  record: ReleaseRecord;
  /** The revision stored, undefined while the release has never been saved. */
  storedRevision: number | undefined;
  roles: PreflightRole[];
}

export interface LoadOptions {
  /**
   * False for reads that show the same to everyone who can see the release (macros): skips the
   * person's role lookup (several Jira calls), and `roles` comes back empty.
   */
  withRoles?: boolean;
}

/** The project's settings, or the defaults until an admin saves some. */
export async function projectSettings(
  deps: { settings: ReleaseDeps['settings']; access: Pick<ReleaseDeps['access'], 'projectRoles'> },
  projectKey: string,
  options: { withRoleMapping?: boolean } = {},
): Promise<{ settings: ProjectSettings; revision: number }> {
  const stored = await deps.settings.get(projectKey);
  if (stored) return stored;
  // The default role mapping matches the project's Jira roles by name: one call, skipped by reads that need no roles.
  const roles = options.withRoleMapping === false ? [] : await deps.access.projectRoles(projectKey);
  return { settings: defaultSettings(roles), revision: 0 };
}

/**
 * Loads a release for the project page it was opened from. A version of another project is
 * "not found", exactly as if it did not exist, so a deep link cannot reach across projects.
 * @throws AppError NOT_FOUND; ProductError when Jira cannot be read.
 */
export async function loadRelease(deps: ReleaseDeps, actor: Actor, versionId: string, options: LoadOptions = {}): Promise<LoadedRelease> {
  const withRoles = options.withRoles !== false;
  const [version, { settings }, stored] = await Promise.all([
    deps.reads.version(versionId),
    projectSettings(deps, actor.project.key, { withRoleMapping: withRoles }),
    deps.store.get(versionId),
  ]);
  checkProject(version, actor, versionId);
  const roles = withRoles ? await deps.access.rolesOf(actor.accountId, actor.project.key, settings) : [];
  const record =
    stored ??
    startRelease({
      versionId,
      projectKey: actor.project.key,
      releaseType: settings.defaultReleaseType,
      phases: settings.template[settings.defaultReleaseType],
      at: deps.clock.now().toISOString(),
      // Planning began when the version's work did, not when someone first opened the panel.
      ...(version.startDate && { startedAt: `${version.startDate}T00:00:00.000Z` }),
    });
  return { version, settings, record, storedRevision: stored?.revision, roles };
}

function checkProject(version: VersionDetails, actor: Actor, versionId: string): void {
  if (version.projectId !== actor.project.id) {
    throw new AppError('NOT_FOUND', `Version ${versionId} is not a version of ${actor.project.key}.`);
  }
}

/** For reads that need no record: the version must belong to the page's project. @throws AppError NOT_FOUND */
export async function assertVersionInProject(deps: ReleaseDeps, actor: Actor, versionId: string): Promise<void> {
  checkProject(await deps.reads.version(versionId), actor, versionId);
}
