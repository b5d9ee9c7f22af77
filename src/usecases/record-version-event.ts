import { currentPhase, type Change, type ReleaseRecord } from '../domain/release';
import { recordReleasedInJira, recordUnreleasedInJira, recordVersionDeleted, recordVersionUpdated } from '../domain/jira-events';
import { ProductError } from '../errors';
import type { VersionDetails } from '../ports';
import { currentPhaseResults, evaluateRelease, type Evaluation } from './evaluate-release';
import { applyToRelease, panelUrlOf, type JiraEventDeps } from './jira-event-deps';
import { projectSettings } from './load-release';

/** A Jira version event as the trigger parsed it. */
export interface VersionEventInput {
  kind: 'released' | 'unreleased' | 'updated' | 'deleted' | 'merged';
  version: { id: string; name: string; releaseDate?: string };
  /** Who did it (Jira's atlassianId); Jira may leave it out. */
  by?: string;
  /**
   * For a deletion: the version its fix-version issues went to (the event's `mergedVersion`, else
   * `newFixVersion`). For a merge: the other version the event names (which way round is not documented).
   */
  mergedInto?: { id: string; name: string };
}

/** Whoever Jira did not name, for the audit trail. */
export const UNKNOWN_JIRA_USER = 'unknown';

/**
 * Records what happened to a tracked version in Jira (versions Preflight does not track are left
 * alone). A release made in Jira is checked against the gates: if they blocked, it is recorded as
 * "released outside Preflight" and stakeholders hear of it; either way the release moves on.
 * Idempotent: the same event twice changes nothing the second time.
 * @returns the saved change, or undefined when nothing changed.
 * @throws ProductError when Jira cannot be read (the trigger decides whether to retry).
 */
export async function recordVersionEvent(deps: JiraEventDeps, input: VersionEventInput): Promise<Change | undefined> {
  const by = input.by ?? UNKNOWN_JIRA_USER;
  const at = deps.clock.now().toISOString();
  switch (input.kind) {
    case 'unreleased':
      return applyToRelease(deps, input.version.id, (record) => recordUnreleasedInJira(record, { by, at }));
    case 'updated':
      return applyToRelease(deps, input.version.id, (record) => recordVersionUpdated(record, { by, at, ...(input.version.releaseDate && { releaseDate: input.version.releaseDate }) }));
    case 'deleted':
      return applyToRelease(deps, input.version.id, (record) => recordVersionDeleted(record, { by, at, ...(input.mergedInto && { mergedInto: input.mergedInto.name }) }));
    case 'merged':
      return recordMerge(deps, input, by, at);
    case 'released':
      return recordRelease(deps, input, by, at);
  }
}

/**
 * A merge names two versions, and Forge's reference does not say which one was merged away
 * ("the version that was merged with the version which triggered the event"). The one Jira no
 * longer has is the deleted one; the other is where its issues went. A tracked version Jira still
 * has is left alone (the deleted event, which Jira also sends, settles it either way).
 */
async function recordMerge(deps: JiraEventDeps, input: VersionEventInput, by: string, at: string): Promise<Change | undefined> {
  const other = input.mergedInto;
  if (!other) return undefined;
  for (const [gone, into] of [[input.version, other], [other, input.version]] as const) {
    if (!(await deps.store.get(gone.id)) || (await stillInJira(deps, gone.id))) continue;
    return applyToRelease(deps, gone.id, (record) => recordVersionDeleted(record, { by, at, mergedInto: into.name }));
  }
  return undefined;
}

/** Whether Jira still has the version (a 404 says it was deleted; any other failure is the trigger's to retry). */
async function stillInJira(deps: JiraEventDeps, versionId: string): Promise<boolean> {
  try {
    await deps.reads.version(versionId);
    return true;
  } catch (error) {
    if (error instanceof ProductError && error.status === 404) return false;
    throw error;
  }
}

async function recordRelease(deps: JiraEventDeps, input: VersionEventInput, by: string, at: string): Promise<Change | undefined> {
  const releaseDate = input.version.releaseDate ?? at.slice(0, 10);
  // Evaluated once, on the first record read; a record saved meanwhile by someone else only moves the gates a little.
  let evaluated: { version: VersionDetails; evaluation: Evaluation } | undefined;
  const saved = await applyToRelease(deps, input.version.id, async (record) => {
    if (record.jiraRelease?.releaseDate === releaseDate) return { record, events: [] };
    evaluated ??= await evaluate(deps, record, input.version.id);
    return recordReleasedInJira(record, evaluated.evaluation.results, { by, at, releaseDate, versionName: evaluated.version.name });
  });
  if (!saved || !evaluated) return saved;
  await saveSummary(deps, saved.record, evaluated);
  if (deps.notifier) {
    const panelUrl = await panelUrlOf(deps, saved.record.projectKey, input.version.id);
    const v = evaluated.version;
    // The notifier never throws: the record stands whatever a webhook does.
    await deps.notifier.afterChange({
      projectKey: saved.record.projectKey,
      version: { id: v.id, name: v.name, ...(v.releaseDate && { releaseDate: v.releaseDate }) },
      record: saved.record,
      events: saved.events,
      ...(panelUrl && { panelUrl }),
    });
  }
  return saved;
}

async function evaluate(deps: JiraEventDeps, record: ReleaseRecord, versionId: string) {
  const [version, { settings }] = await Promise.all([deps.reads.version(versionId), projectSettings(deps, record.projectKey)]);
  return { version, evaluation: await evaluateRelease(deps, version, record, settings) };
}

/** The releases list shows the phase the release moved to, without anyone opening its panel. */
async function saveSummary(deps: JiraEventDeps, record: ReleaseRecord, evaluated: { evaluation: Evaluation }): Promise<void> {
  const results = currentPhaseResults(record, evaluated.evaluation);
  const phase = currentPhase(record);
  await deps.store.saveSummary(record.projectKey, record.versionId, {
    phase: { id: phase.id, name: record.completedAt ? 'Complete' : phase.name },
    gateSummary: {
      pass: results.filter((r) => r.status === 'pass').length,
      warning: results.filter((r) => r.status === 'warning').length,
      fail: results.filter((r) => r.status === 'fail').length,
      evaluatedAt: deps.clock.now().toISOString(),
    },
    source: 'panel',
    tracked: true,
    releaseType: record.releaseType,
  });
}
