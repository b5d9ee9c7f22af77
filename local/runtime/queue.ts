import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { SimRequest, SimResponse } from '../sim/http-types';
import { currentInvocation, installedRuntime } from './forge-runtime';
import { siteAri } from './installations';
import { InvocationTimeoutError } from './invocation-errors';
import { invocationLimitMs, jsonBytes, manifestTimeoutSeconds, runWithInvocationLimit } from './invocation-limits';

/**
 * Forge's async events queue (`@forge/events`), run locally: the platform side of `Queue.push`,
 * `getStats` and `cancel`, and delivery of each event to the consumer function the manifest names
 * for its queue, in its own invocation with no user, with Forge's retries. Sources and what is
 * assumed: local/runtime/README.md ("Async events").
 */

/** The documented limits (developer.atlassian.com/platform/forge/limits-async-events and the async events API page). */
export const QUEUE_LIMITS = {
  eventsPerPush: 50,
  /** Combined payload of one push; @forge/events measures `JSON.stringify(events)` in KB of 1,024 bytes. */
  pushBytes: 200 * 1024,
  /** One event, when its consumer function sets timeoutSeconds above 55. */
  eventBytesLongRunning: 100 * 1024,
  eventsPerMinute: 500,
  maxDelaySeconds: 900,
  /** Push requests from one initial invocation and every consumer downstream of it. */
  cyclicPushes: 1000,
  maxRetryAfterSeconds: 900,
  retryDataBytes: 4 * 1024,
  /** An event is dropped once app-level failures have kept it past this window. */
  retentionMs: 24 * 3_600_000,
} as const;

/** A manifest `consumer` module: the function Forge calls for each event of its queue. */
export interface QueueConsumer {
  key: string;
  queue: string;
  functionKey: string;
}

const consumerSchema = z.looseObject({ key: z.string(), queue: z.string(), function: z.string().optional(), resolver: z.unknown().optional() });
const manifestSchema = z.looseObject({ modules: z.looseObject({ consumer: z.array(consumerSchema).optional() }).optional() });

/**
 * The manifest's consumer modules. Only the `function:` shape is run: it is what @forge/events 2
 * and later call (`handler(event, context)`); the `resolver:` shape belongs to @forge/events 1.x.
 * @throws Error naming a consumer with the 1.x shape, so the mismatch shows before any event.
 */
export function consumersFromManifest(manifestFile: string): QueueConsumer[] {
  if (!existsSync(manifestFile)) return [];
  const manifest = manifestSchema.parse(parseYaml(readFileSync(manifestFile, 'utf8')));
  return (manifest.modules?.consumer ?? []).map((c) => {
    if (!c.function) {
      throw new Error(`manifest.yml consumer ${c.key}: the local queue runs consumers that name a \`function\` (@forge/events 2 and later); a \`resolver\` consumer is the @forge/events 1.x shape.`);
    }
    return { key: c.key, queue: c.queue, functionKey: c.function };
  });
}

type Handler = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any -- Forge handlers are untyped

export interface LocalQueueOptions {
  consumers: QueueConsumer[];
  /** Loads a manifest function's handler (the same loader the resolvers use). */
  loadHandler: (functionKey: string) => Handler;
  /**
   * Deliver on timers as events fall due (the local site). Without it nothing is delivered until
   * `drain()` (tests), which runs every event to the end, skipping waits as if the time had passed.
   */
  background?: boolean;
  /** Consumer invocations at once (Forge: unbounded but for `concurrency`); default 8. */
  parallelism?: number;
  /**
   * Share of successfully processed events delivered once more, as Forge may ("at least once"):
   * consumers must be idempotent. Default 0. Draws from `random` (pass a seeded one).
   */
  redeliveryRate?: number;
  random?: () => number;
  /** The manifest, for the consumer functions' `timeoutSeconds`. */
  manifestFile?: string;
  log?: (message: string) => void;
}

/** What happened to one delivery of an event. */
export interface QueueDelivery {
  eventId: string;
  jobId: string;
  queue: string;
  /** 0 on the first delivery; what `retryContext.retryCount` said. */
  retryCount: number;
  redelivery: boolean;
  outcome: 'success' | 'retry-requested' | 'error' | 'timeout' | 'dropped' | 'no-consumer' | 'cancelled';
  error?: string;
}

