import { z } from 'zod';

/**
 * Integrations of a project (CI gate secret, Slack and Teams webhooks, reminders) and the delivery
 * state of notifications: the contract between the settings section, the release panel and the
 * resolvers. Imports only zod.
 */

export const INTEGRATION_KEYS = {
  get: 'integrations/get',
  rotateGateSecret: 'integrations/rotate-gate-secret',
  saveWebhooks: 'integrations/save-webhooks',
  saveReminders: 'integrations/save-reminders',
  /** Posts a short test message to one configured webhook and answers whether it arrived. */
  sendTestMessage: 'integrations/send-test-message',
} as const;

export const NOTIFICATION_KEYS = {
  /** Failed webhook deliveries of one release, for the release panel. */
  status: 'notifications/status',
} as const;

export const CHANNELS = ['slack', 'teams'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = { slack: 'Slack', teams: 'Microsoft Teams' };

const https = (what: string, hostOk: (host: string) => boolean, hint: string) =>
  z
    .string()
    .trim()
    .max(1000, 'expected at most 1000 characters')
    .refine((value) => {
      try {
        const url = new URL(value);
        // Exactly https://host/... (Teams workflow URLs spell out :443, so that one port is allowed): no
        // user name or password, no other port, no backslashes, so nothing can smuggle a credential or
        // another service past the egress allow-list.
        const host = url.hostname.toLowerCase();
        const plain = [`https://${host}/`, `https://${host}:443/`].some((start) => value.toLowerCase().startsWith(start));
        return url.protocol === 'https:' && plain && !url.username && !url.password && !url.port && hostOk(host) && url.pathname.length > 1;
      } catch {
        return false;
      }
    }, `expected a ${what} URL (${hint}), without a user name, password or port`);

/** Slack incoming webhooks live on hooks.slack.com; the manifest allows egress there only. */
export const slackWebhookUrlSchema = https('Slack incoming webhook', (h) => h === 'hooks.slack.com', 'https://hooks.slack.com/services/...');

/** Hosts of Teams webhooks: Workflows (Power Automate) and the older connector URLs. */
export const TEAMS_WEBHOOK_HOST_SUFFIXES = ['.webhook.office.com', '.logic.azure.com', '.api.powerplatform.com'] as const;
export const teamsWebhookUrlSchema = https(
  'Microsoft Teams workflow webhook',
  (h) => TEAMS_WEBHOOK_HOST_SUFFIXES.some((suffix) => h.endsWith(suffix)),
  'https://....logic.azure.com/workflows/... or https://....webhook.office.com/...',
);

export const getIntegrationsPayload = z.object({}).strict();
export const rotateGateSecretPayload = z.object({}).strict();

/** A URL sets the channel, null clears it, absent leaves it as it is (the stored URL is never sent back). */
export const saveWebhooksPayload = z
  .object({
    slack: slackWebhookUrlSchema.nullable().optional(),
    teams: teamsWebhookUrlSchema.nullable().optional(),
  })
  .strict();
export type SaveWebhooksPayload = z.infer<typeof saveWebhooksPayload>;

export const reminderDaysSchema = z.number().int('expected whole days').min(0, 'expected 0 or more days').max(60, 'expected at most 60 days');
export const saveRemindersPayload = z.object({ reminderDays: reminderDaysSchema }).strict();

export const DEFAULT_REMINDER_DAYS = 3;

export const sendTestMessagePayload = z.object({ channel: z.enum(CHANNELS, { message: 'expected the channel "slack" or "teams"' }) }).strict();

/** What the webhook answered a test message: delivered, or the reason it was not (a status, a refusal, no answer). */
export type TestMessageResult = { channel: Channel; ok: true } | { channel: Channel; ok: false; error: string };

export interface IntegrationsView {
  project: { id: string; key: string };
  gate: {
    /** The web trigger URL pipelines call; undefined when the platform could not tell it. */
    url?: string;
    /** When the current secret was generated; undefined while none exists. */
    secretCreatedAt?: string;
  };
  /** Which channels have a webhook, shown masked (host and the last characters only). */
  webhooks: Record<Channel, { configured: boolean; hint?: string }>;
  reminderDays: number;
  me: { canEdit: boolean; readOnlyReason?: string };
}

/** The answer to a rotation: the new secret, shown once and never stored in the clear. */
export interface RotatedSecret {
  secret: string;
  createdAt: string;
  view: IntegrationsView;
}

export const notificationStatusPayload = z.object({ versionId: z.string().regex(/^\d{1,18}$/, 'expected a Jira version id') }).strict();

export interface FailedDelivery {
  channel: Channel;
  /** What the message was about, e.g. "Phase changed to Deployment". */
  title: string;
  attempts: number;
  lastError: string;
  lastAttemptAt: string;
  /** When the daily job tries again; undefined once Preflight has given up. */
  nextAttemptAt?: string;
}

export interface NotificationStatusView {
  failed: FailedDelivery[];
}
