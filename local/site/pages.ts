import type { LocalUser } from '../sim/users';
import { html, type SafeHtml } from './html';
import type { IssueListItem, IssueView, PageSummary, ProjectView, RelatedWorkView, SpaceView, TransitionView, VersionView } from './product-reads';
import { THEME_ATTRIBUTE } from '../host/tokens-css';
import { HOST_PATHS } from '../host/host-page';
import { FORGE_FRAME_ALLOW, FORGE_FRAME_SANDBOX } from '../host/frame-permissions';
import { SITE_LOCALES } from './http-util';

/**
 * Server-rendered pages of the local site: a small stand-in for Jira and Confluence around the
 * app's module frames. Pure functions from data to HTML; all text goes through the escaping tag.
 */

export const SITE_PATHS = {
  css: '/site/site.css',
  favicon: '/favicon.ico',
  chromeScript: '/site/chrome.js',
  switchUser: '/site/switch-user',
  macroConfig: '/site/macro-config',
} as const;

export type ColorMode = 'light' | 'dark';

export interface Chrome {
  user: LocalUser;
  users: readonly LocalUser[];
  colorMode: ColorMode;
  /** The Forge locale tag chosen in the user menu (what frames get as `locale`). */
  locale: string;
  /** Path and query of the current page, for the user switcher to come back to. */
  currentPath: string;
}

export type Product = 'Jira' | 'Confluence' | 'Preflight local site';

/** Wraps a page body in the site chrome. */
export function layout(chrome: Chrome, product: Product, title: string, body: SafeHtml): string {
  const userOptions = chrome.users.map(
    (u) => html`<option value="${u.accountId}" ${u.accountId === chrome.user.accountId ? 'selected' : ''}>${u.displayName} (${u.persona})</option>`,
  );
  const localeOptions = SITE_LOCALES.map((l) => html`<option value="${l.tag}" ${l.tag === chrome.locale ? 'selected' : ''}>${l.name}</option>`);
  return html`<!doctype html>
<html lang="en" data-theme="${THEME_ATTRIBUTE}" data-color-mode="${chrome.colorMode}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title} · ${product}</title>
  <link rel="stylesheet" href="${HOST_PATHS.tokensCss}">
  <link rel="icon" type="image/svg+xml" href="${SITE_PATHS.favicon}">
  <link rel="stylesheet" href="${SITE_PATHS.css}">
  <script src="${SITE_PATHS.chromeScript}" defer></script>
</head>
<body>
  <header class="chrome">
    <a class="product" href="/">${product}</a>
    <nav>
      <a href="/">Home</a>
      <a href="/wiki/spaces">Confluence</a>
      <a href="/local/tools">Tools</a>
    </nav>
    <form class="user-switcher" method="post" action="${SITE_PATHS.switchUser}">
      <label for="user-switcher">Signed in as</label>
      <select id="user-switcher" name="accountId">${userOptions}</select>
      <input type="hidden" name="back" value="${chrome.currentPath}">
      <button type="submit">Switch</button>
    </form>
    <label class="locale-picker">Language
      <select id="locale-picker">${localeOptions}</select>
    </label>
    <button type="button" id="theme-toggle">${chrome.colorMode === 'dark' ? 'Light mode' : 'Dark mode'}</button>
  </header>
  <main>${body}</main>
  <div id="flags" aria-live="polite"></div>
  <dialog id="macro-config-dialog">
    <button type="button" class="dialog-close" aria-label="Close">×</button>
    <p class="dialog-error" role="alert" hidden></p>
    <iframe class="forge-frame" title="Macro configuration" sandbox="${FORGE_FRAME_SANDBOX}" allow="${FORGE_FRAME_ALLOW}"></iframe>
  </dialog>
</body>
</html>`.value;
}

export interface FrameView {
  src: string;
  title: string;
  /** Page path the frame's history is relative to, for modules with routing (project pages). */
  historyBase?: string;
}

/** A module frame. Its height follows its content (the frame reports it). */
export function moduleFrame(frame: FrameView): SafeHtml {
  return html`<iframe class="forge-frame" src="${frame.src}" title="${frame.title}" sandbox="${FORGE_FRAME_SANDBOX}" allow="${FORGE_FRAME_ALLOW}" data-history-base="${frame.historyBase ?? ''}"></iframe>`;
}

