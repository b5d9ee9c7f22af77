import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { InvocationLimitError } from '../runtime/invocation-errors';
import { invokeWebTrigger } from '../runtime/invoke-trigger';
import type { SimRequest, SimResponse } from '../sim/http-types';
import { html } from './html';
import { readBody, sendHtml, sendJson } from './http-util';
import { layout, type Chrome } from './pages';
import type { WebhookSink } from './webhook-sink';

/**
 * Web triggers on the local site, at addresses shaped like Forge's (`<site>/x1/<id>`), running the
 * function the manifest names through the local Forge runtime; and the page that lists what the
 * webhook sink recorded (what Slack and Teams would have received).
 */

type Handler = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any -- Forge handlers are untyped

export interface WebTriggerModule {
  key: string;
  functionKey: string;
  /** The URL id, stable per app and module so a pipeline's configuration survives restarts. */
  id: string;
}

export const WEBHOOKS_PAGE = '/local/webhooks';

const manifestSchema = z.looseObject({ modules: z.looseObject({ webtrigger: z.array(z.looseObject({ key: z.string(), function: z.string() })).optional() }) });

/** The manifest's web trigger modules with their local URL ids. */
export function webTriggerModules(appRoot: string, appId: string): WebTriggerModule[] {
  const manifest = manifestSchema.parse(parseYaml(readFileSync(join(appRoot, 'manifest.yml'), 'utf8')));
  return (manifest.modules.webtrigger ?? []).map((m) => ({
    key: m.key,
    functionKey: m.function,
    id: createHash('sha256').update(`${appId}/${m.key}`).digest('hex').slice(0, 32),
  }));
}

export function webTriggerUrl(siteUrl: string, module: WebTriggerModule): string {
  return `${siteUrl.replace(/\/$/, '')}/x1/${module.id}`;
}

/**
 * Answers what @forge/api's `webTrigger.getUrl(moduleKey)` asks Atlassian's GraphQL gateway
 * (`createWebTriggerUrl`), so the app can show its own web trigger URL locally.
 */
export function stargateWebTriggers(modules: WebTriggerModule[], siteUrl: () => string) {
  const body = z.looseObject({ query: z.string(), variables: z.looseObject({ input: z.looseObject({ triggerKey: z.string() }) }).optional() });
  return async (req: SimRequest): Promise<SimResponse> => {
    const parsed = body.safeParse(req.body);
    if (req.path !== '/graphql' || !parsed.success || !parsed.data.query.includes('createWebTriggerUrl')) {
      return { status: 400, body: { errors: [{ message: 'The local site answers only createWebTriggerUrl on the GraphQL gateway.' }] } };
    }
    const module = modules.find((m) => m.key === parsed.data.variables?.input.triggerKey);
    if (!module) return { status: 200, body: { data: null, errors: [{ message: `No webtrigger module ${parsed.data.variables?.input.triggerKey} in manifest.yml` }] } };
    return { status: 200, body: { data: { createWebTriggerUrl: { url: webTriggerUrl(siteUrl(), module) } } } };
  };
}

const resultSchema = z.object({
  statusCode: z.number().int().min(100).max(599),
  headers: z.record(z.string(), z.array(z.string())).optional(),
  body: z.string().optional(),
  statusText: z.string().optional(),
});

export interface LocalIntegrationRoutes {
  /** Serves the request if it is a web trigger URL or the webhooks page; false when not ours. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL, chrome: () => Chrome): Promise<boolean>;
}

export function localIntegrationRoutes(deps: {
  modules: WebTriggerModule[];
  loadHandler: (functionKey: string) => Handler;
  sink: WebhookSink;
}): LocalIntegrationRoutes {
  return {
    async handle(req, res, url, chrome) {
      const match = /^\/x1\/([0-9a-f]{32})(\/.*)?$/.exec(url.pathname);
      if (match) {
        const module = deps.modules.find((m) => m.id === match[1]);
        if (!module) {
          sendJson(res, 404, { error: 'No web trigger at this address.' });
          return true;
        }
        await serveWebTrigger(req, res, url, module, deps.loadHandler(module.functionKey));
        return true;
      }
      if (url.pathname === WEBHOOKS_PAGE && (req.method === 'GET' || req.method === 'HEAD')) {
        sendHtml(res, 200, layout(chrome(), 'Preflight local site', 'Webhooks', webhooksPage(deps.sink)));
        return true;
      }
      if (url.pathname === `${WEBHOOKS_PAGE}.json` && req.method === 'GET') {
        sendJson(res, 200, { messages: deps.sink.messages });
        return true;
      }
      return false;
    },
  };
}

async function serveWebTrigger(req: IncomingMessage, res: ServerResponse, url: URL, module: WebTriggerModule, handler: Handler): Promise<void> {
  const headers: Record<string, string[]> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    (headers[name] ??= []).push(req.rawHeaders[i + 1] ?? '');
  }
  const queryParameters: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) (queryParameters[name] ??= []).push(value);
  let answer: unknown;
  try {
    answer = await invokeWebTrigger({
      handler,
      moduleKey: module.key,
      request: { method: req.method ?? 'GET', path: url.pathname, headers, queryParameters, body: await readBody(req) },
    });
  } catch (error) {
    // A platform limit (55 s, payload size) is the platform's answer, not the function's.
    if (!(error instanceof InvocationLimitError)) throw error;
    sendJson(res, error.httpStatus, { error: error.message });
    return;
  }
  const result = resultSchema.safeParse(answer);
  // Forge answers 500 when the function's result is not a web trigger response.
  if (!result.success) {
    sendJson(res, 500, { error: 'The web trigger function returned something that is not a web trigger response.' });
    return;
  }
  const out: Record<string, string | string[]> = {};
  for (const [name, values] of Object.entries(result.data.headers ?? {})) out[name] = values;
  res.writeHead(result.data.statusCode, out).end(result.data.body ?? '');
}

function webhooksPage(sink: WebhookSink) {
  const rows = [...sink.messages].reverse().map(
    (m) => html`<tr><td>${String(m.seq)}</td><td>${m.at}</td><td>${m.service}</td><td>${String(m.status)}</td><td><code>${new URL(m.url).host}</code></td><td><pre class="webhook-body">${JSON.stringify(m.body, null, 2)}</pre></td></tr>`,
  );
  return html`<section class="card"><p>What Slack and Teams would have received from the app (newest first). Egress to their hosts, as declared in manifest.yml, goes here instead of the internet.</p>
${rows.length === 0 ? html`<p>No messages yet.</p>` : html`<table class="webhooks"><thead><tr><th>#</th><th>At</th><th>Service</th><th>Status</th><th>Host</th><th>Body</th></tr></thead><tbody>${rows}</tbody></table>`}</section>`;
}
