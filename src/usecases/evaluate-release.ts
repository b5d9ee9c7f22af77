import { announcementFlags, scheduleFlags, type DateFlag } from '../domain/date-realism';
import { evaluateGate, type GateResult, type ReleaseFacts } from '../domain/gates';
import { isoDay } from '../domain/release-summary';
import type { ReleaseRecord } from '../domain/release';
import type { ReleaseCounts, ReleaseCountsQuery, VersionDetails } from '../ports';
import type { ProjectSettings } from '../shared/settings';
import type { ReleaseDeps } from './release-deps';

export interface Evaluation {
  facts: ReleaseFacts;
  counts: ReleaseCounts;
  /** Every gate of every phase, keyed by gate id. */
  results: Map<string, GateResult>;
  flags: DateFlag[];
}

/** What the gate counts and the issue lists behind them are asked for. */
export function countsQuery(version: VersionDetails, record: ReleaseRecord, settings: ProjectSettings): ReleaseCountsQuery {
  return {
    versionId: version.id,
    versionName: version.name,
    blockerPriorities: settings.blockerPriorities,
    qaIssueTypes: settings.qaIssueTypes,
    ...(record.buildUnderTest && { buildUnderTest: record.buildUnderTest.id }),
    ...(record.frozenAt && { frozenAt: record.frozenAt }),
  };
}

/**
 * The readiness evaluation: facts from the version (counts by status category) and three JQL
 * calls at most, then every gate evaluated purely. Its REST cost does not grow with the release.
 */
export async function evaluateRelease(
  deps: Pick<ReleaseDeps, 'reads' | 'clock'>,
  version: VersionDetails,
  record: ReleaseRecord,
  settings: ProjectSettings,
): Promise<Evaluation> {
  const counts = await deps.reads.counts(countsQuery(version, record, settings));
  const s = version.issuesStatus;
  const today = isoDay(deps.clock.now());
  const facts: ReleaseFacts = {
    today,
    issueCount: s.toDo + s.inProgress + s.done + s.unmapped,
    doneCount: s.done,
    openBlockers: counts.openBlockers,
    qaPending: counts.qaPending,
    releaseDate: version.releaseDate,
    released: version.released,
    pendingScopeChanges: counts.addedAfterFreeze.filter((i) => record.scopeDecisions[i.id]?.decision !== 'accepted').length,
    frozen: record.frozenAt !== undefined,
    releaseNotesPublished: record.published.releaseNotes !== undefined,
    retrospectivePublished: record.published.retrospective !== undefined,
  };
  const records = { checklist: record.checklist, signoffs: record.signoffs };
  const results = new Map(record.phases.flatMap((p) => p.gates).map((g) => [g.id, evaluateGate(g, facts, records)]));
  const flags = [
    ...scheduleFlags({
      today,
      released: version.released,
      ...(version.releaseDate && { releaseDate: version.releaseDate }),
      startDate: version.startDate ?? record.createdAt.slice(0, 10),
      issueCount: facts.issueCount,
      doneCount: facts.doneCount,
    }),
    ...announcementFlags({
      ...(record.announcementDate && { announcementDate: record.announcementDate }),
      ...(version.releaseDate && { releaseDate: version.releaseDate }),
      released: version.released,
      beddingInDays: settings.beddingInDays,
    }),
  ];
  return { facts, counts, results, flags };
}

/** The exit gates of the phase the release is in. */
export function currentPhaseResults(record: ReleaseRecord, evaluation: Evaluation): GateResult[] {
  const phase = record.phases.find((p) => p.id === record.currentPhaseId);
  return (phase?.gates ?? []).map((g) => evaluation.results.get(g.id)!).filter(Boolean);
}
