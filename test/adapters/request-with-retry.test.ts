import { ProductError } from '../../src/adapters/product-error';
import { DEFAULT_RETRY, requestWithRetry, type ProductResponse, type RetryPolicy } from '../../src/adapters/request-with-retry';

function response(status: number, headers: Record<string, string> = {}): ProductResponse {
  return { status, headers: { get: (n) => headers[n.toLowerCase()] ?? null }, text: async () => `status ${status}` };
}

function policy(waits: number[]): RetryPolicy {
  return { attempts: 4, baseDelayMs: 100, maxDelayMs: 5000, random: () => 1, sleep: async (ms) => void waits.push(ms) };
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

  it('caps a huge Retry-After so the wait cannot outlive a Forge invocation', async () => {
    const answers = [response(429, { 'retry-after': '3600' }), response(204)];
    const waits: number[] = [];
    await requestWithRetry('jira', 'read', async () => answers.shift()!, policy(waits));
    expect(waits).toEqual([5000]);
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
    const budget: RetryPolicy = { ...policy(waits), attempts: 10, maxTotalWaitMs: 1000 };
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
    const quick: RetryPolicy = { ...DEFAULT_RETRY, sleep: async () => undefined };
    let failed = 0;
    for (let i = 0; i < 5000; i++) await requestWithRetry('jira', 'read', flaky, quick).catch(() => failed++);
    // 0.28^8 of 5,000 calls is 0.2 expected failures; 4 attempts would lose about 30.
    expect(failed).toBeLessThanOrEqual(2);
  });

  it('keeps the worst case of the default policy inside a Forge invocation', async () => {
    let waited = 0;
    const worst: RetryPolicy = { ...DEFAULT_RETRY, random: () => 1, sleep: async (ms) => void (waited += ms) };
    await expect(requestWithRetry('jira', 'read', async () => response(503), worst)).rejects.toThrow(ProductError);
    expect(waited).toBeLessThanOrEqual(12_000);
  });
});
