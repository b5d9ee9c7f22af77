import { ProductError } from '../../src/adapters/product-error';
import { requestWithRetry, type ProductResponse, type RetryPolicy } from '../../src/adapters/request-with-retry';

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
});
