import type { SimHandler, SimRequest } from '../../local/sim/http-types';
import { ATLASSIAN_RATE_LIMITS, NO_RATE_LIMITS, createRateLimiter, endpointOf, pointsFor, rateLimitKnobsFromEnv, type RateLimitKnobs } from '../../local/sim/rate-limits';

function request(method: string, path: string): SimRequest {
  return { method, path, query: new URLSearchParams(), headers: {}, body: undefined, accountId: 'someone', asApp: false };
}

/** A product answering a page of `n` issues to searches and a single object to everything else. */
function product(n = 3): { handler: SimHandler; reached: string[] } {
  const reached: string[] = [];
  const handler: SimHandler = async (req) => {
    reached.push(`${req.method} ${req.path}`);
    if (req.method !== 'GET' && !req.path.endsWith('/search/jql')) return { status: 204 };
    return { status: 200, body: req.path.endsWith('/search/jql') ? { issues: Array.from({ length: n }, (_, i) => ({ id: String(i) })) } : { id: '1' } };
  };
  return { handler, reached };
}

const HOUR = 3_600_000;
const T0 = Date.parse('2026-04-01T09:41:30Z');

function limiter(knobs: Partial<RateLimitKnobs>) {
  const clock = { t: T0 };
  const limits = createRateLimiter({ ...NO_RATE_LIMITS, ...knobs }, () => clock.t);
  return { limits, clock };
}

describe('points: what each call costs the app', () => {
  it('a read costs 1 point plus 1 per object it returns; a write only the 1', () => {
    const page = { status: 200, body: { issues: [{}, {}, {}], nextPageToken: 'x' } };
    expect(pointsFor(request('POST', '/rest/api/3/search/jql'), page)).toBe(4);
    expect(pointsFor(request('GET', '/rest/api/3/project/PAY/version'), { status: 200, body: { values: [{}, {}] } })).toBe(3);
    expect(pointsFor(request('GET', '/wiki/api/v2/spaces'), { status: 200, body: { results: [{}] } })).toBe(2);
    expect(pointsFor(request('GET', '/rest/api/3/version/10001'), { status: 200, body: { id: '10001' } })).toBe(2);
    expect(pointsFor(request('PUT', '/rest/api/3/issue/10001/properties/preflight-qa'), { status: 200, body: {} })).toBe(1);
    expect(pointsFor(request('GET', '/rest/api/3/version/1'), { status: 429 })).toBe(0);
  });

  it('counts the points per product, for the bench to print', async () => {
    const { limits } = limiter({});
    const jira = limits.limit('jira', product(5).handler);
    await jira(request('POST', '/rest/api/3/search/jql'));
    await jira(request('PUT', '/rest/api/3/issue/PAY-1'));
    expect(limits.points).toEqual({ jira: 7, confluence: 0 });
  });

  it('one endpoint is one path shape: ids and keys do not make new endpoints', () => {
    expect(endpointOf('/rest/api/3/version/10001')).toBe(endpointOf('/rest/api/3/version/20002'));
    expect(endpointOf('/rest/api/3/issue/PAY-12/properties/preflight-qa')).toBe('/rest/api/3/issue/{}/properties/preflight-qa');
  });
});

describe('the hourly points quota', () => {
  it('refuses every call once the hour is spent, naming the quota and when it resets, until the clock hour turns', async () => {
    const { limits, clock } = limiter({ quotaPointsPerHour: 10 });
    const jira = limits.limit('jira', product(4).handler);
    expect((await jira(request('POST', '/rest/api/3/search/jql')))!.status).toBe(200); // 5
    expect((await jira(request('POST', '/rest/api/3/search/jql')))!.status).toBe(200); // 10
    const refused = (await jira(request('GET', '/rest/api/3/version/1')))!;
    expect(refused.status).toBe(429);
    expect(refused.headers).toMatchObject({ 'ratelimit-reason': 'jira-quota-global-based', 'retry-after': '1110', 'x-ratelimit-reset': '2026-04-01T10:00Z' });
    // Confluence has its own quota.
    expect((await limits.limit('confluence', product().handler)(request('GET', '/wiki/api/v2/spaces')))!.status).toBe(200);
    clock.t = Math.ceil(T0 / HOUR) * HOUR;
    expect((await jira(request('GET', '/rest/api/3/version/1')))!.status).toBe(200);
  });

  it('tells the app on every answer how much of the hour is left (Beta-RateLimit headers)', async () => {
    const { limits } = limiter({ quotaPointsPerHour: 100 });
    const answer = await limits.limit('jira', product(4).handler)(request('POST', '/rest/api/3/search/jql'));
    expect(answer!.headers).toMatchObject({ 'beta-ratelimit-policy': '"global-app-quota";q=100;w=3600', 'beta-ratelimit': '"global-app-quota";r=95;t=1110' });
  });
});

