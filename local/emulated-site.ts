import { join } from 'node:path';
import { loadContracts, withContractChecks } from './contracts/openapi-validator';
import { REPO_ROOT } from './contracts/spec-files';
import { LocalKvs, loadEntityDefinitions } from './kvs';
import { installForgeRuntime, invokeResolver } from './runtime';
import type { Product } from './runtime/installations';
import { createConfluenceSim, seedConfluence, type ConfluenceState } from './sim/confluence';
import { NO_FAULTS, withFaults, type FaultKnobs } from './sim/faults';
import { ATLASSIAN_RATE_LIMITS, createRateLimiter, type RateLimiter, type RateLimitKnobs } from './sim/rate-limits';
import type { SimHandler, SimRequest } from './sim/http-types';
import { createJiraSim, type JiraState } from './sim/jira';
import { seedJira } from './sim/seed/jira-seed';
import { seedReleaseHistory, type SeededRelease } from './sim/seed/release-history';
import { LOCAL_USERS, type LocalUser } from './sim/users';
import type { InvocationKind } from './runtime/invocation-errors';
import { consumersFromManifest, LocalQueue } from './runtime/queue';
import { LocalProductEvents, triggersFromManifest } from './runtime/product-events';
import { handlerLoader, readManifest } from './site/manifest';
import { validatorRunner } from './runtime/invoke-validator';

/**
 * The app as Forge runs it, with the platform simulated: the real @forge/api, @forge/kvs and
 * @forge/resolver inside, simulated Jira and Confluence behind `__forge_fetch__`, an in-memory
 * KVS. Every product call is checked against Atlassian's OpenAPI specs and counted.
 */
export interface EmulatedSite {
  jira: JiraState;
  confluence: ConfluenceState;
  kvs: LocalKvs;
  /** Contract violations seen so far (requests the spec lacks, responses that don't match). */
  violations: string[];
  /** Every product call made, in order. */
  calls: Array<{ remote: 'jira' | 'confluence'; method: string; path: string; status: number; startedAt: number; endedAt: number }>;
  /** The app's rate limits (points quota, per-endpoint burst, per-issue writes) and the points charged so far. */
  rateLimits: RateLimiter;
  /** Product calls of the app in flight now, and the most there were at once (reset `max` to measure a span). */
  inFlight: { now: number; max: number };
  user(persona: LocalUser['persona']): LocalUser;
  /** A REST call straight to the simulated Jira as a person (what they could do in Jira's own UI). */
  jiraRest(as: LocalUser['persona'], method: string, path: string, body?: unknown): Promise<{ status: number; body?: unknown }>;
  /** A REST call straight to the simulated Confluence as a person (an edit they make on a page, say). */
  confluenceRest(as: LocalUser['persona'], method: string, path: string, body?: unknown): Promise<{ status: number; body?: unknown }>;
  /**
   * Forge's async events queue (`@forge/events`): the app's pushes land here; `queue.drain()`
   * delivers every event to its consumer (retries and redeliveries included) and resolves when done.
   */
  queue: LocalQueue;
  /**
   * Forge product events (`trigger` modules): the simulated Jira reports each change;
   * `events.drain()` delivers what is waiting to the app's triggers and resolves when done.
   */
  events: LocalProductEvents;
  /** Calls a resolver of a module as Forge would, as the given person. */
  invoke<T = unknown>(args: { as: LocalUser['persona']; functionKey: string; payload?: unknown; moduleKey: string; extension: Record<string, unknown>; locale?: string }): Promise<T>;
  /**
   * The handler of a manifest function (`ci-gate`, `daily-reminders`, ...) as Forge runs it: the
   * export of the Forge bundle (`npm run bundle`) that the function's `handler` names.
   */
  handler(functionKey: string): (...args: unknown[]) => unknown;
  /**
   * The past releases of PAY and MOB written to the KVS in the app's storage format
   * (local/sim/seed/release-history.ts); already stored when the site is returned, the promise
   * settles with what was written ([] with `history: false`) and rejects if the KVS refused any.
   */
  history: Promise<SeededRelease[]>;
}

