import { isoDay } from '../domain/release-summary';
import type { QueueRefusal, ReminderBatch, ReminderQueue } from '../ports';
import { retryPending, type NotifyDeps } from './send-notification';

/** What the daily job needs: the projects with channels, the queue it fans out on, and the outbox. */
export interface DailyReminderDeps extends NotifyDeps {
  queue: ReminderQueue;
}

export interface DailyReminderReport {
  day: string;
  /** Projects with a Slack or Teams channel. */
  projects: number;
  /** Events pushed, and the projects they carry; `notQueued` were refused by the queue (see `refused`). */
  events: number;
  queued: number;
  notQueued: number;
  refused?: { reason: QueueRefusal; error: string };
  retried: number;
  redelivered: number;
}

/**
 * Most events one daily run pushes. Forge allows 500 events a minute per installation; staying at
 * half leaves room for a second run in the same minute (a redeploy, a manual run) and for other
 * pushes. Beyond this many projects, each event carries several, so any number of projects fits.
 */
export const MAX_EVENTS_PER_RUN = 250;

/** Splits projects into at most `maxEvents` batches of near-equal size, in a stable order. */
export function reminderBatches(day: string, projectKeys: readonly string[], maxEvents = MAX_EVENTS_PER_RUN): ReminderBatch[] {
  const perEvent = Math.max(1, Math.ceil(projectKeys.length / maxEvents));
  const sorted = [...projectKeys].sort();
  const batches: ReminderBatch[] = [];
  for (let i = 0; i < sorted.length; i += perEvent) batches.push({ day, projectKeys: sorted.slice(i, i + perEvent) });
  return batches;
}

/**
 * The daily job: queues the reminders of every project with a Slack or Teams webhook on Forge's
 * async events queue (one event per project, or per few projects when there are many), where a
 * consumer reminds each in its own invocation with its own time budget and retries. So the job's
 * cost no longer grows with the number of projects and releases, and one slow project cannot
 * starve the others. Then retries the deliveries that failed before.
 *
 * Running it twice the same day queues the projects twice; the consumer's dedupe claims make the
 * second pass send nothing. A refused push is reported (with the projects it left out), not thrown:
 * the projects already queued still get their reminders.
 */
export async function sendDailyReminders(deps: DailyReminderDeps): Promise<DailyReminderReport> {
  const day = isoDay(deps.clock.now());
  const projects = (await deps.integrations.projectsWithChannels()).map((p) => p.projectKey);
  const batches = reminderBatches(day, projects);
  const report: DailyReminderReport = { day, projects: projects.length, events: 0, queued: 0, notQueued: 0, retried: 0, redelivered: 0 };
  for (let i = 0; i < batches.length; i += deps.queue.maxPerPush) {
    const push = batches.slice(i, i + deps.queue.maxPerPush);
    const carried = push.reduce((n, b) => n + b.projectKeys.length, 0);
    if (report.refused) {
      report.notQueued += carried;
      continue;
    }
    const answer = await deps.queue.push(push);
    if (answer.ok) {
      report.events += push.length;
      report.queued += carried;
    } else {
      report.refused = { reason: answer.reason, error: answer.error };
      report.notQueued += carried;
    }
  }
  const retry = await retryPending(deps);
  report.retried = retry.retried;
  report.redelivered = retry.delivered;
  return report;
}
