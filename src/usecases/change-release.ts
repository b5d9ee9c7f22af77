import type { Change } from '../domain/release';
import type { PreflightRole } from '../domain/template';
import { ConflictError } from '../errors';
import type { ReleaseView } from '../shared/release-panel';
import { AppError } from '../errors';
import { evaluateRelease, type Evaluation } from './evaluate-release';
import { saveListSummary } from './get-release';
import { loadRelease, type LoadedRelease } from './load-release';
import type { Actor, ReleaseDeps } from './release-deps';
import { buildReleaseView, readOnlyReason } from './release-view';

export interface ReleaseChangeRequest {
  versionId: string;
  /** The revision the person's screen showed; anything else means someone changed it since. */
  revision: number;
  /** Roles any one of which allows this change. */
  allowedRoles: readonly PreflightRole[];
  /** Whether the change needs the gates evaluated first (advancing a phase does). */
  needsEvaluation?: boolean;
  change: (loaded: LoadedRelease, evaluation: Evaluation | undefined, at: string) => Change | Promise<Change>;
}

/**
 * The one path every release write takes: load, authorise the acting person's Preflight role,
 * refuse a stale revision, apply the pure change, save it with its audit events under a
 * compare-and-swap, make sure the Jira version links to this panel, and answer the fresh view.
 * @throws AppError FORBIDDEN; ConflictError; ReleaseRuleError; ProductError.
 */
export async function changeRelease(deps: ReleaseDeps, actor: Actor, request: ReleaseChangeRequest): Promise<ReleaseView> {
  const loaded = await loadRelease(deps, actor, request.versionId);
  const reason = readOnlyReason(loaded, actor.project.key);
  if (reason) throw new AppError('FORBIDDEN', reason);
  if (!loaded.roles.some((r) => request.allowedRoles.includes(r))) {
    throw new AppError('FORBIDDEN', `Only the ${request.allowedRoles.join(' or ')} role may do this in ${actor.project.key}.`);
  }
  if ((loaded.storedRevision ?? 0) !== request.revision) throw new ConflictError();

  const at = deps.clock.now().toISOString();
  const before = request.needsEvaluation ? await evaluateRelease(deps, loaded.version, loaded.record, loaded.settings) : undefined;
  const change = await request.change(loaded, before, at);
  if (change.events.length > 0) {
    let record = change.record;
    const events = [...change.events];
    if (loaded.storedRevision === undefined) {
      events.unshift({ type: 'release-started', by: actor.accountId, at, summary: `Started tracking ${loaded.version.name} as a ${record.releaseType} release` });
    }
    if (!record.panelLinkedAt && (await linkPanel(deps, actor, loaded.version.id, loaded.version.name))) {
      record = { ...record, panelLinkedAt: at };
    }
    const saved = await deps.store.save(record, loaded.storedRevision, events);
    loaded.record = saved;
    loaded.storedRevision = saved.revision;
  }
  // Re-read the version: the change may have changed it in Jira (released, issues moved).
  const version = await deps.reads.version(loaded.version.id);
  loaded.version = version;
  if (change.events.length > 0) await notifyChange(deps, actor, version, loaded, change.events);
  const after = await evaluateRelease(deps, version, loaded.record, loaded.settings);
  await saveListSummary(deps, actor, loaded, after);
  return buildReleaseView(deps, actor, loaded, after);
}

/**
 * Adds "Preflight release panel" to the version's related work in Jira, once. A person without
 * the Jira permission to edit related work still gets their change saved; the link waits for
 * someone who has it.
 */
async function linkPanel(deps: ReleaseDeps, actor: Actor, versionId: string, versionName: string): Promise<boolean> {
  try {
    await deps.writes.ensureRelatedWork(versionId, { category: 'Other', title: `Preflight release panel: ${versionName}`, url: deps.panelUrl(actor.project, versionId) });
    return true;
  } catch (error) {
    console.warn('Preflight could not link the release panel from the Jira version', error);
    return false;
  }
}

/**
 * Tells the optional notifier (Slack/Teams, issue 6) about a saved change. It runs after the save
 * and swallows its own failures: the person's change stands whatever a webhook does.
 */
async function notifyChange(deps: ReleaseDeps, actor: Actor, version: { id: string; name: string; releaseDate?: string }, loaded: LoadedRelease, events: Change['events']): Promise<void> {
  if (!deps.notifier) return;
  try {
    await deps.notifier.afterChange({
      projectKey: actor.project.key,
      version: { id: version.id, name: version.name, ...(version.releaseDate && { releaseDate: version.releaseDate }) },
      record: loaded.record,
      events,
      panelUrl: deps.panelUrl(actor.project, version.id),
    });
  } catch (error) {
    console.warn('Preflight could not notify about a release change', error);
  }
}
