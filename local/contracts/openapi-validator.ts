/**
 * Contract checks: every request the app sends and every response the simulated products return
 * are compared with Atlassian's published OpenAPI documents (../shared/contracts, see SOURCES.md).
 * A simulator that drifts from the real API, or an adapter that calls an endpoint or parameter the
 * real API lacks, then fails a test here instead of failing in production.
 */
import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { OpenAPIBackend, type Document, type Operation } from 'openapi-backend';
import type { SimHandler, SimRequest, SimResponse } from '../sim/http-types';
import { PRODUCT_NAMES, requireSpecFile, type Product } from './spec-files';

export type { Product } from './spec-files';

/** Which product a request path belongs to: '/rest/..' is Jira, '/wiki/..' is Confluence. */
export function productOf(path: string): Product | undefined {
  if (path === '/rest' || path.startsWith('/rest/')) return 'jira';
  if (path === '/wiki' || path.startsWith('/wiki/')) return 'confluence';
  return undefined;
}

/** Checks exchanges against the specs. Every method returns readable errors; empty means valid. */
export interface Contracts {
  /** Errors (empty = valid). An unknown path/method, or a query parameter the operation does not
   *  declare, is an error too ("GET /rest/api/3/foo: no such operation in the Jira spec"). */
  checkRequest(req: SimRequest): string[];
  /** Validates status + JSON body against the operation's response schema for that status (or
   *  'default'); a status the operation does not document is an error, except the platform-wide
   *  429/5xx and the few real statuses a spec omits (see UNDOCUMENTED_REAL_STATUSES). */
  checkResponse(req: SimRequest, res: SimResponse): string[];
}

/**
 * Jira's paths in its spec are absolute (/rest/api/3/...); Confluence's server URL is
 * https://{your-domain}/wiki/api/v2, so its paths are relative to that root.
 */
const API_ROOTS: Readonly<Record<Product, string>> = { jira: '/', confluence: '/wiki/api/v2' };

/**
 * Confluence's write models say `body: oneOf [XBodyWrite, XNestedBodyWrite]`, but neither schema
 * forbids extra properties, so every body matches both and strict oneOf always fails (SOURCES.md).
 * anyOf keeps the intent ("one of these shapes") and lets valid bodies through.
 */
function relaxBodyWriteOneOf(node: unknown): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    node.forEach(relaxBodyWriteOneOf);
    return;
  }
  const obj = node as Record<string, unknown>;
  const oneOf = obj['oneOf'];
  if (
    Array.isArray(oneOf) &&
    oneOf.length > 0 &&
    oneOf.every((s) => typeof s === 'object' && s !== null && /BodyWrite$/.test(String((s as { $ref?: unknown }).$ref)))
  ) {
    obj['anyOf'] = oneOf;
    delete obj['oneOf'];
  }
  for (const value of Object.values(obj)) relaxBodyWriteOneOf(value);
}


/** Builds one product's openapi-backend instance from its spec file (synchronously; see below). */
function buildBackend(product: Product): OpenAPIBackend {
  const file = requireSpecFile(product);
  const definition = JSON.parse(readFileSync(file, 'utf8')) as Document;
  if (product === 'confluence') relaxBodyWriteOneOf(definition);
  const api = new OpenAPIBackend({
    definition,
    apiRoot: API_ROOTS[product],
    // quick: no validation of the 2.4 MB spec itself, synchronous dereferencing, and validators
    // compiled lazily per operation on first use: ~50 ms to load instead of seconds.
    quick: true,
    // The specs use `example`, `x-*` and other keywords Ajv does not know; they are documentation.
    ajvOpts: { strict: false, logger: false, allErrors: true },
    // Real formats (date-time, uri, ...) catch a simulator that emits malformed dates; "fast" mode
    // accepts Jira's real "+0000" offsets, which full RFC 3339 would reject.
    customizeAjv: (ajv) => {
      addFormats(ajv, { mode: 'fast', formats: ['date', 'time', 'date-time', 'uri', 'email', 'uuid'] });
      return ajv;
    },
  });
  // With quick mode and an in-memory definition, init() does all its work before its first
  // await, so the instance is ready when the call returns. The check below guards that
  // assumption against a future openapi-backend change instead of trusting it silently.
  void api.init();
  if (!api.initialized) throw new Error(`openapi-backend did not initialise the ${PRODUCT_NAMES[product]} spec synchronously`);
  return api;
}

