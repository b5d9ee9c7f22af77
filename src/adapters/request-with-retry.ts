import { ProductError } from './product-error';

/** What a product call returns, the subset of fetch's Response that @forge/api gives us. */
export interface ProductResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Base delay for exponential backoff, in ms. */
  baseDelayMs: number;
  /** Longest single wait, so a huge Retry-After cannot outlive the 25 s Forge invocation. */
  maxDelayMs: number;
  /**
   * Most time spent waiting between attempts of one call, in all. Attempts alone do not bound the
   * time (each wait may be up to maxDelayMs); this keeps a call well inside Forge's 25 s.
   * Absent: only `attempts` bounds the retries.
   */
  maxTotalWaitMs?: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

/**
 * Why 8 attempts: Jira and Confluence shed load with bursts of 429/5xx. At 20% 5xx plus 10% 429 an
 * attempt fails 28% of the time; 4 attempts then lose ~0.6% of calls (a 50-call release-notes run
 * fails one time in four), 8 attempts lose ~0.004% (1 run in ~500). The 12 s wait budget keeps the
 * worst case inside a Forge invocation; with full jitter the expected wait is far lower.
 */
export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 8,
  baseDelayMs: 250,
  maxDelayMs: 5000,
  maxTotalWaitMs: 12_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/**
 * Sends a product request, retrying 429 (after Retry-After) and 5xx (exponential backoff with
 * full jitter) a bounded number of times. Other statuses are returned to the caller to interpret.
 * @throws ProductError when retries run out, saying what failed and what to do.
 */
export async function requestWithRetry(
  product: 'jira' | 'confluence',
  describe: string,
  send: () => Promise<ProductResponse>,
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<ProductResponse> {
  let last: ProductResponse | undefined;
  let tries = 0;
  let waited = 0;
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    const response = await send();
    tries = attempt;
    const retryable = response.status === 429 || response.status >= 500;
    if (!retryable) return response;
    last = response;
    if (attempt === policy.attempts) break;
    const delay = retryDelay(response, attempt, policy);
    // Waiting past the budget would only trade a clear error for a Forge timeout.
    if (policy.maxTotalWaitMs !== undefined && waited + delay > policy.maxTotalWaitMs) break;
    waited += delay;
    await policy.sleep(delay);
  }
  const status = last?.status ?? 0;
  const body = last ? await last.text().catch(() => '') : '';
  const what = status === 429 ? 'is rate-limiting Preflight' : `answered ${status}`;
  throw new ProductError(
    `${product === 'jira' ? 'Jira' : 'Confluence'} ${what} while Preflight was trying to ${describe}, ` +
      `${tries} times in a row. Wait a minute and try again; if it keeps happening, check the site's status page.`,
    status,
    product,
    { cause: body },
  );
}

function retryDelay(response: ProductResponse, attempt: number, policy: RetryPolicy): number {
  const retryAfter = Number(response.headers.get('retry-after'));
  if (response.status === 429 && Number.isFinite(retryAfter) && retryAfter >= 0) {
    return Math.min(retryAfter * 1000, policy.maxDelayMs);
  }
  const ceiling = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  return Math.round(policy.random() * ceiling);
}
