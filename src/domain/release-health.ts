import { productionDeployment } from './deployments';
import { changeFailureSince, projectChangeFailureRate } from './incident-report';
import { liveSince, timeToRestore, type Incident } from './incidents';
import type { AuditEventDraft, ReleaseRecord } from './release';
import { retrospectiveFacts, slipDays } from './retrospective';
import type { HealthAggregates, HealthRow, HealthWindow } from '../shared/health';

/**
 * Release health: how a project's (or a train's) last N releases went, from what Preflight stored
 * about them. Pure: the versions, records, incidents and audit events come in read.
 *
 * The figures, per release and over the window:
 * - **Release day**: the day Jira released the version, as Preflight learned it (`jiraRelease`),
 *   else the Jira version's release date.
 * - **Planned day**: the planned end of the phase that releases the version (the phase holding
 *   the "Jira version marked released" gate, Deployment in the default template). No planned end:
 *   the release has no plan and counts in neither the on-time rate nor the slip.
 * - **Slip (days)**: release day minus planned day in whole days (positive late, negative early).
 *   **On time**: slip <= 0. The on-time rate is on-time releases / releases with a plan; the mean
 *   slip counts an early release as 0 days late.
 * - **Scope churn after the freeze**: distinct issues that joined after the freeze (Jira's events,
 *   `scopeAdditions`, and every scope decision) as a share of the issues at the freeze
 *   (`frozenIssueCount`); over the window, the sum of additions over the sum of frozen scope of the
 *   releases that know both. Releases never frozen have no churn.
 * - **Overrides**: phase moves whose exit gates failed and someone overrode (the retrospective's
 *   count). **Released outside Preflight**: released in Jira while gates blocked.
 * - **QA rejections**: QA decisions in the release's audit trail that rejected a build (the
 *   retrospective's count).
 * - **Change failure rate**: releases with at least one incident / releases that went live (the
 *   panel's rate, over this window). **Time to restore**: mean and median of resolved − started
 *   over the window's resolved incidents.
 * - **Lead time**: from the freeze (`frozenAt`) to the release's latest successful production
 *   deployment; releases missing either are not measured.
 * - **Deployment frequency**: releases with a production deployment / weeks from the oldest of
 *   those deployments to now (at least one week).
 */

/** A released Jira version, as the one versions call gives it. */
export interface ReleasedVersion {
  id: string;
  name: string;
  releaseDate?: string;
}

