import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { z } from 'zod';
import { browserScript } from '../host/browser-scripts';
import { buildForgeContext } from '../host/context';
import { HOST_PATHS, renderHostPage } from '../host/host-page';
import { tokensCss } from '../host/tokens-css';
import { InvocationLimitError } from '../runtime/invocation-errors';
import type { SimHandler } from '../sim/http-types';
import { findUserById, LOCAL_USERS } from '../sim/users';
import {
  basicAuthUser,
  contentTypeFor,
  HttpError,
  readBody,
  readJsonBody,
  redirect,
  safeBackPath,
  sendHtml,
  sendJson,
  sessionColorMode,
  sessionLocale,
  sessionUser,
  USER_COOKIE,
} from './http-util';
import type { AppManifest, ManifestModule } from './manifest';
import { layout, messagePage, SITE_PATHS } from './pages';
import { assertRequestPolicy } from './request-policy';
import { changeFromVersionPage, releaseFromVersionPage, routePage, transitionFromIssuePage } from './site-routes';
import { WEBHOOKS_PAGE } from './webtrigger';
import { attachmentDisposition, EXPORT_FORMATS, exportPage, type ExportFormat, type MacroExportRunner } from './export/page-export';

/** One resolver call, as `POST /api/invoke` received it and validated it. */
export interface ResolverCall {
  module: ManifestModule;
  /** The manifest function that runs the module's resolver (`function[].key`). */
  functionName: string;
  functionKey: string;
  payload: Record<string, unknown>;
  accountId: string;
  extension: Record<string, unknown>;
  localId: string;
  /** The caller's Forge locale tag (the user menu's language), as the resolver context carries it. */
  locale?: string;
}

/** Runs a resolver the way Forge would and returns its result; throws with a user-facing message. */
export type ResolverRunner = (call: ResolverCall) => Promise<unknown>;

/** Where a macro's configuration (what `view.submit` sends from its config view) is kept. */
export interface MacroConfigStore {
  get(contentId: string, localId: string): Record<string, unknown> | undefined;
  set(contentId: string, localId: string, config: Record<string, unknown>): void;
}

export interface SiteServerDeps {
  manifest: AppManifest;
  /** Jira and Confluence REST (simulated, with fault knobs), answering as the request's user. */
  products: SimHandler;
  runResolver: ResolverRunner;
  macroConfigs: MacroConfigStore;
  /** False on a site without Confluence (PREFLIGHT_LOCAL_PRODUCTS=jira): its pages are absent. Default true. */
  confluenceConnected?: boolean;
  /** Extra routes (web trigger URLs, the webhook sink's page); answers true when it served the request. */
  extraRoutes?: (req: IncomingMessage, res: ServerResponse, url: URL, chrome: () => ReturnType<typeof chromeFor>) => Promise<boolean>;
  /** Called with each CSP violation report a module frame sends. */
  onCspViolation?: (report: unknown) => void;
  /** Runs a macro's adfExport function for the Word/PDF export of a page; absent: pages offer no export. */
  runMacroExport?: MacroExportRunner;
}

const invokeBody = z.object({
  moduleKey: z.string().min(1),
  functionKey: z.string().min(1),
  payload: z.record(z.string(), z.unknown()).default({}),
  accountId: z.string().min(1),
  extension: z.record(z.string(), z.unknown()).default({}),
  localId: z.string().optional(),
});

const macroConfigBody = z.object({
  contentId: z.string().min(1),
  localId: z.string().min(1),
  config: z.record(z.string(), z.unknown()),
});

/**
 * On Confluence a macro is configured in the page editor, so only people who may edit the page can
 * change its macros' configuration (a viewer sees the macro, never its config dialog). The local
 * site asks the simulated Confluence, as the signed-in person, what they may do with the page
 * (GET /wiki/api/v2/pages/{id}/operations) and refuses unless `update` is among them.
 */
