import { readFileSync } from 'node:fs';
import { findSpecFile, PRODUCT_NAMES, requireSpecFile, type Product } from '../contracts/spec-files';

/**
 * Scopes enforced per product call, as Forge's proxy enforces them: each operation of Atlassian's
 * OpenAPI specs names the OAuth scopes it needs, and an app whose granted scopes (manifest.yml
 * permissions.scopes) cover none of the operation's sets is refused before the product sees it.
 * See README.md ("Scopes") for what is confirmed and what is assumed.
 */

/** What one operation of a spec needs: any one of `alternatives`, every scope of that set. */
export interface OperationScopes {
  /** `operationId`, or `METHOD template` when the spec gives none. */
  operation: string;
  /** Path template as the spec writes it, with the product's root ('/wiki/api/v2' for Confluence). */
  template: string;
  /**
   * Sets of scopes, each enough on its own (Jira: the classic set and the granular set); an empty
   * set means OAuth access needing no scope. No sets at all: the operation documents no OAuth
   * access ("Apps can't access this REST resource"), so no app may call it.
   */
  alternatives: ReadonlyArray<readonly string[]>;
}

/** A spec operation as the matcher keeps it: one entry per path segment. */
interface CompiledOperation extends OperationScopes {
  /** Per segment: a literal to compare, null for a whole-segment `{param}`, or a RegExp for `v{n}.json`-like segments. */
  segments: ReadonlyArray<string | RegExp | null>;
}

/** Operations per `METHOD segmentCount`, most literal first, so `/version/remotelinks` wins over `/version/{id}`. */
type Matcher = ReadonlyMap<string, readonly CompiledOperation[]>;

/** Jira's spec paths are absolute; Confluence v2's are relative to this root (its server URL). */
const ROOTS: Readonly<Record<Product, string>> = { jira: '', confluence: '/wiki/api/v2' };

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

interface SpecOperation {
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  'x-atlassian-oauth2-scopes'?: Array<{ scheme?: string; state?: string; scopes?: string[] }>;
}

/**
 * The scope sets of one operation. `x-atlassian-oauth2-scopes` lists them as the REST docs show
 * them (Jira: the classic set, state "Current", and the granular set, state "Beta"); where an
 * operation lacks it, the OAuth entries of `security` say the same. `basicAuth` and the anonymous
 * `{}` entry are not ways in for a Forge app, so they are ignored.
 */
function scopeAlternatives(op: SpecOperation): string[][] {
  // An entry with no scopes (GET /rest/api/3/serverInfo) is OAuth access that needs none.
  const documented = (op['x-atlassian-oauth2-scopes'] ?? []).map((e) => e.scopes ?? []);
  if (documented.length > 0) return documented;
  return (op.security ?? []).flatMap((entry) => Object.entries(entry).filter(([scheme]) => /oauth/i.test(scheme)).map(([, scopes]) => scopes));
}