describe('the per-second limit per endpoint and method', () => {
  it('refuses the call past the bucket with jira-burst-based, while other endpoints and methods still pass', async () => {
    const { limits, clock } = limiter({ burstPerSecond: 2, burstCapacity: 2 });
    const p = product();
    const jira = limits.limit('jira', p.handler);
    const statuses = [];
    for (const id of ['1', '2', '3']) statuses.push((await jira(request('GET', `/rest/api/3/version/${id}`)))!.status);
    expect(statuses).toEqual([200, 200, 429]);
    const refused = await jira(request('GET', '/rest/api/3/version/4'));
    expect(refused!.headers).toMatchObject({ 'ratelimit-reason': 'jira-burst-based', 'retry-after': '1' });
    expect((await jira(request('PUT', '/rest/api/3/version/4')))!.status).toBe(204);
    expect((await jira(request('GET', '/rest/api/3/project/PAY')))!.status).toBe(200);
    // The refused calls never reached Jira.
    expect(p.reached.filter((r) => r.startsWith('GET /rest/api/3/version/'))).toHaveLength(2);
    clock.t += 500;
    expect((await jira(request('GET', '/rest/api/3/version/5')))!.status).toBe(200);
  });
});

describe('the per-issue write limit', () => {
  it('refuses a write to a busy issue with jira-per-issue-on-write; reads and other issues pass', async () => {
    const { limits, clock } = limiter({ issueWrites: 2, issueWriteWindowSeconds: 10 });
    const jira = limits.limit('jira', product().handler);
    const put = (issue: string) => jira(request('PUT', `/rest/api/3/issue/${issue}/properties/preflight-qa`));
    expect((await put('10001'))!.status).toBe(204);
    clock.t += 4000;
    expect((await put('10001'))!.status).toBe(204);
    const refused = await put('10001');
    expect(refused).toMatchObject({ status: 429, headers: { 'ratelimit-reason': 'jira-per-issue-on-write', 'retry-after': '6' } });
    expect((await put('10002'))!.status).toBe(204);
    expect((await jira(request('GET', '/rest/api/3/issue/10001')))!.status).toBe(200);
    clock.t += 6000;
    expect((await put('10001'))!.status).toBe(204);
  });
});

describe('settings', () => {
  it('defaults to the documented limits and reads PREFLIGHT_SIM_* overrides, 0 turning a limit off', () => {
    expect(rateLimitKnobsFromEnv({})).toEqual(ATLASSIAN_RATE_LIMITS);
    expect(ATLASSIAN_RATE_LIMITS.quotaPointsPerHour).toBe(65_000);
    expect(rateLimitKnobsFromEnv({ PREFLIGHT_SIM_QUOTA_POINTS: '500', PREFLIGHT_SIM_BURST_PER_SECOND: '0', PREFLIGHT_SIM_ISSUE_WRITES: '' })).toMatchObject({
      quotaPointsPerHour: 500,
      burstPerSecond: 0,
      issueWrites: ATLASSIAN_RATE_LIMITS.issueWrites,
    });
  });

  it('names every bad variable with its value', () => {
    expect(() => rateLimitKnobsFromEnv({ PREFLIGHT_SIM_QUOTA_POINTS: 'lots', PREFLIGHT_SIM_ISSUE_WRITE_WINDOW_S: '-1' })).toThrow(
      "Invalid simulator rate limit settings: PREFLIGHT_SIM_QUOTA_POINTS must be a whole number from 0 to 100000000 (got 'lots'); PREFLIGHT_SIM_ISSUE_WRITE_WINDOW_S must be a whole number from 0 to 3600 (got '-1')",
    );
  });
});