async function macroConfigRefusal(deps: SiteServerDeps, accountId: string, contentId: string): Promise<{ status: number; message: string } | undefined> {
  if (!/^\d{1,18}$/.test(contentId)) return { status: 400, message: 'contentId: expected a Confluence page id' };
  const answer = await deps.products({
    method: 'GET',
    path: `/wiki/api/v2/pages/${contentId}/operations`,
    query: new URLSearchParams(),
    headers: {},
    body: undefined,
    accountId,
    asApp: false,
  });
  if (!answer || answer.status === 404) return { status: 404, message: `There is no Confluence page ${contentId}.` };
  const operations = z.object({ operations: z.array(z.looseObject({ operation: z.string() })) }).safeParse(answer.body);
  const mayEdit = answer.status === 200 && operations.success && operations.data.operations.some((o) => o.operation === 'update');
  return mayEdit ? undefined : { status: 403, message: 'Only people who can edit this page can configure its macros.' };
}

/** Zod issue -> "field: expected ..." for 400 answers. */
function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || '(body)';
  return `${field}: ${issue?.message ?? 'invalid'}`;
}

const REST_PREFIXES = ['/rest/', '/wiki/api/', '/wiki/rest/'];

/**
 * Routes a program (or the site's own scripts) calls: their errors are JSON `{error}`, never an
 * HTML page. Everything else is a page a person opens, whose errors are an HTML message page.
 */
function isApiPath(path: string): boolean {
  return (
    path.startsWith('/api/') ||
    REST_PREFIXES.some((p) => path.startsWith(p)) ||
    path.startsWith('/x1/') ||
    path === `${WEBHOOKS_PAGE}.json` ||
    path === SITE_PATHS.macroConfig ||
    path === SITE_PATHS.switchUser ||
    path === HOST_PATHS.cspReport
  );
}

/**
 * The local site's HTTP server: simulated product REST at the site root, the resolver endpoint,
 * module frames with the bridge, and the HTML pages around them. Errors become a JSON error or an
 * HTML error page with a message, never a stack trace.
 */
export function createSiteServer(deps: SiteServerDeps): Server {
  return createServer((req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (status >= 500) console.error(`[local site] ${req.method} ${req.url}:`, error);
      if (res.headersSent) {
        res.end();
        return;
      }
      const url = req.url ?? '/';
      // A refused Host or Origin gets JSON whatever the route: no page is rendered for another site.
      if (status === 421 || status === 403 || isApiPath(url.split('?')[0] ?? url)) {
        sendJson(res, status, { error: message });
      } else {
        const heading = status === 404 ? 'Page not found' : 'Something went wrong';
        sendHtml(res, status, layout(chromeFor(req), 'Preflight local site', heading, messagePage(heading, message)));
      }
    });
  });
}

function chromeFor(req: IncomingMessage) {
  return { user: sessionUser(req), users: LOCAL_USERS, colorMode: sessionColorMode(req), locale: sessionLocale(req), currentPath: req.url ?? '/' };
}

