import api from '@forge/api';
import { InvocationError, InvocationErrorCode, type AsyncEvent } from '@forge/events';
import { evaluationEventSchema } from '../adapters/events-evaluation-queue';
import { backgroundEvaluationDeps } from '../composition';
import { evaluateInBackground, type BackgroundEvaluationReport } from '../usecases/evaluate-in-background';
import { MAX_REMINDER_RETRIES, reminderRetryAfter } from './notifications';

/**
 * Forge's answer for a batch: an InvocationError (run again after a wait) when a version failed for
 * a reason that passes (429, 5xx), otherwise the report. What was evaluated is not lost on the
 * retry, and fresh counts are skipped, so a retry redoes only the failures.
 */
export function evaluationAnswer(report: BackgroundEvaluationReport, retryCount: number): BackgroundEvaluationReport | InvocationError {
  const transient = report.failed.filter((f) => f.retryable);
  for (const f of report.failed.filter((x) => !x.retryable)) console.warn(`Preflight could not evaluate version ${f.versionId} in the background: ${f.error}`);
  if (transient.length === 0) return report;
  if (retryCount >= MAX_REMINDER_RETRIES) {
    for (const f of transient) console.warn(`Preflight gave up evaluating version ${f.versionId} in the background after ${retryCount} retries: ${f.error}`);
    return report;
  }
  return new InvocationError({
    retryAfter: reminderRetryAfter(retryCount),
    retryReason: transient.some((f) => f.status === 429) ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    retryData: { versions: transient.length },
  });
}

/**
 * The async events consumer (manifest: consumer on the evaluations queue): evaluates one batch of
 * a project's versions and writes their list summaries. No user: Jira reads go as the app. A body
 * that does not parse is dropped with a log line: retrying cannot fix it.
 */
export async function evaluateReleasesConsumer(event: AsyncEvent): Promise<BackgroundEvaluationReport | InvocationError | undefined> {
  const body = evaluationEventSchema.safeParse(event.body);
  if (!body.success) {
    console.warn(`Preflight dropped an evaluation event it cannot read: ${body.error.message}`);
    return undefined;
  }
  const report = await evaluateInBackground(backgroundEvaluationDeps(api.asApp()), body.data);
  return evaluationAnswer(report, event.retryContext?.retryCount ?? 0);
}
