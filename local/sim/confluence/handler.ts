/**
 * A simulated Confluence Cloud REST API v2 (spaces and pages), served under /wiki/api/v2 exactly
 * as Atlassian's published spec describes, so the app's Confluence adapter runs unchanged against
 * it. Behaviours that the spec leaves out follow the real service:
 *  - a page title is unique (ignoring case) among a space's current pages; a duplicate answers
 *    400 "A page with this title already exists" (Confluence does not use 409 for this);
 *  - an update must carry version.number = current + 1, otherwise 409 Conflict;
 *  - missing permission to write in a space answers 404, as the spec lists for createPage.
 * Errors use v2's `{errors:[{status, code, title, detail}]}` shape.
 */
import { z } from 'zod';
import type { SimHandler, SimRequest, SimResponse } from '../http-types';
import { adfProblems, bodyAs } from './bodies';
import {
  currentVersion,
  type ConfluenceBody,
  type ConfluencePage,
  type ConfluencePageVersion,
  type ConfluenceSpace,
  type ConfluenceState,
} from './state';

/** Options for createConfluenceSim. */
export interface ConfluenceSimOptions {
  /** Mutated in place by writes; the caller owns it (and persists it in onChange). */
  state: ConfluenceState;
  /** Called after every successful mutation. */
  onChange?: () => void;
  /** Origin used in `_links.base` (".../wiki"). Defaults to the request's Host, else localhost:4000. */
  siteUrl?: string;
  /** Clock for createdAt stamps; tests pass a fixed one. */
  now?: () => Date;
}

const API_ROOT = '/wiki/api/v2';
/** The id the app writes as when it calls `asApp()` without a user. */
export const CONFLUENCE_APP_ACCOUNT_ID = '557058:preflight-app';
const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 250;

type Format = 'storage' | 'atlas_doc_format';
const VIEW_FORMATS = new Set(['view', 'export_view', 'anonymous_export_view', 'styled_view', 'editor']);

/** A request-level failure carried up to the router as the response to send. */
class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    title: string,
  ) {
    super(title);
  }
}

const badRequest = (title: string): ApiError => new ApiError(400, 'INVALID_REQUEST_PARAMETER', title);
const notFound = (title: string): ApiError => new ApiError(404, 'NOT_FOUND', title);

function errorResponse(err: ApiError): SimResponse {
  return { status: err.status, body: { errors: [{ status: err.status, code: err.code, title: err.message, detail: null }] } };
}

// ---------- query parsing ----------

/** All values of an array parameter: repeated (`keys=A&keys=B`) or comma-separated (`keys=A,B`). */
function listParam(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function idListParam(query: URLSearchParams, name: string): string[] {
  const ids = listParam(query, name);
  const bad = ids.find((id) => !/^\d+$/.test(id));
  if (bad !== undefined) throw badRequest(`Query parameter '${name}' must hold numeric ids, got '${bad}'`);
  return ids;
}

function boolParam(query: URLSearchParams, name: string, fallback: boolean): boolean {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw badRequest(`Query parameter '${name}' must be true or false, got '${raw}'`);
}

function limitParam(query: URLSearchParams): number {
  const raw = query.get('limit');
  if (raw === null) return DEFAULT_LIMIT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) throw badRequest(`Query parameter 'limit' must be an integer from 1 to ${MAX_LIMIT}, got '${raw}'`);
  return n;
}

/** Cursors are opaque to clients; here they carry the offset of the next item. */
function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64url');
}

function cursorOffset(query: URLSearchParams): number {
  const raw = query.get('cursor');
  if (raw === null) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { offset?: unknown };
    if (typeof parsed.offset === 'number' && Number.isInteger(parsed.offset) && parsed.offset >= 0) return parsed.offset;
  } catch {
    // fall through to the error below
  }
  throw badRequest(`Query parameter 'cursor' is not a cursor this API returned`);
}

function listBodyFormat(query: URLSearchParams): Format | undefined {
  const raw = query.get('body-format');
  if (raw === null) return undefined;
  if (raw === 'storage' || raw === 'atlas_doc_format') return raw;
  throw badRequest(`Query parameter 'body-format' must be storage or atlas_doc_format, got '${raw}'`);
}

// ---------- JSON shapes ----------

interface Ctx {
  state: ConfluenceState;
  base: string;
  now: () => Date;
  actor: string;
  changed: () => void;
}

function spaceById(ctx: Ctx, id: string): ConfluenceSpace | undefined {
  return ctx.state.spaces.find((s) => s.id === id);
}

