import { announcementFlags, planFlags, scheduleFlags, type DateFlag } from '../domain/date-realism';
import { productionDeployment, productionStateOf } from '../domain/deployments';
import { beddingInWindow, incidentFacts, liveSince, type Incident } from '../domain/incidents';
import { evaluateGate, type GateResult, type ReleaseFacts } from '../domain/gates';
import { notesStaleness } from '../domain/publishing';
import { addedAfterFreeze } from '../domain/jira-events';
import { isoDay } from '../domain/release-summary';
import type { ReleaseRecord } from '../domain/release';
import type { ReleaseCounts, ReleaseCountsQuery, VersionDetails } from '../ports';
import type { ProjectSettings } from '../shared/settings';
import type { ReleaseDeps } from './release-deps';
import { reconcileQa } from './qa-reconcile';
import type { QaMismatch } from '../domain/qa';

export interface Evaluation {
  facts: ReleaseFacts;
  counts: ReleaseCounts;
  /** Every gate of every phase, keyed by gate id. */
  results: Map<string, GateResult>;
  flags: DateFlag[];
  /** Issues where Jira's QA property and Preflight's record disagree (Preflight's record counted). */
  qaMismatches?: QaMismatch[];
  /** The release's incidents from monitoring, as read for the gates (the panel shows the same read). */
  incidents?: Incident[];
}

/** What the gate counts and the issue lists behind them are asked for. */
export function countsQuery(version: VersionDetails, record: ReleaseRecord, settings: ProjectSettings, now: Date): ReleaseCountsQuery {
  return {
    versionId: version.id,
    versionName: version.name,
    asOf: now.toISOString(),
    blockerPriorities: settings.blockerPriorities,
    qaIssueTypes: settings.qaIssueTypes,
    ...(record.buildUnderTest && { buildUnderTest: record.buildUnderTest.id }),
    ...(record.frozenAt && { frozenAt: record.frozenAt }),
  };
}

/** The gate counts' query and the call that answers it, started before the rest of the evaluation. */
export interface StartedCounts {
  query: ReleaseCountsQuery;
  counts: Promise<ReleaseCounts>;
}

/**
 * Sends the counts query now, so a caller can start reads that need only the counts (the scope
 * changes' summaries) without waiting for the QA reconciliation that completes the evaluation.
 */
export function startCounts(
  deps: Pick<ReleaseDeps, 'reads' | 'clock'>,
  version: VersionDetails,
  record: ReleaseRecord,
  settings: ProjectSettings,
): StartedCounts {
  const query = countsQuery(version, record, settings, deps.clock.now());
  // Additions Jira's events reported join the search's, each issue once: both lists and the gate agree.
  const counts = deps.reads.counts(query).then((c) => (record.scopeAdditions ? { ...c, addedAfterFreeze: addedAfterFreeze(record, c.addedAfterFreeze) } : c));
  return { query, counts };
}

/**
 * The readiness evaluation: facts from the version (counts by status category) and three JQL
 * calls at most, then every gate evaluated purely. Its REST cost does not grow with the release.
 */