/** Options of the emulated site; every one may be left out. */
export interface EmulatedSiteOptions {
  /** Issues in the seed (default 400). */
  issues?: number;
  /** The moment the seed is built around (default now). */
  now?: Date;
  /**
   * Faults and latency in front of the app's product calls (not in front of `jiraRest`, so a test
   * can set data up at full speed). Rates are read on every call; whether any knob is on is
   * decided once, at creation. Default: none.
   */
  faults?: FaultKnobs;
  /** Draws for the fault knobs; pass a seeded one so the same calls fail every run. */
  faultRandom?: () => number;
  /** Sizes of the rate limits Jira and Confluence apply to the app's calls (default: ATLASSIAN_RATE_LIMITS). */
  rateLimits?: RateLimitKnobs;
  /** Adds to the seeded Jira before the simulator indexes it (more projects for a scale test, ...). */
  extendSeed?: (jira: JiraState, now: Date) => void;
  /** Time limits per invocation kind instead of Forge's (a test that needs a run to give up soon). */
  invocationLimitsMs?: Partial<Record<InvocationKind, number>>;
  /** The async events queue's redelivery of processed events ("at least once"): share and draws (seed it). */
  queueRedelivery?: { rate: number; random: () => number };
  /** Product events delivered a second time ("at least once"): share and draws (seed it). */
  eventRedelivery?: { rate: number; random: () => number };
  /**
   * Check every call against the OpenAPI specs (default true). The benchmark turns it off: it
   * measures the app, and validating 5,000-issue answers would dominate the time.
   */
  contracts?: boolean;
  /**
   * Products connected to the site (default both). `['jira']` is a site without Confluence: the
   * app's Confluence calls are refused as Forge refuses them, and macros cannot be invoked.
   */
  products?: Product[];
  /**
   * The manifest whose app.compatibility decides the installations (default: the project's). A
   * test points this at a copy without the declaration to see what Forge would do then.
   */
  manifestFile?: string;
  /**
   * Seed PAY's and MOB's past releases into the app's storage (default true): release records,
   * audit trails, list summaries and incidents. `false` starts the KVS empty (a test that seeds
   * its own records and counts them).
   */
  history?: boolean;
}