export interface QueueDrainReport {
  delivered: number;
  retried: number;
  redelivered: number;
  dropped: number;
}

interface QueuedEvent {
  eventId: string;
  jobId: string;
  queue: string;
  body: Record<string, unknown>;
  delayInSeconds?: number;
  concurrency?: { key: string; limit: number };
  /** The invocation the chain of pushes started from (the cyclic invocation limit). */
  origin: string;
  enqueuedAt: number;
  dueAt: number;
  retryCount: number;
  retryReason?: string;
  retryData?: unknown;
  redelivery: boolean;
}

interface Job {
  queue: string;
  total: number;
  success: Set<string>;
  failed: Set<string>;
  cancelled: boolean;
}

const pushEventSchema = z.looseObject({
  body: z.record(z.string(), z.unknown()),
  delayInSeconds: z.number().min(0).max(QUEUE_LIMITS.maxDelaySeconds).optional(),
  concurrency: z.object({ key: z.string().min(1), limit: z.number().int().positive() }).optional(),
});
const queueNameSchema = z.string().regex(/^[a-zA-Z0-9-_]+$/);
const pushSchema = z.looseObject({ queueName: queueNameSchema, jobId: z.string().min(1), payload: z.array(z.unknown()) });
const jobRequestSchema = z.looseObject({ queueName: queueNameSchema, jobId: z.string().min(1) });

const PATH = /^\/webhook\/queue\/(publish|stats|cancel)\//;
const MINUTE_MS = 60_000;
/** First wait after an app-level failure; it doubles to Forge's ~15 minutes (assumed schedule). */
const ERROR_BACKOFF_BASE_MS = 10_000;
/** retryReason for a thrown error; Forge's exact string is not published (assumed). */
const FUNCTION_ERROR = 'FUNCTION_ERROR';

const bad = (status: number, message: string): SimResponse => ({ status, body: { message } });

export class LocalQueue {
  /** Every delivery so far, in order; tests count what each event's consumer did. */
  readonly deliveries: QueueDelivery[] = [];
  private readonly pending: QueuedEvent[] = [];
  private readonly jobs = new Map<string, Job>();
  private readonly running = new Set<Promise<void>>();
  private readonly runningByKey = new Map<string, number>();
  private readonly pushedAt: Array<{ at: number; events: number }> = [];
  private readonly pushesByOrigin = new Map<string, number>();
  private readonly originOf = new Map<string, string>();
  private skewMs = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly parallelism: number;
  private readonly random: () => number;
  /** Each consumer function's `timeoutSeconds`, read once (it decides its time limit and event size). */
  private readonly timeouts = new Map<string, number | undefined>();

  constructor(private readonly opts: LocalQueueOptions) {
    this.parallelism = opts.parallelism ?? 8;
    this.random = opts.random ?? Math.random;
    for (const c of opts.consumers) this.timeouts.set(c.functionKey, manifestTimeoutSeconds(c.functionKey, opts.manifestFile));
  }

  /** The queue's clock: real time, moved on by drain() when it skips a wait. */
  now(): number {
    return Date.now() + this.skewMs;
  }

  /** Events waiting (for their delay, a retry, or a consumer slot) and being processed. */
  get backlog(): { pending: number; running: number } {
    return { pending: this.pending.length, running: this.running.size };
  }

  /**
   * The platform side of `__forge_fetch__` for `@forge/events` (remote `stargate`, as the app):
   * answers its publish, stats and cancel requests; undefined for any other path.
   */
  handle = async (req: SimRequest): Promise<SimResponse | undefined> => {
    const match = PATH.exec(req.path);
    if (!match || req.method !== 'POST') return undefined;
    if (match[1] === 'publish') return this.publish(req.body);
    const parsed = jobRequestSchema.safeParse(req.body);
    if (!parsed.success) return bad(400, `Invalid request: ${parsed.error.issues[0]?.message ?? 'bad body'}`);
    const job = this.jobs.get(parsed.data.jobId);
    if (!job || job.queue !== parsed.data.queueName) return { status: 404, body: { message: `The job ${parsed.data.jobId} was not found for the queue ${parsed.data.queueName}.` } };
    if (match[1] === 'stats') {
      const inProgress = job.cancelled ? 0 : job.total - job.success.size - job.failed.size;
      return { status: 200, body: { success: job.success.size, inProgress, failed: job.failed.size } };
    }
    job.cancelled = true;
    return { status: 204 };
  };

