import type { SimHandler } from '../sim/http-types';
import { flashQuery, takeFlash } from './flash';
import { renderAdf, type AdfNode } from './adf';
import { html, type SafeHtml } from './html';
import { moduleDescription, moduleTitle, type AppManifest, type ManifestModule } from './manifest';
import {
  confluencePage,
  globalModulePage,
  issuePage,
  landingPage,
  macroBrowserPage,
  messagePage,
  moduleFrame,
  projectModulePage,
  spaceListPage,
  spacePage,
  versionChangePage,
  versionListPage,
  versionPage,
  type Chrome,
  type Product,
} from './pages';
import { ProductClient } from './product-client';
import { getIssue, getPage, getProject, getRelatedWork, getSpaceByKey, getVersion, listPages, listProjects, listSpaces, listTransitions, listVersions, mayEditPage, searchIssues, type ProjectView } from './product-reads';
import type { MacroConfigStore } from './server';

/** The HTML routes of the local site (everything that is not REST, the API or a frame). */

export interface PageRequest {
  path: string;
  query: URLSearchParams;
  chrome: Chrome;
  manifest: AppManifest;
  products: SimHandler;
  macroConfigs: MacroConfigStore;
  /** False when the site has no Confluence: /wiki pages do not exist and the landing page lists no spaces. */
  confluenceConnected: boolean;
  /** Whether Confluence pages offer Export to Word / PDF (the site can run the macros' adfExport). */
  pageExport?: boolean;
}

export type PageResult =
  | { kind: 'page'; status: number; product: Product; title: string; body: SafeHtml }
  | { kind: 'redirect'; location: string };

/** The project page module the "Releases" link opens. */
const RELEASES_MODULE_KEY = 'preflight-releases';

function page(product: Product, title: string, body: SafeHtml, status = 200): PageResult {
  return { kind: 'page', status, product, title, body };
}

function notFound(what: string): PageResult {
  return page('Preflight local site', 'Not found', messagePage('Page not found', what), 404);
}

/** `/host/<key>/?ext=...` for a module frame. */
export function frameSrc(module: ManifestModule, extension: Record<string, unknown>, localId: string, historyPath?: string): string {
  const query = new URLSearchParams({ ext: JSON.stringify(extension), localId });
  if (historyPath !== undefined) query.set('path', historyPath);
  return `/host/${encodeURIComponent(module.key)}/?${query.toString()}`;
}

function projectRef(project: ProjectView) {
  return { id: project.id, key: project.key, type: project.projectTypeKey };
}

/** Where a project page module lives: the Releases module at /releases, others under /apps/<key>. */
function projectModuleBase(projectKey: string, module: ManifestModule): string {
  const key = encodeURIComponent(projectKey);
  return module.key === RELEASES_MODULE_KEY ? `/jira/projects/${key}/releases` : `/jira/projects/${key}/apps/${encodeURIComponent(module.key)}`;
}

/** A module's title in the signed-in person's language (the manifest's translations). */
function titleOf(req: PageRequest, module: ManifestModule): string {
  return moduleTitle(req.manifest, module, req.chrome.locale);
}

function projectModuleLinks(req: PageRequest, projectKey: string): Array<{ href: string; title: string }> {
  const manifest = req.manifest;
  const pages = manifest.modules
    .filter((m) => m.type === 'jira:projectPage')
    .map((m) => ({ href: projectModuleBase(projectKey, m), title: titleOf(req, m) }));
  const versions = { href: `/jira/projects/${encodeURIComponent(projectKey)}/versions`, title: 'Versions (Jira)' };
  const settings = manifest.modules
    .filter((m) => m.type === 'jira:projectSettingsPage')
    .map((m) => ({ href: `/jira/projects/${encodeURIComponent(projectKey)}/settings/apps/${encodeURIComponent(m.key)}`, title: `${titleOf(req, m)} (settings)` }));
  // Jira's workflow settings: app validators on transitions (workflow-admin.ts serves the page).
  const workflow = { href: `/jira/projects/${encodeURIComponent(projectKey)}/settings/workflow`, title: 'Workflow (Jira)' };
  return [...pages, versions, ...settings, workflow];
}

