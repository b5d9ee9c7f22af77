import api from '@forge/api';
import type { AsyncEvent, InvocationError } from '@forge/events';
import { evaluationEventSchema } from '../adapters/events-evaluation-queue';
import { backgroundEvaluationDeps } from '../composition';
import { evaluateInBackground, type BackgroundEvaluationReport } from '../usecases/evaluate-in-background';
import { batchAnswer } from './batch-retry';

/**
 * Forge's answer for a batch: an InvocationError (run again after a wait) when a version failed for
 * a reason that passes (429, 5xx), otherwise the report. What was evaluated is not lost on the
 * retry, and fresh counts are skipped, so a retry redoes only the failures.
 */
export function evaluationAnswer(report: BackgroundEvaluationReport, retryCount: number): BackgroundEvaluationReport | InvocationError {
  return batchAnswer(report, retryCount, {
    failed: (f) => `Preflight could not evaluate version ${f.versionId} in the background: ${f.error}`,
    gaveUp: (f) => `Preflight gave up evaluating version ${f.versionId} in the background after ${retryCount} retries: ${f.error}`,
    retryDataKey: 'versions',
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
