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
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 5000,
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
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    const response = await send();
    const retryable = response.status === 429 || response.status >= 500;
    if (!retryable) return response;
    last = response;
    if (attempt === policy.attempts) break;
    await policy.sleep(retryDelay(response, attempt, policy));
  }
  const status = last?.status ?? 0;
  const body = last ? await last.text().catch(() => '') : '';
  const what = status === 429 ? 'is rate-limiting Preflight' : `answered ${status}`;
  throw new ProductError(
    `${product === 'jira' ? 'Jira' : 'Confluence'} ${what} while Preflight was trying to ${describe}, ` +
      `${policy.attempts} times in a row. Wait a minute and try again.`,
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