export interface ReleaseHealthInput {
  /** The released versions of the window (any order; at most `window` are counted, newest first). */
  versions: readonly ReleasedVersion[];
  /** Stored records by version id (tracked releases). */
  records: ReadonlyMap<string, ReleaseRecord>;
  /** Incidents of these releases (others are ignored). */
  incidents: readonly Pick<Incident, 'versionId' | 'startedAt' | 'resolvedAt'>[];
  /** Audit events by version id (for the QA rejections). */
  audits: ReadonlyMap<string, readonly AuditEventDraft[]>;
  window: HealthWindow;
  now: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;
const NO_SCOPE = { inVersion: 0, addedAfterFreeze: [], removedAfterFreeze: 0, slipped: [] };

/** The day a version was released: what Preflight learned, else Jira's release date. */
export function releaseDayOf(version: ReleasedVersion, record: ReleaseRecord | undefined): string | undefined {
  return record?.jiraRelease?.releaseDate ?? version.releaseDate;
}

/** The planned end of the phase that releases the version (the one with the version-released gate). */
export function plannedReleaseDay(record: ReleaseRecord): string | undefined {
  const phase = record.phases.find((p) => p.gates.some((g) => g.kind === 'auto' && g.check === 'version-released'));
  return phase ? record.phaseDates[phase.id]?.plannedEnd : undefined;
}

/** Issues that joined after the freeze (distinct keys) and those a scope decision removed. */
export function scopeChangesAfterFreeze(record: ReleaseRecord): { added: number; removed: number } {
  const added = new Set<string>([...Object.values(record.scopeAdditions ?? {}).map((a) => a.issueKey), ...Object.keys(record.scopeDecisions)]);
  const removed = Object.values(record.scopeDecisions).filter((d) => d.decision === 'removed').length;
  return { added: added.size, removed };
}

const median = (sorted: readonly number[]) => {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const percent = (part: number, whole: number) => Math.round((part / whole) * 100);
const round2 = (n: number) => Math.round(n * 100) / 100;

function rowOf(version: ReleasedVersion, record: ReleaseRecord | undefined, incidents: readonly Pick<Incident, 'startedAt' | 'resolvedAt'>[], events: readonly AuditEventDraft[]): HealthRow {
  const releasedOn = releaseDayOf(version, record);
  const restore = timeToRestore(incidents);
  const base: HealthRow = {
    versionId: version.id,
    name: version.name,
    ...(releasedOn && { releasedOn }),
    tracked: record !== undefined,
    overrides: 0,
    releasedOutside: false,
    qaRejections: 0,
    incidents: incidents.length,
    ...(restore && { restoreMinutes: restore.meanMinutes }),
  };
  if (!record) return base;
  // The retrospective's own reading of overrides and QA rejections (names are not needed here).
  const facts = retrospectiveFacts(record, events, NO_SCOPE, (id) => id);
  const plannedOn = plannedReleaseDay(record);
  const slip = plannedOn && releasedOn ? slipDays(plannedOn, `${releasedOn}T00:00:00.000Z`) : undefined;
  const production = productionDeployment(record);
  const scope = record.frozenAt ? scopeChangesAfterFreeze(record) : undefined;
  const atFreeze = record.frozenAt ? record.frozenIssueCount : undefined;
  return {
    ...base,
    ...(plannedOn && { plannedOn }),
    ...(slip !== undefined && { slipDays: slip, onTime: slip <= 0 }),
    ...(atFreeze !== undefined && { scopeAtFreeze: atFreeze }),
    ...(scope && { addedAfterFreeze: scope.added, removedAfterFreeze: scope.removed }),
    ...(scope && atFreeze !== undefined && atFreeze > 0 && { churnPercent: percent(scope.added, atFreeze) }),
    overrides: facts.overrides.length,
    releasedOutside: record.releasedOutside !== undefined,
    qaRejections: facts.qaRejections.length,
    ...(production && { productionAt: production.at }),
    ...(production && record.frozenAt && { leadTimeMinutes: Math.max(0, Math.round((Date.parse(production.at) - Date.parse(record.frozenAt)) / 60_000)) }),
  };
}

/** When a release went live, for the change failure rate: its production deployment, else its release day. */
function liveOf(version: ReleasedVersion, record: ReleaseRecord | undefined): string | undefined {
  const releaseDate = releaseDayOf(version, record);
  return liveSince(record && productionDeployment(record), { released: true, ...(releaseDate && { releaseDate }) });
}

/** The window's releases: newest release day first, the latest `window` of them. */
export function windowOf(versions: readonly ReleasedVersion[], records: ReadonlyMap<string, ReleaseRecord>, window: number): ReleasedVersion[] {
  return [...versions]
    .sort((a, b) => (releaseDayOf(b, records.get(b.id)) ?? '').localeCompare(releaseDayOf(a, records.get(a.id)) ?? '') || b.id.localeCompare(a.id))
    .slice(0, window);
}

/** Where the incidents read for a window start (one project query): when its oldest release went live. */
export function incidentsSince(versions: readonly ReleasedVersion[], records: ReadonlyMap<string, ReleaseRecord>): string | undefined {
  return changeFailureSince(versions.flatMap((v) => {
    const at = liveOf(v, records.get(v.id));
    return at ? [{ liveSince: at }] : [];
  }));
}

/**
 * The window's rows (oldest first) and aggregates. Every figure is defined in this file's header.
 */
export function releaseHealth(input: ReleaseHealthInput): { rows: HealthRow[]; aggregates: HealthAggregates } {
  const chosen = windowOf(input.versions, input.records, input.window);
  const ids = new Set(chosen.map((v) => v.id));
  const incidents = input.incidents.filter((i) => ids.has(i.versionId));
  const rows = chosen
    .map((v) => rowOf(v, input.records.get(v.id), incidents.filter((i) => i.versionId === v.id), input.audits.get(v.id) ?? []))
    .reverse();

  const planned = rows.filter((r) => r.slipDays !== undefined);
  const late = planned.map((r) => Math.max(0, r.slipDays!));
  const churned = rows.filter((r) => r.addedAfterFreeze !== undefined && r.scopeAtFreeze !== undefined && r.scopeAtFreeze > 0);
  const churnAdded = churned.reduce((s, r) => s + r.addedAfterFreeze!, 0);
  const churnBase = churned.reduce((s, r) => s + r.scopeAtFreeze!, 0);
  const live = chosen.filter((v) => liveOf(v, input.records.get(v.id)) !== undefined);
  const cfr = projectChangeFailureRate(live.map((v) => ({ versionId: v.id })), incidents, input.window);
  const ttr = timeToRestore(incidents);
  const leads = rows.flatMap((r) => (r.leadTimeMinutes === undefined ? [] : [r.leadTimeMinutes])).sort((a, b) => a - b);
  const deployments = rows.flatMap((r) => (r.productionAt ? [r.productionAt] : [])).sort();
  const weeks = deployments[0] ? Math.max(1, (Date.parse(input.now) - Date.parse(deployments[0])) / WEEK_MS) : 0;

  const aggregates: HealthAggregates = {
    releases: rows.length,
    tracked: rows.filter((r) => r.tracked).length,
    ...(planned.length > 0 && {
      onTime: { onTime: planned.filter((r) => r.onTime).length, planned: planned.length, percent: percent(planned.filter((r) => r.onTime).length, planned.length) },
      slip: { meanDays: round2(late.reduce((s, d) => s + d, 0) / late.length), maxDays: Math.max(...late), planned: planned.length },
    }),
    ...(churnBase > 0 && { scopeChurn: { added: churnAdded, atFreeze: churnBase, percent: percent(churnAdded, churnBase), releases: churned.length } }),
    overrides: rows.reduce((s, r) => s + r.overrides, 0),
    releasedOutside: rows.filter((r) => r.releasedOutside).length,
    qaRejections: rows.reduce((s, r) => s + r.qaRejections, 0),
    ...(cfr && { changeFailureRate: { failed: cfr.failed, total: cfr.total, percent: cfr.percent } }),
    ...(ttr && { timeToRestore: ttr }),
    ...(leads.length > 0 && { leadTime: { meanMinutes: Math.round(leads.reduce((s, m) => s + m, 0) / leads.length), medianMinutes: Math.round(median(leads)), measured: leads.length } }),
    ...(deployments.length > 0 && { deploymentFrequency: { deployments: deployments.length, weeks: round2(weeks), perWeek: round2(deployments.length / weeks) } }),
  };
  return { rows, aggregates };
}
