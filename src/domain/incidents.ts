import { z } from 'zod';

/**
 * Bedding-in health: monitoring alerts folded into incidents on a release, the release a given
 * alert belongs to, and the delivery metrics (change failure rate, time to restore). Pure: the
 * payloads come in parsed (src/domain/alert-payloads.ts), the clock and the store stay outside.
 */

export const MONITORING_TOOLS = ['datadog', 'newrelic', 'sentry'] as const;
export type MonitoringTool = (typeof MONITORING_TOOLS)[number];

export const MONITORING_TOOL_LABELS: Record<MonitoringTool, string> = { datadog: 'Datadog', newrelic: 'New Relic', sentry: 'Sentry' };

/** 1 is the worst. Each tool's priority maps onto it (see alert-payloads.ts and README "Monitoring"). */
export type Severity = 1 | 2 | 3 | 4 | 5;
/** Incidents of these severities hold the Post-release gate "No open incident of severity 1-2". */
export const SEVERE = 2;

/** What one alert notification says, whatever tool sent it. */
export interface AlertSignal {
  tool: MonitoringTool;
  /** The tool's id of the alert (Datadog's alert cycle key, New Relic's issue id, Sentry's incident or issue id). */
  alertId: string;
  /** trigger: it fires (again); update: still firing, something changed; resolve: recovered; ignore: nothing to record (e.g. Datadog "No Data"). */
  action: 'trigger' | 'update' | 'resolve' | 'ignore';
  severity?: Severity;
  title?: string;
  /** An https link to the alert in the tool. */
  link?: string;
  /** When the tool says this happened (ISO instant). */
  at: string;
}

const isoInstant = z.string().datetime({ offset: true, message: 'expected an ISO 8601 timestamp' });

export const incidentSchema = z.object({
  /** Stable per project, tool and alert: folding key. */
  key: z.string(),
  projectKey: z.string(),
  versionId: z.string(),
  tool: z.enum(MONITORING_TOOLS),
  alertId: z.string(),
  severity: z.number().int().min(1).max(5),
  title: z.string(),
  link: z.string().optional(),
  startedAt: isoInstant,
  resolvedAt: isoInstant.optional(),
  updatedAt: isoInstant,
  /** How many notifications folded into this incident (the first included). */
  notifications: z.number().int().positive(),
  /** The Jira issue filed for it, when the project names an incident issue type. */
  jiraIssueKey: z.string().optional(),
});
export type Incident = z.infer<typeof incidentSchema>;

export type FoldOutcome =
  | { change: 'opened' | 'updated' | 'resolved'; incident: Incident }
  | { change: 'unchanged'; incident?: Incident; reason: string };

const MAX_TITLE = 200;
const clip = (text: string) => (text.length > MAX_TITLE ? `${text.slice(0, MAX_TITLE - 1)}…` : text);
const worst = (a: number, b: number | undefined) => (b === undefined ? a : Math.min(a, b));

/**
 * Folds one notification into the incident it belongs to. Updates and resolutions of the same alert
 * fold into one incident; the worst severity seen stays; a notification the incident already holds
 * (the tool retried) changes nothing, so the web trigger is idempotent.
 * `target` is the release the alert belongs to (needed only to open an incident).
 */
export function foldAlert(existing: Incident | undefined, signal: AlertSignal, target: { key: string; projectKey: string; versionId: string } | undefined): FoldOutcome {
  if (signal.action === 'ignore') return { change: 'unchanged', ...(existing && { incident: existing }), reason: 'This notification carries no alert state to record.' };
  if (!existing) {
    if (signal.action === 'resolve') return { change: 'unchanged', reason: 'A resolution of an alert Preflight has no incident for: nothing to close.' };
    if (!target) return { change: 'unchanged', reason: 'The alert started outside any release\'s bedding-in window.' };
    return {
      change: 'opened',
      incident: {
        key: target.key,
        projectKey: target.projectKey,
        versionId: target.versionId,
        tool: signal.tool,
        alertId: signal.alertId,
        severity: signal.severity ?? 3,
        title: clip(signal.title?.trim() || `${signal.tool} alert ${signal.alertId}`),
        ...(signal.link && { link: signal.link }),
        startedAt: signal.at,
        updatedAt: signal.at,
        notifications: 1,
      },
    };
  }
  const repeat = { change: 'unchanged' as const, incident: existing, reason: 'Preflight already holds this notification (or a later one) for the incident.' };
  // Older than what the incident holds (the tool retried, or notifications crossed): nothing new.
  if (signal.at < existing.updatedAt || (signal.action === 'resolve' && existing.resolvedAt)) return repeat;
  const next: Incident = {
    ...existing,
    severity: worst(existing.severity, signal.severity),
    ...(signal.title?.trim() && { title: clip(signal.title.trim()) }),
    ...(signal.link && { link: signal.link }),
    updatedAt: signal.at,
    notifications: existing.notifications + 1,
  };
  if (signal.action === 'resolve') return { change: 'resolved', incident: { ...next, resolvedAt: signal.at } };
  // Firing again after a resolution reopens the same incident: it was never really over.
  const { resolvedAt: _closed, ...open } = next;
  void _closed;
  const same = open.severity === existing.severity && open.title === existing.title && open.link === existing.link && !existing.resolvedAt;
  return same ? repeat : { change: 'updated', incident: open };
}

