import type { IncomingMessage, ServerResponse } from 'node:http';
import { flashQuery, takeFlash } from './flash';
import type { ValidatorModule } from '../runtime/invoke-validator';
import { STATUSES } from '../sim/jira/catalog';
import type { SimHandler } from '../sim/http-types';
import type { JiraState } from '../sim/jira';
import { addRule, removeRule, rulesOf } from '../sim/jira';
import { html, type SafeHtml } from './html';
import { readBody, redirect, sendHtml } from './http-util';
import { layout, messagePage, type Chrome } from './pages';

/**
 * The local Jira's workflow page of a project (Jira's "Project settings > Workflows", reduced to
 * what the simplified workflow has): each transition with the app validators on it, and for a
 * project admin a form to add an app's validator to a transition or remove one, as a Jira admin
 * does in the workflow editor ("Add rule > Validate details"). Rules live in the simulated Jira's
 * state, so they are durable like the rest of it.
 */

export const workflowPath = (projectKey: string) => `/jira/projects/${encodeURIComponent(projectKey)}/settings/workflow`;

export interface WorkflowRoutes {
  handle(req: IncomingMessage, res: ServerResponse, url: URL, chrome: () => Chrome): Promise<boolean>;
}

/**
 * @param state the simulated Jira's state (rules are read and written there)
 * @param changed marks the state changed (the durable writer); the answer waits for `durable`
 */
export function workflowRoutes(deps: {
  state: JiraState;
  products: SimHandler;
  validators: () => ValidatorModule[];
  changed: () => void;
  durable?: () => Promise<void>;
}): WorkflowRoutes {
  /** Whether the person administers the project: Jira's own answer, asked as them. */
  const isAdmin = async (accountId: string, projectKey: string): Promise<boolean> => {
    const answer = await deps.products({
      method: 'GET',
      path: '/rest/api/3/mypermissions',
      query: new URLSearchParams({ projectKey, permissions: 'ADMINISTER_PROJECTS' }),
      headers: {},
      body: undefined,
      accountId,
      asApp: false,
    });
    const body = answer?.body as { permissions?: Record<string, { havePermission?: boolean }> } | undefined;
    return answer?.status === 200 && body?.permissions?.ADMINISTER_PROJECTS?.havePermission === true;
  };

  return {
    async handle(req, res, url, chrome) {
      const match = /^\/jira\/projects\/([^/]+)\/settings\/workflow(\/rules(?:\/(\d+)\/delete)?)?$/.exec(url.pathname);
      if (!match) return false;
      const project = deps.state.projects.find((p) => p.key === decodeURIComponent(match[1]!).toUpperCase());
      const user = chrome().user;
      if (!project) {
        sendHtml(res, 404, layout(chrome(), 'Jira', 'Not found', messagePage('Page not found', `There is no project ${match[1]}.`)));
        return true;
      }
      const admin = await isAdmin(user.accountId, project.key);
      if (req.method === 'POST' && match[2]) {
        if (!admin) {
          sendHtml(res, 403, layout(chrome(), 'Jira', 'Workflow', messagePage('Not allowed', `Only administrators of ${project.key} can change its workflow.`)));
          return true;
        }
        const form = new URLSearchParams(await readBody(req));
        if (match[3]) removeRule(deps.state, project.id, match[3]);
        else {
          const moduleKey = form.get('moduleKey') ?? '';
          const toStatusId = form.get('toStatusId') ?? '';
          if (!deps.validators().some((v) => v.key === moduleKey) || !STATUSES.some((s) => s.id === toStatusId)) {
            redirect(res, `${workflowPath(project.key)}${flashQuery('Choose a transition and a validator the installed apps provide.')}`);
            return true;
          }
          addRule(deps.state, { projectId: project.id, toStatusId, moduleKey, addedBy: user.accountId, at: new Date() });
        }
        deps.changed();
        await deps.durable?.();
        redirect(res, workflowPath(project.key));
        return true;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      const body = workflowPage({ projectKey: project.key, projectName: project.name, state: deps.state, projectId: project.id, validators: deps.validators(), admin, error: takeFlash(url.searchParams.get('notice')) });
      sendHtml(res, 200, layout(chrome(), 'Jira', `Workflow · ${project.name}`, body));
      return true;
    },
  };
}

function workflowPage(v: { projectKey: string; projectName: string; projectId: string; state: JiraState; validators: ValidatorModule[]; admin: boolean; error?: string }): SafeHtml {
  const rules = rulesOf(v.state, v.projectId);
  const nameOf = (moduleKey: string) => v.validators.find((m) => m.key === moduleKey)?.name ?? `${moduleKey} (app not installed)`;
  const base = workflowPath(v.projectKey);
  const add =
    v.admin && v.validators.length > 0
      ? html`<h2>Add a validator</h2>
          <form class="workflow-add" method="post" action="${base}/rules">
            <label>Transition <select name="toStatusId">${STATUSES.map((s) => html`<option value="${s.id}" ${s.category === 'done' ? html`selected` : ''}>${s.name}</option>`)}</select></label>
            <label>Validator <select name="moduleKey">${v.validators.map((m) => html`<option value="${m.key}">${m.name}</option>`)}</select></label>
            <button type="submit">Add validator</button>
          </form>
          <ul class="muted">${v.validators.map((m) => html`<li>${m.name}: ${m.description}</li>`)}</ul>`
      : html`<p class="muted">Only administrators of ${v.projectKey} can change its workflow.</p>`;
  return html`<p class="breadcrumbs"><a href="/">Projects</a> / <a href="/jira/projects/${v.projectKey}">${v.projectName}</a> / Workflow</p>
    <h1>Workflow</h1>
    <p class="muted">Jira's simplified workflow: one transition into each status, from any other. Validators run before a transition changes anything; one that fails refuses it with its message.</p>
    ${v.error ? html`<p class="error" role="alert">${v.error}</p>` : html``}
    <table class="list"><thead><tr><th>Transition</th><th>Validators</th></tr></thead><tbody>
    ${STATUSES.map((s) => {
      const on = rules.filter((r) => r.toStatusId === s.id);
      return html`<tr><td>${s.name}</td><td>${
        on.length === 0
          ? html`<span class="muted">None</span>`
          : on.map(
              (r) =>
                html`<div class="workflow-rule">${nameOf(r.moduleKey)}${
                  v.admin ? html` <form class="inline-form" method="post" action="${base}/rules/${r.id}/delete"><button type="submit" aria-label="Remove ${nameOf(r.moduleKey)} from ${s.name}">Remove</button></form>` : html``
                }</div>`,
            )
      }</td></tr>`;
    })}
    </tbody></table>
    ${add}`;
}