/** Matches the request path to a page and renders it. Unknown routes and ids give a 404 page. */
export async function routePage(req: PageRequest): Promise<PageResult> {
  const client = new ProductClient(req.products, req.chrome.user.accountId);
  const segments = req.path.split('/').filter(Boolean).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  const [first, second, third, fourth, fifth, sixth] = segments;

  if (segments.length === 0) return landing(req, client);

  if (first === 'browse' && second && segments.length === 2) return issueView(req, client, second);

  // Forge's own address of a project page: /jira/{projectType}/projects/{key}/apps/{appId}/{envId}/{router path}.
  // Links the app builds (e.g. in a version's related work) use it; locally it shows the same page.
  if (first === 'jira' && third === 'projects' && fourth && fifth === 'apps' && segments.length >= 7) {
    const module = req.manifest.modules.find((m) => m.type === 'jira:projectPage');
    if (!module) return notFound('manifest.yml has no project page module.');
    const rest = segments.slice(7).map(encodeURIComponent).join('/');
    return { kind: 'redirect', location: `${projectModuleBase(fourth, module)}${rest ? `/${rest}` : ''}` };
  }

  // Jira's global page lives at /jira/apps/{appId}/{envId}/{router path}; locally at /jira/apps/{moduleKey}.
  if (first === 'jira' && second === 'apps' && third) {
    const module = req.manifest.modules.find((m) => m.type === 'jira:globalPage');
    if (!module) return notFound('manifest.yml has no jira:globalPage module.');
    if (third !== module.key) {
      // Forge's own address (a link the app built with its app and environment ids) shows the same page.
      const rest = segments.slice(4).map(encodeURIComponent).join('/');
      return fourth ? { kind: 'redirect', location: `${globalPageBase(module)}${rest ? `/${rest}` : ''}` } : notFound(`Nothing lives at ${req.path}.`);
    }
    return globalPageView(req, module, segments.slice(3));
  }

  if (first === 'jira' && second === 'projects' && third) {
    const project = await getProject(client, third);
    if (!project) return notFound(`There is no project ${third}, or ${req.chrome.user.displayName} cannot see it.`);
    if (fourth === 'releases') {
      const module = req.manifest.modules.find((m) => m.key === RELEASES_MODULE_KEY);
      if (!module) return notFound('manifest.yml has no preflight-releases module.');
      return projectModuleView(req, project, module, segments.slice(4));
    }
    if (fourth === 'apps' && fifth) {
      const module = req.manifest.modules.find((m) => m.key === fifth && m.type === 'jira:projectPage');
      if (!module) return notFound(`manifest.yml has no project page module ${fifth}.`);
      return projectModuleView(req, project, module, segments.slice(5));
    }
    if (fourth === 'versions' && fifth === undefined) {
      return page('Jira', `${project.name} versions`, versionListPage(project, await listVersions(client, project.key)));
    }
    if (fourth === 'versions' && fifth && segments.length === 5) {
      const version = await getVersion(client, fifth);
      if (!version || version.projectId !== project.id) return notFound(`There is no version ${fifth} in ${project.key}.`);
      const error = takeFlash(req.query.get('notice'));
      const [related, admin] = await Promise.all([getRelatedWork(client, version.id), mayManageVersions(client, project.key)]);
      return page('Jira', `${version.name} · ${project.name}`, versionPage(project, version, related, error, admin));
    }
    if (fourth === 'versions' && fifth && (sixth === 'delete' || sixth === 'merge') && segments.length === 6) {
      const version = await getVersion(client, fifth);
      if (!version || version.projectId !== project.id) return notFound(`There is no version ${fifth} in ${project.key}.`);
      const others = (await listVersions(client, project.key)).filter((v) => v.id !== version.id);
      const title = `${sixth === 'delete' ? 'Delete' : 'Merge'} ${version.name} · ${project.name}`;
      return page('Jira', title, versionChangePage(project, version, others, sixth));
    }
    if (fourth === 'settings' && fifth === undefined) {
      const settings = req.manifest.modules.filter((m) => m.type === 'jira:projectSettingsPage');
      const first = settings[0];
      if (!first) return page('Jira', `${project.name} settings`, messagePage(`${project.name} settings`, 'The app has no project settings page yet.'));
      return { kind: 'redirect', location: `/jira/projects/${encodeURIComponent(project.key)}/settings/apps/${encodeURIComponent(first.key)}` };
    }
    if (fourth === 'settings' && fifth === 'apps' && sixth) {
      const module = req.manifest.modules.find((m) => m.key === sixth && m.type === 'jira:projectSettingsPage');
      if (!module) return notFound(`manifest.yml has no project settings module ${sixth}.`);
      const title = titleOf(req, module);
      const frame = moduleFrame({ src: frameSrc(module, { project: projectRef(project) }, `${module.key}-${project.key}`), title });
      return page('Jira', `${title} · ${project.name}`, projectModulePage(project, `${title} (project settings)`, frame, []));
    }
    if (fourth === undefined) {
      const links = projectModuleLinks(req, project.key);
      return links[0] ? { kind: 'redirect', location: links[0].href } : notFound(`The app has no pages for project ${project.key}.`);
    }
    return notFound(`Nothing lives at ${req.path}.`);
  }

  if (first === 'wiki' && !req.confluenceConnected) {
    return notFound('Confluence is not connected to this site (PREFLIGHT_LOCAL_PRODUCTS). Start the site with PREFLIGHT_LOCAL_PRODUCTS=jira,confluence to add it.');
  }
  if (first === 'wiki') {
    if (second === 'spaces' && third === undefined) return page('Confluence', 'Spaces', spaceListPage(await listSpaces(client)));
    if (second === 'macros' && third === undefined) {
      const macros = req.manifest.modules
        .filter((m) => m.type === 'macro')
        .map((m) => ({ key: m.key, title: titleOf(req, m), description: moduleDescription(req.manifest, m, req.chrome.locale) }));
      return page('Confluence', 'Macro browser', macroBrowserPage(macros));
    }
    if (second === 'spaces' && third) {
      const space = await getSpaceByKey(client, third);
      if (!space) return notFound(`There is no Confluence space ${third}.`);
      if (fourth === undefined) return page('Confluence', space.name, spacePage(space, await listPages(client, space.id)));
      if (fourth === 'pages' && fifth) return confluencePageView(req, client, fifth, space.key);
      return notFound(`Nothing lives at ${req.path}.`);
    }
    if (second === 'pages' && third && segments.length === 3) return confluencePageView(req, client, third, undefined);
  }

  return notFound(`Nothing lives at ${req.path}.`);
}

