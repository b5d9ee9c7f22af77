import { defaultSettings } from '../domain/settings';
import { startRelease, type ReleaseRecord } from '../domain/release';
import type { PreflightRole } from '../domain/template';
import { AppError, ProductError } from '../errors';
import type { VersionDetails } from '../ports';
import type { ProjectSettings } from '../shared/settings';
import type { Actor, ReleaseDeps } from './release-deps';
import { day, text } from '../i18n/server-translator';

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
  /**
   * True when the actor's project was itself read from Jira by its key (macros): its id and key
   * agree already, so the page context's pairing needs no second read.
   */
  projectFromJira?: boolean;
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
 * The record as screens show it. A release never saved is a fresh record in Planning whose actual
 * start is the moment it was loaded, so that the first save (the first real event) records it;
 * shown before then, that start would be whenever someone happened to look. So it is left out,
 * unless Jira knows when the version's work began (its start date).
 */
export function recordAsShown(loaded: Pick<LoadedRelease, 'record' | 'storedRevision' | 'version'>): ReleaseRecord {
  const { record } = loaded;
  if (loaded.storedRevision !== undefined || loaded.version.startDate) return record;
  const first = record.phases[0]!.id;
  const { actualStart: _lookTime, ...rest } = record.phaseDates[first] ?? {};
  return { ...record, phaseDates: { ...record.phaseDates, [first]: rest } };
}

/** A release as loaded, before the acting person's roles are known. */
export type ReleaseBase = Omit<LoadedRelease, 'roles'>;

/** The two halves of loading a release, started together so neither waits on the other. */
export interface StartedLoad {
  base: Promise<ReleaseBase>;
  roles: Promise<PreflightRole[]>;
}

/** Marks a promise as observed (its failure is read later, by whoever awaits it), and returns it. */
export function observed<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * Starts loading a release: the version, the settings and the stored record in parallel, and the
 * person's role lookup as soon as the settings are known (it does not need the version). A reader
 * that does not need the roles to begin (the panel's evaluation) starts on `base` alone.
 * @throws (from `base`) AppError NOT_FOUND for a version of another project; ProductError when Jira fails.
 */
export function startLoadingRelease(deps: ReleaseDeps, actor: Actor, versionId: string, options: LoadOptions = {}): StartedLoad {
  const withRoles = options.withRoles !== false;
  const settingsRead = observed(projectSettings(deps, actor.project.key, { withRoleMapping: withRoles }));
  const roles = observed(withRoles ? settingsRead.then(({ settings }) => deps.access.rolesOf(actor.accountId, actor.project.key, settings)) : Promise.resolve([]));
  const base = observed(
    Promise.all([versionOrDeleted(deps, actor, versionId), options.projectFromJira ? actor.project.id : deps.reads.projectId(actor.project.key), settingsRead, deps.store.get(versionId)]).then(([version, keyProjectId, { settings }, stored]) => {
      checkProject(version, keyProjectId, actor, versionId);
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
      return { version, settings, record, storedRevision: stored?.revision };
    }),
  );
  return { base, roles };
}

/**
 * The version from Jira. When Jira no longer has it and this project's record says it was deleted
 * (or merged) in Jira, the answer says so instead of a bare "not found": the record and its audit
 * trail are kept. The record is read only on that failure path.
 * @throws AppError NOT_FOUND for a deleted version; whatever the read throws otherwise.
 */
async function versionOrDeleted(deps: ReleaseDeps, actor: Actor, versionId: string): Promise<VersionDetails> {
  try {
    return await deps.reads.version(versionId);
  } catch (error) {
    if (!(error instanceof ProductError) || error.status !== 404) throw error;
    const stored = await deps.store.get(versionId).catch(() => undefined);
    const deleted = stored?.projectKey === actor.project.key ? stored.versionDeleted : undefined;
    if (!deleted) throw error;
    const on = day(deleted.at.slice(0, 10));
    throw new AppError('NOT_FOUND', deleted.mergedInto ? text('errors.version.deletedMerged', { date: on, target: deleted.mergedInto }) : text('errors.version.deleted', { date: on }));
  }
}

/**
 * Loads a release for the project page it was opened from. A version of another project is
 * "not found", exactly as if it did not exist, so a deep link cannot reach across projects.
 * @throws AppError NOT_FOUND; ProductError when Jira cannot be read.
 */
export async function loadRelease(deps: ReleaseDeps, actor: Actor, versionId: string, options: LoadOptions = {}): Promise<LoadedRelease> {
  const { base, roles } = startLoadingRelease(deps, actor, versionId, options);
  // The base first: a version of another project answers NOT_FOUND before any role question.
  const loaded = await base;
  return { ...loaded, roles: await roles };
}

/**
 * The version must belong to the page's project, and the page's project id and key must name the
 * same project: roles, settings and the stored record are keyed by the key, so a context pairing
 * one project's id with another's key would otherwise act under the other project's roles.
 * (Forge supplies the context; this is defence in depth.) The key's project is read in parallel
 * with the version, so the check adds a call but no round.
 */
function checkProject(version: VersionDetails, keyProjectId: string | undefined, actor: Actor, versionId: string): void {
  if (keyProjectId !== actor.project.id) {
    throw new AppError('NOT_FOUND', text('errors.project.idMismatch', { project: actor.project.key, id: actor.project.id }));
  }
  if (version.projectId !== actor.project.id) {
    throw new AppError('NOT_FOUND', text('errors.version.otherProject', { version: versionId, project: actor.project.key }));
  }
}

/** For reads that need no record: the version must belong to the page's project. @throws AppError NOT_FOUND */
export async function assertVersionInProject(deps: ReleaseDeps, actor: Actor, versionId: string): Promise<void> {
  const [version, keyProjectId] = await Promise.all([deps.reads.version(versionId), deps.reads.projectId(actor.project.key)]);
  checkProject(version, keyProjectId, actor, versionId);
}
