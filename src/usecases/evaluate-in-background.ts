import { startRelease, currentPhase, type ReleaseRecord } from '../domain/release';
import { ProductError } from '../errors';
import type { Clock, EvaluationBatch, EvaluationQueue, ProjectAccess, ReleaseListEntry, ReleaseReads, ReleaseStore, SettingsStore } from '../ports';
import type { ReleaseDeps } from './release-deps';
import { currentPhaseResults, evaluateRelease } from './evaluate-release';
import { projectSettings } from './load-release';
import type { QaChecks } from './qa-reconcile';

/** What the background evaluation reads: Jira as the app (a queue event has no user), Preflight's store and settings. */
export interface BackgroundEvaluationDeps {
  reads: ReleaseReads;
  store: ReleaseStore;
  settings: SettingsStore;
  access: Pick<ProjectAccess, 'projectRoles'>;
  qaChecks?: QaChecks;
  incidents?: ReleaseDeps['incidents'];
  clock: Clock;
}

/** Counts evaluated this recently are not evaluated again unless something changed (`force`). */
export const FRESH_FOR_MS = 10 * 60 * 1000;

export interface BackgroundEvaluationReport {
  evaluated: number;
  /** Fresh already, released and never tracked, complete, deleted, or tracked meanwhile. */
  skipped: number;
  failed: Array<{ versionId: string; retryable: boolean; status?: number; error: string }>;
}

const count = (results: Array<{ status: string }>, status: string) => results.filter((r) => r.status === status).length;

/**
 * Evaluates the gates of a batch of one project's versions without anyone opening them, and writes
 * only the derived list summary (source 'background'): never a release record or an audit event.
 * A version Preflight does not track is evaluated against a transient record from its template's
 * first phase (startRelease, never saved); a released one is skipped (the list shows it in its last
 * phase, where first-phase counts mean nothing). A tracked one is evaluated in its current phase.
 * Idempotent: running a batch twice writes the same summary; counts fresher than FRESH_FOR_MS are
 * kept unless the batch is forced (Jira reported a change). Bounded by the batch's size.
 */