function versionJson(v: ConfluencePageVersion): Record<string, unknown> {
  return { createdAt: v.createdAt, message: v.message, number: v.number, minorEdit: v.minorEdit, authorId: v.authorId };
}

/**
 * The body object for a response: empty unless a format was asked for, as Confluence does.
 * View-like formats get the storage XHTML, which is already renderable HTML here.
 */
function bodyJson(body: ConfluenceBody, format: string | undefined): Record<string, unknown> {
  if (format === undefined) return {};
  if (format === 'storage' || format === 'atlas_doc_format') return { [format]: bodyAs(body, format) };
  return { [format]: { representation: format, value: bodyAs(body, 'storage').value } };
}

function pageLinks(ctx: Ctx, page: ConfluencePage): Record<string, string> {
  const key = spaceById(ctx, page.spaceId)?.key ?? page.spaceId;
  // Relative to `_links.base` (".../wiki"), like Confluence's own links: base + webui opens the page.
  return {
    webui: `/spaces/${key}/pages/${page.id}`,
    editui: `/pages/resumedraft.action?draftId=${page.id}`,
    tinyui: `/x/${Buffer.from(page.id).toString('base64url')}`,
  };
}

function pageJson(ctx: Ctx, page: ConfluencePage, version: ConfluencePageVersion, format: string | undefined, opts: { single: boolean; includeVersion?: boolean }): Record<string, unknown> {
  const isLatest = version === currentVersion(page);
  return {
    id: page.id,
    status: isLatest ? page.status : 'historical',
    title: version.title,
    spaceId: page.spaceId,
    ...(page.parentId === undefined ? {} : { parentId: page.parentId, parentType: 'page' }),
    position: page.position,
    authorId: page.authorId,
    ownerId: page.ownerId,
    lastOwnerId: null,
    createdAt: page.createdAt,
    ...(opts.includeVersion === false ? {} : { version: versionJson(version) }),
    body: bodyJson(version.body, format),
    _links: opts.single ? { ...pageLinks(ctx, page), base: ctx.base } : pageLinks(ctx, page),
  };
}

function spaceJson(ctx: Ctx, space: ConfluenceSpace, descriptionFormat: string | null, single: boolean): Record<string, unknown> {
  const description =
    descriptionFormat === 'plain'
      ? { description: { plain: { representation: 'plain', value: space.description } } }
      : descriptionFormat === 'view'
        ? { description: { view: { representation: 'view', value: `<p>${space.description}</p>` } } }
        : {};
  return {
    id: space.id,
    key: space.key,
    name: space.name,
    type: space.type,
    status: space.status,
    authorId: space.authorId,
    spaceOwnerId: space.authorId,
    ...(single ? {} : { currentActiveAlias: space.key }),
    createdAt: space.createdAt,
    homepageId: space.homepageId,
    ...description,
    _links: single ? { webui: `/spaces/${space.key}`, base: ctx.base } : { webui: `/spaces/${space.key}` },
  };
}

/** One page of a list plus the `next` link (and Link header) when more remain. */
function listResponse<T>(ctx: Ctx, req: SimRequest, items: T[], toJson: (item: T) => unknown): SimResponse {
  const limit = limitParam(req.query);
  const offset = cursorOffset(req.query);
  const slice = items.slice(offset, offset + limit);
  const links: Record<string, string> = { base: ctx.base };
  const headers: Record<string, string> = {};
  if (offset + limit < items.length) {
    const nextQuery = new URLSearchParams(req.query);
    nextQuery.set('cursor', encodeCursor(offset + limit));
    links['next'] = `${req.path}?${nextQuery.toString()}`;
    headers['link'] = `<${links['next']}>; rel="next", <${ctx.base}>; rel="base"`;
  }
  return { status: 200, headers, body: { results: slice.map(toJson), _links: links } };
}

// ---------- permissions ----------

function canWrite(ctx: Ctx, space: ConfluenceSpace): boolean {
  return !space.readOnlyAccountIds.includes(ctx.actor);
}

function requireWritableSpace(ctx: Ctx, spaceId: string): ConfluenceSpace {
  const space = spaceById(ctx, spaceId);
  // Confluence answers 404 both for a missing space and for one the user may not write to.
  if (!space || !canWrite(ctx, space)) throw notFound(`Space ${spaceId} does not exist or you do not have permission to create or edit pages in it`);
  return space;
}

// ---------- pages: reads ----------

