import type { ReleaseDeps } from './release-deps';
import { ProductError } from '../errors';
import { blockingGates } from '../domain/gates';
import { startRelease } from '../domain/release';
import { safeDeep } from '../domain/safe-text';
import { isoDay } from '../domain/release-summary';
import type { ProjectAccess, ReleaseNotification, ReleaseNotificationEvent, ReleaseReads, ReleaseStore, SettingsStore } from '../ports';
import { currentPhaseResults, evaluateRelease } from './evaluate-release';
import { projectSettings } from './load-release';
import type { QaChecks } from './qa-reconcile';
import { sendNotification, type DeliveryOutcome, type NotifyDeps } from './send-notification';

/** What reminding a project reads: Jira as the app (there is no user), Preflight's store and settings. */
export interface ReminderDeps extends NotifyDeps {
  reads: ReleaseReads;
  store: ReleaseStore;
  settings: SettingsStore;
  access: Pick<ProjectAccess, 'projectRoles'>;
  /** Preflight's own QA records, which win over the issue property (as on the panel). */
  qaChecks?: QaChecks;
  /** The release panel's address, when the project's site is known. */
  panelUrl?: (siteUrl: string, projectKey: string, versionId: string) => string;
  /** Incidents from monitoring, for the Post-release gates (issue 13). */
  incidents?: ReleaseDeps['incidents'];
}

/** A release that could not be checked this time, and whether trying again later can help. */
export interface ReminderFailure {
  projectKey: string;
  versionId: string;
  /** True for outages and rate limits (5xx, 429, lost connections); false for refusals (401, 403, 400). */
  retryable: boolean;
  /** The product's HTTP status, when a product call failed. */
  status?: number;
  error: string;
}

export interface ProjectReminderReport {
  /** Projects of the batch reminded; a project without channels or an event for a past day counts as skipped. */
  projects: number;
  skipped: number;
  /** Releases with something due that day. */
  releases: number;
  outcomes: Record<DeliveryOutcome, number>;
  failed: ReminderFailure[];
}

const DAY_MS = 86_400_000;
/** A version released within this many days still gets its "released" message, if none went out. */
const RELEASED_LOOKBACK_DAYS = 7;

function daysBetween(fromDay: string, toDay: string): number {
  return Math.round((Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / DAY_MS);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reminds the projects of one queued batch for `day`: for each release Preflight tracks (every
 * release someone changed; opening a panel tracks nothing) it sends what is due that day: "gate still failing N days (or fewer)
 * before the release date", "overdue", and "released" (for versions released in Jira directly).
 *
 * Safe to run again for the same day, which the queue does (it may deliver an event twice, and it
 * retries an event whose run failed): each message's dedupe key (release, event, day) is claimed
 * with FAIL_IF_EXISTS before it is posted, so a second run sends nothing already sent.
 * A release that cannot be read is reported in `failed`, never stopping the others; a deleted
 * version is skipped. A batch for a day already over is skipped: that day's run covers it.
 */
export async function remindProjects(deps: ReminderDeps, batch: { day: string; projectKeys: string[] }): Promise<ProjectReminderReport> {
  const report: ProjectReminderReport = { projects: 0, skipped: 0, releases: 0, outcomes: { sent: 0, duplicate: 0, failed: 0, 'no-channels': 0 }, failed: [] };
  const stale = batch.day < isoDay(deps.clock.now());
  for (const projectKey of batch.projectKeys) {
    const integration = stale ? undefined : await deps.integrations.settings(projectKey);
    if (!integration || integration.channels.length === 0) {
      report.skipped++;
      continue;
    }
    report.projects++;
    const tracked = await deps.store.summaries(projectKey);
    for (const versionId of tracked.keys()) {
      try {
        const notification = await dueNotification(deps, projectKey, versionId, batch.day, integration.reminderDays);
        if (!notification) continue;
        report.releases++;
        const panelUrl = integration.siteUrl && deps.panelUrl?.(integration.siteUrl, projectKey, versionId);
        report.outcomes[await sendNotification(deps, { ...notification, ...(panelUrl && { panelUrl }) })]++;
      } catch (error) {
        if (error instanceof ProductError && error.status === 404) continue; // the version was deleted
        const retryable = !(error instanceof ProductError) || error.status === 429 || error.status >= 500 || error.status === 0;
        report.failed.push({ projectKey, versionId, retryable, ...(error instanceof ProductError && { status: error.status }), error: describe(error) });
      }
    }
  }
  return report;
}

async function dueNotification(deps: ReminderDeps, projectKey: string, versionId: string, today: string, reminderDays: number): Promise<ReleaseNotification | undefined> {
  const [stored, version, { settings }] = await Promise.all([deps.store.get(versionId), deps.reads.version(versionId), projectSettings(deps, projectKey)]);
  if (stored?.completedAt) return undefined;
  // A release with a list summary but no record (saved before reads stopped writing) is in its template's first phase, as on the panel.
  const record =
    stored ??
    startRelease({ versionId, projectKey, releaseType: settings.defaultReleaseType, phases: settings.template[settings.defaultReleaseType], at: deps.clock.now().toISOString() });
  const phase = record.phases.find((p) => p.id === record.currentPhaseId)?.name ?? record.currentPhaseId;
  const base = { projectKey, versionId, versionName: version.name, ...(version.releaseDate && { releaseDate: version.releaseDate }), at: deps.clock.now().toISOString() };
  // safeDeep: a bidi control in the version or a phase name must not reorder the message's own words.
  const at = (day: string, event: ReleaseNotificationEvent): ReleaseNotification => safeDeep({ ...base, day, event });

  if (version.released) {
    const releaseDate = version.releaseDate ?? today;
    if (daysBetween(releaseDate, today) > RELEASED_LOOKBACK_DAYS) return undefined;
    return at(releaseDate, { kind: 'released', releaseDate });
  }
  if (!version.releaseDate) return undefined;
  const daysLeft = daysBetween(today, version.releaseDate);
  if (daysLeft < 0) return at(today, { kind: 'overdue', daysLate: -daysLeft, phase });
  if (daysLeft > reminderDays) return undefined;
  const evaluation = await evaluateRelease(deps, version, record, settings);
  const failing = blockingGates(currentPhaseResults(record, evaluation)).map((g) => g.name);
  return failing.length > 0 ? at(today, { kind: 'gate-failing', daysLeft, phase, failingGates: failing }) : undefined;
}