async function handle(deps: SiteServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // One Host/Origin policy before any route (see request-policy.ts); it throws 421 or 403.
  assertRequestPolicy(req);
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://local.invalid');
  } catch {
    throw new HttpError(400, 'Malformed request target');
  }
  // `//evil.example/x` as a request target would parse as another host: only paths are addressed here.
  if (url.origin !== 'http://local.invalid') throw new HttpError(400, 'Malformed request target');
  const path = url.pathname;
  const method = req.method ?? 'GET';

  if (deps.extraRoutes && (await deps.extraRoutes(req, res, url, () => chromeFor(req)))) return;
  if (REST_PREFIXES.some((p) => path.startsWith(p))) return serveRest(deps, req, res, url);
  if (path === '/api/invoke') {
    if (method !== 'POST') throw new HttpError(405, 'Use POST for /api/invoke');
    assertFromThisSite(req);
    return serveInvoke(deps, req, res);
  }
  if (path === HOST_PATHS.bridgeScript) return sendText(res, browserScript('frame-bridge'), 'text/javascript; charset=utf-8');
  if (path === SITE_PATHS.chromeScript) return sendText(res, browserScript('site-chrome'), 'text/javascript; charset=utf-8');
  if (path === HOST_PATHS.tokensCss) return sendText(res, tokensCss(), 'text/css; charset=utf-8');
  // Browsers ask for /favicon.ico whatever the page says; answering keeps the console clean.
  if (path === SITE_PATHS.favicon) return sendText(res, await readFile(join(__dirname, 'assets', 'favicon.svg'), 'utf8'), 'image/svg+xml');
  if (path === SITE_PATHS.css) return sendText(res, await readFile(join(__dirname, 'assets', 'site.css'), 'utf8'), 'text/css; charset=utf-8');
  if (path === HOST_PATHS.cspReport && method === 'POST') {
    deps.onCspViolation?.(await readJsonBody(req));
    res.writeHead(204).end();
    return;
  }
  if (path === SITE_PATHS.switchUser) {
    // A POST from the site's own switcher form (the Origin policy above refused other sites): a GET
    // would let any page, image or link elsewhere sign the visitor in as someone else.
    if (method !== 'POST') return sendJson(res, 405, { error: 'Use POST for /site/switch-user (the user switcher form)' }, { allow: 'POST' });
    if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) {
      throw new HttpError(415, 'Content-Type: expected application/x-www-form-urlencoded (the user switcher form)');
    }
    const form = new URLSearchParams(await readBody(req));
    const user = findUserById(form.get('accountId') ?? '');
    if (!user) throw new HttpError(400, 'accountId: expected one of the local users');
    res.writeHead(303, {
      location: safeBackPath(form.get('back')),
      'set-cookie': `${USER_COOKIE}=${encodeURIComponent(user.accountId)}; Path=/; SameSite=Lax; Max-Age=31536000`,
    });
    res.end();
    return;
  }
  if (path === SITE_PATHS.macroConfig && method === 'POST') {
    assertFromThisSite(req);
    const parsed = macroConfigBody.safeParse(await readJsonBody(req));
    if (!parsed.success) return sendJson(res, 400, { error: describeZodError(parsed.error) });
    const refusal = await macroConfigRefusal(deps, sessionUser(req).accountId, parsed.data.contentId);
    if (refusal) return sendJson(res, refusal.status, { error: refusal.message });
    deps.macroConfigs.set(parsed.data.contentId, parsed.data.localId, parsed.data.config);
    return sendJson(res, 200, { result: 'saved' });
  }
  const hostMatch = /^\/host\/([^/]+)(\/.*)?$/.exec(path);
  if (hostMatch?.[1]) return serveHost(deps, req, res, url, decodePathSegment(hostMatch[1]), hostMatch[2]);
  // The local Jira issue page's workflow buttons (forms; the Origin policy above refused other sites).
  const transitionMatch = /^\/browse\/([^/]+)\/transitions$/.exec(path);
  if (transitionMatch && method === 'POST') {
    const form = new URLSearchParams(await readBody(req));
    const done = await transitionFromIssuePage(deps.products, sessionUser(req).accountId, decodePathSegment(transitionMatch[1]!), form.get('transitionId') ?? '');
    if (done.kind === 'redirect') return redirect(res, done.location);
  }
  // The local Jira version page's "Release" button (a form; the Origin policy above refused other sites).
  const releaseMatch = /^\/jira\/projects\/([^/]+)\/versions\/(\d+)\/release$/.exec(path);
  if (releaseMatch && method === 'POST') {
    const done = await releaseFromVersionPage(deps.products, sessionUser(req).accountId, decodePathSegment(releaseMatch[1]!), releaseMatch[2]!);
    if (done.kind === 'redirect') return redirect(res, done.location);
  }
  // The confirm step of the version page's "Delete…" and "Merge into…" (forms; the Origin policy above refused other sites).
  const changeMatch = /^\/jira\/projects\/([^/]+)\/versions\/(\d+)\/(delete|merge)$/.exec(path);
  if (changeMatch && method === 'POST') {
    const form = new URLSearchParams(await readBody(req));
    const change = changeMatch[3] === 'merge' ? { action: 'merge' as const, into: form.get('moveIssuesTo') ?? '' } : { action: 'delete' as const, ...(form.get('moveFixIssuesTo') && { moveTo: form.get('moveFixIssuesTo')! }) };
    const done = await changeFromVersionPage(deps.products, sessionUser(req).accountId, decodePathSegment(changeMatch[1]!), changeMatch[2]!, change);
    if (done.kind === 'redirect') return redirect(res, done.location);
  }
  if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, `${method} is not supported on ${path}`);
  // Confluence's "Export to Word / PDF" of a page: a download, built as the signed-in person.
  const exportMatch = /^\/wiki\/pages\/(\d{1,18})\/export$/.exec(path);
  if (exportMatch && deps.runMacroExport && (deps.confluenceConnected ?? true)) return serveExport(deps, req, res, exportMatch[1]!, url.searchParams.get('format'));

  const chrome = chromeFor(req);
  const page = await routePage({
    path,
    query: url.searchParams,
    chrome,
    manifest: deps.manifest,
    products: deps.products,
    macroConfigs: deps.macroConfigs,
    confluenceConnected: deps.confluenceConnected ?? true,
    pageExport: deps.runMacroExport !== undefined,
  });
  if (page.kind === 'redirect') return redirect(res, page.location);
  sendHtml(res, page.status, layout(chrome, page.product, page.title, page.body));
}

