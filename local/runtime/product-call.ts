import type { SimHandler, SimRequest, SimResponse } from '../sim/http-types';

/**
 * Conversions between what @forge/api hands `__forge_fetch__` (a path and a fetch `RequestInit`)
 * and the SimRequest/SimResponse shape every simulated product speaks. Pure functions.
 */

/** Statuses whose `Response` must not carry a body (the Response constructor throws otherwise). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** Lower-cases header names from any form fetch accepts (Headers, pairs, record). */
export function normaliseHeaders(headers: RequestInit['headers'] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  // Headers lower-cases names and joins repeated ones, exactly what a server would see.
  new Headers(headers ?? {}).forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

/** Reads a fetch body as text; the app only ever sends strings (JSON) to products. */
export function bodyText(body: RequestInit['body'] | undefined): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  throw new Error(`The local Forge runtime cannot send a ${Object.prototype.toString.call(body)} body; send a JSON string.`);
}

/** Parses JSON text; text that is not JSON is passed on as the raw string. */
export function parseMaybeJson(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Builds the SimRequest for one product call. `path` is the route value, query string included. */
export function toSimRequest(
  path: string,
  init: RequestInit | undefined,
  caller: { accountId: string | null; asApp: boolean },
): SimRequest {
  const queryAt = path.indexOf('?');
  return {
    method: (init?.method ?? 'GET').toUpperCase(),
    path: queryAt < 0 ? path : path.slice(0, queryAt),
    query: new URLSearchParams(queryAt < 0 ? '' : path.slice(queryAt + 1)),
    headers: normaliseHeaders(init?.headers),
    body: parseMaybeJson(bodyText(init?.body)),
    accountId: caller.accountId,
    asApp: caller.asApp,
  };
}

/**
 * Turns a SimResponse into the fetch `Response` @forge/api returns to the app: objects are sent
 * as JSON with a JSON content type, strings as they are, no body for 204 and friends; every header
 * the simulator set (Retry-After included) is kept.
 */
export function toFetchResponse(res: SimResponse): Response {
  const headers = new Headers(res.headers ?? {});
  let body: string | null = null;
  if (!NULL_BODY_STATUSES.has(res.status) && res.body !== undefined) {
    if (typeof res.body === 'string') {
      body = res.body;
    } else {
      body = JSON.stringify(res.body);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json;charset=UTF-8');
    }
  }
  return new Response(body, { status: res.status, headers });
}

/**
 * A response the Forge proxy itself produces (not the product): @forge/api reads the
 * `forge-proxy-error` header and throws (NeedsAuthenticationError for NEEDS_AUTHENTICATION_ERR,
 * ProxyRequestError otherwise) before the app sees the response.
 */
export function proxyError(status: number, reason: string): Response {
  return new Response(null, { status, headers: { 'forge-proxy-error': reason } });
}

/**
 * Adapts a SimHandler chain (the simulated site) to a ProductRouter. A path nobody owns answers
 * 404 with an error body shaped like Jira's, as a real site answers an unknown REST path.
 */
export function routerFromHandler(handler: SimHandler): (remote: 'jira' | 'confluence', req: SimRequest) => Promise<SimResponse> {
  return async (_remote, req) =>
    (await handler(req)) ?? { status: 404, body: { errorMessages: [`No ${req.method} ${req.path} on this site.`], errors: {} } };
}
