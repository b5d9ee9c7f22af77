import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { invokeScheduledTrigger } from '../runtime/invoke-trigger';
import type { SimHandler } from '../sim/http-types';
import { html, type SafeHtml } from './html';
import { HttpError, readBody, redirect, sendHtml } from './http-util';
import type { AppManifest } from './manifest';
import { layout, type Chrome } from './pages';
import { ProductClient } from './product-client';
import { getProject, listProjects, listVersions, type ProjectView } from './product-reads';
import type { ResolverRunner } from './server';
import { webTriggerUrl, type WebTriggerModule } from './webtrigger';

/**
 * The local tools page (`/local/tools`, issue 13): lets a new user watch the loop close without
 * Datadog, New Relic, Sentry or a pipeline. For a chosen project and version it sends
 *  - each tool's sample alert (triggered or resolved, severity chosen) to the monitoring web trigger
 *    over HTTP, shaped like test/fixtures/monitoring (the tools' documented payloads), dated now;
 *    Sentry's body signed with the client secret, as Sentry does;
 *  - a sample deployment report to the CI gate web trigger, as a pipeline (README "CI/CD gate");
 *  - "Run scheduled triggers now": every manifest `scheduledTrigger`, invoked through the runtime as
 *    Forge would (no user, the trigger's time limit). The local site has no clock-driven scheduler.
 * Every request goes out through the site's own web trigger URLs, so the app sees exactly what it
 * would see from the tool; each answer (status and body) is shown on the page.
 *
 * Secrets. The app stores only digests of the gate and monitoring secrets, so the page cannot read
 * them; it gets them the way a person does: "Generate" rotates the secret through the app's own
 * resolver (the settings page's `integrations/rotate-gate-secret`, `monitoring/rotate-secret`) as
 * the signed-in user, so only a project admin succeeds, and the old secret stops working exactly as
 * in settings; or the person pastes a secret they copied from the settings page. Sentry's client
 * secret is made up here (as Sentry would issue one) and saved through `monitoring/save-sentry-secret`
 * as the signed-in user, like pasting it into settings. The page keeps the plain secrets in memory
 * only (never on disk; lost on restart). No emulator privilege is used: nothing here reads the
 * app's storage or skips its checks.
 */

export const TOOLS_PAGE = '/local/tools';

/** The settings page module whose resolver the page calls as the signed-in user. */
const SETTINGS_MODULE_KEY = 'preflight-settings';
const CI_GATE_TRIGGER_KEY = 'preflight-ci-gate';
const MONITORING_TRIGGER_KEY = 'preflight-monitoring';

const TOOLS = ['datadog', 'newrelic', 'sentry'] as const;
type Tool = (typeof TOOLS)[number];
const TOOL_LABELS: Record<Tool, string> = { datadog: 'Datadog', newrelic: 'New Relic', sentry: 'Sentry' };
const SECRET_KINDS = ['gate', 'monitoring', 'sentry'] as const;
type SecretKind = (typeof SECRET_KINDS)[number];
const SECRET_LABELS: Record<SecretKind, string> = { gate: 'CI gate secret', monitoring: 'Monitoring secret', sentry: 'Sentry client secret' };
const DEPLOYMENT_STATUSES = ['successful', 'failed', 'rolled_back', 'in_progress', 'pending', 'cancelled', 'unknown'] as const;

type Handler = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any -- Forge handlers are untyped

export interface ToolsPageDeps {
  manifest: AppManifest;
  manifestFile: string;
  products: SimHandler;
  runResolver: ResolverRunner;
  loadHandler: (functionKey: string) => Handler;
  webTriggers: WebTriggerModule[];
  siteUrl: () => string;
  /** For tests: the time alerts are dated with. */
  now?: () => number;
}

export interface ToolsAnswer {
  seq: number;
  at: string;
  what: string;
  status: number | string;
  body: string;
}

interface OpenAlert {
  id: string;
  startedAt: number;
}

export interface ToolsRoutes {
  handle(req: IncomingMessage, res: ServerResponse, url: URL, chrome: () => Chrome): Promise<boolean>;
  /** Answers shown on the page, oldest first (tests read them). */
  readonly answers: readonly ToolsAnswer[];
}

