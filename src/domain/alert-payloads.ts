import { z } from 'zod';
import type { AlertSignal, MonitoringTool, Severity } from './incidents';

/**
 * The alert webhooks Preflight understands, one zod schema per tool, and how each becomes an
 * AlertSignal. Datadog and New Relic let the admin write the payload: Preflight parses exactly
 * the template README "Monitoring" recommends (built from each tool's documented variables).
 * Sentry's payloads are fixed (integration platform webhooks: metric_alert, event_alert, issue).
 * Schemas are loose: the tools add fields; only what Preflight reads is checked.
 */

const https = (value: string | undefined): string | undefined => {
  if (!value) return undefined;
  try {
    return new URL(value).protocol === 'https:' ? value : undefined;
  } catch {
    return undefined;
  }
};

/** Epoch milliseconds as Datadog's $DATE or New Relic's createdAt give them (a number, or digits in a string). */
const epochMs = z.union([z.number().int().positive(), z.string().regex(/^\d{10,16}$/, 'expected epoch milliseconds such as 1764600000000').transform(Number)], {
  message: 'expected epoch milliseconds such as 1764600000000',
});
const toIso = (ms: number) => new Date(ms).toISOString();
const alertId = (what: string) => z.string().trim().min(1, `expected ${what}`).max(200, 'expected at most 200 characters');

// ---- Datadog ------------------------------------------------------------------------------------

/** $ALERT_TRANSITION's documented values. */
const DATADOG_TRANSITIONS = ['Triggered', 'Re-Triggered', 'Recovered', 'Warn', 'Re-Warn', 'No Data', 'Re-No Data', 'Renotify', 'Null'] as const;

/** The payload of README's Datadog template: each field one Datadog webhook variable. */
export const datadogPayloadSchema = z.looseObject({
  /** $ALERT_CYCLE_KEY: the same from the time a monitor triggers until it resolves. */
  alertCycleKey: alertId('$ALERT_CYCLE_KEY, the id that links a trigger to its recovery'),
  /** $ALERT_ID: the monitor. */
  alertId: z.string().optional(),
  transition: z.enum(DATADOG_TRANSITIONS, { message: `expected $ALERT_TRANSITION: one of ${DATADOG_TRANSITIONS.join(', ')}` }),
  /** $ALERT_PRIORITY: P1-P5, empty when the monitor has none. */
  priority: z.union([z.enum(['P1', 'P2', 'P3', 'P4', 'P5']), z.literal('')], { message: 'expected $ALERT_PRIORITY: P1 to P5, or empty' }).optional(),
  title: z.string().max(2000).optional(),
  link: z.string().max(2000).optional(),
  date: epochMs,
});

function datadogSignal(p: z.infer<typeof datadogPayloadSchema>): AlertSignal {
  const priority = p.priority ? (Number(p.priority.slice(1)) as Severity) : undefined;
  const action: AlertSignal['action'] = {
    Triggered: 'trigger',
    'Re-Triggered': 'update',
    Renotify: 'update',
    Warn: 'trigger',
    'Re-Warn': 'update',
    Recovered: 'resolve',
    'No Data': 'ignore',
    'Re-No Data': 'ignore',
    Null: 'ignore',
  }[p.transition] as AlertSignal['action'];
  // A warning of a monitor without a priority is below an alert: severity 4 rather than the default 3.
  const severity = priority ?? (p.transition === 'Warn' || p.transition === 'Re-Warn' ? 4 : undefined);
  const link = https(p.link);
  return { tool: 'datadog', alertId: p.alertCycleKey, action, ...(severity && { severity }), ...(p.title && { title: p.title }), ...(link && { link }), at: toIso(p.date) };
}

// ---- New Relic ----------------------------------------------------------------------------------

const NEWRELIC_STATES = ['CREATED', 'ACTIVATED', 'ACKNOWLEDGED', 'CLOSED'] as const;
const NEWRELIC_PRIORITIES = { CRITICAL: 1, HIGH: 2, MEDIUM: 3, LOW: 4 } as const;

