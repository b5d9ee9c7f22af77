import { ANYTHING, BUSY_CLASH, clashSentence, findClash, stampTouches, UNNAMED_CLASH, type ChangeScope } from '../domain/merge';
import { releaseStartedLine, type AuditEventDraft, type Change } from '../domain/release';
import type { PreflightRole } from '../domain/template';
import { AppError, ConflictError } from '../errors';
import { roleText } from '../domain/gates';
import { text } from '../i18n/server-translator';
import type { ReleaseView } from '../shared/release-panel';
import { evaluateRelease, type Evaluation } from './evaluate-release';
import { saveListSummary } from './get-release';
import { loadRelease, type LoadedRelease } from './load-release';
import type { Actor, ReleaseDeps } from './release-deps';
import { buildReleaseView, readOnlyReason } from './release-view';

export interface ReleaseChangeRequest {
  versionId: string;
  /** The revision the person's screen showed; changes saved after it are merged with or clash. */
  revision: number;
  /** Roles any one of which allows this change. */
  allowedRoles: readonly PreflightRole[];
  /** Whether the change needs the gates evaluated first (advancing a phase does). */
  needsEvaluation?: boolean;
  /**
   * The parts of the record this change writes (see src/domain/merge.ts), e.g.
   * `['checklist:rollback-plan']`. Undeclared: `['*']`, so the change is never re-applied on a
   * newer revision than the person saw: anyone's save since is a clash.
   */
  touches?: readonly string[];
  /** Parts the change's precondition depends on beyond what it writes (advancing reads every gate: `['*']`). */
  reads?: readonly string[];
  /**
   * The pure change. It may run more than once (re-applied on the latest revision when it lost a
   * race), so a change with side effects outside the record must declare `touches: ['*']`.
   */
  change: (loaded: LoadedRelease, evaluation: Evaluation | undefined, at: string) => Change | Promise<Change>;
}

/** How often a change is re-applied after losing the compare-and-swap to someone else's save. */
export const CHANGE_SAVE_ATTEMPTS = 12;

/** Audit events read to name what changed since the person's revision; a longer gap is a clash without a name. */
const EVENTS_SINCE_LIMIT = 100;

/**
 * The one path every release write takes: load, authorise the acting person's Preflight role,
 * apply the pure change, save it with its audit events under a compare-and-swap, make sure the
 * Jira version links to this panel, and answer the fresh view.
 *
 * When the person's revision is not the latest, the change is merged: if nothing saved since
 * touched what it touches or reads (ticking a different item, signing another role), it is
 * re-applied on the latest record; otherwise it is refused with one sentence naming who changed
 * what. A save that loses the compare-and-swap re-reads and tries again, a bounded number of times.
 * @throws AppError FORBIDDEN; ConflictError (a clash, or too many people saving at once); ReleaseRuleError; ProductError.
 */
export async function changeRelease(deps: ReleaseDeps, actor: Actor, request: ReleaseChangeRequest): Promise<ReleaseView> {
  const loaded = await loadRelease(deps, actor, request.versionId);
  const reason = readOnlyReason(loaded, actor.project.key);
  if (reason) throw new AppError('FORBIDDEN', reason);
  if (!loaded.roles.some((r) => request.allowedRoles.includes(r))) {
    throw new AppError('FORBIDDEN', text('errors.role.only', { roles: { list: request.allowedRoles.map(roleText), type: 'disjunction' }, project: actor.project.key }));
  }
  const scope: ChangeScope = { touches: request.touches ?? [ANYTHING], ...(request.reads && { reads: request.reads }) };

  let events: AuditEventDraft[];
  for (let attempt = 1; ; attempt++) {
    if ((loaded.storedRevision ?? 0) !== request.revision) await refuseClash(deps, actor, request, scope, loaded.storedRevision ?? 0);
    const at = deps.clock.now().toISOString();
    const before = request.needsEvaluation ? await evaluateRelease(deps, loaded.version, loaded.record, loaded.settings) : undefined;
    const change = await request.change(loaded, before, at);
    events = change.events;
    if (events.length === 0) break;
    let record = change.record;
    const stamped: AuditEventDraft[] = events.map((e) => ({ ...e, data: stampTouches(e.data, scope.touches) }));
    if (loaded.storedRevision === undefined) {
      stamped.unshift({ type: 'release-started', by: actor.accountId, at, ...releaseStartedLine(loaded.version.name, record.releaseType) });
    }
    if (!record.panelLinkedAt && (await linkPanel(deps, actor, loaded.version.id, loaded.version.name))) {
      record = { ...record, panelLinkedAt: at };
    }
    try {
      const saved = await deps.store.save(record, loaded.storedRevision, stamped);
      loaded.record = saved;
      loaded.storedRevision = saved.revision;
      break;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      if (attempt >= CHANGE_SAVE_ATTEMPTS) throw new ConflictError(BUSY_CLASH);
    }
    // Someone saved first: re-read the record (the version and settings stay as loaded) and merge again.
    const latest = await deps.store.get(request.versionId);
    if (latest) {
      loaded.record = latest;
      loaded.storedRevision = latest.revision;
    }
  }
  // Re-read the version: the change may have changed it in Jira (released, issues moved).
  const version = await deps.reads.version(loaded.version.id);
  loaded.version = version;
  if (events.length > 0) await notifyChange(deps, actor, version, loaded, events);
  const after = await evaluateRelease(deps, version, loaded.record, loaded.settings);
  await saveListSummary(deps, actor, loaded, after);
  return buildReleaseView(deps, actor, loaded, after);
}

/**
 * Reads what was saved since the person's revision and refuses the change when any of it touched
 * what the change touches or reads, naming the latest such change in one sentence.
 * @throws ConflictError on a clash.
 */
async function refuseClash(deps: ReleaseDeps, actor: Actor, request: ReleaseChangeRequest, scope: ChangeScope, storedRevision: number): Promise<void> {
  // A revision nobody saved yet is not a screen anyone loaded: nothing to merge with.
  if (request.revision > storedRevision) {
    throw new ConflictError(text('errors.clash.futureRevision', { revision: request.revision, saved: storedRevision }));
  }
  const since = await deps.store.eventsSince(request.versionId, request.revision, EVENTS_SINCE_LIMIT);
  if (since.more) throw new ConflictError(UNNAMED_CLASH);
  const clash = findClash(scope, since.events);
  if (!clash) return;
  const names = await deps.people.names([clash.by]);
  throw new ConflictError(clashSentence(clash, { name: names.get(clash.by) ?? clash.by, isYou: clash.by === actor.accountId }, deps.clock.now()));
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
