import api from '@forge/api';
import { z } from 'zod';
import { kvsIntegrationStore } from '../adapters/kvs-integrations';
import { gateDeps } from '../composition';
import { safeDeep } from '../domain/safe-text';
import { AppError, ProductError } from '../errors';
import { GATE_SECRET_HEADER, gateQuerySchema, type GateErrorBody, type GateQuery } from '../shared/ci-gate';
import { decideGate } from '../usecases/decide-gate';
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

/**
 * The CI/CD go/no-go web trigger: `GET <url>?project=KEY&version=1.4.0` (or POST with the same as
 * JSON) with the project's secret in `X-Preflight-Secret`. 200 with the decision, 400 for a
 * malformed request (with the reason), 401 for a missing or wrong secret, 404 for an unknown
 * version. The secret is checked before anything is read from Jira; only then does the gate read
 * as the app, and it answers phase and gate names only.
 */
export async function ciGateTrigger(rawRequest: unknown): Promise<WebTriggerResult> {
  try {
    const request = webTriggerRequestSchema.safeParse(rawRequest);
    if (!request.success) return fail(400, `Malformed request: ${describe(request.error)}`);
    if (request.data.method !== 'GET' && request.data.method !== 'POST') return fail(405, 'Use GET or POST.', { Allow: ['GET, POST'] });
    const input = queryInput(request.data);
    if (!input.ok) return fail(400, `Malformed request: ${input.reason}`);
    const parsed = gateQuerySchema.safeParse(input.value);
    if (!parsed.success) return fail(400, `Malformed request: ${describe(parsed.error)}`);
    const query: GateQuery = parsed.data;

    const secret = providedSecret(request.data.headers);
    if (!secret) return fail(401, `Missing secret: send the project's gate secret in the ${GATE_SECRET_HEADER} header.`, { 'WWW-Authenticate': ['Bearer'] });
    // The same answer for a wrong secret and for a project without one, so the gate does not reveal which projects exist.
    if (!(await verifyGateSecret(kvsIntegrationStore(), query.project, secret))) {
      return fail(401, `Wrong secret for ${query.project}: use the gate secret from the project's Preflight settings.`, { 'WWW-Authenticate': ['Bearer'] });
    }
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
