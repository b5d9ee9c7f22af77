/**
 * Text from Jira, Confluence or a person, made safe to place beside Preflight's own words.
 *
 * - Bidirectional controls are removed: the embeddings and overrides (U+202A–U+202E), the isolates
 *   (U+2066–U+2069) and the marks (U+200E, U+200F, U+061C). An override in a version name reverses
 *   everything after it on the line, Preflight's labels included ("gnp.exe" reads "exe.png").
 *   Removing rather than wrapping each value in FSI…PDI: a wrap needs every renderer to honour
 *   isolates (Confluence titles, Slack, terminals, Markdown viewers do not all), the wrap characters
 *   themselves would land in page titles, file names and search, and a value cut by a length limit
 *   could lose its PDI. Real right-to-left text needs none of these controls to display: the
 *   letters carry their own direction.
 * - A lone surrogate (half of a UTF-16 pair) becomes U+FFFD: it cannot be encoded as UTF-8, so a
 *   Markdown export or a page holding one is invalid. (`String.prototype.toWellFormed` does this
 *   too, but only from Node 20 / ES2024; this runs in the browser bundle and the CLI alike.)
 * - C0 control characters other than tab, line feed and carriage return, and DEL, are removed: a
 *   NUL truncates text in C-based tools and terminals act on escape sequences.
 *
 * Zero-width joiners and non-joiners stay: emoji sequences (👩‍💻) and many scripts need them.
 * Idempotent and pure.
 */
export function safeText(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD').replace(UNSAFE, '');
}

// eslint-disable-next-line no-control-regex -- these control characters are exactly what is removed
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A JSON-like value with every string in it (object keys included) passed through safeText, for
 * whole view models, notifications and web-trigger answers. Arrays and plain objects are copied;
 * other values are returned as they are.
 */
export function safeDeep<T>(value: T): T {
  return clean(value) as T;
}

function clean(value: unknown): unknown {
  if (typeof value === 'string') return safeText(value);
  if (Array.isArray(value)) return value.map(clean);
  if (value !== null && typeof value === 'object' && isPlain(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // defineProperty, so a key named __proto__ stays an own property instead of setting the prototype.
      Object.defineProperty(out, safeText(key), { value: clean(item), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