  /** A stargate handler that serves the queue's paths and passes the rest to `fallback`. */
  stargate(fallback?: (req: SimRequest) => Promise<SimResponse>): (req: SimRequest) => Promise<SimResponse> {
    return async (req) => (await this.handle(req)) ?? (fallback ? fallback(req) : { status: 404, body: { errors: [{ message: `No local handler for ${req.method} ${req.path}` }] } });
  }

  private publish(raw: unknown): SimResponse {
    const parsed = pushSchema.safeParse(raw);
    if (!parsed.success) return bad(400, `Invalid push: ${parsed.error.issues[0]?.message ?? 'bad body'}`);
    const { queueName, jobId, payload } = parsed.data;
    if (payload.length === 0) return bad(400, 'No events pushed.');
    if (payload.length > QUEUE_LIMITS.eventsPerPush) return bad(400, `This push contains more than the ${QUEUE_LIMITS.eventsPerPush} events allowed.`);
    // 413 is the status @forge/events turns into PayloadTooBigError, reading `errorMessage`.
    if (jsonBytes(payload) > QUEUE_LIMITS.pushBytes) return { status: 413, body: { errorMessage: `The maximum payload size is ${QUEUE_LIMITS.pushBytes / 1024}KB.` } };
    const events: Array<z.infer<typeof pushEventSchema>> = [];
    for (const item of payload) {
      const event = pushEventSchema.safeParse(item);
      if (!event.success) return bad(400, `Invalid event: ${event.error.issues[0]?.path.join('.') ?? ''} ${event.error.issues[0]?.message ?? ''}`.trim());
      events.push(event.data);
    }
    const consumer = this.opts.consumers.find((c) => c.queue === queueName);
    const timeout = consumer ? this.timeouts.get(consumer.functionKey) : undefined;
    if (timeout !== undefined && timeout > 55 && events.some((e) => jsonBytes(e) > QUEUE_LIMITS.eventBytesLongRunning)) {
      return { status: 413, body: { errorMessage: `An event for a consumer with timeoutSeconds over 55 may be at most ${QUEUE_LIMITS.eventBytesLongRunning / 1024}KB.` } };
    }

    const now = this.now();
    while (this.pushedAt.length > 0 && this.pushedAt[0]!.at <= now - MINUTE_MS) this.pushedAt.shift();
    const lastMinute = this.pushedAt.reduce((n, p) => n + p.events, 0);
    // 429 -> RateLimitError; 405 -> InvocationLimitReachedError (what @forge/events maps them to).
    if (lastMinute + events.length > QUEUE_LIMITS.eventsPerMinute) return bad(429, 'Too many requests.');
    const invocation = currentInvocation();
    const origin = invocation ? (this.originOf.get(invocation.invocationId) ?? invocation.invocationId) : `outside-${randomUUID()}`;
    const pushes = this.pushesByOrigin.get(origin) ?? 0;
    if (pushes >= QUEUE_LIMITS.cyclicPushes) return bad(405, 'The limit on cyclic invocation has been reached.');
    this.pushesByOrigin.set(origin, pushes + 1);
    this.pushedAt.push({ at: now, events: events.length });

    this.jobs.set(jobId, { queue: queueName, total: events.length, success: new Set(), failed: new Set(), cancelled: false });
    for (const event of events) {
      this.pending.push({
        eventId: randomUUID(),
        jobId,
        queue: queueName,
        // The body crosses the platform as JSON.
        body: JSON.parse(JSON.stringify(event.body)) as Record<string, unknown>,
        ...(event.delayInSeconds !== undefined && { delayInSeconds: event.delayInSeconds }),
        ...(event.concurrency && { concurrency: event.concurrency }),
        origin,
        enqueuedAt: now,
        dueAt: now + (event.delayInSeconds ?? 0) * 1000,
        retryCount: 0,
        redelivery: false,
      });
    }
    this.schedule();
    return { status: 201, body: { jobId } };
  }