const scheduledSchema = z.looseObject({
  modules: z.looseObject({ scheduledTrigger: z.array(z.looseObject({ key: z.string(), function: z.string(), interval: z.string().optional() })).optional() }),
});

/** The manifest's scheduled triggers. */
export function scheduledTriggers(manifestFile: string): Array<{ key: string; function: string; interval?: string }> {
  return scheduledSchema.parse(parseYaml(readFileSync(manifestFile, 'utf8'))).modules.scheduledTrigger ?? [];
}

const projectKey = z.string().regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'expected a Jira project key such as "PAY"');
const alertForm = z.object({
  project: projectKey,
  version: z.string().optional(),
  tool: z.enum(TOOLS, { message: `expected one of ${TOOLS.join(', ')}` }),
  state: z.enum(['triggered', 'resolved'], { message: 'expected triggered or resolved' }),
  severity: z.coerce.number().int().min(1, 'expected 1 to 4').max(4, 'expected 1 to 4').default(2),
});
const deploymentForm = z.object({
  project: projectKey,
  version: z.string().optional(),
  versionName: z.string().optional(),
  environment: z.string().trim().min(1, 'expected an environment name such as production'),
  build: z.string().trim().min(1, 'expected a build id such as 2.2.0'),
  status: z.enum(DEPLOYMENT_STATUSES, { message: `expected one of ${DEPLOYMENT_STATUSES.join(', ')}` }),
});
const secretForm = z.object({
  project: projectKey,
  version: z.string().optional(),
  kind: z.enum(SECRET_KINDS, { message: `expected one of ${SECRET_KINDS.join(', ')}` }),
  /** Pasted; absent: generate one through the app. */
  secret: z.string().trim().optional(),
});

const resolverEnvelope = z.looseObject({ ok: z.boolean(), data: z.unknown().optional(), error: z.looseObject({ message: z.string().optional() }).optional() });