// ---- Which release an alert belongs to ----------------------------------------------------------

const DAY_MS = 24 * 60 * 60 * 1000;

/** A release's bedding-in window: from its production deployment (or release day) for `days` days. */
export function beddingInWindow(start: string, days: number): { start: string; end: string } {
  const from = Date.parse(start);
  return { start: new Date(from).toISOString(), end: new Date(from + days * DAY_MS).toISOString() };
}

/**
 * When a release went live: its latest successful production deployment, else the start (00:00 UTC)
 * of the Jira version's release day once released; undefined when neither is known.
 */
export function liveSince(production: { at: string } | undefined, version: { released: boolean; releaseDate?: string }): string | undefined {
  if (production) return production.at;
  if (version.released && version.releaseDate) return `${version.releaseDate}T00:00:00.000Z`;
  return undefined;
}

/**
 * The release whose bedding-in window holds `at`: of the releases live by then and still bedding
 * in, the one that went live last (it is what production runs). Undefined: outside every window.
 */
export function releaseForAlert(candidates: ReadonlyArray<{ versionId: string; liveSince: string }>, at: string, days: number): string | undefined {
  const when = Date.parse(at);
  return candidates
    .filter((c) => {
      const w = beddingInWindow(c.liveSince, days);
      return Date.parse(w.start) <= when && when < Date.parse(w.end);
    })
    .sort((a, b) => b.liveSince.localeCompare(a.liveSince))[0]?.versionId;
}

// ---- Metrics -------------------------------------------------------------------------------------

/**
 * Change failure rate (DORA): the share of the releases that had at least one incident in their
 * bedding-in. `releases` are the project's last N releases that went live, with their incident counts.
 */
export function changeFailureRate(releases: ReadonlyArray<{ versionId: string; incidents: number }>): { failed: number; total: number; rate: number } | undefined {
  if (releases.length === 0) return undefined;
  const failed = releases.filter((r) => r.incidents > 0).length;
  return { failed, total: releases.length, rate: failed / releases.length };
}

/** Time to restore: mean and median of resolve − start over the resolved incidents, in minutes. */
export function timeToRestore(incidents: ReadonlyArray<Pick<Incident, 'startedAt' | 'resolvedAt'>>): { meanMinutes: number; medianMinutes: number; restored: number } | undefined {
  const minutes = incidents
    .filter((i) => i.resolvedAt)
    .map((i) => Math.max(0, (Date.parse(i.resolvedAt!) - Date.parse(i.startedAt)) / 60_000))
    .sort((a, b) => a - b);
  if (minutes.length === 0) return undefined;
  const mid = Math.floor(minutes.length / 2);
  const median = minutes.length % 2 === 1 ? minutes[mid]! : (minutes[mid - 1]! + minutes[mid]!) / 2;
  return { meanMinutes: Math.round(minutes.reduce((s, m) => s + m, 0) / minutes.length), medianMinutes: Math.round(median), restored: minutes.length };
}

/** "+2 h 10 min after deployment", "-5 min before deployment": an instant relative to when the release went live. */
export function relativeToDeployment(at: string, live: string): string {
  const diff = Math.round((Date.parse(at) - Date.parse(live)) / 60_000);
  const abs = Math.abs(diff);
  const days = Math.floor(abs / 1440);
  const hours = Math.floor((abs % 1440) / 60);
  const mins = abs % 60;
  const parts = [days && `${days} d`, hours && `${hours} h`, (mins || abs === 0) && `${mins} min`].filter(Boolean).join(' ');
  return diff < 0 ? `-${parts} before deployment` : `+${parts} after deployment`;
}

/** A duration in minutes as people read it: "45 min", "2 h 10 min", "3 d 4 h". */
export function formatMinutes(total: number): string {
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const mins = Math.round(total % 60);
  if (days > 0) return `${days} d${hours ? ` ${hours} h` : ''}`;
  if (hours > 0) return `${hours} h${mins ? ` ${mins} min` : ''}`;
  return `${mins} min`;
}

/** What the gates need about a release's incidents (ReleaseFacts.incidents). */
export function incidentFacts(incidents: readonly Incident[], beddingInEndsAt: string | undefined): { openSevere: number; total: number; beddingInEndsAt?: string } {
  return {
    openSevere: incidents.filter((i) => !i.resolvedAt && i.severity <= SEVERE).length,
    total: incidents.length,
    ...(beddingInEndsAt && { beddingInEndsAt }),
  };
}
