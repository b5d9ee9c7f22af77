/**
 * The one request/response shape every simulated product speaks. The local HTTP server adapts
 * node's http requests to it (basic auth resolved to a local user first), and the Forge runtime
 * emulator adapts `__forge_fetch__` product calls to it in-process, so tests need no sockets.
 */
export interface SimRequest {
  method: string;
  /** Path without query string, already percent-decoded per segment by nobody: the raw path as sent. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body when the request had one, else undefined. */
  body: unknown;
  /** The local user the call is made as (basic auth or the Forge invocation's principal); null = anonymous. */
  accountId: string | null;
  /** True when the call comes from the app itself (`asApp()`), which may read what the app's scopes allow. */
  asApp: boolean;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless it is a string (sent as is) or undefined (no body, e.g. 204). */
  body?: unknown;
}

/** Answers a request it owns, or undefined when the path is not its own (so routers can chain). */
export type SimHandler = (req: SimRequest) => Promise<SimResponse | undefined>;
