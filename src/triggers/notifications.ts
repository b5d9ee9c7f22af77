import api from '@forge/api';
import { InvocationError, InvocationErrorCode, type AsyncEvent } from '@forge/events';
import { reminderEventSchema } from '../adapters/events-reminder-queue';
import { dailyReminderDeps, notifyDeps, reevaluationDeps, reminderDeps } from '../composition';
import { queueDailyRefresh } from '../usecases/evaluate-in-background';
import { remindProjects, type ProjectReminderReport } from '../usecases/remind-project';
import { retryPending } from '../usecases/send-notification';
import { sendDailyReminders } from '../usecases/send-reminders';

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

/**
 * How many times a batch is tried again after releases could not be read (Jira down or
 * rate-limiting past the adapters' own retries). With the waits below that spans about an hour;
 * past it the day's reminders for those releases are given up and logged, not retried for the 24
 * hours Forge would allow.
 */
export const MAX_REMINDER_RETRIES = 6;

/** Seconds before retry n (0-based): 30 s doubling, at most Forge's 900. */
export function reminderRetryAfter(retryCount: number): number {
  return Math.min(900, 30 * 2 ** retryCount);
}

/**
 * What the consumer answers Forge for a batch's run: an InvocationError (Forge runs the event again
 * after `retryAfter`) when a release failed for a reason that passes, otherwise the report (done).
 * Already-sent reminders are not sent again on the retry: their dedupe keys are claimed.
 */
export function consumerAnswer(report: ProjectReminderReport, retryCount: number): ProjectReminderReport | InvocationError {
  const transient = report.failed.filter((f) => f.retryable);
  for (const f of report.failed.filter((x) => !x.retryable)) console.warn(`Preflight could not check release ${f.versionId} of ${f.projectKey} for reminders: ${f.error}`);
  if (transient.length === 0) return report;
  if (retryCount >= MAX_REMINDER_RETRIES) {
    for (const f of transient) console.warn(`Preflight gave up today's reminder check of release ${f.versionId} of ${f.projectKey} after ${retryCount} retries: ${f.error}`);
    return report;
  }
  const rateLimited = transient.some((f) => f.status === 429);
  return new InvocationError({
    retryAfter: reminderRetryAfter(retryCount),
    retryReason: rateLimited ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    // Only what helps a reader of the logs; Forge caps retryData at 4 KB.
    retryData: { releases: transient.length },
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
