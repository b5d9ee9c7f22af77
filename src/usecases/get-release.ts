import type { ReleaseView } from '../shared/release-panel';
import { currentPhase } from '../domain/release';
import { currentPhaseResults, evaluateRelease, startCounts } from './evaluate-release';
import { observed, startLoadingRelease } from './load-release';
import type { Actor, ReleaseDeps } from './release-deps';
import { buildReleaseView, startViewReads } from './release-view';
import type { Evaluation } from './evaluate-release';
import type { LoadedRelease } from './load-release';

/**
 * The release panel for one version: its record (or a fresh one in Planning), every gate
 * evaluated, and the audit trail's first page. A read: it stores nothing, whoever looks (the
 * releases list's summary is refreshed by the writes, in changeRelease).
 *
 * Every read starts as soon as what it needs is known, so the panel waits on three rounds of REST
 * calls at most, whatever the release's size: (1) the version, the project's roles and the other
 * versions; (2) the person's role lookup, the gate counts and the names; (3) the scope changes'
 * summaries and, only when Jira and Preflight disagree on QA, one more JQL check.
 * @throws AppError NOT_FOUND for a version of another project; ProductError when Jira fails.
 */
export async function getRelease(deps: ReleaseDeps, actor: Actor, versionId: string): Promise<ReleaseView> {
  const { base, roles } = startLoadingRelease(deps, actor, versionId);
  const started = observed(base.then((b) => startCounts(deps, b.version, b.record, b.settings)));
  const reads = startViewReads(deps, actor, base, observed(started.then((s) => s.counts)));
  const loadedBase = await base;
  const [evaluation, myRoles] = await Promise.all([
    started.then((s) => evaluateRelease(deps, loadedBase.version, loadedBase.record, loadedBase.settings, s)),
    roles,
  ]);
  const loaded: LoadedRelease = { ...loadedBase, roles: myRoles };
  // No write here, not even the list's summary for people with a role: opening a panel (or a macro
  // built on it) must leave the stored state exactly as it was.
  return buildReleaseView(deps, actor, loaded, evaluation, reads);
}

/** What the releases list shows for this version, refreshed after every saved change (changeRelease). */
export async function saveListSummary(deps: ReleaseDeps, actor: Actor, loaded: LoadedRelease, evaluation: Evaluation): Promise<void> {
  const results = currentPhaseResults(loaded.record, evaluation);
  const phase = currentPhase(loaded.record);
  await deps.store.saveSummary(actor.project.key, loaded.version.id, {
    phase: { id: phase.id, name: loaded.record.completedAt ? 'Complete' : phase.name },
    gateSummary: {
      pass: results.filter((r) => r.status === 'pass').length,
      warning: results.filter((r) => r.status === 'warning').length,
      fail: results.filter((r) => r.status === 'fail').length,
      evaluatedAt: deps.clock.now().toISOString(),
    },
    source: 'panel',
    tracked: true,
    releaseType: loaded.record.releaseType,
  });
}
