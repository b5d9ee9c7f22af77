/**
 * The rate limits Jira and Confluence Cloud enforce on apps since March 2026, in front of the
 * simulated products for the app's own calls (what arrives through `__forge_fetch__`):
 *
 * 1. an hourly points quota per product: each request costs 1 point, a read 1 more per object it
 *    returns, a write only the 1;
 * 2. a per-second limit per endpoint and HTTP method (a token bucket);
 * 3. a per-issue write limit (Jira only).
 *
 * Each answers 429 with `Retry-After` and `RateLimit-Reason` naming the limit, so the app can
 * react per limit as Atlassian's "Build an app that respects rate limits" prescribes. What is
 * confirmed and what is assumed (most numbers) is written down in local/sim/README.md.
 */
import { z } from 'zod';
import { envWholeNumber, parseEnvKnobs } from './env-knobs';
import type { SimHandler, SimRequest, SimResponse } from './http-types';

export type Product = 'jira' | 'confluence';

/** Sizes of the three limits; 0 turns a limit off. */
export interface RateLimitKnobs {
  /** Points each product allows the app in one clock hour (Tier 1 global pool: 65,000). */
  quotaPointsPerHour: number;
  /** Requests a second one endpoint + method sustains (the bucket's refill rate). */
  burstPerSecond: number;
  /** Requests one endpoint + method takes at once before the per-second rate applies (the bucket's size). */
  burstCapacity: number;
  /** Writes one issue takes within `issueWriteWindowSeconds`. */
  issueWrites: number;
  issueWriteWindowSeconds: number;
}

/**
 * Defaults. Confirmed: the 65,000 points an hour of Atlassian's Tier 1 pool. Assumed (Atlassian
 * does not publish them): 100 requests a second per endpoint with a bucket of 200, and 20 writes
 * per issue in 10 s. Generous on purpose: the app must stay far inside them in normal use.
 */
export const ATLASSIAN_RATE_LIMITS: Readonly<RateLimitKnobs> = {
  quotaPointsPerHour: 65_000,
  burstPerSecond: 100,
  burstCapacity: 200,
  issueWrites: 20,
  issueWriteWindowSeconds: 10,
};

/** No limits at all (counting points still works). */
export const NO_RATE_LIMITS: Readonly<RateLimitKnobs> = { quotaPointsPerHour: 0, burstPerSecond: 0, burstCapacity: 0, issueWrites: 0, issueWriteWindowSeconds: 0 };

const envSchema = z.object({
  PREFLIGHT_SIM_QUOTA_POINTS: envWholeNumber('PREFLIGHT_SIM_QUOTA_POINTS', 100_000_000),
  PREFLIGHT_SIM_BURST_PER_SECOND: envWholeNumber('PREFLIGHT_SIM_BURST_PER_SECOND', 100_000),
  PREFLIGHT_SIM_BURST_CAPACITY: envWholeNumber('PREFLIGHT_SIM_BURST_CAPACITY', 100_000),
  PREFLIGHT_SIM_ISSUE_WRITES: envWholeNumber('PREFLIGHT_SIM_ISSUE_WRITES', 100_000),
  PREFLIGHT_SIM_ISSUE_WRITE_WINDOW_S: envWholeNumber('PREFLIGHT_SIM_ISSUE_WRITE_WINDOW_S', 3600),
});

/**
 * Reads the limit sizes from PREFLIGHT_SIM_QUOTA_POINTS, PREFLIGHT_SIM_BURST_PER_SECOND,
 * PREFLIGHT_SIM_BURST_CAPACITY, PREFLIGHT_SIM_ISSUE_WRITES and PREFLIGHT_SIM_ISSUE_WRITE_WINDOW_S
 * (0 turns one off); unset ones keep ATLASSIAN_RATE_LIMITS.
 * @throws Error listing every bad variable with the value it had.
 */
export function rateLimitKnobsFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimitKnobs {
  const e = parseEnvKnobs(envSchema, env, 'rate limit settings');
  const d = ATLASSIAN_RATE_LIMITS;
  return {
    quotaPointsPerHour: e.PREFLIGHT_SIM_QUOTA_POINTS ?? d.quotaPointsPerHour,
    burstPerSecond: e.PREFLIGHT_SIM_BURST_PER_SECOND ?? d.burstPerSecond,
    burstCapacity: e.PREFLIGHT_SIM_BURST_CAPACITY ?? d.burstCapacity,
    issueWrites: e.PREFLIGHT_SIM_ISSUE_WRITES ?? d.issueWrites,
    issueWriteWindowSeconds: e.PREFLIGHT_SIM_ISSUE_WRITE_WINDOW_S ?? d.issueWriteWindowSeconds,
  };
}

