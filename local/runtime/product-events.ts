import { existsSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { installedRuntime } from './forge-runtime';
import { siteAri } from './installations';
import { InvocationTimeoutError } from './invocation-errors';
import { runWithInvocationLimit } from './invocation-limits';

/**
 * Forge product events ("Atlassian app events"), run locally: the simulated products report each
 * change they make, and every manifest `trigger` module subscribed to the event's name gets it,
 * `handler(event, context)`, in its own invocation with no user, after the REST call that caused
 * it has answered. Sources and what is assumed: local/runtime/README.md ("Product events").
 */

/** What a simulated product reports after a change: the documented payload, and who made the call. */
export interface ProductEvent {
  /** `avi:jira:released:version`, ... (the payload carries it too, as `eventType`). */
  eventType: string;
  payload: Record<string, unknown>;
  /** The change came from the app's own `asApp()` call: a trigger with `filter.ignoreSelf` does not get it. */
  causedByApp: boolean;
}

/** A manifest `trigger` module: the function Forge calls for the events it lists. */
export interface ProductTrigger {
  key: string;
  functionKey: string;
  events: string[];
  ignoreSelf: boolean;
}

/** Documented: "You can only retry an event for a maximum of four times" (product events page). */
export const MAX_PRODUCT_EVENT_RETRIES = 4;
/** Documented: retryAfter values above 900 s are lowered to 900 s. */
const MAX_RETRY_AFTER_SECONDS = 900;

const filterSchema = z.looseObject({ ignoreSelf: z.boolean().optional() });
const triggerSchema = z.looseObject({
  key: z.string(),
  function: z.string().optional(),
  events: z.array(z.union([z.string(), z.looseObject({ eventType: z.string(), filter: filterSchema.optional() })])),
  filter: filterSchema.optional(),
});
const manifestSchema = z.looseObject({ modules: z.looseObject({ trigger: z.array(triggerSchema).optional() }).optional() });

/**
 * The manifest's trigger modules that name a function. An event listed as an object carries its
 * own filter; otherwise the module's filter applies.
 */
export function triggersFromManifest(manifestFile: string): ProductTrigger[] {
  if (!existsSync(manifestFile)) return [];
  const manifest = manifestSchema.parse(parseYaml(readFileSync(manifestFile, 'utf8')));
  const triggers: ProductTrigger[] = [];
  for (const t of manifest.modules?.trigger ?? []) {
    if (!t.function) continue; // `endpoint:` triggers (Forge remote) are not run locally
    const plain = t.events.filter((e): e is string => typeof e === 'string');
    if (plain.length > 0) triggers.push({ key: t.key, functionKey: t.function, events: plain, ignoreSelf: t.filter?.ignoreSelf === true });
    for (const e of t.events) {
      if (typeof e !== 'string') triggers.push({ key: t.key, functionKey: t.function, events: [e.eventType], ignoreSelf: (e.filter?.ignoreSelf ?? t.filter?.ignoreSelf) === true });
    }
  }
  return triggers;
}

type Handler = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any -- Forge handlers are untyped

export interface LocalProductEventsOptions {
  triggers: ProductTrigger[];
  loadHandler: (functionKey: string) => Handler;
  /** Deliver soon after each event on timers (the local site). Without it nothing is delivered until `drain()` (tests). */
  background?: boolean;
  /**
   * Share of delivered events delivered once more, as Forge may ("at least once"): triggers must
   * be idempotent. Default 0. Draws from `random` (pass a seeded one).
   */
  redeliveryRate?: number;
  random?: () => number;
  log?: (message: string) => void;
}

/** One delivery of one event to one trigger, and what came of it. */
export interface ProductEventDelivery {
  eventType: string;
  triggerKey: string;
  retryCount: number;
  redelivery: boolean;
  outcome: 'success' | 'retry-requested' | 'error' | 'timeout' | 'dropped' | 'filtered';
  error?: string;
}

interface Pending {
  id: string;
  event: ProductEvent;
  trigger: ProductTrigger;
  retryCount: number;
  retryReason?: string;
  retryData?: unknown;
  redelivery: boolean;
}

/** The platform side of product events: what the products emit, delivered to the app's triggers. */
export class LocalProductEvents {
  readonly deliveries: ProductEventDelivery[] = [];
  private readonly pending: Pending[] = [];
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly random: () => number;

  constructor(private readonly opts: LocalProductEventsOptions) {
    this.random = opts.random ?? Math.random;
  }

  /** Events waiting for delivery (one entry per subscribed trigger). */
  get backlog(): number {
    return this.pending.length;
  }

  /**
   * A product reports a change. Nothing runs now: the REST call answers first, and the triggers get
   * the event afterwards (`drain()`, or the background timer).
   */
  emit(event: ProductEvent): void {
    for (const trigger of this.opts.triggers) {
      if (!trigger.events.includes(event.eventType)) continue;
      if (trigger.ignoreSelf && event.causedByApp) {
        this.deliveries.push({ eventType: event.eventType, triggerKey: trigger.key, retryCount: 0, redelivery: false, outcome: 'filtered' });
        continue;
      }
      this.pending.push({ id: randomUUID(), event, trigger, retryCount: 0, redelivery: false });
    }
    this.schedule();
  }

  /** Delivers every waiting event (retries and redeliveries included, without their waits) and resolves when none is left. */
  async drain(): Promise<void> {
    for (;;) {
      if (this.running) await this.running;
      if (this.pending.length === 0) return;
      this.running = this.deliverAll();
      await this.running;
      this.running = undefined;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.running) await this.running;
  }

  private schedule(): void {
    if (!this.opts.background || this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain();
    }, 10);
  }

  /** One at a time, in the order the products emitted them (ASSUMED: Forge does not promise an order). */
  private async deliverAll(): Promise<void> {
    while (this.pending.length > 0) {
      const next = this.pending.shift()!;
      await this.deliver(next);
    }
  }

  private async deliver(item: Pending): Promise<void> {
    const rt = installedRuntime();
    const { trigger, event } = item;
    const payload = JSON.parse(JSON.stringify(event.payload)) as Record<string, unknown>;
    if (item.retryReason !== undefined) payload.retryContext = { retryCount: item.retryCount, retryReason: item.retryReason, retryData: item.retryData };
    // The documented context: installContext (the site); no principal, as no user invoked it.
    const context = { installContext: siteAri('jira', rt.cloudId), workspaceId: rt.cloudId };
    const record = (outcome: ProductEventDelivery['outcome'], error?: string) =>
      this.deliveries.push({ eventType: event.eventType, triggerKey: trigger.key, retryCount: item.retryCount, redelivery: item.redelivery, outcome, ...(error !== undefined && { error }) });
    let result: unknown;
    try {
      const handler = this.opts.loadHandler(trigger.functionKey);
      result = await runWithInvocationLimit({ kind: 'product-event', functionKey: trigger.functionKey, accountId: null, moduleKey: trigger.key }, async () => {
        const answer: unknown = await handler(payload, context);
        return answer === undefined ? undefined : (JSON.parse(JSON.stringify(answer)) as unknown);
      });
    } catch (error) {
      const timeout = error instanceof InvocationTimeoutError;
      const message = error instanceof Error ? error.message : String(error);
      record(timeout ? 'timeout' : 'error', message);
      this.opts.log?.(`Product event ${event.eventType} to trigger ${trigger.key} failed: ${message}`);
      // ASSUMED: a platform-level failure (a time-out) is retried like an app's retry request; a throw is logged only.
      if (timeout) this.retry(item, 'FUNCTION_TIME_OUT', undefined);
      return;
    }
    const retry = retryOptions(result);
    if (retry) {
      record('retry-requested', retry.reason);
      this.retry(item, retry.reason, retry.retryData);
      return;
    }
    record('success');
    if (!item.redelivery && (this.opts.redeliveryRate ?? 0) > 0 && this.random() < this.opts.redeliveryRate!) {
      this.pending.push({ ...item, id: randomUUID(), redelivery: true });
    }
  }

  private retry(item: Pending, reason: string, retryData: unknown): void {
    if (item.retryCount >= MAX_PRODUCT_EVENT_RETRIES) {
      this.deliveries.push({ eventType: item.event.eventType, triggerKey: item.trigger.key, retryCount: item.retryCount, redelivery: item.redelivery, outcome: 'dropped', error: 'retried four times' });
      return;
    }
    // The wait (retryAfter, at most 900 s) is skipped: drain() runs everything to the end.
    this.pending.push({ ...item, retryCount: item.retryCount + 1, retryReason: reason, retryData, redelivery: false });
    this.schedule();
  }
}

/** What `new InvocationError(options)` from @forge/events returns, read as the platform does. */
function retryOptions(result: unknown): { reason: string; retryData: unknown; afterSeconds: number } | undefined {
  if (!result || typeof result !== 'object' || (result as { _retry?: unknown })._retry !== true) return undefined;
  const options = (result as { retryOptions?: { retryAfter?: unknown; retryReason?: unknown; retryData?: unknown } }).retryOptions ?? {};
  const after = typeof options.retryAfter === 'number' && options.retryAfter > 0 ? options.retryAfter : 1;
  return {
    afterSeconds: Math.min(after, MAX_RETRY_AFTER_SECONDS),
    reason: typeof options.retryReason === 'string' ? options.retryReason : 'FUNCTION_RETRY_REQUEST',
    retryData: options.retryData,
  };
}
