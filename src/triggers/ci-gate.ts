import api from '@forge/api';
import { z } from 'zod';
import { kvsIntegrationStore } from '../adapters/kvs-integrations';
import { deploymentDeps, gateDeps } from '../composition';
import { safeDeep } from '../domain/safe-text';
import { AppError, ProductError } from '../errors';
import { deploymentReportSchema, GATE_SECRET_HEADER, gateQuerySchema, projectKeySchema, trainGateQuerySchema, type GateErrorBody, type GateQuery } from '../shared/ci-gate';
import { kvsTrainStore } from '../adapters/kvs-trains';
import { decideTrainGate } from '../usecases/decide-train-gate';
import { decideGate } from '../usecases/decide-gate';
import { recordDeploymentReport } from '../usecases/record-deployment';
import { verifyGateSecret } from '../usecases/gate-secret';

/** What Forge passes a web trigger function (headers keep the caller's case; values are lists). */
const webTriggerRequestSchema = z.looseObject({
  method: z.string(),
  path: z.string().optional(),
  headers: z.record(z.string(), z.array(z.string())).default({}),
  queryParameters: z.record(z.string(), z.array(z.string())).default({}),
  body: z.string().optional().nullable(),
});

/** The answer Forge turns into the HTTP response. */
export interface WebTriggerResult {
  statusCode: number;
  headers: Record<string, string[]>;
  body: string;
}

function json(statusCode: number, body: unknown, extra: Record<string, string[]> = {}): WebTriggerResult {
  return {
    statusCode,
    headers: { 'Content-Type': ['application/json'], 'Cache-Control': ['no-store'], ...extra },
    // The CLI prints this in a terminal and CI logs: no bidi control may reorder the gate's verdict.
    body: JSON.stringify(safeDeep(body)),
  };
}
const fail = (statusCode: number, error: string, extra?: Record<string, string[]>) => json(statusCode, { error } satisfies GateErrorBody, extra);

function header(headers: Record<string, string[]>, name: string): string | undefined {
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  return entry?.[1][0];
}

/** The secret from `X-Preflight-Secret`, or from `Authorization: Bearer <secret>`. */
function providedSecret(headers: Record<string, string[]>): string | undefined {
  const direct = header(headers, GATE_SECRET_HEADER)?.trim();
  if (direct) return direct;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header(headers, 'authorization') ?? '');
  return bearer?.[1];
}

/** project and version from the query string, or from a JSON body on POST. */
function queryInput(request: z.infer<typeof webTriggerRequestSchema>): { ok: true; value: unknown } | { ok: false; reason: string } {
  const fromQuery = Object.fromEntries(Object.entries(request.queryParameters).map(([k, v]) => [k, v[0]]));
  if (request.method === 'POST' && request.body && request.body.trim() !== '') {
    try {
      const body: unknown = JSON.parse(request.body);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, reason: 'body: expected a JSON object such as {"project":"SHOP","version":"1.4.0"}' };
      return { ok: true, value: { ...fromQuery, ...body } };
    } catch {
      return { ok: false, reason: 'body: expected JSON' };
    }
  }
  return { ok: true, value: fromQuery };
}

function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.join('.') || '(request)';
      return issue.code === 'invalid_type' && issue.input === undefined ? `${field}: required` : issue.code === 'unrecognized_keys' ? `unknown parameter ${issue.keys.join(', ')}` : `${field}: ${issue.message}`;
    })
    .join('; ');
}

/** A POSTed body with a `deployment` is a deployment report, not a gate query. */
function isDeploymentReport(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && 'deployment' in value;
}

/** 401 for a missing secret, or a wrong one (the same answer for a project without one). */
async function secretRefusal(headers: Record<string, string[]>, project: string): Promise<WebTriggerResult | undefined> {
  const secret = providedSecret(headers);
  if (!secret) return fail(401, `Missing secret: send the project's gate secret in the ${GATE_SECRET_HEADER} header.`, { 'WWW-Authenticate': ['Bearer'] });
  // The same answer for a wrong secret and for a project without one, so the gate does not reveal which projects exist.
  if (!(await verifyGateSecret(kvsIntegrationStore(), project, secret))) {
    return fail(401, `Wrong secret for ${project}: use the gate secret from the project's Preflight settings.`, { 'WWW-Authenticate': ['Bearer'] });
  }
  return undefined;
}

/**
 * A deployment report (README "CI/CD gate"): only the project is read before the secret is
 * checked, so a caller without the secret learns nothing about what a valid report looks like
 * and nothing is stored; then the whole report is validated, naming the field that is wrong.
 */
