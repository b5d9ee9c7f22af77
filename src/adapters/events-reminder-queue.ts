import { InvocationLimitReachedError, PayloadTooBigError, Queue, RateLimitError, TooManyEventsError } from '@forge/events';
import { z } from 'zod';
import type { QueueRefusal, ReminderBatch, ReminderQueue } from '../ports';

/** The queue manifest.yml's consumer module listens on. */
export const REMINDER_QUEUE_KEY = 'preflight-reminders';

/** An event's body as the consumer receives it: checked, since it crossed the platform. */
export const reminderEventSchema = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  projectKeys: z.array(z.string().regex(/^[A-Z][A-Z0-9_]{0,254}$/)).min(1).max(100),
});

/** Forge's limit on events in one push (@forge/events refuses more before sending). */
const MAX_EVENTS_PER_PUSH = 50;

/** Maps the errors @forge/events throws for a refused push to the reason the daily job reports. */
function refusal(error: unknown): QueueRefusal {
  if (error instanceof RateLimitError) return 'rate-limited';
  if (error instanceof PayloadTooBigError || error instanceof TooManyEventsError) return 'too-large';
  if (error instanceof InvocationLimitReachedError) return 'cyclic-limit';
  return 'other';
}

/**
 * The reminders' queue on Forge's async events (`@forge/events`): each batch becomes one event
 * whose body the consumer function (manifest: consumer on the same queue) parses with zod.
 */
export function forgeReminderQueue(queue: Queue<ReminderBatch & Record<string, unknown>> = new Queue({ key: REMINDER_QUEUE_KEY })): ReminderQueue {
  return {
    maxPerPush: MAX_EVENTS_PER_PUSH,
    async push(batches) {
      try {
        await queue.push(batches.map((batch) => ({ body: { day: batch.day, projectKeys: batch.projectKeys } })));
        return { ok: true };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, reason: refusal(error), error: message };
      }
    },
  };
}