async function landing(req: PageRequest, client: ProductClient): Promise<PageResult> {
  const projects = await listProjects(client);
  const withIssues = await Promise.all(
    projects.map(async (project) => ({
      project,
      issues: await searchIssues(client, `project = ${project.key} ORDER BY key ASC`, 5),
      moduleLinks: projectModuleLinks(req, project.key),
    })),
  );
  return page('Preflight local site', 'Start', landingPage({ apps: globalPageLinks(req), projects: withIssues, spaces: req.confluenceConnected ? await listSpaces(client) : [] }));
}

/** Where the app's Jira global page (Apps menu) lives on the local site. */
function globalPageBase(module: ManifestModule): string {
  return `/jira/apps/${encodeURIComponent(module.key)}`;
}

function globalPageLinks(req: PageRequest): Array<{ href: string; title: string }> {
  return req.manifest.modules.filter((m) => m.type === 'jira:globalPage').map((m) => ({ href: globalPageBase(m), title: titleOf(req, m) }));
}

function globalPageView(req: PageRequest, module: ManifestModule, rest: string[]): PageResult {
  const base = globalPageBase(module);
  const search = req.query.toString();
  const historyPath = `/${rest.map(encodeURIComponent).join('/')}${search ? `?${search}` : ''}`;
  const title = titleOf(req, module);
  const frame = moduleFrame({ src: frameSrc(module, {}, module.key, historyPath), title, historyBase: base });
  return page('Jira', title, globalModulePage(title, frame));
}

function projectModuleView(req: PageRequest, project: ProjectView, module: ManifestModule, rest: string[]): PageResult {
  const base = projectModuleBase(project.key, module);
  // The page's query is the frame's too (Forge mirrors the module's location in the URL), so a shared link keeps its filters.
  const search = req.query.toString();
  const historyPath = `/${rest.map(encodeURIComponent).join('/')}${search ? `?${search}` : ''}`;
  const frame = moduleFrame({
    src: frameSrc(module, { project: projectRef(project) }, `${module.key}-${project.key}`, historyPath),
    title: titleOf(req, module),
    historyBase: base,
  });
  const tabs = projectModuleLinks(req, project.key).map((l) => ({ ...l, current: l.href === base }));
  return page('Jira', `${titleOf(req, module)} · ${project.name}`, projectModulePage(project, titleOf(req, module), frame, tabs));
}