function compileSegment(segment: string): string | RegExp | null {
  if (/^\{[^}]+\}$/.test(segment)) return null;
  if (!segment.includes('{')) return segment;
  const pattern = segment
    .split(/\{[^}]+\}/)
    .map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${pattern}$`);
}

/** Literal segments before parameters, left to right: the order openapi-backend also prefers. */
function specificity(op: CompiledOperation): string {
  return op.segments.map((s) => (typeof s === 'string' ? '0' : s instanceof RegExp ? '1' : '2')).join('');
}

/** Builds the matcher of one spec document (exported for tests that pass a small spec). */
export function compileScopeMatcher(spec: { paths?: Record<string, Record<string, unknown>> }, root: string): Matcher {
  const buckets = new Map<string, CompiledOperation[]>();
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    const template = `${root}${path}`;
    const segments = template.split('/').slice(1).map(compileSegment);
    for (const [method, value] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const op = value as SpecOperation;
      const key = `${method.toUpperCase()} ${segments.length}`;
      const list = buckets.get(key) ?? [];
      list.push({ operation: op.operationId ?? `${method.toUpperCase()} ${template}`, template, alternatives: scopeAlternatives(op), segments });
      buckets.set(key, list);
    }
  }
  for (const list of buckets.values()) list.sort((a, b) => specificity(a).localeCompare(specificity(b)));
  return buckets;
}

/** The operation a request addresses in a compiled spec, or undefined when the spec has none. */
export function matchOperation(matcher: Matcher, method: string, path: string): OperationScopes | undefined {
  const parts = path.split('/').slice(1);
  const candidates = matcher.get(`${method.toUpperCase()} ${parts.length}`);
  if (!candidates) return undefined;
  return candidates.find((op) =>
    op.segments.every((segment, i) => {
      const part = parts[i]!;
      if (segment === null) return part !== '';
      return typeof segment === 'string' ? segment === part : segment.test(part);
    }),
  );
}

// Each spec is read once per process, on the first call to its product: ~30 ms for Jira's 2.4 MB.
const matchers = new Map<Product, Matcher>();

function matcherFor(product: Product): Matcher {
  let matcher = matchers.get(product);
  if (!matcher) {
    const file = findSpecFile(product);
    if (file) {
      const spec = JSON.parse(readFileSync(file, 'utf8')) as { paths?: Record<string, Record<string, unknown>> };
      matcher = compileScopeMatcher(spec, ROOTS[product]);
    } else {
      // `npm start` in a fresh offline clone has no spec (tests download it, and fail without it):
      // the site still runs, and says loudly that scopes go unchecked rather than failing every call.
      console.warn(`Scopes of ${PRODUCT_NAMES[product]} calls are NOT checked: ${requireSpecError(product)}`);
      matcher = new Map();
    }
    matchers.set(product, matcher);
  }
  return matcher;
}

function requireSpecError(product: Product): string {
  try {
    requireSpecFile(product);
    return '';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** What the check decided for one call. */
export type ScopeVerdict =
  | { allowed: true; operation?: OperationScopes }
  /** The operation is documented, and the granted scopes cover none of its sets. */
  | { allowed: false; operation: OperationScopes };

/**
 * Checks one product call against the granted scopes. A call the spec does not document is let
 * through to the product (which answers it, usually 404), because the contract checker already
 * reports such calls in every test; see README.md for why.
 */
export function checkScopes(granted: readonly string[], remote: Product, method: string, path: string): ScopeVerdict {
  const operation = matchOperation(matcherFor(remote), method, path);
  if (!operation) return { allowed: true };
  const has = grantedSet(granted);
  if (operation.alternatives.some((set) => set.every((scope) => has.has(scope)))) return { allowed: true, operation };
  return { allowed: false, operation };
}

// The runtime keeps one scopes array per install; its Set is built once, not per call.
const grantedSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function grantedSet(granted: readonly string[]): ReadonlySet<string> {
  let set = grantedSets.get(granted);
  if (!set) {
    set = new Set(granted);
    grantedSets.set(granted, set);
  }
  return set;
}

/**
 * Forge's answer to a product call the app's scopes do not cover: 401 with the JSON body the
 * platform sends (`{"code":401,"message":"Unauthorized; scope does not match"}`). It carries no
 * `forge-proxy-error` header, so @forge/api hands it to the app like any product answer.
 */
export function scopeRefusal(operation: OperationScopes, granted: readonly string[]): Response {
  // Forge says only "scope does not match"; locally the developer also learns which scope, once
  // per operation so a benchmark does not flood the console.
  const note = describeRefusal(operation, granted);
  if (!warned.has(note)) {
    warned.add(note);
    console.warn(`Forge would refuse this call (401, scope does not match): ${note}. Add the scope to permissions.scopes in manifest.yml.`);
  }
  return new Response(JSON.stringify({ code: 401, message: 'Unauthorized; scope does not match' }), {
    status: 401,
    headers: { 'content-type': 'application/json' },
  });
}

const warned = new Set<string>();

/** One sentence for logs and tests: which operation, and which scope sets would have let it through. */
export function describeRefusal(operation: OperationScopes, granted: Iterable<string>): string {
  const needs = operation.alternatives.length === 0 ? 'no OAuth scope (apps cannot call it)' : operation.alternatives.map((set) => set.join(' + ')).join(' or ');
  return `${operation.operation} (${operation.template}) needs ${needs}; the app has ${[...granted].join(', ') || 'no scopes'}`;
}