export interface LandingData {
  /** The app's Jira global pages (Jira's Apps menu). */
  apps: Array<{ href: string; title: string }>;
  projects: Array<{ project: ProjectView; issues: IssueListItem[]; moduleLinks: Array<{ href: string; title: string }> }>;
  spaces: SpaceView[];
}

export function landingPage(data: LandingData): SafeHtml {
  const projects = data.projects.map(
    ({ project, issues, moduleLinks }) => html`<section class="card">
      <h2>${project.name} <span class="muted">(${project.key})</span></h2>
      <ul class="links">${moduleLinks.map((l) => html`<li><a href="${l.href}">${l.title}</a></li>`)}</ul>
      <h3>Some issues</h3>
      <ul>${issues.map((i) => html`<li><a href="/browse/${i.key}">${i.key}</a> ${i.fields?.summary ?? ''}</li>`)}</ul>
    </section>`,
  );
  const spaces = data.spaces.map((s) => html`<li><a href="/wiki/spaces/${s.key}">${s.name}</a> <span class="muted">(${s.key})</span></li>`);
  return html`<h1>Preflight, running locally</h1>
    <p>A simulated Jira and Confluence with the app's modules in frames, exactly as Forge would host them.</p>
    ${data.apps.length ? html`<h2>Apps</h2><ul class="links">${data.apps.map((a) => html`<li><a href="${a.href}">${a.title}</a></li>`)}</ul>` : html``}
    <h2>Jira projects</h2>
    ${projects.length ? projects : html`<p>No projects are visible to this user.</p>`}
    <h2>Confluence</h2>
    ${spaces.length ? html`<ul>${spaces}</ul>` : html`<p>No spaces are visible to this user.</p>`}`;
}

export function projectModulePage(project: ProjectView, title: string, frame: SafeHtml, tabs: Array<{ href: string; title: string; current: boolean }>): SafeHtml {
  return html`<p class="breadcrumbs"><a href="/">Projects</a> / ${project.name}</p>
    <h1>${project.name}</h1>
    <nav class="tabs" aria-label="${title}">${tabs.map((t) => html`<a href="${t.href}" ${t.current ? html`aria-current="page"` : ''}>${t.title}</a>`)}</nav>
    ${frame}`;
}

/** A Jira global page (Apps menu): the module's frame under Jira's breadcrumb, in no project. */
export function globalModulePage(title: string, frame: SafeHtml): SafeHtml {
  return html`<p class="breadcrumbs"><a href="/">Jira</a> / Apps / ${title}</p>
    ${frame}`;
}

/** Jira's own list of a project's versions ("Releases" in Jira's sidebar), as the local site shows it. */
export function versionListPage(project: ProjectView, versions: VersionView[]): SafeHtml {
  const state = (v: VersionView) => (v.archived ? 'Archived' : v.released ? 'Released' : 'Unreleased');
  return html`<p class="breadcrumbs"><a href="/">Projects</a> / <a href="/jira/projects/${project.key}">${project.name}</a> / Versions</p>
    <h1>Versions</h1>
    <table class="list"><thead><tr><th>Version</th><th>Status</th><th>Release date</th></tr></thead><tbody>
    ${versions.map((v) => html`<tr><td><a href="/jira/projects/${project.key}/versions/${v.id}">${v.name}</a></td><td>${state(v)}</td><td>${v.releaseDate ?? ''}</td></tr>`)}
    </tbody></table>`;
}