/** `GET /wiki/pages/{id}/export?format=word|pdf`: the page as a .docx or .pdf attachment. */
async function serveExport(deps: SiteServerDeps, req: IncomingMessage, res: ServerResponse, pageId: string, format: string | null): Promise<void> {
  if (!EXPORT_FORMATS.includes(format as ExportFormat)) throw new HttpError(400, `format: expected ${EXPORT_FORMATS.join(' or ')}`);
  const file = await exportPage({
    pageId,
    format: format as ExportFormat,
    accountId: sessionUser(req).accountId,
    locale: sessionLocale(req),
    siteUrl: `http://${req.headers.host ?? 'localhost'}`,
    manifest: deps.manifest,
    products: deps.products,
    macroConfigs: deps.macroConfigs,
    runMacroExport: deps.runMacroExport!,
  });
  if (!file) throw new HttpError(404, `There is no Confluence page ${pageId}.`);
  res.writeHead(200, { 'content-type': file.contentType, 'content-disposition': attachmentDisposition(file.filename), 'content-length': String(file.body.length), 'cache-control': 'no-store' });
  res.end(file.body);
}

/** @throws HttpError 400 for a malformed percent-encoding (`%ZZ`), which would otherwise be a 500. */
function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, 'Malformed path');
  }
}

function sendText(res: ServerResponse, text: string, contentType: string): void {
  res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-cache' });
  res.end(text);
}

/** Simulated REST: basic auth by a local user's email (any token), like a real site. */
async function serveRest(deps: SiteServerDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const user = basicAuthUser(req.headers.authorization);
  if (!user) {
    return sendJson(res, 401, { errorMessages: ['Authenticate with basic auth: a local user\'s email and any token.'] }, {
      'www-authenticate': 'Basic realm="Preflight local site"',
    });
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers[name.toLowerCase()] = value;
  }
  const body = await readJsonBody(req);
  const response = await deps.products({
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers,
    body,
    accountId: user.accountId,
    asApp: false,
  });
  if (!response) return sendJson(res, 404, { errorMessages: [`No simulated endpoint for ${req.method} ${url.pathname}`] });
  const outHeaders: Record<string, string> = { 'cache-control': 'no-store', ...(response.headers ?? {}) };
  if (response.body === undefined) {
    res.writeHead(response.status, outHeaders).end();
  } else if (typeof response.body === 'string') {
    res.writeHead(response.status, { 'content-type': 'text/plain; charset=utf-8', ...outHeaders }).end(response.body);
  } else {
    res.writeHead(response.status, { 'content-type': 'application/json; charset=utf-8', ...outHeaders }).end(JSON.stringify(response.body));
  }
}

/**
 * The local site acts for whoever it is told to (that is what makes it a test bench), so a page on
 * another site must not be able to drive it through the visitor's browser, least of all when it
 * is connected to a real Atlassian site. Host and Origin are checked for every route before this
 * (request-policy.ts); the resolver and macro endpoints also take JSON only, which a cross-site
 * form or a "simple" fetch cannot send without a CORS preflight this server never grants.
 * @throws HttpError 415.
 */
export function assertFromThisSite(req: IncomingMessage): void {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'Content-Type: expected application/json');
}

