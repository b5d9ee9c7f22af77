import type { SimResponse } from '../sim/http-types';
import type { ProductRouter } from './forge-runtime';

/** Request headers that belong to the hop, not the call; the router sets its own. */
const DROPPED_HEADERS = new Set(['host', 'authorization', 'content-length', 'connection']);

/**
 * A ProductRouter to a real Atlassian Cloud site, with basic auth (email + API token) from
 * ATLASSIAN_SITE_URL / ATLASSIAN_EMAIL / ATLASSIAN_API_TOKEN. Undefined unless all three are set.
 *
 * Every call runs with that one person's permissions, whether the app said asUser() or asApp():
 * a token cannot act as another user or as the app. Confluence paths keep their `/wiki` prefix,
 * exactly as the app sends them.
 */
export function realSiteRouter(env: NodeJS.ProcessEnv = process.env): ProductRouter | undefined {
  const siteUrl = env.ATLASSIAN_SITE_URL?.trim();
  const email = env.ATLASSIAN_EMAIL?.trim();
  const token = env.ATLASSIAN_API_TOKEN?.trim();
  if (!siteUrl || !email || !token) return undefined;
  const base = new URL(siteUrl);
  const authorization = `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;

  return async (_remote, req): Promise<SimResponse> => {
    const url = new URL(req.path, base);
    url.search = req.query.toString();
    const headers: Record<string, string> = { accept: 'application/json' };
    for (const [name, value] of Object.entries(req.headers)) if (!DROPPED_HEADERS.has(name)) headers[name] = value;
    headers.authorization = authorization;
    let body: string | undefined;
    if (req.body !== undefined) {
      body = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(url, { method: req.method, headers, body });
    const resHeaders: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      resHeaders[name] = value;
    });
    const text = await res.text();
    let resBody: unknown;
    if (text !== '') {
      const isJson = (res.headers.get('content-type') ?? '').includes('json');
      resBody = isJson ? (JSON.parse(text) as unknown) : text;
    }
    // The runtime re-serialises the body, so drop the length/encoding the site computed for its own.
    delete resHeaders['content-length'];
    delete resHeaders['content-encoding'];
    return { status: res.status, headers: resHeaders, body: resBody };
  };
}
