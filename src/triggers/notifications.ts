import api from '@forge/api';
import type { AsyncEvent, InvocationError } from '@forge/events';
import { reminderEventSchema } from '../adapters/events-reminder-queue';
import { dailyReminderDeps, notifyDeps, reevaluationDeps, reminderDeps } from '../composition';
import { queueDailyRefresh } from '../usecases/evaluate-in-background';
import { remindProjects, type ProjectReminderReport } from '../usecases/remind-project';
import { retryPending } from '../usecases/send-notification';
import { sendDailyReminders } from '../usecases/send-reminders';
import { batchAnswer } from './batch-retry';

/** What the trigger answers: a report for the logs (Forge ignores the value; a thrown error is logged and not retried). */
interface ScheduledResult {
  statusCode: number;
  headers: Record<string, string[]>;
  body: string;
}

const ok = (report: unknown): ScheduledResult => ({ statusCode: 200, headers: { 'Content-Type': ['application/json'] }, body: JSON.stringify(report) });

/**
 * Daily: queues every project's reminders (gates failing N days before the release date, overdue
 * releases, releases made in Jira directly) on the async events queue, then retries failed
 * deliveries. The consumer below does the reminding, one project (or a few) per invocation.
 */
export async function dailyRemindersTrigger(): Promise<ScheduledResult> {
  const deps = dailyReminderDeps();
  const report = await sendDailyReminders(deps);
  if (report.refused) console.warn(`Preflight queued ${report.queued} of ${report.projects} projects' reminders; the queue refused the rest (${report.refused.reason}): ${report.refused.error}`);
  // The overview's counts of the same projects, refreshed on the evaluations queue (issue 14).
  const projects = (await deps.integrations.projectsWithChannels()).map((p) => p.projectKey);
  const refresh = await queueDailyRefresh(reevaluationDeps(), projects);
  if (refresh.refused) console.warn(`Preflight could not queue all of today's overview refreshes: ${refresh.refused}`);
  return ok({ ...report, overviewRefresh: refresh });
}

/** Hourly: retries deliveries that failed (with backoff), so a short Slack or Teams outage costs an hour, not a day. */
export async function retryNotificationsTrigger(): Promise<ScheduledResult> {
  return ok(await retryPending(notifyDeps()));
}

/** Kept under the reminders' names, which their tests and README use. */
export { MAX_BATCH_RETRIES as MAX_REMINDER_RETRIES, batchRetryAfter as reminderRetryAfter } from './batch-retry';

/**
 * The reminders consumer's answer for a batch (see batch-retry.ts). Already-sent reminders are not
 * sent again on a retry: their dedupe keys are claimed.
 */
export function consumerAnswer(report: ProjectReminderReport, retryCount: number): ProjectReminderReport | InvocationError {
  return batchAnswer(report, retryCount, {
    failed: (f) => `Preflight could not check release ${f.versionId} of ${f.projectKey} for reminders: ${f.error}`,
    gaveUp: (f) => `Preflight gave up today's reminder check of release ${f.versionId} of ${f.projectKey} after ${retryCount} retries: ${f.error}`,
    retryDataKey: 'releases',
  });
}

/**
 * The async events consumer (manifest: consumer on the reminders queue): reminds the projects of
 * one event. Called by Forge as `handler(event, context)` with no user, so Jira reads go as the
 * app. An event whose body does not parse is dropped with a log line: retrying cannot fix it.
 */
export async function remindProjectsConsumer(event: AsyncEvent): Promise<ProjectReminderReport | InvocationError | undefined> {
  const body = reminderEventSchema.safeParse(event.body);
  if (!body.success) {
    console.warn(`Preflight dropped a reminders event it cannot read: ${body.error.message}`);
    return undefined;
  }
  const report = await remindProjects(reminderDeps(api.asApp()), body.data);
  return consumerAnswer(report, event.retryContext?.retryCount ?? 0);
}
