import { ProductError } from '../../src/adapters/product-error';
import { DEFAULT_RETRY, Pacing, requestWithRetry, type ProductResponse, type RetryPolicy } from '../../src/adapters/request-with-retry';

function response(status: number, headers: Record<string, string> = {}): ProductResponse {
  return { status, headers: { get: (n) => headers[n.toLowerCase()] ?? null }, text: async () => `status ${status}` };
}

/** A policy on a fake clock: sleeping moves the clock, so waits are exact and instant. */
function policy(waits: number[], extra: Partial<RetryPolicy> = {}): RetryPolicy & { clock: { t: number } } {
  const clock = { t: Date.parse('2026-04-01T09:41:00Z') };
  const pacing = new Pacing();
  return {
    attempts: 4,
    baseDelayMs: 100,
    maxDelayMs: 5000,
    random: () => 1,
    sleep: async (ms) => {
      waits.push(ms);
      clock.t += ms;
    },
    now: () => clock.t,
    pacing: () => pacing,
    remainingMs: () => undefined,
    ...extra,
    clock,
  };
}

describe('product calls under rate limits and outages', () => {
  it('waits as long as Retry-After says, then succeeds', async () => {
    const answers = [response(429, { 'retry-after': '2' }), response(200)];
    const waits: number[] = [];
    const result = await requestWithRetry('jira', 'read', async () => answers.shift()!, policy(waits));
    expect(result.status).toBe(200);
    expect(waits).toEqual([2000]);
  });

  it('backs off exponentially on 5xx, bounded by the attempt count', async () => {
    const waits: number[] = [];
    let calls = 0;
    const failing = requestWithRetry('confluence', 'publish the page', async () => (calls++, response(503)), policy(waits));
    await expect(failing).rejects.toThrow(ProductError);
    await expect(failing).rejects.toThrow(/Confluence answered 503 while Preflight was trying to publish the page, 4 times in a row/);
    expect(calls).toBe(4);
    expect(waits).toEqual([100, 200, 400]);
  });

  it('never retries before a Retry-After has passed: one longer than the time left ends at once, saying to try again', async () => {
    // Retrying early would only earn another 429 with a longer Retry-After (Atlassian's docs).
    let calls = 0;
    const waits: number[] = [];
    const p = policy(waits, { remainingMs: () => 20_000, safetyMarginMs: 3000 });
    const failing = requestWithRetry('jira', 'read the release', async () => (calls++, response(429, { 'retry-after': '3600' })), p);
    await expect(failing).rejects.toThrow(/Jira is rate-limiting Preflight while Preflight was trying to read the release, and this request has no time left to wait 3600 s and try again\. Try again in a minute\./);
    await expect(failing).rejects.toMatchObject({ status: 429, product: 'jira' });
    expect(calls).toBe(1);
    expect(waits).toEqual([]);
  });

  it('hands 4xx answers back without retrying', async () => {
    let calls = 0;
    const result = await requestWithRetry('jira', 'read', async () => (calls++, response(404)), policy([]));
    expect(result.status).toBe(404);
    expect(calls).toBe(1);
  });

  it('stops early when the next wait would pass the wait budget, and says how many times it tried', async () => {
    const waits: number[] = [];
    let calls = 0;
    const budget = policy(waits, { attempts: 10, maxTotalWaitMs: 1000 });
    const failing = requestWithRetry('jira', 'count the release', async () => (calls++, response(502)), budget);
    await expect(failing).rejects.toThrow(/Jira answered 502 while Preflight was trying to count the release, 4 times in a row\. Wait a minute/);
    expect(waits).toEqual([100, 200, 400]);
    expect(calls).toBe(4);
  });

  it('by default, gets through 20% outages plus 10% rate limiting on all but a negligible share of calls', async () => {
    // A seeded stream of faults in the mix the issue names; real waits skipped.
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const flaky = async () => {
      const r = random();
      return r < 0.1 ? response(429, { 'retry-after': '1' }) : r < 0.28 ? response(503) : response(200);
    };
    const quick: RetryPolicy = { ...DEFAULT_RETRY, sleep: async () => undefined, pacing: () => new Pacing() };
    let failed = 0;
    for (let i = 0; i < 5000; i++) await requestWithRetry('jira', 'read', flaky, quick).catch(() => failed++);
    // 0.28^8 of 5,000 calls is 0.2 expected failures; 4 attempts would lose about 30.
    expect(failed).toBeLessThanOrEqual(2);
  });

  it('keeps the worst case of the default policy inside a Forge invocation', async () => {
    let waited = 0;
    const worst: RetryPolicy = { ...DEFAULT_RETRY, random: () => 1, sleep: async (ms) => void (waited += ms), pacing: () => new Pacing() };
    await expect(requestWithRetry('jira', 'read', async () => response(503), worst)).rejects.toThrow(ProductError);
    expect(waited).toBeLessThanOrEqual(12_000);
  });
});