/** Query parameters as openapi-backend expects them: repeated names become arrays. */
function queryObject(query: URLSearchParams, op: Operation): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name of new Set(query.keys())) {
    const values = query.getAll(name);
    const param = (op.parameters ?? []).find((p) => 'in' in p && p.in === 'query' && p.name === name);
    const schema = param && 'schema' in param ? (param.schema as { type?: unknown } | undefined) : undefined;
    // A single value for an array parameter stays a one-element array so Ajv sees the right type;
    // openapi-backend itself splits comma-separated values for `explode: false` parameters.
    out[name] = values.length > 1 || schema?.type === 'array' ? values : (values[0] ?? '');
  }
  return out;
}

/** Turns a JSON pointer into something a person reads: '/results/0/id' -> 'results[0].id'. */
function readablePointer(pointer: string): string {
  return pointer
    .split('/')
    .filter((part) => part !== '')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc === '' ? part : `${acc}.${part}`), '');
}

/** What Ajv said, plus the detail its message leaves out (which property, which values). */
function describeAjvError(err: ErrorObject): string {
  const params = err.params as Record<string, unknown>;
  let message = err.message ?? `fails ${err.keyword}`;
  if (err.keyword === 'additionalProperties') message = `has unexpected property '${String(params['additionalProperty'])}'`;
  if (err.keyword === 'enum') message += ` (${JSON.stringify(params['allowedValues'])})`;
  return message;
}

/** Request errors: Ajv validated `{path, query, header, cookie}` and `{requestBody}` objects. */
function describeRequestError(err: ErrorObject, operationId: string): string {
  const parts = err.instancePath.split('/').filter((p) => p !== '');
  const [where, name, ...rest] = parts;
  const params = err.params as Record<string, unknown>;
  if (where === 'requestBody') {
    const at = readablePointer([name, ...rest].filter((p) => p !== undefined).join('/'));
    return `request body${at ? ` at ${at}` : ''} ${describeAjvError(err)}`;
  }
  if (where === 'query' || where === 'path' || where === 'header' || where === 'cookie') {
    if (name === undefined && err.keyword === 'additionalProperties') {
      return `${where} parameter '${String(params['additionalProperty'])}' is not declared by ${operationId}`;
    }
    if (name === undefined && err.keyword === 'required') {
      return `required ${where} parameter '${String(params['missingProperty'])}' is missing`;
    }
    const at = readablePointer(rest.join('/'));
    return `${where} parameter '${name ?? '?'}'${at ? ` at ${at}` : ''} ${describeAjvError(err)}`;
  }
  if (parts.length === 0 && err.keyword === 'required') {
    const missing = String(params['missingProperty']);
    return missing === 'requestBody' ? 'request body is required' : `required ${missing} parameters are missing`;
  }
  return `request ${readablePointer(err.instancePath)} ${describeAjvError(err)}`.replace(/\s+/g, ' ');
}

/**
 * Statuses Atlassian's edge can answer for any operation, though few operations list them: rate
 * limiting (429 with Retry-After) and outages (5xx) are documented once, platform-wide, in the
 * "Rate limiting" and error guides rather than per operation. Clients must handle them everywhere,
 * so the simulator's fault knobs may produce them everywhere.
 */
const PLATFORM_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/**
 * Statuses real products answer that their spec forgets, per operationId. Confluence v2 answers
 * 409 Conflict to an update whose version.number is not the current one + 1 ("Version must be
 * incremented on update"), as v1 documents, but the v2 spec lists no 409 for updatePage.
 */
const UNDOCUMENTED_REAL_STATUSES: Readonly<Record<string, readonly number[]>> = {
  updatePage: [409],
};

/** The keys under an operation's `responses` that cover `status` ('200', '2XX' or 'default'). */
function documentedStatusKey(op: Operation, status: number): string | undefined {
  const keys = Object.keys(op.responses ?? {});
  const exact = String(status);
  const range = `${Math.floor(status / 100)}XX`;
  return keys.find((k) => k === exact) ?? keys.find((k) => k.toUpperCase() === range) ?? keys.find((k) => k === 'default');
}