async function issueView(req: PageRequest, client: ProductClient, key: string): Promise<PageResult> {
  const issue = await getIssue(client, key);
  if (!issue) return notFound(`There is no issue ${key}, or ${req.chrome.user.displayName} cannot see it.`);
  const project = issue.fields.project;
  const extension = {
    issue: { id: issue.id, key: issue.key, type: issue.fields.issuetype?.name ?? 'Task', typeId: issue.fields.issuetype?.id ?? '' },
    project: { id: project?.id ?? '', key: project?.key ?? issue.key.split('-')[0] ?? '', type: project?.projectTypeKey ?? 'software' },
  };
  const panels = req.manifest.modules
    .filter((m) => m.type === 'jira:issuePanel' || m.type === 'jira:issueContext')
    .map(
      (m) => html`<section class="card"><h2>${titleOf(req, m)}</h2>${moduleFrame({ src: frameSrc(m, extension, `${m.key}-${issue.key}`), title: titleOf(req, m) })}</section>`,
    );
  const transitions = await listTransitions(client, issue.key);
  const error = takeFlash(req.query.get('notice'));
  return page('Jira', `${issue.key}: ${issue.fields.summary}`, issuePage(issue, issue.fields.description ? renderAdf(issue.fields.description) : html`<p class="muted">No description.</p>`, panels, transitions, error));
}

/** A Forge macro's extension key ends with `/static/<moduleKey>`; older ones are the key itself. */
export function macroModuleFor(manifest: AppManifest, node: AdfNode): ManifestModule | undefined {
  const extensionKey = String(node.attrs?.extensionKey ?? '');
  return manifest.modules.find((m) => m.type === 'macro' && (extensionKey === m.key || extensionKey.endsWith(`/static/${m.key}`)));
}

/**
 * A macro on a page: its local id, and its configuration (saved through Configure, else the node's
 * guestParams, where the seeded pages keep theirs). The page view and the Word/PDF export share it.
 */
export function macroPlacement(macroConfigs: MacroConfigStore, pageId: string, node: AdfNode, module: ManifestModule): { localId: string; config: unknown } {
  const parameters = (node.attrs?.parameters ?? {}) as { localId?: unknown; guestParams?: unknown };
  const localId = String(node.attrs?.localId ?? parameters.localId ?? `${module.key}-${pageId}`);
  const saved = macroConfigs.get(pageId, localId);
  return { localId, config: saved ?? (typeof parameters.guestParams === 'object' && parameters.guestParams !== null ? parameters.guestParams : undefined) };
}

async function confluencePageView(req: PageRequest, client: ProductClient, id: string, spaceKey: string | undefined): Promise<PageResult> {
  const found = await getPage(client, id);
  if (!found) return notFound(`There is no Confluence page ${id}.`);
  const [spaces, mayEdit] = await Promise.all([listSpaces(client), mayEditPage(client, found.id)]);
  const space = spaces.find((s) => s.id === found.spaceId);
  if (!space || (spaceKey !== undefined && space.key !== spaceKey)) return notFound(`Page ${id} is not in space ${spaceKey ?? ''}.`);
  let doc: unknown;
  try {
    doc = JSON.parse(found.body?.atlas_doc_format?.value ?? 'null');
  } catch {
    doc = undefined;
  }
  const body = renderAdf(doc, {
    extension: (node) => {
      const module = macroModuleFor(req.manifest, node);
      // Not one of the app's macros: the renderer shows a built-in bodied macro's body, else a placeholder.
      if (!module) return undefined;
      const { localId, config } = macroPlacement(req.macroConfigs, found.id, node, module);
      const extension = (configuring: boolean) => ({
        content: { id: found.id, type: 'page' },
        space: { id: space.id, key: space.key },
        ...(config ? { config } : {}),
        isEditing: configuring,
        macro: { isConfiguring: configuring },
      });
      // As on Confluence, where a macro is configured in the page editor: no edit right, no Configure
      // (saving would be refused with 403 anyway; see macroConfigRefusal in server.ts).
      const configure = module.hasConfig && mayEdit
        ? html`<div class="macro-toolbar"><button type="button" data-configure-src="${frameSrc(module, extension(true), localId)}" data-content-id="${found.id}" data-macro-local-id="${localId}">Configure</button></div>`
        : html``;
      return html`<div class="macro">${configure}${moduleFrame({ src: frameSrc(module, extension(false), localId), title: titleOf(req, module) })}</div>`;
    },
  });
  const exportHref = req.pageExport ? `/wiki/pages/${encodeURIComponent(found.id)}/export` : undefined;
  return page('Confluence', found.title, confluencePage(space, found.title, found.version?.number, body, exportHref));
}

/**
 * The version page's "Release" button, as Jira's Releases page does it: PUT /rest/api/3/version/{id}
 * with `released: true` as the signed-in user, through the simulated REST API (so permissions and
 * the product event are the API's). Back to the version page, with Jira's refusal when there is one.
 */