/** Sample alert bodies, shaped like test/fixtures/monitoring (each tool's documented payload), dated `at`. */
export function sampleAlert(tool: Tool, state: 'triggered' | 'resolved', severity: number, alert: OpenAlert, at: number, reopened: boolean): Record<string, unknown> {
  const triggered = state === 'triggered';
  switch (tool) {
    case 'datadog':
      return {
        alertCycleKey: alert.id,
        alertId: '48213957',
        transition: triggered ? (reopened ? 'Re-Triggered' : 'Triggered') : 'Recovered',
        priority: `P${severity}`,
        title: `[${triggered ? 'Triggered' : 'Recovered'}] checkout-api error rate above 5%`,
        link: `https://app.datadoghq.com/event/event?id=${alert.id}`,
        date: String(at),
      };
    case 'newrelic':
      return {
        id: alert.id,
        issueUrl: `https://radar-api.service.newrelic.com/accounts/1234567/issues/${alert.id}`,
        title: "Memory Used % > 90 for at least 2 minutes on 'checkout'",
        priority: (['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const)[severity - 1],
        totalIncidents: 1,
        state: triggered ? (reopened ? 'ACKNOWLEDGED' : 'ACTIVATED') : 'CLOSED',
        createdAt: String(alert.startedAt),
        updatedAt: String(at),
        sources: ['newrelic'],
        alertPolicyNames: ['Checkout golden signals'],
        alertConditionNames: ['Memory high'],
      };
    case 'sentry': {
      // Sentry's metric alerts have two levels: critical (severity 1) and warning (severity 3).
      const action = triggered ? (severity <= 2 ? 'critical' : 'warning') : 'resolved';
      const started = new Date(alert.startedAt).toISOString();
      return {
        action,
        actor: { id: 'sentry', name: 'Sentry', type: 'application' },
        data: {
          description_text: '1000 events in the last 10 minutes\nFilter: level:error',
          description_title: `${triggered ? (action === 'critical' ? 'Critical' : 'Warning') : 'Resolved'}: Too many errors`,
          metric_alert: {
            alert_rule: { aggregate: 'count()', dataset: 'events', id: '7', name: 'Too many errors', organization_id: '5', projects: ['checkout'], query: 'level:error', threshold_type: 0, time_window: 10, triggers: [] },
            date_closed: triggered ? null : new Date(at).toISOString(),
            date_created: started,
            date_detected: started,
            date_started: started,
            id: alert.id,
            identifier: alert.id,
            organization_id: '5',
            projects: ['checkout'],
            status: triggered ? (action === 'critical' ? 2 : 1) : 0,
            status_method: 3,
            title: 'Too many errors',
            type: 2,
          },
          web_url: `https://acme.sentry.io/organizations/acme/alerts/rules/details/7/?alert=${alert.id}`,
        },
        installation: { uuid: 'a8e5d37a-696c-4c54-adb5-b3f28d64c7de' },
      };
    }
  }
}

const newAlertId = (tool: Tool): string => (tool === 'newrelic' ? randomUUID() : tool === 'sentry' ? String(100 + randomBytes(2).readUInt16BE(0)) : String(randomBytes(8).readBigUInt64BE(0) % 10n ** 19n));

export function toolsRoutes(deps: ToolsPageDeps): ToolsRoutes {
  const now = deps.now ?? (() => Date.now());
  const secrets = new Map<string, Partial<Record<SecretKind, string>>>();
  const openAlerts = new Map<string, OpenAlert>();
  const answers: ToolsAnswer[] = [];
  let seq = 0;
  let pipelineRun = 0;

  const record = (what: string, status: number | string, body: string) => {
    answers.push({ seq: ++seq, at: new Date().toISOString(), what, status, body });
    if (answers.length > 30) answers.shift();
  };
  const triggerUrl = (key: string) => {
    const module = deps.webTriggers.find((m) => m.key === key);
    if (!module) throw new HttpError(404, `manifest.yml has no web trigger ${key}`);
    return webTriggerUrl(deps.siteUrl(), module);
  };
  const pretty = (text: string) => {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return text;
    }
  };
  const post = async (what: string, url: string, headers: Record<string, string>, body: string) => {
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      record(what, response.status, pretty(await response.text()));
    } catch (error) {
      record(what, 'not sent', error instanceof Error ? error.message : String(error));
    }
  };

  /** Runs a resolver of the settings page as the signed-in user, as the page's own frame would. */
  const asUser = async (accountId: string, project: ProjectView, functionKey: string, payload: Record<string, unknown>): Promise<unknown> => {
    const module = deps.manifest.modules.find((m) => m.key === SETTINGS_MODULE_KEY);
    if (!module?.resolverFunction) throw new Error(`manifest.yml has no ${SETTINGS_MODULE_KEY} module with a resolver`);
    const answer = await deps.runResolver({
      module,
      functionName: module.resolverFunction,
      functionKey,
      payload,
      accountId,
      extension: { project: { id: project.id, key: project.key, type: project.projectTypeKey } },
      localId: `${module.key}-${project.key}`,
    });
    // The app's resolvers answer an envelope: `{ ok: true, data }` or `{ ok: false, error: { code, message } }`.
    const envelope = resolverEnvelope.safeParse(answer);
    if (!envelope.success) throw new Error(`${functionKey} answered something that is not the app's envelope.`);
    if (!envelope.data.ok) throw new Error(envelope.data.error?.message ?? `${functionKey} refused.`);
    return envelope.data.data;
  };

  const getSecret = async (accountId: string, key: string, kind: SecretKind): Promise<void> => {
    const project = await getProject(new ProductClient(deps.products, accountId), key);
    if (!project) {
      record(`Generate ${SECRET_LABELS[kind]} for ${key}`, 'refused', `There is no project ${key}, or you cannot see it.`);
      return;
    }
    const what = `Generate ${SECRET_LABELS[kind]} for ${key} (as you, through the app's settings resolver)`;
    try {
      let secret: string;
      if (kind === 'sentry') {
        secret = randomBytes(32).toString('hex');
        await asUser(accountId, project, 'monitoring/save-sentry-secret', { clientSecret: secret });
      } else {
        const rotated = (await asUser(accountId, project, kind === 'gate' ? 'integrations/rotate-gate-secret' : 'monitoring/rotate-secret', {})) as { secret?: unknown };
        if (typeof rotated?.secret !== 'string') throw new Error('The resolver answered without a secret.');
        secret = rotated.secret;
      }
      secrets.set(key, { ...secrets.get(key), [kind]: secret });
      record(what, 'ok', `${SECRET_LABELS[kind]} generated; the page keeps it in memory. The previous one stopped working.`);
    } catch (error) {
      // Whatever the app answered (e.g. only project admins may), shown as it said it.
      record(what, 'refused', error instanceof Error ? error.message : String(error));
    }
  };

  const sendAlert = async (form: z.infer<typeof alertForm>): Promise<void> => {
    const held = secrets.get(form.project) ?? {};
    const slot = `${form.project}/${form.tool}`;
    const open = openAlerts.get(slot);
    const at = now();
    const alert = open ?? { id: newAlertId(form.tool), startedAt: at };
    const body = JSON.stringify(sampleAlert(form.tool, form.state, form.severity, alert, at, open !== undefined));
    if (form.state === 'triggered') openAlerts.set(slot, alert);
    else openAlerts.delete(slot);
    const url = new URL(triggerUrl(MONITORING_TRIGGER_KEY));
    url.searchParams.set('project', form.project);
    url.searchParams.set('tool', form.tool);
    const headers: Record<string, string> =
      form.tool === 'sentry'
        ? {
            'Sentry-Hook-Resource': 'metric_alert',
            'Sentry-Hook-Timestamp': String(Math.floor(at / 1000)),
            // Without a client secret the signature is of nothing the app knows: refused, as Sentry's would be.
            'Sentry-Hook-Signature': createHmac('sha256', held.sentry ?? 'no client secret on the tools page').update(body, 'utf8').digest('hex'),
          }
        : held.monitoring
          ? { 'X-Preflight-Secret': held.monitoring }
          : {};
    await post(`${TOOL_LABELS[form.tool]} alert ${form.state}${form.state === 'triggered' ? ` (severity ${form.severity})` : ''} for ${form.project}`, url.toString(), headers, body);
  };

  const sendDeployment = async (form: z.infer<typeof deploymentForm>): Promise<void> => {
    const held = secrets.get(form.project) ?? {};
    const run = ++pipelineRun;
    const body = {
      project: form.project,
      deployment: {
        environment: form.environment,
        build: form.build,
        status: form.status,
        ...(form.versionName && { version: form.versionName }),
        pipeline: `local tools #${run}`,
      },
    };
    await post(`Deployment ${form.build} to ${form.environment}: ${form.status} (${form.project})`, triggerUrl(CI_GATE_TRIGGER_KEY), held.gate ? { 'X-Preflight-Secret': held.gate } : {}, JSON.stringify(body));
  };

  const runScheduled = async (): Promise<void> => {
    for (const trigger of scheduledTriggers(deps.manifestFile)) {
      const what = `Scheduled trigger ${trigger.key} (${trigger.function})`;
      try {
        const result = await invokeScheduledTrigger({ handler: deps.loadHandler(trigger.function), moduleKey: trigger.key, functionKey: trigger.function });
        record(what, 'ran', result === undefined ? 'Finished (no result).' : JSON.stringify(result, null, 2));
      } catch (error) {
        record(what, 'failed', error instanceof Error ? error.message : String(error));
      }
    }
  };

  const back = (project: string | undefined, version: string | undefined) => {
    const query = new URLSearchParams();
    if (project) query.set('project', project);
    if (version) query.set('version', version);
    const q = query.toString();
    return `${TOOLS_PAGE}${q ? `?${q}` : ''}#answers`;
  };

  return {
    answers,
    async handle(req, res, url, chrome) {
      if (url.pathname !== TOOLS_PAGE && !url.pathname.startsWith(`${TOOLS_PAGE}/`)) return false;
      const method = req.method ?? 'GET';
      if (url.pathname === TOOLS_PAGE && (method === 'GET' || method === 'HEAD')) {
        sendHtml(res, 200, layout(chrome(), 'Preflight local site', 'Tools', await toolsPage(deps, chrome(), url.searchParams, answers, secrets)));
        return true;
      }
      const action = url.pathname.slice(TOOLS_PAGE.length + 1);
      if (!['alert', 'deployment', 'secret', 'run-scheduled'].includes(action)) return false;
      if (method !== 'POST') throw new HttpError(405, `Use POST for ${url.pathname} (the tools page's forms)`);
      // The Host/Origin policy ran before any route (request-policy.ts); forms only, like the user switcher.
      if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) {
        throw new HttpError(415, 'Content-Type: expected application/x-www-form-urlencoded (the tools page\'s forms)');
      }
      const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
      const accountId = chrome().user.accountId;
      const parse = <S extends z.ZodType>(schema: S): z.infer<S> => {
        const parsed = schema.safeParse(form);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new HttpError(400, `${issue?.path.join('.') || '(form)'}: ${issue?.message ?? 'invalid'}`);
        }
        return parsed.data;
      };
      if (action === 'alert') {
        const data = parse(alertForm);
        await sendAlert(data);
        redirect(res, back(data.project, data.version));
      } else if (action === 'deployment') {
        const data = parse(deploymentForm);
        await sendDeployment(data);
        redirect(res, back(data.project, data.version));
      } else if (action === 'secret') {
        const data = parse(secretForm);
        if (data.secret) {
          secrets.set(data.project, { ...secrets.get(data.project), [data.kind]: data.secret });
          record(`Use a pasted ${SECRET_LABELS[data.kind]} for ${data.project}`, 'ok', 'The page keeps it in memory.');
        } else {
          await getSecret(accountId, data.project, data.kind);
        }
        redirect(res, back(data.project, data.version));
      } else {
        await runScheduled();
        redirect(res, back(form['project'], form['version']));
      }
      return true;
    },
  };
}