/** True when a real server may answer this status for this operation even if the spec omits it. */
function isKnownUndocumentedStatus(op: Operation, status: number): boolean {
  return PLATFORM_STATUSES.has(status) || (UNDOCUMENTED_REAL_STATUSES[op.operationId ?? '']?.includes(status) ?? false);
}

/** Implements Contracts over one lazily built openapi-backend per product. */
class OpenApiContracts implements Contracts {
  private readonly backends = new Map<Product, OpenAPIBackend>();

  private backend(product: Product): OpenAPIBackend {
    let api = this.backends.get(product);
    if (!api) {
      api = buildBackend(product);
      this.backends.set(product, api);
    }
    return api;
  }

  /** The operation a request addresses, or an error message saying why there is none. */
  private operationFor(req: SimRequest): { api: OpenAPIBackend; op: Operation } | { error: string } {
    const label = `${req.method.toUpperCase()} ${req.path}`;
    const product = productOf(req.path);
    if (!product) return { error: `${label}: the path belongs to neither Jira (/rest/...) nor Confluence (/wiki/...)` };
    const api = this.backend(product);
    const op = api.router.matchOperation({ method: req.method, path: req.path, headers: req.headers });
    if (!op) return { error: `${label}: no such operation in the ${PRODUCT_NAMES[product]} spec` };
    return { api, op };
  }

  checkRequest(req: SimRequest): string[] {
    const found = this.operationFor(req);
    if ('error' in found) return [found.error];
    const { api, op } = found;
    const result = api.validator.validateRequest(
      { method: req.method, path: req.path, headers: req.headers, query: queryObject(req.query, op), body: req.body },
      op,
    );
    const label = `${req.method.toUpperCase()} ${req.path} (${op.operationId ?? op.path})`;
    return (result.errors ?? []).map((err) => `${label}: ${describeRequestError(err, op.operationId ?? op.path)}`);
  }

  checkResponse(req: SimRequest, res: SimResponse): string[] {
    const found = this.operationFor(req);
    if ('error' in found) return [found.error];
    const { api, op } = found;
    const label = `${req.method.toUpperCase()} ${req.path} (${op.operationId ?? op.path}) -> ${res.status}`;
    if (!documentedStatusKey(op, res.status)) {
      // Nothing to validate the body against; the status alone is what a real server would send.
      if (isKnownUndocumentedStatus(op, res.status)) return [];
      const documented = Object.keys(op.responses ?? {}).join(', ');
      return [`${label}: status ${res.status} is not documented (documented: ${documented || 'none'})`];
    }
    // No body is JSON null to the validator: a 204 must have none, a 200 with a schema must have one.
    const body = res.body === undefined ? null : res.body;
    const result = api.validator.validateResponse(body, op, res.status);
    return (result.errors ?? []).map((err) => {
      const at = readablePointer(err.instancePath);
      return `${label}: response body${at ? ` at ${at}` : ''} ${describeAjvError(err)}`;
    });
  }
}

let singleton: Contracts | undefined;

/**
 * The process-wide contract checker. Each spec is parsed the first time a request for its product
 * is checked, and each operation's validators compile on first use, so a test pays only for what
 * it touches. Throws at once, listing where it looked, when a spec file cannot be found.
 */
export function loadContracts(): Contracts {
  if (!singleton) {
    // Fail here, before any test traffic, when a spec is missing: the message says where we looked.
    requireSpecFile('jira');
    requireSpecFile('confluence');
    singleton = new OpenApiContracts();
  }
  return singleton;
}

/** Wraps a handler so every exchange is checked; violations collect in the returned array. */
export function withContractChecks(handler: SimHandler, contracts: Contracts): { handler: SimHandler; violations: string[] } {
  const violations: string[] = [];
  const checked: SimHandler = async (req) => {
    violations.push(...contracts.checkRequest(req));
    const res = await handler(req);
    // undefined means "not mine" (routers chain handlers), so there is no response to check.
    if (res) violations.push(...contracts.checkResponse(req, res));
    return res;
  };
  return { handler: checked, violations };
}
