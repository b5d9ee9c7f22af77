import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { currentInvocation, installedRuntime, runInvocation } from './forge-runtime';
import { InvocationPayloadError, InvocationTimeoutError, PAYLOAD_LIMITS_BYTES, type InvocationKind } from './invocation-errors';

/**
 * Forge's invocation limits, enforced: an invocation that runs past its kind's limit is stopped
 * (its caller gets the timeout) and is dead from then on (every product or KVS call it still makes
 * through `__forge_fetch__` is refused), as a killed Lambda could make none. Payloads over the
 * platform's size limits are refused. Numbers and sources: local/runtime/README.md.
 */

export {
  DeadInvocationError,
  InvocationLimitError,
  InvocationPayloadError,
  InvocationTimeoutError,
  PAYLOAD_LIMITS_BYTES,
  type InvocationKind,
} from './invocation-errors';

/**
 * Forge's limits per kind (developer.atlassian.com/platform/forge/limits-invocation): UI modules
 * 25 s; web triggers 55 s; functions referenced only by `consumer` or `scheduledTrigger` modules
 * 55 s by default, up to 900 s with the function's `timeoutSeconds`.
 */
export const DEFAULT_INVOCATION_LIMITS_MS: Readonly<Record<InvocationKind, number>> = {
  'ui-resolver': 25_000,
  'web-trigger': 55_000,
  'scheduled-trigger': 55_000,
  'async-event': 55_000,
  // Product event triggers: the 55 s of every non-UI function (developer.atlassian.com/platform/forge/limits-invocation).
  'product-event': 55_000,
  // Workflow validators: Jira waits for the answer while the person waits, so the 25 s of every user-led invocation (ASSUMED: limits-invocation names no validator limit).
  'workflow-validator': 25_000,
};

/** The manifest schema's bound on `function[].timeoutSeconds` (@forge/manifest manifest-schema.json). */
export const MAX_TIMEOUT_SECONDS = 900;

/**
 * The limit for one invocation of `kind`: `timeoutSeconds` counts only for scheduled triggers and
 * async event consumers (the docs limit it to functions referenced only by those modules), and
 * is clamped to the schema's 1..900 s.
 */
export function invocationLimitMs(kind: InvocationKind, timeoutSeconds?: number): number {
  const extendable = kind === 'scheduled-trigger' || kind === 'async-event';
  if (!extendable || timeoutSeconds === undefined || !Number.isFinite(timeoutSeconds)) return DEFAULT_INVOCATION_LIMITS_MS[kind];
  return Math.min(Math.max(timeoutSeconds, 1), MAX_TIMEOUT_SECONDS) * 1000;
}

const DEFAULT_MANIFEST = resolve(__dirname, '../../manifest.yml');

interface ManifestShape {
  modules?: Record<string, unknown>;
}

function readManifest(file: string): ManifestShape | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = parseYaml(readFileSync(file, 'utf8')) as unknown;
  return parsed && typeof parsed === 'object' ? (parsed as ManifestShape) : undefined;
}

function moduleEntries(manifest: ManifestShape | undefined, type: string): Record<string, unknown>[] {
  const list = manifest?.modules?.[type];
  return Array.isArray(list) ? list.filter((m): m is Record<string, unknown> => !!m && typeof m === 'object') : [];
}

/** `timeoutSeconds` of the manifest's `function` entry `functionKey`, if it sets one. */
export function manifestTimeoutSeconds(functionKey: string, manifestFile = DEFAULT_MANIFEST): number | undefined {
  const fn = moduleEntries(readManifest(manifestFile), 'function').find((f) => f.key === functionKey);
  return typeof fn?.timeoutSeconds === 'number' ? fn.timeoutSeconds : undefined;
}

/** The function a module (`scheduledTrigger`, `consumer`, `webtrigger`, ...) names in the manifest. */
export function manifestFunctionOf(moduleKey: string, manifestFile = DEFAULT_MANIFEST): string | undefined {
  const manifest = readManifest(manifestFile);
  for (const type of Object.keys(manifest?.modules ?? {})) {
    const module = moduleEntries(manifest, type).find((m) => m.key === moduleKey);
    if (module && typeof module.function === 'string') return module.function;
  }
  return undefined;
}

/**
 * The limit the runtime enforces for an invocation: the installed runtime's override for the kind
 * (tests run with a few hundred ms), otherwise Forge's limit with the function's `timeoutSeconds`.
 */
export function limitFor(kind: InvocationKind, functionKey?: string): number {
  const override = installedRuntime().options.invocationLimitsMs?.[kind];
  if (override !== undefined) return override;
  return invocationLimitMs(kind, functionKey ? manifestTimeoutSeconds(functionKey) : undefined);
}

/** One invocation to run under its limit: its kind, and the fields runInvocation takes (user, module, ...). */
export type LimitedInvocation = Parameters<typeof runInvocation>[0] & {
  kind: InvocationKind;
  /** The manifest function (`function[].key`), whose `timeoutSeconds` may extend the limit. */
  functionKey?: string;
  /** Overrides the limit for this call only. */
  limitMs?: number;
};

/**
 * Runs `fn` as one invocation of `kind` and stops it at its limit: the promise rejects with
 * InvocationTimeoutError, and from then on the invocation's product and KVS calls are refused
 * (DeadInvocationError), so a handler still running cannot write. This is what async event
 * consumers and every other entry point use.
 * @throws InvocationTimeoutError when `fn` runs past the limit; whatever `fn` throws before it.
 */
export function runWithInvocationLimit<T>(inv: LimitedInvocation, fn: () => Promise<T>): Promise<T> {
  const { kind, functionKey, ...fields } = inv;
  const limitMs = inv.limitMs ?? limitFor(kind, functionKey);
  return new Promise<T>((resolvePromise, rejectPromise) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const work = runInvocation({ ...fields, limitMs }, async () => {
      const ctx = currentInvocation();
      timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        // Marks the invocation dead: __forge_fetch__ refuses whatever it still calls.
        if (ctx) ctx.stoppedAt = Date.now();
        rejectPromise(new InvocationTimeoutError(kind, limitMs));
      }, limitMs);
      return fn();
    });
    work.then(
      (value) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolvePromise(value);
      },
      (error: unknown) => {
        // After a timeout the handler's own failure (often a refused call) has nobody to go to.
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        rejectPromise(error);
      },
    );
  });
}

/** Bytes of `value` as it crosses the wire (UTF-8 JSON); 0 for undefined. */
export function jsonBytes(value: unknown): number {
  const text = value === undefined ? undefined : JSON.stringify(value);
  return text === undefined ? 0 : Buffer.byteLength(text, 'utf8');
}

/**
 * Refuses a payload over its limit.
 * @throws InvocationPayloadError
 */
export function assertPayloadWithin(what: keyof typeof PAYLOAD_LIMITS_BYTES, bytes: number, httpStatus: number): void {
  const limit = PAYLOAD_LIMITS_BYTES[what];
  if (bytes > limit) throw new InvocationPayloadError(what, bytes, limit, httpStatus);
}
