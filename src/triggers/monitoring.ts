import { z } from 'zod';
import { monitoringDeps } from '../composition';
import { parseAlert } from '../domain/alert-payloads';
import { safeDeep } from '../domain/safe-text';
import { ProductError } from '../errors';
import {
  MONITORING_SECRET_HEADER,
  monitoringQuerySchema,
  SENTRY_RESOURCE_HEADER,
  SENTRY_SIGNATURE_HEADER,
  type MonitoringAnswer,
} from '../shared/monitoring';
import { verifyMonitoringSecret, verifySentrySignature } from '../usecases/monitoring-secret';
import { recordAlert } from '../usecases/record-alert';
import type { WebTriggerResult } from './ci-gate';

/** What Forge passes a web trigger function (headers keep the caller's case; values are lists). */
const webTriggerRequestSchema = z.looseObject({
  method: z.string(),
  headers: z.record(z.string(), z.array(z.string())).default({}),
  queryParameters: z.record(z.string(), z.array(z.string())).default({}),
  body: z.string().optional().nullable(),
});

function json(statusCode: number, body: unknown, extra: Record<string, string[]> = {}): WebTriggerResult {
  return { statusCode, headers: { 'Content-Type': ['application/json'], 'Cache-Control': ['no-store'], ...extra }, body: JSON.stringify(safeDeep(body)) };
}
const fail = (statusCode: number, error: string, extra?: Record<string, string[]>) => json(statusCode, { error }, extra);

function header(headers: Record<string, string[]>, name: string): string | undefined {
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1][0];
}

function providedSecret(headers: Record<string, string[]>): string | undefined {
  const direct = header(headers, MONITORING_SECRET_HEADER)?.trim();
  if (direct) return direct;
  return /^Bearer\s+(\S+)\s*$/i.exec(header(headers, 'authorization') ?? '')?.[1];
}

const describe = (error: z.ZodError) =>
  error.issues.map((i) => `${i.path.join('.') || '(query)'}: ${i.code === 'invalid_type' && i.input === undefined ? 'required' : i.message}`).join('; ');

/**
 * The monitoring web trigger: `POST <url>?project=PAY&tool=datadog|newrelic|sentry` with an
 * alert notification as JSON. Datadog and New Relic send the project's monitoring secret in
 * `X-Preflight-Secret`; Sentry signs the body (`Sentry-Hook-Signature`, HMAC-SHA256 with the
 * client secret stored in the project's settings). The credential is checked before anything
 * else is read: 401 when wrong or missing; 400 naming the field for a malformed query or body
 * (nothing stored); 200 when an incident opened, updated or resolved; 202 when the notification
 * was understood but changes nothing (outside every bedding-in window, a repeat, "No Data").
 */
export async function monitoringWebhookTrigger(rawRequest: unknown): Promise<WebTriggerResult> {
  try {
    const request = webTriggerRequestSchema.safeParse(rawRequest);
    if (!request.success) return fail(400, `Malformed request: ${describe(request.error)}`);
    if (request.data.method !== 'POST') return fail(405, 'Use POST with the alert as JSON.', { Allow: ['POST'] });
    const query = monitoringQuerySchema.safeParse(Object.fromEntries(Object.entries(request.data.queryParameters).map(([k, v]) => [k, v[0]])));
    if (!query.success) return fail(400, `Malformed request: ${describe(query.error)}`);
    const { project, tool } = query.data;
    const rawBody = request.data.body ?? '';
    const { headers } = request.data;

    const deps = monitoringDeps();
    // The same answer for a wrong credential and for a project without one: nothing reveals which projects exist.
    if (tool === 'sentry') {
      if (!(await verifySentrySignature(deps.secrets, project, rawBody, header(headers, SENTRY_SIGNATURE_HEADER)))) {
        return fail(401, `Wrong or missing Sentry-Hook-Signature for ${project}: paste the Sentry integration's client secret into the project's Preflight settings.`);
      }
    } else if (!(await verifyMonitoringSecret(deps.secrets, project, providedSecret(headers)))) {
      return fail(401, `Wrong or missing secret for ${project}: send the monitoring secret from the project's Preflight settings in the ${MONITORING_SECRET_HEADER} header.`, { 'WWW-Authenticate': ['Bearer'] });
    }

    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      return fail(400, 'Malformed request: body: expected JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail(400, 'Malformed request: body: expected a JSON object');
    const parsed = parseAlert(tool, body, { receivedAt: deps.clock.now().toISOString(), ...(header(headers, SENTRY_RESOURCE_HEADER) && { sentryResource: header(headers, SENTRY_RESOURCE_HEADER)! }) });
    if (!parsed.ok) return fail(400, `Malformed ${tool} alert: ${parsed.error}`);

    const result = await recordAlert(deps, project, parsed.signal);
    const incident = result.incident && {
      severity: result.incident.severity,
      title: result.incident.title,
      startedAt: result.incident.startedAt,
      ...(result.incident.resolvedAt && { resolvedAt: result.incident.resolvedAt }),
    };
    const answer: MonitoringAnswer = result.recorded
      ? { recorded: true, project, tool, change: result.change, incident: incident!, release: { version: result.version.name }, message: `Incident ${result.change} on ${result.version.name}.` }
      : { recorded: false, project, tool, ...(incident && { incident }), release: null, message: result.message };
    return json(result.recorded ? 200 : 202, answer);
  } catch (error) {
    if (error instanceof ProductError) {
      console.warn('The monitoring web trigger could not read Jira', error);
      // 5xx: Datadog and Sentry retry on a server error, so the alert is not lost.
      return fail(503, 'Preflight could not read Jira just now; the tool may retry.', { 'Retry-After': ['30'] });
    }
    console.error('The monitoring web trigger failed', error);
    return fail(500, 'Preflight hit an unexpected error while recording the alert.');
  }
}