/** Jira's own version page: details and the "related work" links apps and people add. */
export function versionPage(project: ProjectView, version: VersionView, related: RelatedWorkView[], error?: string, admin = false): SafeHtml {
  const s = version.issuesStatusForFixVersion;
  // Jira's own "Release" button: the same REST call (PUT /version/{id}, released) as the signed-in
  // user, so Jira's permission check and its product event happen exactly as through the API.
  const release = version.released
    ? html``
    : html`<form class="version-release" method="post" action="/jira/projects/${project.key}/versions/${version.id}/release"><button type="submit">Release</button></form>`;
  // Jira's "..." menu of a version offers Delete and Merge to those who may manage versions.
  const base = `/jira/projects/${project.key}/versions/${version.id}`;
  const manage = admin ? html`<p class="version-manage"><a href="${base}/delete">Delete…</a> · <a href="${base}/merge">Merge into…</a></p>` : html``;
  return html`<p class="breadcrumbs"><a href="/">Projects</a> / <a href="/jira/projects/${project.key}/versions">${project.name} versions</a> / ${version.name}</p>
    <h1>${version.name}</h1>
    ${error ? html`<p class="error" role="alert">${error}</p>` : html``}
    ${release}
    ${manage}
    <table class="fields">
      <tr><th>Status</th><td>${version.released ? 'Released' : 'Unreleased'}</td></tr>
      <tr><th>Start date</th><td>${version.startDate ?? 'None'}</td></tr>
      <tr><th>Release date</th><td>${version.releaseDate ?? 'None'}</td></tr>
      <tr><th>Issues</th><td>${s ? `${s.toDo} to do, ${s.inProgress} in progress, ${s.done} done` : ''}</td></tr>
      <tr><th>Description</th><td>${version.description ?? ''}</td></tr>
    </table>
    <h2>Related work</h2>
    ${
      related.length === 0
        ? html`<p class="muted">No related work yet.</p>`
        : html`<ul class="related-work">${related.map((w) => html`<li><span class="muted">${w.category}</span> ${w.url && /^https?:\/\//.test(w.url) ? html`<a href="${w.url}">${w.title ?? w.url}</a>` : (w.title ?? '')}</li>`)}</ul>`
    }`;
}

/**
 * The confirm step of Jira's "Delete version" and "Merge versions" dialogs. Delete offers to move
 * the version's fix-version issues to another version of the project (or to clear it from them);
 * merge needs the version to merge into. The form posts the same REST call as the signed-in user.
 */
export function versionChangePage(project: ProjectView, version: VersionView, others: VersionView[], action: 'delete' | 'merge'): SafeHtml {
  const s = version.issuesStatusForFixVersion;
  const count = s ? s.toDo + s.inProgress + s.done : 0;
  const base = `/jira/projects/${project.key}/versions/${version.id}`;
  const options = others.map((v) => html`<option value="${v.id}">${v.name}</option>`);
  const form =
    action === 'delete'
      ? html`<p>Deleting ${version.name} cannot be undone. ${count === 1 ? '1 issue has' : `${count} issues have`} it as a fix version.</p>
        <form method="post" action="${base}/delete">
          <label for="move-to">Fix version of its issues</label>
          <select id="move-to" name="moveFixIssuesTo"><option value="">Remove ${version.name} from them</option>${options}</select>
          <button type="submit">Delete</button> <a href="${base}">Cancel</a>
        </form>`
      : html`<p>Merging moves the ${count === 1 ? '1 issue' : `${count} issues`} of ${version.name} to the version you choose, then deletes ${version.name}.</p>
        <form method="post" action="${base}/merge">
          <label for="merge-into">Merge into</label>
          <select id="merge-into" name="moveIssuesTo" required><option value="">Choose a version</option>${options}</select>
          <button type="submit">Merge</button> <a href="${base}">Cancel</a>
        </form>`;
  return html`<p class="breadcrumbs"><a href="/">Projects</a> / <a href="/jira/projects/${project.key}/versions">${project.name} versions</a> / <a href="${base}">${version.name}</a></p>
    <h1>${action === 'delete' ? `Delete ${version.name}` : `Merge ${version.name}`}</h1>
    ${form}`;
}

/**
 * Jira's issue view. `transitions` are the workflow moves the signed-in user may make: each a form
 * that posts the same REST call (POST /issue/{key}/transitions) as them, so the workflow's
 * validators run exactly as through the API; `error` is Jira's refusal of the last one.
 */