/** The payload of New Relic's default workflow webhook template (README "Monitoring"). */
export const newRelicPayloadSchema = z.looseObject({
  /** {{ json issueId }} */
  id: alertId('the New Relic issue id ({{ json issueId }})'),
  /** {{ json issuePageUrl }} */
  issueUrl: z.string().max(2000).optional(),
  /** {{ json annotations.title.[0] }} */
  title: z.string().max(2000).optional(),
  priority: z.enum(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'], { message: 'expected {{ json priority }}: CRITICAL, HIGH, MEDIUM or LOW' }),
  state: z.enum(NEWRELIC_STATES, { message: `expected {{ json state }}: one of ${NEWRELIC_STATES.join(', ')}` }),
  createdAt: epochMs,
  updatedAt: epochMs.optional(),
});

function newRelicSignal(p: z.infer<typeof newRelicPayloadSchema>): AlertSignal {
  const action: AlertSignal['action'] = p.state === 'CLOSED' ? 'resolve' : p.state === 'ACKNOWLEDGED' ? 'update' : 'trigger';
  // Opening counts from the issue's creation; later states from their update time.
  const at = action === 'trigger' ? p.createdAt : (p.updatedAt ?? p.createdAt);
  const link = https(p.issueUrl);
  return { tool: 'newrelic', alertId: p.id, action, severity: NEWRELIC_PRIORITIES[p.priority] as Severity, ...(p.title && { title: p.title }), ...(link && { link }), at: toIso(at) };
}

// ---- Sentry -------------------------------------------------------------------------------------

const sentryInstant = z.string().datetime({ offset: true, message: 'expected an ISO 8601 timestamp' });
const sentryId = z.union([z.string().min(1), z.number().int()], { message: 'expected an id' }).transform(String);

/** `Sentry-Hook-Resource: metric_alert` */
export const sentryMetricAlertSchema = z.looseObject({
  action: z.enum(['critical', 'warning', 'resolved'], { message: 'expected action: critical, warning or resolved' }),
  data: z.looseObject({
    metric_alert: z.looseObject({
      id: sentryId,
      title: z.string().max(2000).optional(),
      date_started: sentryInstant,
      date_closed: sentryInstant.nullable().optional(),
    }),
    description_title: z.string().max(2000).optional(),
    web_url: z.string().max(2000).optional(),
  }),
});

/** `Sentry-Hook-Resource: event_alert` (an issue alert rule fired). */
export const sentryEventAlertSchema = z.looseObject({
  action: z.literal('triggered', { message: 'expected action: triggered' }),
  data: z.looseObject({
    event: z.looseObject({
      issue_id: sentryId,
      title: z.string().max(2000).optional(),
      web_url: z.string().max(2000).optional(),
      datetime: sentryInstant,
      level: z.string().optional(),
    }),
    triggered_rule: z.string().optional(),
  }),
});

/** `Sentry-Hook-Resource: issue` (an issue changed state); only resolutions matter here. */
export const sentryIssueSchema = z.looseObject({
  action: z.string().min(1, 'expected action'),
  data: z.looseObject({
    issue: z.looseObject({ id: sentryId, title: z.string().max(2000).optional(), permalink: z.string().nullable().optional(), web_url: z.string().optional() }),
  }),
});

const SENTRY_LEVELS: Record<string, Severity> = { fatal: 1, error: 2, warning: 3, info: 4, debug: 5 };

/** The Sentry-Hook-Resource values Preflight reads; any other (installation, comment, error) is acknowledged and ignored. */
export const SENTRY_RESOURCES = ['metric_alert', 'event_alert', 'issue'] as const;

// ---- All tools ----------------------------------------------------------------------------------

export type ParsedAlert = { ok: true; signal: AlertSignal } | { ok: false; error: string };

function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.join('.') || '(body)';
      return issue.code === 'invalid_type' && issue.input === undefined ? `${field}: required` : `${field}: ${issue.message}`;
    })
    .join('; ');
}

function parseWith<S extends z.ZodType>(schema: S, body: unknown, toSignal: (p: z.infer<S>) => AlertSignal): ParsedAlert {
  const parsed = schema.safeParse(body);
  return parsed.success ? { ok: true, signal: toSignal(parsed.data) } : { ok: false, error: describe(parsed.error) };
}

/**
 * One webhook body as an AlertSignal, or the reason it is malformed (naming the field).
 * `sentryResource` is Sentry's `Sentry-Hook-Resource` header; `receivedAt` dates a Sentry issue
 * resolution, whose payload carries no resolve time.
 */
export function parseAlert(tool: MonitoringTool, body: unknown, opts: { sentryResource?: string; receivedAt: string }): ParsedAlert {
  switch (tool) {
    case 'datadog':
      return parseWith(datadogPayloadSchema, body, datadogSignal);
    case 'newrelic':
      return parseWith(newRelicPayloadSchema, body, newRelicSignal);
    case 'sentry':
      switch (opts.sentryResource) {
        case 'metric_alert':
          return parseWith(sentryMetricAlertSchema, body, (p) => {
            const link = https(p.data.web_url);
            const resolved = p.action === 'resolved';
            return {
              tool: 'sentry',
              alertId: `metric:${p.data.metric_alert.id}`,
              action: resolved ? 'resolve' : 'trigger',
              ...(!resolved && { severity: p.action === 'critical' ? 1 : 3 }),
              ...((p.data.metric_alert.title ?? p.data.description_title) && { title: p.data.metric_alert.title ?? p.data.description_title }),
              ...(link && { link }),
              at: resolved ? (p.data.metric_alert.date_closed ?? opts.receivedAt) : p.data.metric_alert.date_started,
            };
          });
        case 'event_alert':
          return parseWith(sentryEventAlertSchema, body, (p) => {
            const link = https(p.data.event.web_url);
            const severity = SENTRY_LEVELS[p.data.event.level ?? 'error'] ?? 2;
            return { tool: 'sentry', alertId: `issue:${p.data.event.issue_id}`, action: 'trigger', severity, ...(p.data.event.title && { title: p.data.event.title }), ...(link && { link }), at: p.data.event.datetime };
          });
        case 'issue':
          return parseWith(sentryIssueSchema, body, (p) => ({
            tool: 'sentry',
            alertId: `issue:${p.data.issue.id}`,
            // Resolving or archiving the Sentry issue closes the incident; other issue changes are not alerts.
            action: ['resolved', 'archived', 'ignored'].includes(p.action) ? 'resolve' : 'ignore',
            at: opts.receivedAt,
          }));
        default:
          return { ok: true, signal: { tool: 'sentry', alertId: 'none', action: 'ignore', at: opts.receivedAt } };
      }
  }
}