/** The RateLimit-Reason values the simulator sends. */
export const REASONS = {
  jira: { quota: 'jira-quota-global-based', burst: 'jira-burst-based', issueWrite: 'jira-per-issue-on-write' },
  confluence: { quota: 'confluence-quota-global-based', burst: 'confluence-burst-based' },
} as const;

export interface RateLimiter {
  /** Puts the limits in front of one product's handler (product API paths only). */
  limit(product: Product, handler: SimHandler): SimHandler;
  /** Points charged since the limiter was made, per product: the bench prints these. */
  readonly points: Record<Product, number>;
  /** 429s the limiter answered, by RateLimit-Reason. */
  readonly refused: Record<string, number>;
}

const READ_POSTS = [/\/search\/jql$/, /\/search\/approximate-count$/, /\/issue\/bulkfetch$/, /\/jql\/parse$/, /\/user\/bulk$/];

function isProductApiPath(path: string): boolean {
  return path.startsWith('/rest/') || path.startsWith('/wiki/api/') || path.startsWith('/wiki/rest/');
}

/** A read: GET, or a POST that only searches or fetches (Jira's JQL search, bulk fetch, counts). */
export function isRead(req: Pick<SimRequest, 'method' | 'path'>): boolean {
  const method = req.method.toUpperCase();
  return method === 'GET' || method === 'HEAD' || (method === 'POST' && READ_POSTS.some((p) => p.test(req.path)));
}

/** Objects in an answer: the items of a page (issues, values, results), else the one object. */
export function objectsReturned(body: unknown): number {
  if (Array.isArray(body)) return body.length;
  if (body === null || typeof body !== 'object') return 0;
  const record = body as Record<string, unknown>;
  for (const list of ['issues', 'values', 'results']) {
    const items = record[list];
    if (Array.isArray(items)) return items.length;
  }
  return 1;
}

/**
 * What one call costs: 1 point, plus 1 per object a successful read returns. Refusals (429) and
 * server errors cost nothing (assumed: Atlassian does not say).
 */
export function pointsFor(req: Pick<SimRequest, 'method' | 'path'>, res: SimResponse): number {
  if (res.status === 429 || res.status >= 500) return 0;
  if (!isRead(req) || res.status >= 300) return 1;
  return 1 + objectsReturned(res.body);
}

/**
 * The endpoint a path belongs to, for the per-endpoint limit: ids, keys and numbers become `{}`
 * (`/rest/api/3/version/10001` and `/version/10002` are one endpoint).
 */
export function endpointOf(path: string): string {
  return path
    .split('/')
    .map((segment, i, all) => {
      if (all[i - 1] === 'api') return segment; // the API version: /rest/api/3
      return /^\d+$/.test(segment) || /^[A-Z][A-Z0-9_]*(-\d+)?$/.test(segment) ? '{}' : segment;
    })
    .join('/');
}

/** The issue a Jira write changes (`/rest/api/{2,3}/issue/{idOrKey}[/...]`), if any. */
export function issueWritten(req: Pick<SimRequest, 'method' | 'path'>): string | undefined {
  if (isRead(req)) return undefined;
  const match = /^\/rest\/api\/[23]\/issue\/([^/]+)/.exec(req.path);
  const idOrKey = match?.[1];
  if (!idOrKey || idOrKey === 'bulk' || idOrKey === 'bulkfetch') return undefined;
  return idOrKey;
}