const PAGE_SORTS = ['id', '-id', 'created-date', '-created-date', 'modified-date', '-modified-date', 'title', '-title'] as const;

function sortPages(pages: ConfluencePage[], sort: string | null): ConfluencePage[] {
  if (sort === null) return pages;
  if (!(PAGE_SORTS as readonly string[]).includes(sort)) throw badRequest(`Query parameter 'sort' must be one of ${PAGE_SORTS.join(', ')}`);
  const desc = sort.startsWith('-');
  const field = desc ? sort.slice(1) : sort;
  const key = (p: ConfluencePage): string | number =>
    field === 'id' ? Number(p.id) : field === 'title' ? currentVersion(p).title.toLowerCase() : field === 'created-date' ? p.createdAt : currentVersion(p).createdAt;
  return [...pages].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const cmp = ka < kb ? -1 : ka > kb ? 1 : Number(a.id) - Number(b.id);
    return desc ? -cmp : cmp;
  });
}

const LISTABLE_STATUSES = ['current', 'archived', 'deleted', 'trashed'];

function filterPages(ctx: Ctx, req: SimRequest, pages: ConfluencePage[]): ConfluencePage[] {
  const statuses = listParam(req.query, 'status');
  const bad = statuses.find((s) => !LISTABLE_STATUSES.includes(s));
  if (bad !== undefined) throw badRequest(`Query parameter 'status' must be among ${LISTABLE_STATUSES.join(', ')}, got '${bad}'`);
  // By default Confluence lists current and archived pages; the simulator has no archive.
  const wanted = new Set(statuses.length > 0 ? statuses : ['current', 'archived']);
  const title = req.query.get('title');
  const subtype = req.query.get('subtype');
  const filtered = pages.filter(
    (p) =>
      wanted.has(p.status) &&
      (title === null || currentVersion(p).title === title) &&
      // Every simulated page is an ordinary page; none is a "live" doc.
      (subtype === null || subtype === 'page'),
  );
  return sortPages(filtered, req.query.get('sort'));
}

function getPages(ctx: Ctx, req: SimRequest): SimResponse {
  const ids = new Set(idListParam(req.query, 'id'));
  const spaceIds = new Set(idListParam(req.query, 'space-id'));
  const format = listBodyFormat(req.query);
  const pages = ctx.state.pages.filter((p) => (ids.size === 0 || ids.has(p.id)) && (spaceIds.size === 0 || spaceIds.has(p.spaceId)));
  return listResponse(ctx, req, filterPages(ctx, req, pages), (p) => pageJson(ctx, p, currentVersion(p), format, { single: false }));
}

function getPagesInSpace(ctx: Ctx, req: SimRequest, spaceId: string): SimResponse {
  if (!spaceById(ctx, spaceId)) throw notFound(`Space ${spaceId} does not exist`);
  const depth = req.query.get('depth') ?? 'all';
  if (depth !== 'all' && depth !== 'root') throw badRequest(`Query parameter 'depth' must be all or root, got '${depth}'`);
  const format = listBodyFormat(req.query);
  const pages = ctx.state.pages.filter((p) => p.spaceId === spaceId && (depth === 'all' || p.parentId === undefined));
  return listResponse(ctx, req, filterPages(ctx, req, pages), (p) => pageJson(ctx, p, currentVersion(p), format, { single: false }));
}

function pageById(ctx: Ctx, id: string): ConfluencePage {
  const page = ctx.state.pages.find((p) => p.id === id);
  if (!page) throw notFound(`Page ${id} does not exist`);
  return page;
}

/**
 * GET /pages/{id}/operations: what the caller may do with the page. Everyone who can see the page
 * may read it; people with the space's edit permission (not in its read-only list) may also update
 * and delete it. Confluence's editor (and so macro configuration, which happens in the editor)
 * needs `update`: the local site asks this before saving a macro's configuration.
 */
function getPageOperations(ctx: Ctx, _req: SimRequest, id: string): SimResponse {
  const page = pageById(ctx, id);
  const space = spaceById(ctx, page.spaceId);
  const operations = [{ operation: 'read', targetType: 'page' }];
  if (space && canWrite(ctx, space)) operations.push({ operation: 'update', targetType: 'page' }, { operation: 'delete', targetType: 'page' });
  return { status: 200, body: { operations } };
}

