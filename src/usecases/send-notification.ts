import type { Clock, IntegrationStore, NotificationChannel, NotificationLog, PendingDelivery, ReleaseNotification, SettingsStore, WebhookPoster } from '../ports';
import { dedupeKey, messageContent } from './notification-content';
import { storedProjectTranslator } from './project-language';

/** What sending notifications needs; the trigger and the panel's notifier pass the KVS and fetch adapters. */
export interface NotifyDeps {
  integrations: IntegrationStore;
  log: NotificationLog;
  poster: WebhookPoster;
  clock: Clock;
  /** The project's settings, for the language its messages are written in (absent: English). */
  settings?: Pick<SettingsStore, 'get'>;
}

/** A failed delivery is tried again this many times (the first failure included), then given up and left on the panel. */
export const MAX_ATTEMPTS = 5;
const HOUR_MS = 3_600_000;

/** Backoff between attempts: 1 h, 2 h, 4 h, 8 h. */
function nextAttempt(now: Date, attempts: number): string | undefined {
  return attempts >= MAX_ATTEMPTS ? undefined : new Date(now.getTime() + HOUR_MS * 2 ** (attempts - 1)).toISOString();
}

export type DeliveryOutcome = 'sent' | 'duplicate' | 'failed' | 'no-channels';

/**
 * Sends a notification to every channel the project configured, once: the dedupe key (release,
 * event, day) is claimed first with FAIL_IF_EXISTS, so a second run of the same day, or two runs at
 * once, send nothing more. A channel that fails is queued for a retry, unless it refused for good
 * (`final`: retrying cannot help); the others still get it.
 */
export async function sendNotification(deps: NotifyDeps, notification: ReleaseNotification): Promise<DeliveryOutcome> {
  const urls = await deps.integrations.webhooks(notification.projectKey);
  const channels = (Object.keys(urls) as NotificationChannel[]).filter((c) => urls[c]);
  if (channels.length === 0) return 'no-channels';
  const key = dedupeKey(notification);
  if (!(await deps.log.claim(key, deps.clock.now().toISOString()))) return 'duplicate';
  // Worded when sent, in the project's language: the log keeps the notification's facts, never its text.
  const content = messageContent(notification, await storedProjectTranslator(deps.settings, notification.projectKey));
  let failed = false;
  for (const channel of channels) {
    const result = await deps.poster.post(channel, urls[channel]!, content);
    if (result.ok) continue;
    failed = true;
    const now = deps.clock.now();
    await deps.log.saveFailure({
      id: `${key}:${channel}`,
      channel,
      notification,
      attempts: 1,
      lastError: result.error,
      lastAttemptAt: now.toISOString(),
      // A refusal (egress not allowed, webhook revoked) stays listed on the panel without retries.
      nextAttemptAt: result.final ? undefined : nextAttempt(now, 1),
    });
  }
  return failed ? 'failed' : 'sent';
}

/**
 * Tries queued deliveries whose time has come, with the webhook URL as configured now (a fixed URL
 * fixes the queue) and in the project's language as set now. Successes leave the queue; failures back off and, after MAX_ATTEMPTS, stay
 * listed on the release panel without further tries.
 */
export async function retryPending(deps: NotifyDeps): Promise<{ retried: number; delivered: number }> {
  const now = deps.clock.now();
  const due = (await deps.log.pending()).filter((d) => d.nextAttemptAt !== undefined && d.nextAttemptAt <= now.toISOString());
  let delivered = 0;
  for (const delivery of due) {
    const url = (await deps.integrations.webhooks(delivery.notification.projectKey))[delivery.channel];
    const content = url && messageContent(delivery.notification, await storedProjectTranslator(deps.settings, delivery.notification.projectKey));
    const result = url && content ? await deps.poster.post(delivery.channel, url, content) : { ok: false as const, error: 'The webhook was removed from the project settings', final: true };
    if (result.ok) {
      await deps.log.delivered(delivery.id);
      delivered++;
      continue;
    }
    const attempts = delivery.attempts + 1;
    const updated: PendingDelivery = { ...delivery, attempts, lastError: result.error, lastAttemptAt: now.toISOString() };
    const next = result.final ? undefined : nextAttempt(now, attempts);
    if (next) updated.nextAttemptAt = next;
    else delete updated.nextAttemptAt;
    await deps.log.saveFailure(updated);
  }
  return { retried: due.length, delivered };
}