async function deploymentReport(headers: Record<string, string[]>, body: Record<string, unknown>): Promise<WebTriggerResult> {
  const project = z.object({ project: projectKeySchema }).safeParse({ project: body.project });
  if (!project.success) return fail(400, `Malformed deployment report: ${describe(project.error)}`);
  const refused = await secretRefusal(headers, project.data.project);
  if (refused) return refused;
  const report = deploymentReportSchema.safeParse(body);
  if (!report.success) return fail(400, `Malformed deployment report: ${describe(report.error)}`);
  return json(200, await recordDeploymentReport(deploymentDeps(api.asApp()), report.data));
}

/** A query naming a train (`train=<id>`) asks for the train's answer instead of one version's. */
function isTrainQuery(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && 'train' in value;
}

/**
 * A release train's answer (README "CI/CD gate"): a missing secret is refused before anything is
 * read; then the secret must be the gate secret of one of the train's member projects (checked
 * before any Jira call). An unknown train gets the same 401 as a wrong secret, so a caller without
 * a secret cannot learn which trains exist (as a project without a secret answers like a wrong one).
 * The members' names, phases and failing gate names are shared with every member's pipeline: a
 * train is shared by its members.
 */
async function trainGate(headers: Record<string, string[]>, value: Record<string, unknown>): Promise<WebTriggerResult> {
  const parsed = trainGateQuerySchema.safeParse(value);
  if (!parsed.success) return fail(400, `Malformed request: ${describe(parsed.error)}`);
  const secret = providedSecret(headers);
  if (!secret) return fail(401, `Missing secret: send the gate secret of one of the train's projects in the ${GATE_SECRET_HEADER} header.`, { 'WWW-Authenticate': ['Bearer'] });
  const refused = () => fail(401, `No release train "${parsed.data.train}" accepts this secret: check the train's id, and send the gate secret of one of its member projects.`, { 'WWW-Authenticate': ['Bearer'] });
  const train = await kvsTrainStore().get(parsed.data.train);
  if (!train) return refused();
  const integrations = kvsIntegrationStore();
  let matched = false;
  for (const project of new Set(train.members.map((m) => m.projectKey))) {
    matched = await verifyGateSecret(integrations, project, secret);
    if (matched) break;
  }
  if (!matched) return refused();
  return json(200, await decideTrainGate({ trains: kvsTrainStore(), gate: gateDeps(api.asApp()) }, train.id, train));
}

/**
 * The CI/CD go/no-go web trigger: `GET <url>?project=KEY&version=1.4.0` (or POST with the same as
 * JSON) with the project's secret in `X-Preflight-Secret`. 200 with the decision, 400 for a
 * malformed request (with the reason), 401 for a missing or wrong secret, 404 for an unknown
 * version. The secret is checked before anything is read from Jira; only then does the gate read
 * as the app, and it answers phase and gate names only. `version` may be a tag that the project's
 * tag rule maps to a Jira version. A POSTed body with `deployment` is a deployment report instead
 * (see `deploymentReport`): 200 with what was recorded where. `train=<id>` instead of project and
 * version asks for a release train's answer (see `trainGate`).
 */
export async function ciGateTrigger(rawRequest: unknown): Promise<WebTriggerResult> {
  try {
    const request = webTriggerRequestSchema.safeParse(rawRequest);
    if (!request.success) return fail(400, `Malformed request: ${describe(request.error)}`);
    if (request.data.method !== 'GET' && request.data.method !== 'POST') return fail(405, 'Use GET or POST.', { Allow: ['GET, POST'] });
    const input = queryInput(request.data);
    if (!input.ok) return fail(400, `Malformed request: ${input.reason}`);
    if (isDeploymentReport(input.value)) return await deploymentReport(request.data.headers, input.value);
    if (isTrainQuery(input.value)) return await trainGate(request.data.headers, input.value);
    const parsed = gateQuerySchema.safeParse(input.value);
    if (!parsed.success) return fail(400, `Malformed request: ${describe(parsed.error)}`);
    const query: GateQuery = parsed.data;

    const refused = await secretRefusal(request.data.headers, query.project);
    if (refused) return refused;
    return json(200, await decideGate(gateDeps(api.asApp()), query));
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return fail(404, error.message);
    if (error instanceof ProductError) {
      console.warn('The CI gate could not read Jira', error);
      return fail(502, 'Preflight could not read Jira just now; try again shortly.', { 'Retry-After': ['30'] });
    }
    console.error('The CI gate failed', error);
    return fail(500, 'Preflight hit an unexpected error while deciding; try again.');
  }
}