export function issuePage(issue: IssueView, description: SafeHtml, panels: SafeHtml[], transitions: TransitionView[] = [], error?: string): SafeHtml {
  const f = issue.fields;
  const moves =
    transitions.length === 0
      ? html``
      : html`<div class="issue-transitions" aria-label="Workflow">${transitions.map(
          (t) => html`<form method="post" action="/browse/${issue.key}/transitions"><input type="hidden" name="transitionId" value="${t.id}"><button type="submit">${t.name}</button></form>`,
        )}</div>`;
  const rows: Array<[string, SafeHtml | string]> = [
    ['Type', f.issuetype?.name ?? ''],
    ['Status', f.status?.name ?? ''],
    ['Priority', f.priority?.name ?? 'None'],
    ['Fix versions', (f.fixVersions ?? []).map((v) => v.name).join(', ') || 'None'],
    ['Components', (f.components ?? []).map((c) => c.name).join(', ') || 'None'],
    ['Labels', (f.labels ?? []).join(', ') || 'None'],
    ['Assignee', f.assignee?.displayName ?? 'Unassigned'],
    ['Reporter', f.reporter?.displayName ?? ''],
    ['Created', f.created ?? ''],
    ['Updated', f.updated ?? ''],
  ];
  return html`<p class="breadcrumbs"><a href="/">Projects</a> / ${f.project?.key ?? ''} / ${issue.key}</p>
    <h1><span class="muted">${issue.key}</span> ${f.summary}</h1>
    ${error ? html`<p class="error" role="alert">${error}</p>` : html``}
    ${moves}
    <div class="issue">
      <div class="issue-main">
        <h2>Description</h2>
        <div class="adf">${description}</div>
        ${panels}
      </div>
      <table class="fields">${rows.map(([name, value]) => html`<tr><th>${name}</th><td>${value}</td></tr>`)}</table>
    </div>`;
}

export function spaceListPage(spaces: SpaceView[]): SafeHtml {
  return html`<h1>Spaces</h1><ul>${spaces.map((s) => html`<li><a href="/wiki/spaces/${s.key}">${s.name}</a></li>`)}</ul>
    <p><a href="/wiki/macros">Macro browser</a></p>`;
}

/**
 * Confluence's macro browser, as far as the local site has one: the app's macros with their
 * titles and descriptions in the person's language (the manifest's translations).
 */
export function macroBrowserPage(macros: Array<{ key: string; title: string; description: string }>): SafeHtml {
  return html`<p class="breadcrumbs"><a href="/wiki/spaces">Spaces</a> / Macro browser</p>
    <h1>Macro browser</h1>
    <ul class="macro-browser">${macros.map((m) => html`<li data-macro-key="${m.key}"><h2>${m.title}</h2><p>${m.description}</p></li>`)}</ul>`;
}

export function spacePage(space: SpaceView, pages: PageSummary[]): SafeHtml {
  return html`<p class="breadcrumbs"><a href="/wiki/spaces">Spaces</a> / ${space.name}</p>
    <h1>${space.name}</h1>
    ${pages.length
      ? html`<ul>${pages.map((p) => html`<li><a href="/wiki/spaces/${space.key}/pages/${p.id}">${p.title}</a></li>`)}</ul>`
      : html`<p>This space has no pages yet.</p>`}`;
}

/**
 * A Confluence page. `exportHref` adds Confluence's Export menu (Word, PDF): a disclosure button
 * (details/summary, so it opens from the keyboard) with two download links.
 */
export function confluencePage(space: SpaceView, title: string, version: number | undefined, body: SafeHtml, exportHref?: string): SafeHtml {
  const exportMenu = exportHref
    ? html`<details class="page-export"><summary>Export</summary><ul>
        <li><a href="${exportHref}?format=word" download>Export to Word</a></li>
        <li><a href="${exportHref}?format=pdf" download>Export to PDF</a></li>
      </ul></details>`
    : html``;
  return html`<p class="breadcrumbs"><a href="/wiki/spaces">Spaces</a> / <a href="/wiki/spaces/${space.key}">${space.name}</a></p>
    ${exportMenu}
    <h1>${title}</h1>
    ${version === undefined ? '' : html`<p class="muted">Version ${version}</p>`}
    <article class="adf">${body}</article>`;
}

/** A page the site cannot show: a clear message and a way back, never a stack trace. */
export function messagePage(heading: string, message: string): SafeHtml {
  return html`<section class="message"><h1>${heading}</h1><p>${message}</p><p><a href="/">Back to the start page</a></p></section>`;
}