function getPageById(ctx: Ctx, req: SimRequest, id: string): SimResponse {
  const page = pageById(ctx, id);
  const format = req.query.get('body-format') ?? undefined;
  if (format !== undefined && format !== 'storage' && format !== 'atlas_doc_format' && !VIEW_FORMATS.has(format)) {
    throw badRequest(`Query parameter 'body-format' is not a body representation: '${format}'`);
  }
  const statuses = listParam(req.query, 'status');
  const allowed = new Set(statuses.length > 0 ? statuses : ['current', 'archived']);
  if (boolParam(req.query, 'get-draft', false)) allowed.add('draft');
  // A page outside the requested statuses is answered as not found, like Confluence does.
  if (!allowed.has(page.status)) throw notFound(`Page ${id} does not exist with status ${[...allowed].join(', ')}`);
  const versionRaw = req.query.get('version');
  let version = currentVersion(page);
  if (versionRaw !== null) {
    const found = page.versions.find((v) => String(v.number) === versionRaw);
    if (!found) throw notFound(`Page ${id} has no version ${versionRaw}`);
    version = found;
  }
  const includeVersion = boolParam(req.query, 'include-version', true);
  return { status: 200, body: pageJson(ctx, page, version, format, { single: true, includeVersion }) };
}

// ---------- pages: writes ----------

const flatBody = z.object({ representation: z.string(), value: z.string() });
const nestedBody = z.object({ storage: flatBody.optional(), atlas_doc_format: flatBody.optional(), wiki: flatBody.optional() });
const writeBody = z.union([flatBody, nestedBody]);

const createSchema = z.object({
  spaceId: z.string().regex(/^\d+$/, 'a numeric space id as a string'),
  status: z.enum(['current', 'draft']).default('current'),
  title: z.string().optional(),
  parentId: z.string().optional(),
  body: writeBody.optional(),
  subtype: z.literal('live').optional(),
});

const updateSchema = z.object({
  id: z.string(),
  status: z.enum(['current', 'draft']),
  title: z.string(),
  spaceId: z.string().optional(),
  parentId: z.string().optional(),
  ownerId: z.string().optional(),
  body: writeBody,
  version: z.object({ number: z.number().int(), message: z.string().optional() }),
});

/** zod's first complaint as a sentence that names the field. */
function zodProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request body is not valid';
  const field = issue.path.join('.') || 'body';
  return `Field '${field}': ${issue.message}`;
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw badRequest(zodProblem(result.error));
  return result.data;
}

/** Turns either documented body shape into the one stored representation, checking ADF. */
function storedBody(body: z.infer<typeof writeBody> | undefined): ConfluenceBody {
  if (body === undefined) return { representation: 'storage', value: '' };
  const flat = 'representation' in body ? body : (body.atlas_doc_format ?? body.storage ?? body.wiki);
  if (!flat) return { representation: 'storage', value: '' };
  if (flat.representation !== 'storage' && flat.representation !== 'atlas_doc_format') {
    // Confluence converts wiki markup on write; the simulator does not implement that conversion.
    throw badRequest(`Body representation '${flat.representation}' is not supported here; use storage or atlas_doc_format`);
  }
  if (flat.representation === 'atlas_doc_format') {
    const problems = adfProblems(flat.value);
    if (problems.length > 0) throw badRequest(`Invalid ADF in body: ${problems.join('; ')}`);
  }
  return { representation: flat.representation, value: flat.value };
}

/** Confluence keeps titles unique per space among current pages, ignoring case. */
function assertTitleFree(ctx: Ctx, space: ConfluenceSpace, title: string, exceptPageId?: string): void {
  const wanted = title.trim().toLowerCase();
  const clash = ctx.state.pages.find(
    (p) => p.spaceId === space.id && p.status === 'current' && p.id !== exceptPageId && currentVersion(p).title.trim().toLowerCase() === wanted,
  );
  if (clash) {
    throw badRequest(`A page with this title already exists: A page already exists with the title ${title} in the space with key ${space.key}`);
  }
}

function requireParent(ctx: Ctx, space: ConfluenceSpace, parentId: string): ConfluencePage {
  const parent = ctx.state.pages.find((p) => p.id === parentId && p.spaceId === space.id && p.status === 'current');
  if (!parent) throw notFound(`Parent page ${parentId} does not exist in space ${space.key}`);
  return parent;
}