  /**
   * Delivers every queued event, retries included, until none is left; waits (delays, retry
   * backoff) are skipped by moving the queue's clock, not the app's. Resolves when the queue is
   * empty and no consumer is running.
   */
  async drain(): Promise<QueueDrainReport> {
    const start = this.deliveries.length;
    for (;;) {
      this.pump();
      if (this.running.size > 0) {
        await Promise.race(this.running);
        continue;
      }
      const next = this.nextDue();
      if (next === undefined) break;
      if (next > this.now()) this.skewMs += next - this.now();
    }
    const done = this.deliveries.slice(start);
    return {
      delivered: done.filter((d) => d.outcome === 'success').length,
      retried: done.filter((d) => d.outcome === 'retry-requested' || d.outcome === 'error' || d.outcome === 'timeout').length,
      redelivered: done.filter((d) => d.redelivery).length,
      dropped: done.filter((d) => d.outcome === 'dropped' || d.outcome === 'no-consumer').length,
    };
  }

  /** Stops delivering (the local site's shutdown); resolves when the consumers running now end. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.running]);
  }

  private nextDue(): number | undefined {
    let next: number | undefined;
    for (const e of this.pending) if (next === undefined || e.dueAt < next) next = e.dueAt;
    return next;
  }

  private schedule(): void {
    if (!this.opts.background || this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    // Detached from the pushing invocation, as delivery is on Forge.
    setImmediate(() => this.pump());
    const next = this.nextDue();
    if (next === undefined) return;
    this.timer = setTimeout(() => this.schedule(), Math.max(0, next - this.now()));
    this.timer.unref();
  }

  /** Starts due events up to the parallelism and their concurrency keys' limits. */
  private pump(): void {
    if (this.closed) return;
    const now = this.now();
    const due = this.pending.filter((e) => e.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt);
    for (const event of due) {
      if (this.running.size >= this.parallelism) return;
      const key = event.concurrency?.key;
      if (key && (this.runningByKey.get(key) ?? 0) >= event.concurrency!.limit) continue;
      this.pending.splice(this.pending.indexOf(event), 1);
      if (key) this.runningByKey.set(key, (this.runningByKey.get(key) ?? 0) + 1);
      const run: Promise<void> = this.deliver(event).finally(() => {
        this.running.delete(run);
        if (key) this.runningByKey.set(key, (this.runningByKey.get(key) ?? 1) - 1);
        this.schedule();
      });
      this.running.add(run);
    }
  }

  private record(event: QueuedEvent, outcome: QueueDelivery['outcome'], error?: string): void {
    this.deliveries.push({ eventId: event.eventId, jobId: event.jobId, queue: event.queue, retryCount: event.retryCount, redelivery: event.redelivery, outcome, ...(error && { error }) });
  }

