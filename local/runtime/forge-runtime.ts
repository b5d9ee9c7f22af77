import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { RequestProductNotAllowedError } from '@forge/api';
import { LocalKvs, loadEntityDefinitions } from '../kvs';
import type { SimRequest, SimResponse } from '../sim/http-types';
import { DeadInvocationError, type InvocationKind } from './invocation-errors';
import { planInstallations, PRODUCTS, readManifestInstallInfo, siteAri, type InstallationPlan, type Product } from './installations';
import { bodyText, parseMaybeJson, proxyError, toFetchResponse, toSimRequest } from './product-call';
import { checkScopes, scopeRefusal } from './scopes';

/** Where product calls go: the simulated site in-process, or a real Atlassian site. */
export type ProductRouter = (remote: 'jira' | 'confluence', req: SimRequest) => Promise<SimResponse>;

export interface ForgeRuntimeOptions {
  /** Simulated site in-process, or a real site (realSiteRouter). */
  products: ProductRouter;
  /** Storage of the (first) installation; further installations get their own (see kvsFor). */
  kvs: LocalKvs;
  /** Products connected to the site (default both). Decides, with app.compatibility, the installations. */
  connectedProducts?: readonly Product[];
  /** The manifest whose app.compatibility, modules and scopes apply (default: the project's manifest.yml). */
  manifestFile?: string;
  /** Storage of an installation other than the first; default: a new in-memory store with the manifest's entities. */
  kvsFor?: (installationId: string) => LocalKvs;
  appId?: string;
  environmentId?: string;
  environmentType?: string;
  /** The site the app is installed on, as Forge's context reports it. */
  cloudId?: string;
  siteUrl?: string;
  /** Scopes the app was granted (permissions.hasScope); default: the scopes in manifest.yml. */
  scopes?: readonly string[];
  /** Atlassian's GraphQL gateway (`remote: 'stargate'`), e.g. what webTrigger.getUrl asks; refused when absent. */
  stargate?: (req: SimRequest) => Promise<SimResponse>;
  /** Called after every product call; tests count calls or check contracts here. */
  onProductCall?: (remote: 'jira' | 'confluence', req: SimRequest, res: SimResponse) => void;
  /** Time limits per invocation kind instead of Forge's (tests stop a handler after a few hundred ms). */
  invocationLimitsMs?: Partial<Record<InvocationKind, number>>;
}

/** What one invocation (a resolver call, or code inside runAs) carries implicitly, as on Forge. */
export interface InvocationContext {
  accountId: string | null;
  invocationId: string;
  moduleKey?: string;
  /** The product the invoked module belongs to (a macro: Confluence); undefined for triggers and plain runAs. */
  product?: Product;
  startedAt: number;
  /** This invocation's time limit (invocation-limits.ts); getRemainingTimeInMillis counts down from it. */
  limitMs: number;
  /** Set when the runtime stopped the invocation at its limit; its later calls are refused. */
  stoppedAt?: number;
}

/** Forge's limit for UI resolvers: the budget of an invocation that names no other (runAs). */
export const INVOCATION_TIMEOUT_MS = 25_000;

export const DEFAULT_APP_ID = '3f6d2b1e-8c4a-4e7b-9a51-0d2c7e9b4f10';
export const DEFAULT_ENVIRONMENT_ID = '00000000-0000-4000-8000-00000000e0c1';
export const DEFAULT_CLOUD_ID = '00000000-0000-4000-8000-0000000c10d1';
export const DEFAULT_SITE_URL = 'http://localhost:4000';
const PROJECT_MANIFEST = resolve(__dirname, '../../manifest.yml');

const invocations = new AsyncLocalStorage<InvocationContext>();

interface Installed {
  options: ForgeRuntimeOptions;
  appId: string;
  environmentId: string;
  environmentType: string;
  cloudId: string;
  siteUrl: string;
  scopes: readonly string[];
  /** The app's installations on this site, each with its own storage. */
  installations: Array<InstallationPlan & { kvs: LocalKvs }>;
}

let installed: Installed | undefined;

/** The options of the installed runtime, for invokeResolver and the local site; throws if none. */
export function installedRuntime(): Readonly<Installed> {
  if (!installed) throw new Error('The local Forge runtime is not installed: call installForgeRuntime(...) first.');
  return installed;
}

/** The invocation the caller is running in, if any. */
export function currentInvocation(): InvocationContext | undefined {
  return invocations.getStore();
}

type RuntimeInstallation = Installed['installations'][number];

/**
 * The installation an invocation runs in: the one whose contexts include its module's product;
 * product-neutral invocations (triggers, plain runAs) run in the first one.
 * @throws Error when the module's product is not connected (the module would not exist on the site).
 */