describe('each of Atlassian rate limits gets its own reaction (RateLimit-Reason)', () => {
  it('hourly quota spent: stops at once, no retry, and says when the quota resets', async () => {
    let calls = 0;
    const waits: number[] = [];
    const spent = response(429, { 'retry-after': '1140', 'ratelimit-reason': 'jira-quota-global-based', 'x-ratelimit-reset': '2026-04-01T10:00Z' });
    const failing = requestWithRetry('jira', 'list the issues of the release', async () => (calls++, spent), policy(waits));
    await expect(failing).rejects.toThrow("Jira's hourly API quota for Preflight is used up; it resets at 10:00 UTC.");
    await expect(failing).rejects.toMatchObject({ status: 429, product: 'jira' });
    expect(calls).toBe(1);
    expect(waits).toEqual([]);
  });

  it('hourly quota spent without a reset header: the reset time comes from Retry-After', async () => {
    const spent = response(429, { 'retry-after': '600', 'ratelimit-reason': 'confluence-quota-global-based' });
    // 09:41 + 10 minutes, rounded up to the minute.
    await expect(requestWithRetry('confluence', 'publish the page', async () => spent, policy([]))).rejects.toThrow(
      "Confluence's hourly API quota for Preflight is used up; it resets at 09:51 UTC.",
    );
  });

  it('burst limit: waits Retry-After, then paces that endpoint only while other endpoints go at once', async () => {
    const waits: number[] = [];
    const p = policy(waits);
    const sent: Array<{ endpoint: string; at: number }> = [];
    let searchAnswers = [response(429, { 'retry-after': '2', 'ratelimit-reason': 'jira-burst-based' }), response(200), response(200)];
    const search = () =>
      requestWithRetry('jira', 'list the issues', async () => (sent.push({ endpoint: 'search', at: p.clock.t }), searchAnswers.shift()!), p, { endpoint: 'POST /rest/api/3/search/jql' });
    const version = () => requestWithRetry('jira', 'read the version', async () => (sent.push({ endpoint: 'version', at: p.clock.t }), response(200)), p, { endpoint: 'GET /rest/api/3/version/{}' });
    const start = p.clock.t;
    await search();
    // Another endpoint is not held back by the search's limit.
    await version();
    // The search endpoint stays paced for the rest of the invocation: calls to it are spaced out.
    searchAnswers = [response(200), response(200)];
    await search();
    await search();
    const at = sent.map((s) => `${s.endpoint}+${s.at - start}`);
    expect(at).toEqual(['search+0', 'search+2000', 'version+2000', 'search+2100', 'search+2200']);
  });

  it('per-issue write limit: the write waits Retry-After, and later writes to that issue are spaced out while writes to other issues are not', async () => {
    const waits: number[] = [];
    const p = policy(waits);
    const sent: string[] = [];
    const start = p.clock.t;
    const answers: Record<string, ProductResponse[]> = { '10001': [response(429, { 'retry-after': '3', 'ratelimit-reason': 'jira-per-issue-on-write' })] };
    const write = (issue: string) =>
      requestWithRetry(
        'jira',
        `record the QA decision on issue ${issue}`,
        async () => (sent.push(`${issue}+${p.clock.t - start}`), answers[issue]?.shift() ?? response(204)),
        p,
        { endpoint: 'PUT /rest/api/3/issue/{}/properties/{}', issue },
      );
    await write('10001');
    await write('10002');
    await write('10001');
    expect(sent).toEqual(['10001+0', '10001+3000', '10002+3000', '10001+3100']);
  });

  it('a 429 naming no limit, and a 5xx, fall back to exponential backoff with jitter', async () => {
    const waits: number[] = [];
    const answers = [response(429), response(500), response(503), response(200)];
    const p = policy(waits, { random: () => 0.5 });
    expect((await requestWithRetry('jira', 'read', async () => answers.shift()!, p)).status).toBe(200);
    expect(waits).toEqual([50, 100, 200]);
  });
});

describe('retry budgets come from the time the invocation has left', () => {
  it('a call that cannot be retried in the time left ends with a clear, retryable error instead of a platform kill', async () => {
    const waits: number[] = [];
    let calls = 0;
    // 10 s left in a 25 s resolver, 3 s kept for the answer: one 5 s wait fits, a second does not.
    const p = policy(waits, { attempts: 8 });
    const startedAt = p.clock.t;
    const budgeted: RetryPolicy = { ...p, remainingMs: () => 10_000 - (p.clock.t - startedAt), safetyMarginMs: 3000 };
    const failing = requestWithRetry('jira', 'read the release', async () => (calls++, response(429, { 'retry-after': '5' })), budgeted);
    await expect(failing).rejects.toThrow(/no time left to wait 5 s and try again\. Try again in a minute\./);
    expect(calls).toBe(2);
    expect(waits).toEqual([5000]);
  });

  it('the default policy reads the time left from Forge through @forge/api (none outside Forge)', async () => {
    // Outside an invocation there is no Forge runtime, so no remaining time: only the wait budget applies.
    expect(DEFAULT_RETRY.remainingMs?.()).toBeUndefined();
    expect(DEFAULT_RETRY.safetyMarginMs).toBeGreaterThan(0);
  });
});
