import { ProductError } from '../adapters/product-error';
import { blockingGates } from '../domain/gates';
import { startRelease } from '../domain/release';
import { isoDay } from '../domain/release-summary';
import type { ProjectAccess, ReleaseNotification, ReleaseNotificationEvent, ReleaseReads, ReleaseStore, SettingsStore } from '../ports';
import { currentPhaseResults, evaluateRelease } from './evaluate-release';
import { projectSettings } from './load-release';
import type { QaChecks } from './qa-reconcile';
import { retryPending, sendNotification, type DeliveryOutcome, type NotifyDeps } from './send-notification';

/** What the daily job reads: Jira as the app (there is no user), Preflight's store and settings. */
export interface ReminderDeps extends NotifyDeps {
  reads: ReleaseReads;
  store: ReleaseStore;
  settings: SettingsStore;
  access: Pick<ProjectAccess, 'projectRoles'>;
  /** Preflight's own QA records, which win over the issue property (as on the panel). */
  qaChecks?: QaChecks;
  /** The release panel's address, when the project's site is known. */
  panelUrl?: (siteUrl: string, projectKey: string, versionId: string) => string;
}

export interface ReminderReport {
  projects: number;
  releases: number;
  outcomes: Record<DeliveryOutcome, number>;
  retried: number;
  redelivered: number;
}

const DAY_MS = 86_400_000;
/** A version released within this many days still gets its "released" message, if none went out. */
const RELEASED_LOOKBACK_DAYS = 7;

function daysBetween(fromDay: string, toDay: string): number {
  return Math.round((Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / DAY_MS);
}

/**
 * The daily job: for every project with a Slack or Teams webhook, looks at each release Preflight
 * tracks (every release someone opened) and sends what is due today: "gate still failing N days (or fewer) before the release
 * date", "overdue", and "released" (for versions released in Jira directly). Each goes out once a
 * day at most, however often the job runs; then queued deliveries that failed are retried.
 * A release that cannot be read is skipped, never stopping the others.
 */
export async function sendDailyReminders(deps: ReminderDeps): Promise<ReminderReport> {
  const report: ReminderReport = { projects: 0, releases: 0, outcomes: { sent: 0, duplicate: 0, failed: 0, 'no-channels': 0 }, retried: 0, redelivered: 0 };
  const today = isoDay(deps.clock.now());
  for (const { projectKey, settings: integration } of await deps.integrations.projectsWithChannels()) {
    report.projects++;
    const tracked = await deps.store.summaries(projectKey);
    for (const versionId of tracked.keys()) {
      try {
        const notification = await dueNotification(deps, projectKey, versionId, today, integration.reminderDays);
        if (!notification) continue;
        report.releases++;
        const panelUrl = integration.siteUrl && deps.panelUrl?.(integration.siteUrl, projectKey, versionId);
        report.outcomes[await sendNotification(deps, { ...notification, ...(panelUrl && { panelUrl }) })]++;
      } catch (error) {
        if (error instanceof ProductError && error.status === 404) continue; // the version was deleted
        console.warn(`Preflight could not check release ${versionId} of ${projectKey} for reminders`, error);
      }
    }
  }
  const retry = await retryPending(deps);
  report.retried = retry.retried;
  report.redelivered = retry.delivered;
  return report;
}

async function dueNotification(deps: ReminderDeps, projectKey: string, versionId: string, today: string, reminderDays: number): Promise<ReleaseNotification | undefined> {
  const [stored, version, { settings }] = await Promise.all([deps.store.get(versionId), deps.reads.version(versionId), projectSettings(deps, projectKey)]);
  if (stored?.completedAt) return undefined;
  // A release someone opened but never changed is in its template's first phase, as on the panel.
  const record =
    stored ??
    startRelease({ versionId, projectKey, releaseType: settings.defaultReleaseType, phases: settings.template[settings.defaultReleaseType], at: deps.clock.now().toISOString() });
  const phase = record.phases.find((p) => p.id === record.currentPhaseId)?.name ?? record.currentPhaseId;
  const base = { projectKey, versionId, versionName: version.name, ...(version.releaseDate && { releaseDate: version.releaseDate }), at: deps.clock.now().toISOString() };
  const at = (day: string, event: ReleaseNotificationEvent): ReleaseNotification => ({ ...base, day, event });

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