export async function evaluateRelease(
  deps: Pick<ReleaseDeps, 'reads' | 'clock' | 'qaChecks' | 'incidents'>,
  version: VersionDetails,
  record: ReleaseRecord,
  settings: ProjectSettings,
  started: StartedCounts = startCounts(deps, version, record, settings),
): Promise<Evaluation> {
  const { query } = started;
  // Where Jira's QA property disagrees with Preflight's record (someone wrote it through REST), the record wins.
  const [counts, qa, incidents] = await Promise.all([
    started.counts,
    deps.qaChecks ? reconcileQa(deps.qaChecks, record.projectKey, query) : Promise.resolve(undefined),
    // One KVS query, no REST: the release's incidents from monitoring (issue 13).
    deps.incidents ? deps.incidents.ofVersion(version.id) : Promise.resolve(undefined),
  ]);
  const s = version.issuesStatus;
  const today = isoDay(deps.clock.now());
  const facts: ReleaseFacts = {
    today,
    issueCount: s.toDo + s.inProgress + s.done + s.unmapped,
    doneCount: s.done,
    openBlockers: counts.openBlockers,
    qaPending: counts.qaPending === undefined ? undefined : Math.max(0, counts.qaPending + (qa?.pendingCorrection ?? 0)),
    releaseDate: version.releaseDate,
    released: version.released,
    // A removed issue may still match for a moment (Jira's search catches up with edits): decided is decided.
    pendingScopeChanges: counts.addedAfterFreeze.filter((i) => record.scopeDecisions[i.id] === undefined).length,
    frozen: record.frozenAt !== undefined,
    releaseNotesPublished: record.published.releaseNotes !== undefined,
    ...staleNotes(record, version),
    retrospectivePublished: record.published.retrospective !== undefined,
    ...(incidents && { incidents: incidentFacts(incidents, beddingInEnd(record, version, settings.beddingInDays)) }),
    ...productionFacts(record),
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
      ...announcementLiveSince(record),
    }),
    ...(record.completedAt
      ? []
      : planFlags({
          today,
          released: version.released,
          ...(version.releaseDate && { releaseDate: version.releaseDate }),
          phases: record.phases.map((p) => ({
            id: p.id,
            name: p.name,
            ...(record.phaseDates[p.id]?.plannedStart && { plannedStart: record.phaseDates[p.id]!.plannedStart! }),
            ...(record.phaseDates[p.id]?.plannedEnd && { plannedEnd: record.phaseDates[p.id]!.plannedEnd! }),
            current: p.id === record.currentPhaseId,
            releasesVersion: p.gates.some((g) => g.kind === 'auto' && g.check === 'version-released'),
          })),
        })),
  ];
  return { facts, counts, results, flags, ...(qa && qa.mismatches.length > 0 && { qaMismatches: qa.mismatches }), ...(incidents && { incidents }) };
}

/** When the release's bedding-in ends: its production deployment (else its release day) plus the project's bedding-in days. */
function beddingInEnd(record: ReleaseRecord, version: VersionDetails, days: number): string | undefined {
  const live = liveSince(productionDeployment(record), version);
  return live ? beddingInWindow(live, days).end : undefined;
}

/** The release notes' staleness at no REST cost: the version's done count is already read. */
function staleNotes(record: ReleaseRecord, version: VersionDetails): Pick<ReleaseFacts, 'releaseNotesStale'> {
  const staleness = notesStaleness(record.published.releaseNotes, { doneIssues: version.issuesStatus.done, released: version.released });
  return staleness.stale ? { releaseNotesStale: { changed: staleness.changed, message: staleness.message } } : {};
}

/** When the release went live in production, when CI reported it: the announcement's bedding-in counts from there. */
function announcementLiveSince(record: ReleaseRecord): { liveSince?: string } {
  const live = productionDeployment(record);
  return live ? { liveSince: live.at } : {};
}

/** The Deployment gate's facts, from the record alone (no REST): the build under test's latest production deployment. */
function productionFacts(record: ReleaseRecord): Pick<ReleaseFacts, 'buildUnderTest' | 'production'> {
  const build = record.buildUnderTest?.id;
  if (!build) return {};
  const latest = productionStateOf(record, build);
  return { buildUnderTest: build, ...(latest && { production: { build, status: latest.deployment.status, at: latest.deployment.at, environment: latest.environment } }) };
}

/** The exit gates of the phase the release is in. */
export function currentPhaseResults(record: ReleaseRecord, evaluation: Evaluation): GateResult[] {
  const phase = record.phases.find((p) => p.id === record.currentPhaseId);
  return (phase?.gates ?? []).map((g) => evaluation.results.get(g.id)!).filter(Boolean);
}
