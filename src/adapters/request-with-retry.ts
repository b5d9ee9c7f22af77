import { getAppContext } from '@forge/api';
import { ProductError } from './product-error';

/** What a product call returns, the subset of fetch's Response that @forge/api gives us. */
export interface ProductResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/**
 * What a call touches, so a rate limit on it slows down only what it should: `endpoint` names
 * the endpoint and method (e.g. `POST /rest/api/3/search/jql`; default: the call's description),
 * `issue` the issue a write changes (Jira limits writes per issue).
 */
export interface CallTarget {
  endpoint?: string;
  issue?: string;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Base delay for exponential backoff, in ms. */
  baseDelayMs: number;
  /** Longest single backoff wait (Retry-After is honoured as sent, never shortened: Jira would refuse again). */
  maxDelayMs: number;
  /**
   * Most time spent waiting between attempts of one call, in all. Attempts alone do not bound the
   * time; this keeps one call from taking the whole invocation. Absent: only the time left bounds it.
   */
  maxTotalWaitMs?: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Milliseconds left in this Forge invocation, or undefined when unknown (outside Forge). */
  remainingMs?: () => number | undefined;
  /** Time kept free at the end of the invocation for the last answer, the work after it and the reply. */
  safetyMarginMs?: number;
  /** The per-endpoint and per-issue pacing the calls of one invocation share. */
  pacing?: () => Pacing;
  now?: () => number;
}

const MIN_GAP_MS = 100;
const MAX_GAP_MS = 1000;

/**
 * Pacing per key (an endpoint, or one issue's writes) after Jira said it is going too fast:
 * nothing under the key goes before the Retry-After has passed, then one call per gap, the gap
 * doubling with each new wave of 429s (100 ms up to 1 s). Keys never limited pass at once.
 */
export class Pacing {
  private readonly next = new Map<string, number>();
  private readonly gap = new Map<string, number>();
  private readonly heldUntil = new Map<string, number>();

  /** Milliseconds until a call under these keys may go; reserves its slot so the next one queues behind it. */
  reserve(keys: readonly string[], now: number): number {
    const start = Math.max(now, ...keys.map((k) => this.next.get(k) ?? 0));
    for (const key of keys) {
      const gap = this.gap.get(key);
      if (gap !== undefined) this.next.set(key, start + gap);
    }
    return start - now;
  }

  /** Jira refused a call under `key` until `until` (epoch ms). */
  slowDown(key: string, until: number, now: number): void {
    // 429s of calls that were already in flight together are one wave: they double the gap once.
    const sameWave = now < (this.heldUntil.get(key) ?? 0);
    if (!sameWave) this.gap.set(key, Math.min(MAX_GAP_MS, Math.max(MIN_GAP_MS, (this.gap.get(key) ?? 0) * 2)));
    this.heldUntil.set(key, Math.max(this.heldUntil.get(key) ?? 0, until));
    this.next.set(key, Math.max(this.next.get(key) ?? 0, until));
  }
}

/**
 * The time Forge gives this invocation, from @forge/api's own getAppContext()
 * (`lambdaContext.getRemainingTimeInMillis` underneath); undefined outside Forge.
 */
export function invocationRemainingMs(): number | undefined {
  try {
    const ms = getAppContext().invocationRemainingTimeInMillis();
    return Number.isFinite(ms) ? ms : undefined;
  } catch {
    return undefined;
  }
}

// One Pacing per invocation: the limits are the tenant's, so what one call learnt holds for the
// other calls of the same invocation; a new invocation (maybe another site) starts afresh.
const pacings = new Map<string, Pacing>();
function invocationPacing(): Pacing {
  let id = 'outside-forge';
  try {
    id = getAppContext().invocationId || id;
  } catch {
    // Outside Forge (unit tests, scripts): one shared pacing.
  }
  let pacing = pacings.get(id);
  if (!pacing) {
    pacing = new Pacing();
    pacings.set(id, pacing);
    if (pacings.size > 50) pacings.delete(pacings.keys().next().value as string);
  }
  return pacing;
}

/**
 * Why 8 attempts: Jira and Confluence shed load with bursts of 429/5xx. At 20% 5xx plus 10% 429 an
 * attempt fails 28% of the time; 4 attempts then lose ~0.6% of calls (a 50-call release-notes run
 * fails one time in four), 8 attempts lose ~0.004% (1 run in ~500). The 12 s wait budget keeps
 * one call from eating the invocation; the time left (minus 3 s for the answer and the reply)
 * bounds every wait, so a call that cannot finish ends with a clear error, never a Forge timeout.
 */
export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 8,
  baseDelayMs: 250,
  maxDelayMs: 5000,
  maxTotalWaitMs: 12_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  remainingMs: invocationRemainingMs,
  safetyMarginMs: 3000,
  pacing: invocationPacing,
  now: Date.now,
};

/** Which of Jira's limits a 429 names in RateLimit-Reason (Atlassian: jira-quota-*-based, jira-burst-based, jira-per-issue-on-write). */
type Limit = 'quota' | 'burst' | 'issue-write' | 'unnamed';
function limitOf(response: ProductResponse): Limit {
  const reason = (response.headers.get('ratelimit-reason') ?? '').toLowerCase();
  if (reason.includes('quota')) return 'quota';
  if (reason.includes('burst')) return 'burst';
  if (reason.includes('per-issue')) return 'issue-write';
  return 'unnamed';
}

const productName = (product: 'jira' | 'confluence') => (product === 'jira' ? 'Jira' : 'Confluence');

