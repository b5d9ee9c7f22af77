import { evaluationAnswer } from '../../src/triggers/evaluate-releases';
import type { BackgroundEvaluationReport } from '../../src/usecases/evaluate-in-background';

/**
 * What the evaluations consumer tells Forge after a batch: done, or "run me again later" (an
 * InvocationError, which @forge/events serialises as `{ _retry: true, retryOptions }`).
 */
type Failure = BackgroundEvaluationReport['failed'][number];
const report = (failed: Failure[]): BackgroundEvaluationReport => ({ evaluated: 3, skipped: 1, failed });
const outage: Failure = { versionId: '10001', retryable: true, status: 503, error: 'Jira answered 503' };
const throttled: Failure = { ...outage, status: 429, error: 'Jira is rate-limiting Preflight' };
const refused: Failure = { ...outage, retryable: false, status: 403, error: 'Jira answered 403' };

beforeEach(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
afterEach(() => jest.restoreAllMocks());

describe('the evaluations consumer answers Forge', () => {
  it.each([
    ['every version evaluated', [], 0, 'done'],
    ['only refusals (retrying cannot help)', [refused], 0, 'done'],
    ['an outage, first run', [outage], 0, { retryAfter: 30, retryReason: 'FUNCTION_RETRY_REQUEST' }],
    ['Jira rate-limiting, second run', [throttled, refused], 1, { retryAfter: 60, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' }],
    ['an outage past the last retry, keeping what was evaluated', [outage], 6, 'done'],
  ] as const)('%s', (_name, failed, retryCount, expected) => {
    const answer = evaluationAnswer(report([...failed]), retryCount);
    if (expected === 'done') expect(answer).toEqual(report([...failed]));
    else expect(answer).toEqual({ _retry: true, retryOptions: { ...expected, retryData: { versions: failed.filter((f) => f.retryable).length } } });
  });
});