export function installationOf(inv: { product?: Product } | undefined): RuntimeInstallation & { product: Product } {
  const rt = installedRuntime();
  const wanted = inv?.product;
  const found = wanted ? rt.installations.find((i) => i.products.includes(wanted)) : rt.installations[0];
  if (!found) {
    const name = wanted === 'confluence' ? 'Confluence' : 'Jira';
    throw new Error(`${name} is not connected to this site, so the app's ${name} modules do not exist here.`);
  }
  return { ...found, product: wanted ?? found.products[0]! };
}

/** An ARI object as @forge/api's ari.ts builds them: the id, and the ARI as its string and JSON. */
function ariObject<K extends string>(key: K, id: string, ari: string): Record<K, string> & { toString(): string; toJSON(): string } {
  return { [key]: id, toString: () => ari, toJSON: () => ari } as Record<K, string> & { toString(): string; toJSON(): string };
}

/** Scopes from the project's manifest.yml, so permissions.hasScope answers as after deploy. */
function manifestScopes(file = PROJECT_MANIFEST): string[] {
  if (!existsSync(file)) return [];
  const manifest = parseYaml(readFileSync(file, 'utf8')) as { permissions?: { scopes?: unknown } } | null;
  const scopes = manifest?.permissions?.scopes;
  return Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [];
}

const noopMetric = {
  incr() {},
  decr() {},
  set() {},
  update() {},
  measure: () => ({ stop() {} }),
  stop() {},
};

/** The `__forge_runtime__` object: everything @forge/api and @forge/kvs read from it. */
function buildRuntimeGlobal(): Record<string, unknown> {
  const inv = () => invocations.getStore();
  return {
    metrics: {
      counter: () => noopMetric,
      timing: () => noopMetric,
      gauge: () => noopMetric,
      histogram: () => noopMetric,
    },
    tracing: { traceId: randomUUID().replace(/-/g, ''), spanId: randomUUID().slice(0, 16) },
    container: { appCodeDir: resolve(__dirname, '../..') },
    externalAuth: [],
    // Getters, because Forge gives each invocation its own runtime object; here one object serves
    // every concurrent invocation and reads the caller's from AsyncLocalStorage.
    get aaid() {
      return inv()?.accountId ?? undefined;
    },
    // The context the invocation comes from: a macro's is the Confluence site, a Jira module's Jira.
    get contextAri() {
      return siteAri(installationOf(inv()).product, installedRuntime().cloudId);
    },
    get appContext() {
      const rt = installedRuntime();
      const current = inv();
      const installation = installationOf(current);
      return {
        appId: rt.appId,
        appVersion: '1.0.0',
        environmentId: rt.environmentId,
        environmentType: rt.environmentType,
        invocationId: current?.invocationId ?? 'no-invocation',
        installationId: installation.id,
        moduleKey: current?.moduleKey,
        license: { isActive: true },
        // Shaped as @forge/api's Installation type: the installation's ARI and one ContextAri per
        // connected product's site (what getAppContext().installation.contexts lists).
        installation: {
          ari: ariObject('installationId', installation.id, `ari:cloud:ecosystem::installation/${installation.id}`),
          contexts: installation.products.map((p) => ariObject('cloudId', rt.cloudId, siteAri(p, rt.cloudId))),
        },
        permissions: { scopes: [...rt.scopes], external: {} },
      };
    },
    get lambdaContext() {
      const current = inv();
      const startedAt = current?.startedAt ?? Date.now();
      const limitMs = current?.limitMs ?? INVOCATION_TIMEOUT_MS;
      return { getRemainingTimeInMillis: () => Math.max(0, limitMs - (Date.now() - startedAt)) };
    },
  };
}

/** The descriptor @forge/api and @forge/kvs pass as the first argument of `__forge_fetch__`. */
interface FetchDescriptor {
  type?: string;
  provider?: string;
  remote?: string;
  accountId?: string;
}