const hint = (secret: string | undefined) => (secret ? `held (${secret.slice(0, 6)}…)` : 'none held');

async function toolsPage(deps: ToolsPageDeps, chrome: Chrome, query: URLSearchParams, answers: readonly ToolsAnswer[], secrets: Map<string, Partial<Record<SecretKind, string>>>): Promise<SafeHtml> {
  const client = new ProductClient(deps.products, chrome.user.accountId);
  const projects = await listProjects(client);
  const project = projects.find((p) => p.key === query.get('project')) ?? projects[0];
  const versions = project ? (await listVersions(client, project.key)).filter((v) => !v.archived) : [];
  const version = versions.find((v) => v.id === query.get('version')) ?? versions.find((v) => !v.released) ?? versions[0];
  const held = project ? (secrets.get(project.key) ?? {}) : {};
  const scheduled = scheduledTriggers(deps.manifestFile);
  const build = /\d+(?:\.\d+)*/.exec(version?.name ?? '')?.[0];
  const defaultBuild = build ? (build.split('.').length < 3 ? `${build}.0` : build) : '1.0.0';
  const hidden = html`<input type="hidden" name="project" value="${project?.key ?? ''}"><input type="hidden" name="version" value="${version?.id ?? ''}">`;

  if (!project) return html`<section class="card"><h1>Tools</h1><p>${chrome.user.displayName} sees no projects.</p></section>`;
  return html`<h1>Tools</h1>
<p class="muted">Send what Datadog, New Relic, Sentry and a pipeline would send, to this site's web triggers over HTTP, and run the scheduled triggers now: then open the release panel to watch an incident open and the gates change. Answers are listed below.</p>
<section class="card">
  <h2>Project and version</h2>
  <form class="tools-choose" method="get" action="${TOOLS_PAGE}">
    <label>Project <select name="project">${projects.map((p) => html`<option value="${p.key}" ${p.key === project.key ? html`selected` : ''}>${p.key}: ${p.name}</option>`)}</select></label>
    <label>Version <select name="version">${versions.map((v) => html`<option value="${v.id}" ${v.id === version?.id ? html`selected` : ''}>${v.name}${v.released ? ' (released)' : ''}</option>`)}</select></label>
    <button type="submit">Choose</button>
  </form>
  <p><a href="/jira/projects/${project.key}/releases">Open the release panel</a> · <a href="/local/webhooks">Slack/Teams messages</a></p>
</section>
<section class="card">
  <h2>Secrets</h2>
  <p class="muted">The app keeps only digests, so this page needs the plain secrets as a person would have them. "Generate" rotates the secret through the app's settings resolver as you (project admins only; the old secret stops working), or paste one you copied from the settings page. Kept in this process's memory only.</p>
  <table class="list"><thead><tr><th>Secret</th><th>On this page</th><th>Generate</th><th>Or paste</th></tr></thead><tbody>
  ${SECRET_KINDS.map(
    (kind) => html`<tr><td>${SECRET_LABELS[kind]}</td><td data-secret="${kind}">${hint(held[kind])}</td>
      <td><form method="post" action="${TOOLS_PAGE}/secret">${hidden}<input type="hidden" name="kind" value="${kind}"><button type="submit">Generate ${SECRET_LABELS[kind]}</button></form></td>
      <td><form class="inline-form" method="post" action="${TOOLS_PAGE}/secret">${hidden}<input type="hidden" name="kind" value="${kind}"><label>${SECRET_LABELS[kind]} to use <input name="secret" type="password" autocomplete="off" required></label> <button type="submit">Use</button></form></td></tr>`,
  )}
  </tbody></table>
</section>
<section class="card">
  <h2>Sample alerts</h2>
  <p class="muted">Each goes to the monitoring web trigger (<code>?project=${project.key}&amp;tool=…</code>), dated now. An alert opens an incident on the release bedding in (after a successful production deployment, or released in Jira within the bedding-in days). "Resolved" closes the alert last triggered for that tool.</p>
  ${TOOLS.map(
    (tool) => html`<form class="tools-alert" method="post" action="${TOOLS_PAGE}/alert">${hidden}<input type="hidden" name="tool" value="${tool}">
      <strong>${TOOL_LABELS[tool]}</strong>
      <label>Severity <select name="severity" aria-label="${TOOL_LABELS[tool]} severity">${[1, 2, 3, 4].map((s) => html`<option value="${String(s)}" ${s === 2 ? html`selected` : ''}>${String(s)}</option>`)}</select></label>
      <button type="submit" name="state" value="triggered">Send ${TOOL_LABELS[tool]} alert (triggered)</button>
      <button type="submit" name="state" value="resolved">Send ${TOOL_LABELS[tool]} alert (resolved)</button>
    </form>`,
  )}
</section>
<section class="card">
  <h2>Sample deployment</h2>
  <form class="tools-deployment" method="post" action="${TOOLS_PAGE}/deployment">${hidden}<input type="hidden" name="versionName" value="${version?.name ?? ''}">
    <p class="muted">A deployment report to the CI gate web trigger for ${version?.name ?? 'no version'}, with the CI gate secret.</p>
    <label>Environment <input name="environment" value="production" required></label>
    <label>Build <input name="build" value="${defaultBuild}" required></label>
    <label>Status <select name="status">${DEPLOYMENT_STATUSES.map((s) => html`<option value="${s}">${s}</option>`)}</select></label>
    <button type="submit">Send deployment</button>
  </form>
</section>
<section class="card">
  <h2>Scheduled triggers</h2>
  <p class="muted">The local site runs no clock: these run only when asked, as Forge would run them (no user).</p>
  <ul>${scheduled.map((s) => html`<li><code>${s.key}</code> (${s.function}${s.interval ? `, every ${s.interval}` : ''})</li>`)}</ul>
  <form method="post" action="${TOOLS_PAGE}/run-scheduled">${hidden}<button type="submit">Run scheduled triggers now</button></form>
</section>
<section class="card" id="answers">
  <h2>Answers</h2>
  ${answers.length === 0
    ? html`<p class="muted">Nothing sent yet.</p>`
    : html`<table class="list tools-answers"><thead><tr><th>#</th><th>What</th><th>Answer</th><th>Body</th></tr></thead><tbody>${[...answers]
        .reverse()
        .map((a) => html`<tr><td>${String(a.seq)}</td><td>${a.what}<br><span class="muted">${a.at}</span></td><td class="tools-status">${String(a.status)}</td><td><pre class="webhook-body">${a.body}</pre></td></tr>`)}</tbody></table>`}
</section>`;
}
