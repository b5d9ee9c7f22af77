import { productionDeployment } from './deployments';
import { changeFailureRate, MONITORING_TOOL_LABELS, SEVERE, timeToRestore, type Incident } from './incidents';
import { durationText, minutesBetween, relativeText } from './incident-wording';
import type { ReleaseRecord } from './release';
import type { ChangeFailureRateView, IncidentLineView, ReleaseIncidentReport } from '../shared/release-panel';
import { serverTranslator, type ServerMessageId } from '../i18n/server-translator';
import type { Translator } from '../shared/i18n/translator';

/**
 * What people read about a release's incidents (the panel, the checklist macro, the retrospective
 * and its page): each incident with its times relative to the deployment, the release's time to
 * restore and the project's change failure rate. Pure: the incidents and records come in read.
 */

/** How many of the project's latest live releases the change failure rate counts. */
export const CHANGE_FAILURE_WINDOW = 10;
/** The most incidents the change failure rate reads (ten releases' worth, with room). */
export const CHANGE_FAILURE_INCIDENT_LIMIT = 500;

export type { ChangeFailureRateView as ChangeFailureRate, IncidentLineView as IncidentLine, ReleaseIncidentReport } from '../shared/release-panel';

const https = (link: string | undefined) => (link && /^https:\/\//i.test(link) ? link : undefined);

/**
 * A release's incidents as people read them, with the release's time to restore. The minutes are
 * numbers (`startedAfterMinutes`, `restoredMinutes`, `meanMinutes`, `medianMinutes`) for whoever
 * words them at the edge; the strings beside them are worded by `tr` (the caller's language on a
 * screen; English by default).
 */
export function releaseIncidentReport(incidents: readonly Incident[], live: string | undefined, tr: Translator<ServerMessageId> = serverTranslator('en')): ReleaseIncidentReport {
  const sorted = [...incidents].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const lines = sorted.map((i): IncidentLineView => {
    const link = https(i.link);
    const restored = i.resolvedAt ? Math.max(0, minutesBetween(i.startedAt, i.resolvedAt)) : undefined;
    const after = live ? minutesBetween(live, i.startedAt) : undefined;
    return {
      key: i.key,
      tool: i.tool,
      toolLabel: MONITORING_TOOL_LABELS[i.tool],
      severity: i.severity,
      severe: i.severity <= SEVERE,
      title: i.title,
      ...(link && { link }),
      startedAt: i.startedAt,
      ...(i.resolvedAt && { resolvedAt: i.resolvedAt }),
      ...(after !== undefined && { startedRelative: relativeText(after, tr), startedAfterMinutes: after }),
      ...(restored !== undefined && { restoredAfter: durationText(restored, tr), restoredMinutes: restored }),
      ...(i.jiraIssueKey && { jiraIssueKey: i.jiraIssueKey }),
    };
  });
  const ttr = timeToRestore(sorted);
  return {
    ...(live && { liveSince: live }),
    incidents: lines,
    open: sorted.filter((i) => !i.resolvedAt).length,
    ...(ttr && { timeToRestore: { ...ttr, mean: durationText(ttr.meanMinutes, tr), median: durationText(ttr.medianMinutes, tr) } }),
  };
}

/**
 * When a tracked release went live, from its record alone: its latest successful production
 * deployment, else the start of the Jira release day Preflight learned (its Release action or
 * Jira's event). Undefined: not live as far as the record knows.
 */
export function recordLiveSince(record: Pick<ReleaseRecord, 'deployments' | 'jiraRelease'>): string | undefined {
  const production = productionDeployment(record);
  if (production) return production.at;
  return record.jiraRelease ? `${record.jiraRelease.releaseDate}T00:00:00.000Z` : undefined;
}

/**
 * The project's latest `window` releases that went live by `now` (newest first), with when.
 * `current` (the release being shown) counts with what its Jira version says, when its record
 * does not know yet.
 */
export function latestLiveReleases(
  records: ReadonlyArray<Pick<ReleaseRecord, 'versionId' | 'deployments' | 'jiraRelease'>>,
  now: string,
  window = CHANGE_FAILURE_WINDOW,
  current?: { versionId: string; liveSince?: string },
): Array<{ versionId: string; liveSince: string }> {
  const live = new Map<string, string>();
  for (const r of records) {
    const at = recordLiveSince(r);
    if (at) live.set(r.versionId, at);
  }
  if (current?.liveSince && !live.has(current.versionId)) live.set(current.versionId, current.liveSince);
  return [...live.entries()]
    .map(([versionId, liveSince]) => ({ versionId, liveSince }))
    .filter((r) => r.liveSince <= now)
    .sort((a, b) => b.liveSince.localeCompare(a.liveSince) || a.versionId.localeCompare(b.versionId))
    .slice(0, window);
}

/** The incidents read for the change failure rate start after this instant: the oldest counted release went live then. */
export function changeFailureSince(releases: ReadonlyArray<{ liveSince: string }>): string | undefined {
  const oldest = releases.map((r) => r.liveSince).sort()[0];
  // The store's query is "greater than": one millisecond earlier keeps an alert at the very instant of going live.
  return oldest ? new Date(Date.parse(oldest) - 1).toISOString() : undefined;
}

/**
 * The change failure rate (DORA) over the given releases: the share with at least one incident
 * (in its bedding-in, which is where the web trigger files incidents).
 */
export function projectChangeFailureRate(
  releases: ReadonlyArray<{ versionId: string }>,
  incidents: ReadonlyArray<Pick<Incident, 'versionId'>>,
  window = CHANGE_FAILURE_WINDOW,
): ChangeFailureRateView | undefined {
  const counts = new Map<string, number>();
  for (const i of incidents) counts.set(i.versionId, (counts.get(i.versionId) ?? 0) + 1);
  const cfr = changeFailureRate(releases.map((r) => ({ versionId: r.versionId, incidents: counts.get(r.versionId) ?? 0 })));
  return cfr && { ...cfr, percent: Math.round(cfr.rate * 100), window };
}