export async function evaluateInBackground(deps: BackgroundEvaluationDeps, batch: EvaluationBatch): Promise<BackgroundEvaluationReport> {
  const report: BackgroundEvaluationReport = { evaluated: 0, skipped: 0, failed: [] };
  const [summaries, { settings }] = await Promise.all([
    deps.store.summaries(batch.projectKey),
    // The evaluation needs no roles: settings never saved cost no role call here.
    projectSettings(deps, batch.projectKey, { withRoleMapping: false }),
  ]);
  const now = deps.clock.now();
  for (const versionId of batch.versionIds) {
    const entry = summaries.get(versionId);
    if (!batch.force && entry && now.getTime() - Date.parse(entry.gateSummary.evaluatedAt) < FRESH_FOR_MS) {
      report.skipped++;
      continue;
    }
    try {
      const [version, stored] = await Promise.all([deps.reads.version(versionId), deps.store.get(versionId)]);
      if ((stored && (stored.projectKey !== batch.projectKey || stored.completedAt)) || (!stored && version.released)) {
        report.skipped++;
        continue;
      }
      const record: ReleaseRecord =
        stored ??
        startRelease({
          versionId,
          projectKey: batch.projectKey,
          releaseType: settings.defaultReleaseType,
          phases: settings.template[settings.defaultReleaseType],
          at: now.toISOString(),
        });
      const evaluation = await evaluateRelease(deps, version, record, settings);
      // Someone may have started tracking it while this ran: their save wrote the panel's summary, keep it.
      if (!stored && (await deps.store.get(versionId))) {
        report.skipped++;
        continue;
      }
      const results = currentPhaseResults(record, evaluation);
      const phase = currentPhase(record);
      const summary: ReleaseListEntry = {
        phase: { id: phase.id, name: phase.name },
        gateSummary: { pass: count(results, 'pass'), warning: count(results, 'warning'), fail: count(results, 'fail'), evaluatedAt: deps.clock.now().toISOString() },
        source: 'background',
        tracked: stored !== undefined,
        releaseType: record.releaseType,
        scopePending: evaluation.facts.pendingScopeChanges,
      };
      // A derived summary for the list, not a person's record (README: reads never write records).
      await deps.store.saveSummary(batch.projectKey, versionId, summary);
      report.evaluated++;
    } catch (error) {
      if (error instanceof ProductError && error.status === 404) {
        report.skipped++; // deleted in Jira, or no longer visible to the app
        continue;
      }
      const retryable = !(error instanceof ProductError) || error.status === 429 || error.status >= 500 || error.status === 0;
      report.failed.push({ versionId, retryable, ...(error instanceof ProductError && { status: error.status }), error: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}

/**
 * Queues the background evaluation of these versions of a project, in events of at most the
 * queue's batch size. Queueing is not a write to anyone's record: the consumer writes only the
 * derived list summaries. A refused push is returned, never thrown: the caller's answer stands.
 */
export async function queueEvaluations(
  queue: EvaluationQueue,
  projectKey: string,
  versionIds: readonly string[],
  options: { force?: boolean } = {},
): Promise<{ ok: true; events: number } | { ok: false; error: string }> {
  const unique = [...new Set(versionIds)];
  const batches: EvaluationBatch[] = [];
  for (let i = 0; i < unique.length; i += queue.maxVersionsPerEvent) {
    batches.push({ projectKey, versionIds: unique.slice(i, i + queue.maxVersionsPerEvent), ...(options.force && { force: true }) });
  }
  for (let i = 0; i < batches.length; i += queue.maxPerPush) {
    const answer = await queue.push(batches.slice(i, i + queue.maxPerPush));
    if (!answer.ok) return { ok: false, error: `${answer.reason}: ${answer.error}` };
  }
  return { ok: true, events: batches.length };
}

/**
 * After a change in Jira (an issue's fix version, a version's dates or released flag), queues the
 * re-evaluation of the versions it touched, forced past the freshness window. Only versions that
 * already have a list summary are queued (one KVS get each): the others are queued by the list
 * when someone looks. Never throws: a refused push is logged, the event's own work stands.
 */
export async function queueAfterJiraChange(
  deps: { store: Pick<ReleaseStore, 'summaryProject'>; queue: EvaluationQueue },
  versionIds: readonly string[],
): Promise<void> {
  try {
    const byProject = new Map<string, string[]>();
    for (const versionId of new Set(versionIds)) {
      const projectKey = await deps.store.summaryProject(versionId);
      if (projectKey) byProject.set(projectKey, [...(byProject.get(projectKey) ?? []), versionId]);
    }
    for (const [projectKey, ids] of byProject) {
      const queued = await queueEvaluations(deps.queue, projectKey, ids, { force: true });
      if (!queued.ok) console.warn(`Preflight could not queue the re-evaluation of ${ids.length} versions of ${projectKey}: ${queued.error}`);
    }
  } catch (error) {
    console.warn(`Preflight could not queue a re-evaluation after a Jira change: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Counts older than this are refreshed by the daily run and by the list when someone looks. */
export const STALE_AFTER_MS = 20 * 60 * 60 * 1000;

/** Whether a version's stored counts are missing or older than STALE_AFTER_MS. */
export function needsEvaluation(entry: Pick<ReleaseListEntry, 'gateSummary'> | undefined, now: Date): boolean {
  return entry === undefined || now.getTime() - Date.parse(entry.gateSummary.evaluatedAt) >= STALE_AFTER_MS;
}

export interface DailyRefreshReport {
  projects: number;
  versions: number;
  refused?: string;
}

/**
 * Daily, alongside the reminders' fan-out: queues the re-evaluation of every version of these
 * projects whose counts are older than STALE_AFTER_MS (one KVS query per project, no REST), so the
 * overview stays true for versions nobody opens. Versions with no counts yet are queued by the list.
 */
export async function queueDailyRefresh(
  deps: { store: Pick<ReleaseStore, 'summaries'>; queue: EvaluationQueue; clock: Clock },
  projectKeys: readonly string[],
): Promise<DailyRefreshReport> {
  const report: DailyRefreshReport = { projects: 0, versions: 0 };
  const now = deps.clock.now();
  for (const projectKey of projectKeys) {
    const stale = [...(await deps.store.summaries(projectKey))].filter(([, e]) => e.phase.name !== 'Complete' && needsEvaluation(e, now)).map(([id]) => id);
    if (stale.length === 0) continue;
    const queued = await queueEvaluations(deps.queue, projectKey, stale);
    if (!queued.ok) {
      report.refused = queued.error;
      break;
    }
    report.projects++;
    report.versions += stale.length;
  }
  return report;
}
