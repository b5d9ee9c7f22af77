import api from '@forge/api';
import { notifyDeps, reminderDeps } from '../composition';
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
 * Daily: reminders (gates failing N days before the release date, overdue releases, releases made
 * in Jira directly) and retries of failed deliveries. No user runs it, so Jira reads go as the app,
 * and only to versions of releases Preflight tracks in projects that configured a channel.
 */
export async function dailyRemindersTrigger(): Promise<ScheduledResult> {
  return ok(await sendDailyReminders(reminderDeps(api.asApp())));
}

/** Hourly: retries deliveries that failed (with backoff), so a short Slack or Teams outage costs an hour, not a day. */
export async function retryNotificationsTrigger(): Promise<ScheduledResult> {
  return ok(await retryPending(notifyDeps()));
}
