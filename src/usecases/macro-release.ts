import type { MacroConfig, PublishedPageView, PublishKind, PublishPermissionView } from '../shared/macros';
import { loadRelease, type LoadedRelease, type LoadOptions } from './load-release';
import type { MacroDeps } from './macro-deps';
import type { Actor } from './release-deps';

/**
 * A macro names its release in its configuration (project key and version id) instead of sitting
 * on a project page. This turns that into the actor and loaded release the panel's use cases use;
 * the project is read as the person, so a project they cannot see is "not found", and a version
 * of another project is refused exactly as on the panel.
 * @throws ProductError 404; AppError NOT_FOUND.
 */
export async function loadMacroRelease(
  deps: MacroDeps,
  accountId: string,
  config: Pick<MacroConfig, 'projectKey' | 'versionId'>,
  options: LoadOptions = {},
): Promise<{ actor: Actor; loaded: LoadedRelease }> {
  const project = await deps.macroReads.project(config.projectKey);
  const actor: Actor = { accountId, project };
  return { actor, loaded: await loadRelease(deps, actor, config.versionId, { ...options, projectFromJira: true }) };
}

/** Anyone with a Preflight role in the project may publish its pages. */
export function mayPublish(loaded: LoadedRelease): boolean {
  return loaded.roles.length > 0;
}

/**
 * Whether the person may publish this release's pages. Asked on its own, so rendering notes or a
 * retrospective costs no role lookup: those show the same to everyone who can see the release.
 */
export async function canPublish(deps: MacroDeps, accountId: string, config: Pick<MacroConfig, 'projectKey' | 'versionId'>): Promise<PublishPermissionView> {
  const { loaded } = await loadMacroRelease(deps, accountId, config);
  return mayPublish(loaded)
    ? { canPublish: true }
    : { canPublish: false, reason: `People with a Preflight role in ${config.projectKey} can publish this as a page.` };
}

export function publishedOf(loaded: LoadedRelease, kind: PublishKind): PublishedPageView | undefined {
  return kind === 'release-notes' ? loaded.record.published.releaseNotes : loaded.record.published.retrospective;
}

export function versionRef(loaded: LoadedRelease) {
  const v = loaded.version;
  return { id: v.id, name: v.name, released: v.released, ...(v.releaseDate && { releaseDate: v.releaseDate }) };
}
