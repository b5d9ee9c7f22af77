/**
 * Fault knobs for the simulated products: latency, rate limiting (429 + Retry-After), outages
 * (503) and edit conflicts (409). Real Jira and Confluence do all of these under load; the knobs
 * let tests and benchmarks prove the app copes (retries, backoff, "changed by someone else").
 *
 * Faults apply to product API paths only (/rest/..., /wiki/api/..., /wiki/rest/...), so the local
 * site's own pages never fail. A fault answers instead of the product: nothing is changed.
 */
import { z } from 'zod';
import { envRate, envWholeNumber, parseEnvKnobs } from './env-knobs';
import type { SimHandler, SimRequest, SimResponse } from './http-types';

/** How often and how much the simulated products misbehave. Rates are probabilities per call. */
export interface FaultKnobs {
  /** Added to every product call, in milliseconds. */
  latencyMs: number;
  /** Share of calls answered 429 Too Many Requests with a Retry-After header. */
  rate429: number;
  /** Share of calls answered 503 Service Unavailable. */
  rate5xx: number;
  /** Share of mutating calls (POST/PUT/PATCH/DELETE) answered 409 Conflict. */
  rate409: number;
  /** The Retry-After value sent with a 429, in seconds. */
  retryAfterSeconds: number;
}

/** No faults at all: the default when no variable is set. */
export const NO_FAULTS: Readonly<FaultKnobs> = { latencyMs: 0, rate429: 0, rate5xx: 0, rate409: 0, retryAfterSeconds: 1 };

const envSchema = z.object({
  PREFLIGHT_SIM_LATENCY_MS: envWholeNumber('PREFLIGHT_SIM_LATENCY_MS', 60_000),
  PREFLIGHT_SIM_429_RATE: envRate('PREFLIGHT_SIM_429_RATE'),
  PREFLIGHT_SIM_5XX_RATE: envRate('PREFLIGHT_SIM_5XX_RATE'),
  PREFLIGHT_SIM_409_RATE: envRate('PREFLIGHT_SIM_409_RATE'),
  PREFLIGHT_SIM_RETRY_AFTER_S: envWholeNumber('PREFLIGHT_SIM_RETRY_AFTER_S', 3600),
});

/**
 * Reads the knobs from the environment. Throws one error listing every bad variable with the
 * value it had, e.g. "PREFLIGHT_SIM_429_RATE must be a number from 0 to 1 (got '2')".
 */
export function faultKnobsFromEnv(env: NodeJS.ProcessEnv = process.env): FaultKnobs {
  const e = parseEnvKnobs(envSchema, env, 'fault settings');
  return {
    latencyMs: e.PREFLIGHT_SIM_LATENCY_MS ?? NO_FAULTS.latencyMs,
    rate429: e.PREFLIGHT_SIM_429_RATE ?? NO_FAULTS.rate429,
    rate5xx: e.PREFLIGHT_SIM_5XX_RATE ?? NO_FAULTS.rate5xx,
    rate409: e.PREFLIGHT_SIM_409_RATE ?? NO_FAULTS.rate409,
    retryAfterSeconds: e.PREFLIGHT_SIM_RETRY_AFTER_S ?? NO_FAULTS.retryAfterSeconds,
  };
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function isProductApiPath(path: string): boolean {
  return path.startsWith('/rest/') || path.startsWith('/wiki/api/') || path.startsWith('/wiki/rest/');
}

/** An error body in the product's own shape: Jira's ErrorCollection, Confluence v2's errors list. */
function errorBody(path: string, status: number, code: string, message: string): unknown {
  if (path.startsWith('/wiki/api/')) return { errors: [{ status, code, title: message, detail: null }] };
  return { errorMessages: [message], errors: {} };
}

function fault(req: SimRequest, status: number, code: string, message: string, headers: Record<string, string> = {}): SimResponse {
  return {
    status,
    // The marker header tells a person reading a trace that the simulator, not the app, failed this call.
    headers: { ...headers, 'x-preflight-simulated-fault': String(status) },
    body: errorBody(req.path, status, code, message),
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Wraps a product handler with the knobs. `random` returns numbers in [0, 1); pass a seeded one in
 * tests so the same calls fail every run. A call draws once for each non-zero knob, in the order
 * 429, 503, 409 (the last only for mutating calls), so a seed always gives the same faults.
 */
export function withFaults(handler: SimHandler, knobs: FaultKnobs, random: () => number = Math.random): SimHandler {
  const idle = knobs.latencyMs === 0 && knobs.rate429 === 0 && knobs.rate5xx === 0 && knobs.rate409 === 0;
  if (idle) return handler;
  return async (req) => {
    if (!isProductApiPath(req.path)) return handler(req);
    if (knobs.latencyMs > 0) await sleep(knobs.latencyMs);
    if (knobs.rate429 > 0 && random() < knobs.rate429) {
      return fault(req, 429, 'TOO_MANY_REQUESTS', 'Rate limit exceeded (simulated).', { 'retry-after': String(knobs.retryAfterSeconds) });
    }
    if (knobs.rate5xx > 0 && random() < knobs.rate5xx) {
      return fault(req, 503, 'SERVICE_UNAVAILABLE', 'Service unavailable (simulated outage).');
    }
    if (knobs.rate409 > 0 && MUTATING.has(req.method.toUpperCase()) && random() < knobs.rate409) {
      return fault(req, 409, 'CONFLICT', 'The resource was changed by someone else (simulated conflict).');
    }
    return handler(req);
  };
}
