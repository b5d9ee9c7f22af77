import type { ReleaseView } from '../shared/release-panel';
import { currentPhase } from '../domain/release';
import { currentPhaseResults, evaluateRelease } from './evaluate-release';
import { loadRelease } from './load-release';
import type { Actor, ReleaseDeps } from './release-deps';
import { buildReleaseView } from './release-view';
import type { Evaluation } from './evaluate-release';
import type { LoadedRelease } from './load-release';

/**
 * The release panel for one version: its record (or a fresh one in Planning), every gate
 * evaluated, and the audit trail's first page. Also refreshes the list's gate summary.
 * @throws AppError NOT_FOUND for a version of another project; ProductError when Jira fails.
 */
export async function getRelease(deps: ReleaseDeps, actor: Actor, versionId: string): Promise<ReleaseView> {
  const loaded = await loadRelease(deps, actor, versionId);
  const evaluation = await evaluateRelease(deps, loaded.version, loaded.record, loaded.settings);
  // Only people who run the release refresh the list's counts: a viewer's look changes nothing.
  if (loaded.roles.length > 0) await saveListSummary(deps, actor, loaded, evaluation);
  return buildReleaseView(deps, actor, loaded, evaluation);
}

/** What the releases list shows for this version, kept fresh whenever the panel evaluates it. */
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
  });
}