export function createEmulatedSite(opts: EmulatedSiteOptions = {}): EmulatedSite {
  // The app reads the real clock (as on Forge), so the seed's relative dates follow it too.
  const now = opts.now ?? new Date();
  const jira = seedJira({ issues: opts.issues ?? 400, now });
  opts.extendSeed?.(jira, now);
  const confluence = seedConfluence();
  // Workflow validators on transitions run the app's validator functions through the runtime, as Jira calls Forge.
  // Jira's product events go to the manifest's triggers; events.drain() delivers them (tests).
  const events = new LocalProductEvents({
    triggers: triggersFromManifest(join(REPO_ROOT, 'manifest.yml')),
    loadHandler: (functionKey) => loadHandler(functionKey),
    ...(opts.eventRedelivery && { redeliveryRate: opts.eventRedelivery.rate, random: opts.eventRedelivery.random }),
  });
  const jiraSim = createJiraSim({
    state: jira,
    validators: validatorRunner({ manifestFile: join(REPO_ROOT, 'manifest.yml'), loadHandler: (functionKey) => loadHandler(functionKey) }),
    onEvent: (event) => events.emit(event),
  });
  const confluenceSim = createConfluenceSim({ state: confluence });
  const unchecked = (handler: SimHandler) => ({ handler, violations: [] as string[] });
  const contracts = opts.contracts === false ? undefined : loadContracts();
  const jiraChecked = contracts ? withContractChecks(jiraSim, contracts) : unchecked(jiraSim);
  const confluenceChecked = contracts ? withContractChecks(confluenceSim, contracts) : unchecked(confluenceSim);
  // The app meets the faults; a fault answers instead of the product, so it is not contract-checked.
  const knobs = opts.faults ?? { ...NO_FAULTS };
  // Rate limits answer before the product (and before injected faults), as Atlassian's edge does.
  const rateLimits = createRateLimiter(opts.rateLimits ?? ATLASSIAN_RATE_LIMITS);
  const jiraForApp = rateLimits.limit('jira', withFaults(jiraChecked.handler, knobs, opts.faultRandom));
  const confluenceForApp = rateLimits.limit('confluence', withFaults(confluenceChecked.handler, knobs, opts.faultRandom));
  const calls: EmulatedSite['calls'] = [];
  const inFlight = { now: 0, max: 0 };
  // When each call left the app, so the bench can tell calls that waited on each other (rounds).
  const startedAt = new WeakMap<SimRequest, number>();
  const route = async (sim: SimHandler, req: SimRequest) => {
    startedAt.set(req, performance.now());
    inFlight.max = Math.max(inFlight.max, ++inFlight.now);
    try {
      return (await sim(req)) ?? { status: 404, body: { errorMessages: [`No ${req.method} ${req.path}`], errors: {} } };
    } finally {
      inFlight.now--;
    }
  };
  const kvs = new LocalKvs({ file: null, entities: loadEntityDefinitions(join(REPO_ROOT, 'manifest.yml')) });
  const history = opts.history === false ? Promise.resolve([]) : seedReleaseHistory(kvs, jira, now);
  // The manifest's consumers get the events the app pushes; drain() delivers them (tests).
  const queue = new LocalQueue({
    consumers: consumersFromManifest(join(REPO_ROOT, 'manifest.yml')),
    loadHandler: (functionKey) => loadHandler(functionKey),
    ...(opts.queueRedelivery && { redeliveryRate: opts.queueRedelivery.rate, random: opts.queueRedelivery.random }),
  });
  installForgeRuntime({
    kvs,
    stargate: queue.stargate(),
    ...(opts.invocationLimitsMs && { invocationLimitsMs: opts.invocationLimitsMs }),
    ...(opts.products && { connectedProducts: opts.products }),
    ...(opts.manifestFile && { manifestFile: opts.manifestFile }),
    products: (remote, req) => route(remote === 'jira' ? jiraForApp : confluenceForApp, req),
    onProductCall: (remote, req, res) =>
      calls.push({ remote, method: req.method, path: req.path, status: res.status, startedAt: startedAt.get(req) ?? performance.now(), endedAt: performance.now() }),
  });
  const manifest = readManifest(REPO_ROOT);
  const loadHandler = handlerLoader(REPO_ROOT, manifest);
  /** A REST call straight to a simulated product as a person, the way their own browser would make it. */
  const asPerson = async (product: SimHandler, as: LocalUser['persona'], method: string, path: string, body?: unknown) => {
    const url = new URL(path, 'http://localhost');
    const accountId = LOCAL_USERS.find((u) => u.persona === as)!.accountId;
    const answer = await product({ method, path: url.pathname, query: url.searchParams, headers: { 'content-type': 'application/json' }, body, accountId, asApp: false });
    return answer ?? { status: 404 };
  };
  const site: EmulatedSite = {
    jira,
    confluence,
    kvs,
    get violations() {
      return [...jiraChecked.violations, ...confluenceChecked.violations];
    },
    calls,
    rateLimits,
    queue,
    events,
    inFlight,
    user: (persona) => LOCAL_USERS.find((u) => u.persona === persona)!,
    handler: (functionKey) => loadHandler(functionKey),
    history,
    jiraRest: (as, method, path, body) => asPerson(jiraChecked.handler, as, method, path, body),
    confluenceRest: (as, method, path, body) => asPerson(confluenceChecked.handler, as, method, path, body),
    invoke: async ({ as, functionKey, payload, moduleKey, extension, locale }) => {
      // The resolver function the manifest names for this module, as Forge routes it.
      const module = manifest.modules.find((m) => m.key === moduleKey);
      if (!module?.resolverFunction) throw new Error(`manifest.yml has no module ${moduleKey} with a resolver`);
      const handler = loadHandler(module.resolverFunction);
      return (await invokeResolver({ handler, functionKey, payload: payload ?? {}, accountId: site.user(as).accountId, moduleKey, moduleType: module.type, extension, ...(locale && { locale }) })) as never;
    },
  };
  return site;
}

/** The Forge context of the Releases project page for a project of the seed. */
export function projectPageExtension(site: EmulatedSite, key: string): Record<string, unknown> {
  const project = site.jira.projects.find((p) => p.key === key);
  if (!project) throw new Error(`No project ${key} in the seed`);
  return { type: 'jira:projectPage', project: { id: project.id, key: project.key, type: 'software' } };
}