/**
 * Sends a product request and reacts to each of Atlassian's rate limits as its guide says:
 * - hourly points quota spent: stops at once (retrying only spends more) and says when it resets;
 * - per-second (burst) limit: waits Retry-After and paces that endpoint only, for the rest of the invocation;
 * - per-issue write limit: waits Retry-After and spaces out writes to that issue;
 * - a 429 naming no limit, or a 5xx: exponential backoff with full jitter (Retry-After when sent).
 * Every wait must fit in the time the invocation has left, less a safety margin.
 * Other statuses are returned to the caller to interpret.
 * @throws ProductError (status 429 or 5xx) when the quota is spent, when retries run out, or when
 *   there is no time left to wait; each says what failed and when to try again.
 */
export async function requestWithRetry(
  product: 'jira' | 'confluence',
  describe: string,
  send: () => Promise<ProductResponse>,
  policy: RetryPolicy = DEFAULT_RETRY,
  target: CallTarget = {},
): Promise<ProductResponse> {
  const now = policy.now ?? Date.now;
  const pacing = (policy.pacing ?? invocationPacing)();
  const endpointKey = `${product} ${target.endpoint ?? describe}`;
  const issueKey = target.issue === undefined ? undefined : `${product} issue ${target.issue}`;
  const keys = issueKey ? [endpointKey, issueKey] : [endpointKey];
  const name = productName(product);
  let last: ProductResponse | undefined;
  let tries = 0;
  let waited = 0;

  const wait = async (ms: number): Promise<void> => {
    if (ms <= 0) return;
    const left = (policy.remainingMs ?? invocationRemainingMs)();
    const overBudget = policy.maxTotalWaitMs !== undefined && waited + ms > policy.maxTotalWaitMs;
    const overTime = left !== undefined && ms + (policy.safetyMarginMs ?? 0) > left;
    // Waiting past the budget would only trade a clear error for a Forge timeout.
    if (overTime || (overBudget && !last)) throw await outOfTime(ms);
    if (overBudget) throw await exhausted();
    waited += ms;
    await policy.sleep(ms);
  };
  const outOfTime = async (ms: number): Promise<ProductError> => {
    const status = last?.status ?? 429;
    const what = status === 429 ? 'is rate-limiting Preflight' : `answered ${status}`;
    return new ProductError(
      `${name} ${what} while Preflight was trying to ${describe}, and this request has no time left to wait ` +
        `${Math.ceil(ms / 1000)} s and try again. Try again in a minute.`,
      status,
      product,
      { cause: last ? await last.text().catch(() => '') : undefined },
    );
  };
  const exhausted = async (): Promise<ProductError> => {
    const status = last?.status ?? 0;
    const what = status === 429 ? 'is rate-limiting Preflight' : `answered ${status}`;
    return new ProductError(
      `${name} ${what} while Preflight was trying to ${describe}, ${tries} times in a row. ` +
        `Wait a minute and try again; if it keeps happening, check the site's status page.`,
      status,
      product,
      { cause: last ? await last.text().catch(() => '') : '' },
    );
  };

  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    // Endpoints (and issues) Jira slowed down in this invocation wait their turn; others go at once.
    await wait(pacing.reserve(keys, now()));
    const response = await send();
    tries = attempt;
    const retryable = response.status === 429 || response.status >= 500;
    if (!retryable) return response;
    last = response;
    const limit = response.status === 429 ? limitOf(response) : 'unnamed';
    if (limit === 'quota') throw await quotaSpent(name, product, describe, response, now());
    if (attempt === policy.attempts) break;
    const retryAfterMs = retryAfter(response);
    const pacedKey = limit === 'burst' ? endpointKey : limit === 'issue-write' ? issueKey : undefined;
    if (pacedKey) {
      // The next turn of the loop waits at the gate, with every other call to the same endpoint or issue.
      pacing.slowDown(pacedKey, now() + (retryAfterMs ?? policy.baseDelayMs), now());
      continue;
    }
    await wait(retryAfterMs ?? backoff(attempt, policy));
  }
  throw await exhausted();
}

/** Retry-After in ms (429s and some 503s carry it), or undefined. */
function retryAfter(response: ProductResponse): number | undefined {
  const header = response.headers.get('retry-after');
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

function backoff(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  return Math.round(policy.random() * ceiling);
}

/** The hourly quota is spent: retrying cannot help until it resets, so say when that is. */
async function quotaSpent(name: string, product: 'jira' | 'confluence', describe: string, response: ProductResponse, now: number): Promise<ProductError> {
  const reset = quotaReset(response, now);
  const when = reset === undefined ? 'within the hour' : `at ${new Date(reset).toISOString().slice(11, 16)} UTC`;
  return new ProductError(
    `${name}'s hourly API quota for Preflight is used up; it resets ${when}. Preflight stopped instead of retrying ` +
      `(it was trying to ${describe}); try again after that, or ask your admin to contact the app's vendor if it keeps happening.`,
    429,
    product,
    { cause: await response.text().catch(() => '') },
  );
}

/** When the quota resets: X-RateLimit-Reset (`yyyy-MM-ddTHH:mmZ`), else now + Retry-After, rounded up to the minute. */
function quotaReset(response: ProductResponse, now: number): number | undefined {
  const stamp = Date.parse(response.headers.get('x-ratelimit-reset') ?? '');
  if (Number.isFinite(stamp) && stamp > now - 60_000) return stamp;
  const after = retryAfter(response);
  if (after === undefined) return undefined;
  return Math.ceil((now + after) / 60_000) * 60_000;
}