async function forgeFetch(descriptor: FetchDescriptor, path: string, init?: RequestInit): Promise<Response> {
  const rt = installedRuntime();
  // A stopped invocation is dead on Forge (the Lambda is gone): nothing it still calls gets through.
  const stopped = invocations.getStore();
  if (stopped?.stoppedAt !== undefined) throw new DeadInvocationError(stopped.invocationId, stopped.limitMs);
  if (descriptor.type === 'kvs') {
    // Storage belongs to the installation: without app.compatibility a macro has its own.
    const reply = await installationOf(invocations.getStore()).kvs.handle(path, parseMaybeJson(bodyText(init?.body)));
    return toFetchResponse({ status: reply.status, body: reply.body });
  }
  if (descriptor.type !== 'fpp') return proxyError(400, `UNSUPPORTED_CALL_TYPE_${String(descriptor.type).toUpperCase()}`);
  const remote = descriptor.remote;
  if (remote === 'stargate' && rt.options.stargate && descriptor.provider === 'app') {
    return toFetchResponse(await rt.options.stargate(toSimRequest(path, init, { accountId: null, asApp: true })));
  }
  if (remote !== 'jira' && remote !== 'confluence') return proxyError(400, 'INVALID_REMOTE');
  // A product outside the invocation's installation (not connected, or another installation when
  // app.compatibility is missing) is refused before it is reached, with @forge/api's own error for it.
  const installation = installationOf(invocations.getStore());
  if (!installation.products.includes(remote)) throw new RequestProductNotAllowedError(remote, installation.product);

  let caller: { accountId: string | null; asApp: boolean };
  if (descriptor.provider === 'app') {
    caller = { accountId: null, asApp: true };
  } else if (descriptor.provider === 'user') {
    // asUser(accountId) names the user; plain asUser() is the invoking user, who must exist.
    const accountId = descriptor.accountId ?? invocations.getStore()?.accountId ?? null;
    if (!accountId) return proxyError(401, 'NEEDS_AUTHENTICATION_ERR');
    caller = { accountId, asApp: false };
  } else {
    // Bare requestJira/requestConfluence (provider 'none'): refused so the app always says whose
    // authority a call uses, which the security rules require.
    return proxyError(400, 'PROVIDER_NOT_SUPPORTED_USE_ASUSER_OR_ASAPP');
  }

  const simReq = toSimRequest(path, init, caller);
  // Forge's proxy checks the app's scopes against the operation before the product sees the call,
  // for asUser and asApp alike (local/runtime/README.md, "Scopes").
  const scopes = checkScopes(rt.scopes, remote, simReq.method, simReq.path);
  if (!scopes.allowed) return scopeRefusal(scopes.operation, rt.scopes);
  const simRes = await rt.options.products(remote, simReq);
  rt.options.onProductCall?.(remote, simReq, simRes);
  return toFetchResponse(simRes);
}

/**
 * Installs globalThis.__forge_fetch__ and __forge_runtime__ so the unmodified @forge/api and
 * @forge/kvs work in this process. Idempotent; a second install replaces the routing (products,
 * KVS, ids), which tests use to point the same app code at a fresh store.
 */
export function installForgeRuntime(opts: ForgeRuntimeOptions): void {
  const manifestFile = opts.manifestFile ?? PROJECT_MANIFEST;
  const plans = planInstallations(readManifestInstallInfo(manifestFile), opts.connectedProducts ?? PRODUCTS);
  const newKvs = opts.kvsFor ?? (() => new LocalKvs({ file: null, entities: existsSync(manifestFile) ? loadEntityDefinitions(manifestFile) : [] }));
  installed = {
    options: opts,
    appId: opts.appId ?? DEFAULT_APP_ID,
    environmentId: opts.environmentId ?? DEFAULT_ENVIRONMENT_ID,
    environmentType: opts.environmentType ?? 'DEVELOPMENT',
    cloudId: opts.cloudId ?? DEFAULT_CLOUD_ID,
    siteUrl: opts.siteUrl ?? DEFAULT_SITE_URL,
    scopes: opts.scopes ?? manifestScopes(manifestFile),
    installations: plans.map((plan, index) => ({ ...plan, kvs: index === 0 ? opts.kvs : newKvs(plan.id) })),
  };
  const g = globalThis as Record<string, unknown>;
  g.__forge_runtime__ = buildRuntimeGlobal();
  g.__forge_fetch__ = forgeFetch;
}

/** Runs `fn` inside a new invocation with the given fields (used by runAs and invokeResolver). */
export function runInvocation<T>(
  ctx: Omit<InvocationContext, 'invocationId' | 'startedAt' | 'limitMs' | 'stoppedAt'> & { limitMs?: number },
  fn: () => Promise<T>,
): Promise<T> {
  return invocations.run({ ...ctx, limitMs: ctx.limitMs ?? INVOCATION_TIMEOUT_MS, invocationId: randomUUID(), startedAt: Date.now() }, fn);
}

/**
 * Runs fn as the given user: asUser() product calls inside it carry this accountId. `null` runs
 * it with no user (like a scheduled trigger), where asUser() fails as on Forge.
 */
export function runAs<T>(accountId: string | null, fn: () => Promise<T>): Promise<T> {
  return runInvocation({ accountId }, fn);
}