/** `yyyy-MM-ddTHH:mmZ`, the form of X-RateLimit-Reset. */
function isoMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16)}Z`;
}

const HOUR_MS = 3_600_000;

/**
 * A limiter with its own counters; one per simulated site. `now` is injectable so tests can move
 * the clock past an hour.
 */
export function createRateLimiter(knobs: RateLimitKnobs, now: () => number = Date.now): RateLimiter {
  const points: Record<Product, number> = { jira: 0, confluence: 0 };
  const refused: Record<string, number> = {};
  const windows: Record<Product, { hour: number; used: number }> = { jira: { hour: 0, used: 0 }, confluence: { hour: 0, used: 0 } };
  const buckets = new Map<string, { tokens: number; at: number }>();
  const issueWrites = new Map<string, number[]>();

  const quotaWindow = (product: Product, t: number) => {
    const hour = Math.floor(t / HOUR_MS);
    const w = windows[product];
    if (w.hour !== hour) {
      w.hour = hour;
      w.used = 0;
    }
    return w;
  };

  /** The quota headers Jira sends on every app response (Beta-RateLimit*, per the 2026 rollout). */
  const quotaHeaders = (product: Product, t: number): Record<string, string> => {
    if (knobs.quotaPointsPerHour <= 0) return {};
    const w = quotaWindow(product, t);
    const remaining = Math.max(0, knobs.quotaPointsPerHour - w.used);
    const resetS = Math.ceil(((w.hour + 1) * HOUR_MS - t) / 1000);
    return {
      'beta-ratelimit-policy': `"global-app-quota";q=${knobs.quotaPointsPerHour};w=3600`,
      'beta-ratelimit': `"global-app-quota";r=${remaining};t=${resetS}`,
      ...(remaining < knobs.quotaPointsPerHour * 0.2 && { 'x-ratelimit-nearlimit': 'true' }),
    };
  };

  const refuse = (req: SimRequest, reason: string, retryAfterS: number, limit: number, t: number, extra: Record<string, string> = {}): SimResponse => {
    refused[reason] = (refused[reason] ?? 0) + 1;
    const seconds = Math.max(1, Math.ceil(retryAfterS));
    const message = `Rate limit exceeded (${reason}, simulated).`;
    return {
      status: 429,
      headers: {
        ...extra,
        'retry-after': String(seconds),
        'ratelimit-reason': reason,
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': isoMinute(t + seconds * 1000),
        // Tells a person reading a trace that the simulator's limiter, not the app, refused the call.
        'x-preflight-simulated-limit': reason,
      },
      body: req.path.startsWith('/wiki/api/') ? { errors: [{ status: 429, code: 'TOO_MANY_REQUESTS', title: message, detail: null }] } : { errorMessages: [message], errors: {} },
    };
  };

  /** Takes a token from the endpoint's bucket; the seconds until one is free when there is none. */
  const takeBurstToken = (key: string, t: number): number | undefined => {
    if (knobs.burstPerSecond <= 0) return undefined;
    const capacity = Math.max(1, knobs.burstCapacity || knobs.burstPerSecond);
    const bucket = buckets.get(key) ?? { tokens: capacity, at: t };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((t - bucket.at) / 1000) * knobs.burstPerSecond);
    bucket.at = t;
    buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return (1 - bucket.tokens) / knobs.burstPerSecond;
  };

  /** Records a write to the issue; the seconds until the oldest write leaves the window when full. */
  const takeIssueWrite = (issue: string, t: number): number | undefined => {
    if (knobs.issueWrites <= 0 || knobs.issueWriteWindowSeconds <= 0) return undefined;
    const windowMs = knobs.issueWriteWindowSeconds * 1000;
    const recent = (issueWrites.get(issue) ?? []).filter((at) => at > t - windowMs);
    issueWrites.set(issue, recent);
    if (recent.length >= knobs.issueWrites) return (recent[0]! + windowMs - t) / 1000;
    recent.push(t);
    return undefined;
  };

  const limit = (product: Product, handler: SimHandler): SimHandler => async (req) => {
    if (!isProductApiPath(req.path)) return handler(req);
    const t = now();
    const reasons = REASONS[product];
    // The quota first: when it is spent, nothing else matters until the hour turns.
    if (knobs.quotaPointsPerHour > 0) {
      const w = quotaWindow(product, t);
      if (w.used >= knobs.quotaPointsPerHour) {
        const resetMs = (w.hour + 1) * HOUR_MS;
        return refuse(req, reasons.quota, (resetMs - t) / 1000, knobs.quotaPointsPerHour, t, quotaHeaders(product, t));
      }
    }
    const endpoint = `${req.method.toUpperCase()} ${endpointOf(req.path)}`;
    const burstWait = takeBurstToken(`${product} ${endpoint}`, t);
    if (burstWait !== undefined) return refuse(req, reasons.burst, burstWait, knobs.burstPerSecond, t);
    const issue = product === 'jira' ? issueWritten(req) : undefined;
    if (issue !== undefined && 'issueWrite' in reasons) {
      const writeWait = takeIssueWrite(issue, t);
      if (writeWait !== undefined) return refuse(req, reasons.issueWrite, writeWait, knobs.issueWrites, t);
    }
    const res = await handler(req);
    if (!res) return res;
    const cost = pointsFor(req, res);
    points[product] += cost;
    if (knobs.quotaPointsPerHour > 0) quotaWindow(product, now()).used += cost;
    return { ...res, headers: { ...(res.headers ?? {}), ...quotaHeaders(product, now()) } };
  };

  return { limit, points, refused };
}