  private async deliver(event: QueuedEvent): Promise<void> {
    const job = this.jobs.get(event.jobId);
    if (job?.cancelled) return this.record(event, 'cancelled');
    const consumer = this.opts.consumers.find((c) => c.queue === event.queue);
    if (!consumer) {
      job?.failed.add(event.eventId);
      this.opts.log?.(`Async event ${event.eventId} on queue ${event.queue} has no consumer in manifest.yml: it is never processed.`);
      return this.record(event, 'no-consumer');
    }
    const rt = installedRuntime();
    const asyncEvent = {
      body: JSON.parse(JSON.stringify(event.body)) as unknown,
      ...(event.delayInSeconds !== undefined && { delayInSeconds: event.delayInSeconds }),
      ...(event.concurrency && { concurrency: event.concurrency }),
      queueName: event.queue,
      jobId: event.jobId,
      eventId: event.eventId,
      // Only retries carry a retryContext (the docs: check it exists before reading it).
      ...(event.retryReason !== undefined && {
        retryContext: {
          retryCount: event.retryCount,
          retryReason: event.retryReason,
          retryData: event.retryData,
          retentionWindow: { startTime: new Date(event.enqueuedAt).toISOString(), remainingTimeMs: Math.max(0, event.enqueuedAt + QUEUE_LIMITS.retentionMs - this.now()) },
        },
      }),
    };
    // A function's context: no principal, as no user invoked it.
    const context = { installContext: siteAri('jira', rt.cloudId), workspaceId: rt.cloudId };
    let result: unknown;
    try {
      const handler = this.opts.loadHandler(consumer.functionKey);
      // 55 s, or the function's timeoutSeconds (up to 900 s), unless the runtime overrides it for a test.
      const limitMs = rt.options.invocationLimitsMs?.['async-event'] ?? invocationLimitMs('async-event', this.timeouts.get(consumer.functionKey));
      result = await runWithInvocationLimit({ kind: 'async-event', functionKey: consumer.functionKey, accountId: null, moduleKey: consumer.key, limitMs }, async () => {
        const invocation = currentInvocation();
        if (invocation) this.originOf.set(invocation.invocationId, event.origin);
        const answer: unknown = await handler(asyncEvent, context);
        return answer === undefined ? undefined : (JSON.parse(JSON.stringify(answer)) as unknown);
      });
    } catch (error) {
      // An app-level error (a throw, a timeout): Forge retries it with backoff within the window.
      const timeout = error instanceof InvocationTimeoutError;
      const message = error instanceof Error ? error.message : String(error);
      this.record(event, timeout ? 'timeout' : 'error', message);
      const backoff = Math.min(QUEUE_LIMITS.maxRetryAfterSeconds * 1000, ERROR_BACKOFF_BASE_MS * 2 ** event.retryCount);
      return this.retry(event, backoff, timeout ? 'FUNCTION_TIME_OUT' : FUNCTION_ERROR, undefined);
    }
    const retry = retryRequest(result);
    if (retry) {
      this.record(event, 'retry-requested', retry.reason);
      if (retry.retryData !== undefined && jsonBytes(retry.retryData) > QUEUE_LIMITS.retryDataBytes) {
        // ASSUMED: Forge does not say what happens to a retry whose retryData is too big; it is not honoured.
        job?.failed.add(event.eventId);
        this.opts.log?.(`Async event ${event.eventId}: retryData over ${QUEUE_LIMITS.retryDataBytes} bytes; the retry is refused and the event dropped.`);
        return this.record(event, 'dropped', 'retryData too big');
      }
      return this.retry(event, retry.afterSeconds * 1000, retry.reason, retry.retryData);
    }
    this.record(event, 'success');
    job?.success.add(event.eventId);
    if (!event.redelivery && (this.opts.redeliveryRate ?? 0) > 0 && this.random() < this.opts.redeliveryRate!) {
      this.pending.push({ ...event, redelivery: true, dueAt: this.now() + 1000 });
    }
  }

  private retry(event: QueuedEvent, afterMs: number, reason: string, retryData: unknown): void {
    const dueAt = this.now() + afterMs;
    if (dueAt > event.enqueuedAt + QUEUE_LIMITS.retentionMs) {
      this.jobs.get(event.jobId)?.failed.add(event.eventId);
      this.opts.log?.(`Async event ${event.eventId} on ${event.queue} dropped: still failing at the end of its 24-hour retention window.`);
      return this.record(event, 'dropped', 'retention window exceeded');
    }
    this.pending.push({ ...event, dueAt, retryCount: event.retryCount + 1, retryReason: reason, retryData, redelivery: false });
  }
}

/**
 * A consumer's answer asking for a retry: what `new InvocationError(options)` returns (its
 * toJSON, `{ _retry: true, retryOptions }`), or a legacy QueueResponse after `retry()`.
 */
function retryRequest(result: unknown): { afterSeconds: number; reason: string; retryData: unknown } | undefined {
  if (!result || typeof result !== 'object' || (result as { _retry?: unknown })._retry !== true) return undefined;
  const options = (result as { retryOptions?: { retryAfter?: unknown; retryReason?: unknown; retryData?: unknown } }).retryOptions ?? {};
  const after = typeof options.retryAfter === 'number' && options.retryAfter > 0 ? options.retryAfter : 1;
  return {
    // Values over 900 s are lowered to 900 s (documented).
    afterSeconds: Math.min(after, QUEUE_LIMITS.maxRetryAfterSeconds),
    reason: typeof options.retryReason === 'string' ? options.retryReason : 'FUNCTION_RETRY_REQUEST',
    retryData: options.retryData,
  };
}