export async function releaseFromVersionPage(products: SimHandler, accountId: string, projectKey: string, versionId: string): Promise<PageResult> {
  const answer = await products({
    method: 'PUT',
    path: `/rest/api/3/version/${encodeURIComponent(versionId)}`,
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/json' },
    body: { released: true },
    accountId,
    asApp: false,
  });
  const back = `/jira/projects/${encodeURIComponent(projectKey)}/versions/${encodeURIComponent(versionId)}`;
  if (answer && answer.status < 300) return { kind: 'redirect', location: back };
  const body = (answer?.body ?? {}) as { errorMessages?: string[]; errors?: Record<string, string> };
  const message = body.errorMessages?.[0] ?? Object.values(body.errors ?? {})[0] ?? `Jira answered ${answer?.status ?? 404}`;
  return { kind: 'redirect', location: `${back}${flashQuery(message)}` };
}

/** Whether the signed-in person may manage the project's versions (Jira's Administer Projects). */
async function mayManageVersions(client: ProductClient, projectKey: string): Promise<boolean> {
  const response = await client.get('/rest/api/3/mypermissions', { projectKey, permissions: 'ADMINISTER_PROJECTS' });
  const body = response.body as { permissions?: Record<string, { havePermission?: boolean }> } | undefined;
  return response.status === 200 && body?.permissions?.ADMINISTER_PROJECTS?.havePermission === true;
}

/**
 * The confirm step's buttons of Jira's "Delete version" and "Merge versions" dialogs: DELETE
 * /rest/api/3/version/{id} (with `moveFixIssuesTo` when a version was chosen) or PUT
 * /rest/api/3/version/{id}/mergeto/{target}, as the signed-in user through the simulated REST API,
 * so Jira's permission check and product events are the API's. A deletion goes back to the
 * versions list, a merge to the version merged into; a refusal to the version page with Jira's words.
 */
export async function changeFromVersionPage(
  products: SimHandler,
  accountId: string,
  projectKey: string,
  versionId: string,
  change: { action: 'delete'; moveTo?: string } | { action: 'merge'; into: string },
): Promise<PageResult> {
  const id = encodeURIComponent(versionId);
  const versions = `/jira/projects/${encodeURIComponent(projectKey)}/versions`;
  if (change.action === 'merge' && !/^\d+$/.test(change.into)) return { kind: 'redirect', location: `${versions}/${id}${flashQuery('Choose the version to merge into.')}` };
  const query = new URLSearchParams(change.action === 'delete' && change.moveTo ? { moveFixIssuesTo: change.moveTo } : {});
  const answer = await products({
    method: change.action === 'delete' ? 'DELETE' : 'PUT',
    path: change.action === 'delete' ? `/rest/api/3/version/${id}` : `/rest/api/3/version/${id}/mergeto/${encodeURIComponent(change.into)}`,
    query,
    headers: {},
    body: undefined,
    accountId,
    asApp: false,
  });
  if (answer && answer.status < 300) return { kind: 'redirect', location: change.action === 'merge' ? `${versions}/${encodeURIComponent(change.into)}` : versions };
  const body = (answer?.body ?? {}) as { errorMessages?: string[]; errors?: Record<string, string> };
  const message = body.errorMessages?.[0] ?? Object.values(body.errors ?? {})[0] ?? `Jira answered ${answer?.status ?? 404}`;
  return { kind: 'redirect', location: `${versions}/${id}${flashQuery(message)}` };
}

/**
 * A workflow button of the issue page, as Jira's issue view does it: POST
 * /rest/api/3/issue/{key}/transitions as the signed-in user, through the simulated REST API, so
 * the workflow's validators (an app's included) run exactly as for any client. Back to the issue,
 * with Jira's refusal when there is one.
 */
export async function transitionFromIssuePage(products: SimHandler, accountId: string, issueKey: string, transitionId: string): Promise<PageResult> {
  const answer = await products({
    method: 'POST',
    path: `/rest/api/3/issue/${encodeURIComponent(issueKey)}/transitions`,
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/json' },
    body: { transition: { id: transitionId } },
    accountId,
    asApp: false,
  });
  const back = `/browse/${encodeURIComponent(issueKey)}`;
  if (answer && answer.status < 300) return { kind: 'redirect', location: back };
  const body = (answer?.body ?? {}) as { errorMessages?: string[]; errors?: Record<string, string> };
  const message = body.errorMessages?.[0] ?? Object.values(body.errors ?? {})[0] ?? `Jira answered ${answer?.status ?? 404}`;
  return { kind: 'redirect', location: `${back}${flashQuery(message)}` };
}