function createPage(ctx: Ctx, req: SimRequest): SimResponse {
  const input = parseBody(createSchema, req.body);
  const rootLevel = boolParam(req.query, 'root-level', false);
  const space = requireWritableSpace(ctx, input.spaceId);
  const title = input.title?.trim() ?? '';
  if (input.status === 'current' && title === '') throw badRequest("Field 'title': a title is required for a published (current) page");
  if (rootLevel && input.parentId !== undefined) throw badRequest("'parentId' may not be given when 'root-level' is true");
  if (input.status === 'current') assertTitleFree(ctx, space, title);
  const parentId = rootLevel ? undefined : (input.parentId ?? space.homepageId);
  if (parentId !== undefined) requireParent(ctx, space, parentId);
  const body = storedBody(input.body);
  const createdAt = ctx.now().toISOString();
  const page: ConfluencePage = {
    id: String(ctx.state.nextId++),
    spaceId: space.id,
    ...(parentId === undefined ? {} : { parentId }),
    status: input.status,
    authorId: ctx.actor,
    ownerId: ctx.actor,
    createdAt,
    position: ctx.state.pages.filter((p) => p.spaceId === space.id && p.parentId === parentId).length,
    versions: [{ number: 1, title, body, message: '', minorEdit: false, authorId: ctx.actor, createdAt }],
  };
  ctx.state.pages.push(page);
  ctx.changed();
  return { status: 200, body: pageJson(ctx, page, currentVersion(page), body.representation, { single: true }) };
}

function updatePage(ctx: Ctx, req: SimRequest, id: string): SimResponse {
  const page = pageById(ctx, id);
  if (page.status === 'trashed') throw notFound(`Page ${id} is in the trash`);
  const input = parseBody(updateSchema, req.body);
  if (input.id !== id) throw badRequest(`Field 'id' (${input.id}) does not match the page id in the path (${id})`);
  requireWritableSpace(ctx, page.spaceId);
  const target = requireWritableSpace(ctx, input.spaceId ?? page.spaceId);
  const current = currentVersion(page);
  if (input.version.number !== current.number + 1) {
    throw new ApiError(409, 'CONFLICT', `Version must be incremented on update. Current version is: ${current.number}`);
  }
  const title = input.title.trim();
  if (title === '') throw badRequest("Field 'title': a title is required");
  if (input.status === 'current') assertTitleFree(ctx, target, title, page.id);
  const parentId = input.parentId ?? (target.id === page.spaceId ? page.parentId : target.homepageId);
  if (parentId === page.id) throw badRequest('A page cannot be its own parent');
  if (parentId !== undefined) requireParent(ctx, target, parentId);
  const body = storedBody(input.body);
  page.versions.push({
    number: input.version.number,
    title,
    body,
    message: input.version.message ?? '',
    minorEdit: false,
    authorId: ctx.actor,
    createdAt: ctx.now().toISOString(),
  });
  page.status = input.status;
  page.spaceId = target.id;
  if (parentId === undefined) delete page.parentId;
  else page.parentId = parentId;
  if (input.ownerId !== undefined) page.ownerId = input.ownerId;
  ctx.changed();
  return { status: 200, body: pageJson(ctx, page, currentVersion(page), body.representation, { single: true }) };
}

function deletePage(ctx: Ctx, req: SimRequest, id: string): SimResponse {
  const page = pageById(ctx, id);
  requireWritableSpace(ctx, page.spaceId);
  const purge = boolParam(req.query, 'purge', false);
  const draft = boolParam(req.query, 'draft', false);
  if (purge || draft) {
    // Purging empties a trashed page from the trash; draft=true discards a draft. Both are final.
    if (purge && page.status !== 'trashed') throw badRequest(`Page ${id} must be in the trash before it can be purged`);
    if (draft && page.status !== 'draft') throw badRequest(`Page ${id} is not a draft`);
    ctx.state.pages.splice(ctx.state.pages.indexOf(page), 1);
  } else {
    if (page.status === 'trashed') throw notFound(`Page ${id} is already in the trash`);
    if (page.status === 'draft') throw badRequest(`Page ${id} is a draft; delete it with draft=true`);
    page.status = 'trashed';
  }
  ctx.changed();
  return { status: 204 };
}

// ---------- spaces ----------

const SPACE_SORTS = ['id', '-id', 'key', '-key', 'name', '-name'] as const;

function descriptionFormat(query: URLSearchParams): string | null {
  const raw = query.get('description-format');
  if (raw !== null && raw !== 'plain' && raw !== 'view') throw badRequest(`Query parameter 'description-format' must be plain or view, got '${raw}'`);
  return raw;
}

