import { InvocationLimitReachedError, PayloadTooBigError, Queue, RateLimitError, TooManyEventsError } from '@forge/events';
import { z } from 'zod';
import type { EvaluationBatch, EvaluationQueue, QueueRefusal } from '../ports';

/** The queue manifest.yml's evaluation consumer listens on. */
export const EVALUATION_QUEUE_KEY = 'preflight-evaluations';

/**
 * Versions per event: each costs the evaluation's few Jira calls (version, counts, QA check), so
 * ten stay well inside a consumer's time limit even with a slow Jira and the adapters' retries.
 */
export const MAX_VERSIONS_PER_EVENT = 10;

/** An event's body as the consumer receives it: checked, since it crossed the platform. */
export const evaluationEventSchema = z.object({
  projectKey: z.string().regex(/^[A-Z][A-Z0-9_]{0,254}$/),
  versionIds: z.array(z.string().regex(/^\d{1,18}$/)).min(1).max(MAX_VERSIONS_PER_EVENT),
  force: z.boolean().optional(),
});

function refusal(error: unknown): QueueRefusal {
  if (error instanceof RateLimitError) return 'rate-limited';
  if (error instanceof PayloadTooBigError || error instanceof TooManyEventsError) return 'too-large';
  if (error instanceof InvocationLimitReachedError) return 'cyclic-limit';
  return 'other';
}

/** The background evaluations' queue on Forge's async events (`@forge/events`). */
export function forgeEvaluationQueue(queue: Queue<EvaluationBatch & Record<string, unknown>> = new Queue({ key: EVALUATION_QUEUE_KEY })): EvaluationQueue {
  return {
    maxVersionsPerEvent: MAX_VERSIONS_PER_EVENT,
    maxPerPush: 50,
    async push(batches) {
      try {
        await queue.push(batches.map((b) => ({ body: { projectKey: b.projectKey, versionIds: b.versionIds, ...(b.force && { force: true }) } })));
        return { ok: true };
      } catch (error) {
        return { ok: false, reason: refusal(error), error: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
