import { z } from 'zod';
import { MONITORING_TOOLS } from '../domain/incidents';

/**
 * The monitoring web trigger's contract (alerts from Datadog, New Relic, Sentry) and the settings
 * page's monitoring calls. Imports only zod and the pure incidents module.
 */

/** The manifest key of the web trigger module. */
export const MONITORING_WEBTRIGGER_KEY = 'preflight-monitoring';

/** Header that carries the project's monitoring secret (Datadog, New Relic); `Authorization: Bearer` works too. */
export const MONITORING_SECRET_HEADER = 'x-preflight-secret';
/** Sentry signs each body: hex HMAC-SHA256 of the raw body with the integration's client secret. */
export const SENTRY_SIGNATURE_HEADER = 'sentry-hook-signature';
export const SENTRY_RESOURCE_HEADER = 'sentry-hook-resource';

/** `?project=PAY&tool=datadog` */
export const monitoringQuerySchema = z
  .object({
    project: z.string().trim().regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'expected a Jira project key such as "PAY"'),
    tool: z.enum(MONITORING_TOOLS, { message: `expected one of ${MONITORING_TOOLS.join(', ')}` }),
  })
  .strict();
export type MonitoringQuery = z.infer<typeof monitoringQuerySchema>;

/** The web trigger's 200/202 answer. */
export interface MonitoringAnswer {
  recorded: boolean;
  project: string;
  tool: string;
  /** opened, updated or resolved when recorded. */
  change?: string;
  incident?: { severity: number; title: string; startedAt: string; resolvedAt?: string };
  release?: { version: string } | null;
  message: string;
}

export const MONITORING_KEYS = {
  get: 'monitoring/get',
  rotateSecret: 'monitoring/rotate-secret',
  saveSentrySecret: 'monitoring/save-sentry-secret',
} as const;

export const getMonitoringPayload = z.object({}).strict();
export const rotateMonitoringSecretPayload = z.object({}).strict();
/** Sentry's client secret (from the internal integration's page); null clears it. */
export const saveSentrySecretPayload = z
  .object({ clientSecret: z.string().trim().min(16, 'expected the client secret from the Sentry integration page').max(200, 'expected at most 200 characters').nullable() })
  .strict();

export interface MonitoringView {
  project: { id: string; key: string };
  /** The web trigger's URL on this installation, when the platform can tell. */
  url?: string;
  secretCreatedAt?: string;
  sentrySetAt?: string;
  me: { canEdit: boolean; readOnlyReason?: string };
}
export interface RotatedMonitoringSecret {
  secret: string;
  createdAt: string;
  view: MonitoringView;
}
