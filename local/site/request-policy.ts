import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-util';

/**
 * The local site's one Host/Origin policy, applied before any route runs (REST, /api/invoke, the
 * webhooks page and its JSON, site pages, frames, web triggers).
 *
 * The site acts for whoever it is told to and shows what the app treats as secrets (the captured
 * webhook URLs), so only this machine may talk to it:
 * - Host must name this machine (localhost, 127.0.0.1 or [::1]) with the port the site listens on.
 *   A DNS-rebinding page reaches the same socket under its own host name, so its requests carry
 *   that name and are refused with 421 (Misdirected Request) before anything is read or written.
 *   The site has no public-URL option (it listens on 127.0.0.1 only), so there is nothing else to allow.
 * - A request that may change something (any method but GET, HEAD, OPTIONS) must come from the site
 *   itself when a browser says where it comes from: an Origin other than this site's (including the
 *   opaque `null`) or a `Sec-Fetch-Site` of `cross-site`/`same-site` is refused with 403. Without
 *   either header (curl, CI calling a web trigger, scripts using basic auth) it is allowed: browsers
 *   always send Origin on cross-origin writes, so a missing one is not a browser on another site.
 * Web triggers fall under the same rules: on this local site CI calls them on localhost too, and
 * their URL ids are derived from the app id, so a page elsewhere could otherwise guess and call them.
 */

const LOCAL_HOST_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `name[:port]` from a Host header; undefined when it is not shaped like one. */
function parseHost(host: string): { name: string; port: number | undefined } | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]\s]+)(?::(\d{1,5}))?$/i.exec(host);
  if (!match?.[1]) return undefined;
  return { name: match[1].toLowerCase(), port: match[2] === undefined ? undefined : Number(match[2]) };
}

/** True when the Host header names this machine and the port the request arrived on. */
export function isLocalHost(host: string | undefined, localPort: number | undefined): boolean {
  const parsed = parseHost(host ?? '');
  if (!parsed || !LOCAL_HOST_NAMES.has(parsed.name)) return false;
  // Without a port a browser means 80; a site on another port was not addressed.
  const port = parsed.port ?? 80;
  return localPort === undefined || port === localPort;
}

/** @throws HttpError 421 (Host) or 403 (Origin, Sec-Fetch-Site) when the request is not from this site. */
export function assertRequestPolicy(req: IncomingMessage): void {
  const host = req.headers.host;
  if (!isLocalHost(host, req.socket.localPort)) {
    throw new HttpError(421, 'Host: expected localhost, 127.0.0.1 or [::1] with the site\'s port; the local site only answers requests addressed to this machine');
  }
  if (SAFE_METHODS.has((req.method ?? 'GET').toUpperCase())) return;
  const origin = req.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${(host ?? '').toLowerCase()}`) throw new HttpError(403, `Origin: expected http://${host}, the local site itself`);
  const fetchSite = req.headers['sec-fetch-site'];
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') throw new HttpError(403, 'Sec-Fetch-Site: expected a request from the local site itself');
}
