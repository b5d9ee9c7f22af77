import { InvocationError, InvocationErrorCode } from '@forge/events';

/**
 * How a queue consumer answers Forge for one batch (the reminders and the overview's background
 * evaluation share it): an InvocationError (Forge runs the event again after `retryAfter`) when an
 * item failed for a reason that passes (429, 5xx), otherwise the report (done). Failures that will
 * not pass are logged, and after the last retry the passing ones are given up and logged too.
 */

/**
 * How many times a batch is tried again. With the waits below that spans about an hour; past it
 * the work is given up and logged, not retried for the 24 hours Forge would allow.
 */
export const MAX_BATCH_RETRIES = 6;

/** Seconds before retry n (0-based): 30 s doubling, at most Forge's 900. */
export function batchRetryAfter(retryCount: number): number {
  return Math.min(900, 30 * 2 ** retryCount);
}

export interface BatchFailure {
  retryable: boolean;
  status?: number;
  error: string;
}

export function batchAnswer<R extends { failed: BatchFailure[] }>(
  report: R,
  retryCount: number,
  log: { failed: (f: R['failed'][number]) => string; gaveUp: (f: R['failed'][number]) => string; retryDataKey: string },
): R | InvocationError {
  const transient = report.failed.filter((f) => f.retryable);
  for (const f of report.failed.filter((x) => !x.retryable)) console.warn(log.failed(f));
  if (transient.length === 0) return report;
  if (retryCount >= MAX_BATCH_RETRIES) {
    for (const f of transient) console.warn(log.gaveUp(f));
    return report;
  }
  return new InvocationError({
    retryAfter: batchRetryAfter(retryCount),
    retryReason: transient.some((f) => f.status === 429) ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    // Only what helps a reader of the logs; Forge caps retryData at 4 KB.
    retryData: { [log.retryDataKey]: transient.length },
  });
}