/** `POST /api/invoke`: runs the resolver the manifest names for the module. */
async function serveInvoke(deps: SiteServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const parsed = invokeBody.safeParse(await readJsonBody(req));
  if (!parsed.success) return sendJson(res, 400, { error: describeZodError(parsed.error) });
  const body = parsed.data;
  if (!findUserById(body.accountId)) return sendJson(res, 401, { error: 'accountId: expected one of the local users' });
  const module = deps.manifest.modules.find((m) => m.key === body.moduleKey);
  if (!module) return sendJson(res, 404, { error: `moduleKey: no module ${body.moduleKey} in manifest.yml` });
  if (!module.resolverFunction) return sendJson(res, 404, { error: `moduleKey: module ${body.moduleKey} has no resolver in manifest.yml` });
  // A name every object inherits (`constructor`, `toString`, `__proto__`) is never a resolver's own
  // key: @forge/resolver looks keys up with `in`, so such a call is refused before it is dispatched.
  if (body.functionKey in Object.prototype) return sendJson(res, 404, { error: unknownFunctionKey(body.functionKey, module.resolverFunction) });
  try {
    const result = await deps.runResolver({
      module,
      functionName: module.resolverFunction,
      functionKey: body.functionKey,
      payload: body.payload,
      accountId: body.accountId,
      extension: body.extension,
      localId: body.localId ?? `${module.key}-local`,
      locale: sessionLocale(req),
    });
    sendJson(res, 200, { result: result ?? null });
  } catch (error) {
    // A platform limit (the 25 s timeout, an oversized payload) answers with its own status, so
    // the frame's invoke rejects with Forge's message as it would after deploy.
    const status = invokeFailureStatus(error);
    if (status === 404) return sendJson(res, 404, { error: unknownFunctionKey(body.functionKey, module.resolverFunction) });
    // Only the message: a stack would leak the server's file layout into the UI.
    sendJson(res, status, { error: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * The status `/api/invoke` answers for a resolver call that threw. A platform limit (the 25 s
 * timeout, an oversized payload) has its own; the error @forge/resolver throws for a key nobody
 * defined is the caller's mistake (404); anything else is the function failing (500).
 */
export function invokeFailureStatus(error: unknown): number {
  if (error instanceof InvocationLimitError) return error.httpStatus;
  if (error instanceof Error && error.message.startsWith('Resolver has no definition for ')) return 404;
  return 500;
}

const unknownFunctionKey = (key: string, functionName: string) => `functionKey: the resolver of function ${functionName} defines no key ${JSON.stringify(key)}`;

const frameQuery = z.object({
  ext: z.string().default('{}'),
  localId: z.string().min(1).max(200).default('local-1'),
  path: z.string().default('/'),
});

/** `/host/<moduleKey>/...`: the module's frame document, or a file of its resource build. */
async function serveHost(deps: SiteServerDeps, req: IncomingMessage, res: ServerResponse, url: URL, moduleKey: string, rest: string | undefined): Promise<void> {
  const module = deps.manifest.modules.find((m) => m.key === moduleKey);
  if (!module?.resourceDir) throw new HttpError(404, `No Custom UI module ${moduleKey} in manifest.yml`);
  if (rest === undefined) return redirect(res, `/host/${encodeURIComponent(moduleKey)}/${url.search}`);
  if (rest !== '/' && rest !== '/index.html') return serveResourceFile(res, module.resourceDir, rest);

  const query = frameQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) throw new HttpError(400, describeZodError(query.error));
  let extension: unknown;
  try {
    extension = JSON.parse(query.data.ext);
  } catch {
    throw new HttpError(400, 'ext: expected JSON');
  }
  const user = sessionUser(req);
  const siteOrigin = `http://${req.headers.host ?? 'localhost'}`;
  let context;
  try {
    context = buildForgeContext({
      moduleType: module.type,
      moduleKey,
      extension,
      localId: query.data.localId,
      user,
      siteUrl: siteOrigin,
      colorMode: sessionColorMode(req),
      locale: sessionLocale(req),
    });
  } catch (error) {
    throw new HttpError(400, error instanceof Error ? error.message : String(error));
  }
  const page = renderHostPage({
    resourceDir: module.resourceDir,
    context,
    userEmail: user.emailAddress,
    historyPath: query.data.path,
    permissions: deps.manifest.permissions,
    siteOrigin,
  });
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': page.csp });
  res.end(page.html);
}

async function serveResourceFile(res: ServerResponse, resourceDir: string, relative: string): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    throw new HttpError(400, 'Malformed path');
  }
  const file = normalize(join(resourceDir, decoded));
  // Refuse anything that escapes the resource directory (../, encoded or not).
  if (!file.startsWith(normalize(resourceDir) + sep)) throw new HttpError(404, 'Not found');
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new HttpError(404, `No file ${relative} in the resource build`);
  res.writeHead(200, { 'content-type': contentTypeFor(file), 'cache-control': 'no-cache' });
  res.end(await readFile(file));
}
