import type { IncomingMessage, ServerResponse } from 'node:http';
import { findUserByEmail, findUserById, DEFAULT_USER, type LocalUser } from '../sim/users';

/** Small node:http helpers shared by the site's routes. */

/** Largest request body the site accepts; generous for page bodies, far below memory trouble. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Reads the whole body as text. @throws HttpError 413 when it exceeds MAX_BODY_BYTES. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `Request body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON body; empty body is undefined. @throws HttpError 400 on malformed JSON. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON');
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

export function sendHtml(res: ServerResponse, status: number, markup: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(markup);
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location });
  res.end();
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    try {
      cookies.set(part.slice(0, eq).trim(), decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      // A malformed cookie from some other app on localhost: ignore it rather than fail the page.
    }
  }
  return cookies;
}

export const USER_COOKIE = 'preflight_user';
export const THEME_COOKIE = 'preflight_theme';

/** The local user chosen in the switcher (cookie), or the release owner by default. */
export function sessionUser(req: IncomingMessage): LocalUser {
  const id = parseCookies(req.headers.cookie).get(USER_COOKIE);
  return (id && findUserById(id)) || DEFAULT_USER;
}

export const LOCALE_COOKIE = 'preflight_locale';

/**
 * The Forge locale tags the local user menu offers: what Atlassian passes for a person whose
 * profile language is English, German, French or Japanese, plus the pseudo-locale for testing.
 */
export const SITE_LOCALES: readonly { tag: string; name: string }[] = [
  { tag: 'en-US', name: 'English' },
  { tag: 'de-DE', name: 'Deutsch' },
  { tag: 'fr-FR', name: 'Français' },
  { tag: 'ja-JP', name: '日本語' },
  { tag: 'en-XA', name: 'Pseudo-locale (en-XA)' },
];

/** The language chosen in the user menu (cookie), as the Forge context's `locale`; default en-US. */
export function sessionLocale(req: IncomingMessage): string {
  const chosen = parseCookies(req.headers.cookie).get(LOCALE_COOKIE);
  return SITE_LOCALES.find((l) => l.tag === chosen)?.tag ?? 'en-US';
}

export function sessionColorMode(req: IncomingMessage): 'light' | 'dark' {
  return parseCookies(req.headers.cookie).get(THEME_COOKIE) === 'dark' ? 'dark' : 'light';
}

/**
 * The local user named by HTTP basic auth (`email:any-token`), as a real site accepts an email
 * and API token. Undefined when the header is missing, malformed or names no local user.
 */
export function basicAuthUser(header: string | undefined): LocalUser | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header?.trim() ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return findUserByEmail(decoded.slice(0, colon));
}

/**
 * A same-site path to send the browser back to, else `/`. Browsers strip tabs and newlines from a
 * Location and read `\` as `/`, so `/%09/evil.example` or `/\evil.example` would leave the site:
 * the value must start with a single `/`, and neither it nor its percent-decoded form may hold
 * `\`, a leading `//`, whitespace or control characters. What passes is re-serialised by the URL
 * parser, so the Location header only ever carries ASCII (never a 500 for an odd character).
 */
export function safeBackPath(value: string | null | undefined): string {
  if (!value || !isPlainPath(value)) return '/';
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return '/';
  }
  if (!isPlainPath(decoded)) return '/';
  const base = 'http://local.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return '/';
  }
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : '/';
}

function isPlainPath(value: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  return value.startsWith('/') && !value.startsWith('//') && !/[\\\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value);
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  const dot = file.lastIndexOf('.');
  return CONTENT_TYPES[dot >= 0 ? file.slice(dot).toLowerCase() : ''] ?? 'application/octet-stream';
}