function getSpaces(ctx: Ctx, req: SimRequest): SimResponse {
  const ids = new Set(idListParam(req.query, 'ids'));
  const keys = new Set(listParam(req.query, 'keys'));
  const type = req.query.get('type');
  const status = req.query.get('status');
  const labels = listParam(req.query, 'labels');
  const format = descriptionFormat(req.query);
  let spaces = ctx.state.spaces.filter(
    (s) =>
      (ids.size === 0 || ids.has(s.id)) &&
      (keys.size === 0 || keys.has(s.key)) &&
      (type === null || s.type === type) &&
      (status === null || s.status === status) &&
      // Simulated spaces carry no labels, so a label filter matches none.
      labels.length === 0,
  );
  const sort = req.query.get('sort');
  if (sort !== null) {
    if (!(SPACE_SORTS as readonly string[]).includes(sort)) throw badRequest(`Query parameter 'sort' must be one of ${SPACE_SORTS.join(', ')}`);
    const desc = sort.startsWith('-');
    const field = (desc ? sort.slice(1) : sort) as 'id' | 'key' | 'name';
    const key = (s: ConfluenceSpace): string | number => (field === 'id' ? Number(s.id) : s[field].toLowerCase());
    spaces = [...spaces].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (desc ? -1 : 1));
  }
  return listResponse(ctx, req, spaces, (s) => spaceJson(ctx, s, format, false));
}

function getSpaceById(ctx: Ctx, req: SimRequest, id: string): SimResponse {
  const space = spaceById(ctx, id);
  if (!space) throw notFound(`Space ${id} does not exist`);
  return { status: 200, body: spaceJson(ctx, space, descriptionFormat(req.query), true) };
}

// ---------- routing ----------

type Route = (ctx: Ctx, req: SimRequest, id: string) => SimResponse;

/** Path pattern (relative to /wiki/api/v2) -> handler per method. `{id}` must be numeric. */
const ROUTES: { pattern: RegExp; methods: Record<string, Route> }[] = [
  { pattern: /^\/spaces$/, methods: { GET: (ctx, req) => getSpaces(ctx, req) } },
  { pattern: /^\/spaces\/(\d+)$/, methods: { GET: getSpaceById } },
  { pattern: /^\/spaces\/(\d+)\/pages$/, methods: { GET: getPagesInSpace } },
  { pattern: /^\/pages$/, methods: { GET: (ctx, req) => getPages(ctx, req), POST: (ctx, req) => createPage(ctx, req) } },
  { pattern: /^\/pages\/(\d+)$/, methods: { GET: getPageById, PUT: updatePage, DELETE: deletePage } },
  { pattern: /^\/pages\/(\d+)\/operations$/, methods: { GET: getPageOperations } },
];

/**
 * The simulated Confluence as a SimHandler. Owns every path under /wiki/api/v2 (unknown ones
 * answer 404) and nothing else, so the local site's /wiki/spaces/... pages stay the site's.
 */
export function createConfluenceSim(opts: ConfluenceSimOptions): SimHandler {
  const now = opts.now ?? (() => new Date());
  return async (req) => {
    if (req.path !== API_ROOT && !req.path.startsWith(`${API_ROOT}/`)) return undefined;
    const rel = req.path.slice(API_ROOT.length).replace(/\/+$/, '') || '/';
    try {
      if (!req.accountId && !req.asApp) throw new ApiError(401, 'UNAUTHORIZED', 'Unauthorized; authentication credentials are missing or invalid');
      const host = req.headers['host'];
      const siteUrl = opts.siteUrl ?? (host ? `http://${host}` : 'http://localhost:4000');
      const ctx: Ctx = {
        state: opts.state,
        base: `${siteUrl.replace(/\/+$/, '')}/wiki`,
        now,
        // asApp() calls act as the app, whoever triggered them; the app may write in every space.
        actor: req.asApp ? CONFLUENCE_APP_ACCOUNT_ID : (req.accountId ?? CONFLUENCE_APP_ACCOUNT_ID),
        changed: () => opts.onChange?.(),
      };
      for (const { pattern, methods } of ROUTES) {
        const match = pattern.exec(rel);
        if (!match) continue;
        const route = methods[req.method.toUpperCase()];
        if (!route) {
          return { status: 405, headers: { allow: Object.keys(methods).join(', ') }, body: { errors: [{ status: 405, code: 'METHOD_NOT_ALLOWED', title: `${req.method} is not supported on ${req.path}`, detail: null }] } };
        }
        return route(ctx, req, match[1] ?? '');
      }
      throw notFound(`No such endpoint in the simulated Confluence: ${req.method} ${req.path}`);
    } catch (err) {
      if (err instanceof ApiError) return errorResponse(err);
      throw err;
    }
  };
}
