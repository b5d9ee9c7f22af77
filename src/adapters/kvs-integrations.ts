import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import type { IntegrationSettings, IntegrationStore, NotificationChannel, NotificationLog, PendingDelivery } from '../ports';
import { isKeyClash } from './store-errors';

/**
 * Integrations in Forge storage. What must stay secret (the gate secret's digest, webhook URLs,
 * which are bearer credentials) lives in the KVS secret store, encrypted at rest and never
 * listable; what the settings page and the daily job list (reminder days, which channels exist)
 * lives in plain KVS keys beside it.
 */

const channelSchema = z.enum(['slack', 'teams']);
const settingsSchema = z.object({
  reminderDays: z.number().int().min(0),
  channels: z.array(channelSchema),
  gateSecretCreatedAt: z.string().optional(),
  siteUrl: z.string().optional(),
  hints: z.partialRecord(channelSchema, z.string()).default({}),
});
const digestSchema = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) });
const webhooksSchema = z.partialRecord(channelSchema, z.string());

const notificationSchema = z.object({
  projectKey: z.string(),
  versionId: z.string(),
  versionName: z.string(),
  releaseDate: z.string().optional(),
  panelUrl: z.string().optional(),
  day: z.string(),
  at: z.string(),
  event: z.union([
    z.object({ kind: z.literal('phase-changed'), from: z.string(), to: z.string(), toPhaseId: z.string(), override: z.object({ reason: z.string(), gates: z.array(z.string()), by: z.string().optional() }).optional() }),
    z.object({ kind: z.literal('gate-failing'), daysLeft: z.number(), phase: z.string(), failingGates: z.array(z.string()) }),
    z.object({ kind: z.literal('overdue'), daysLate: z.number(), phase: z.string() }),
    z.object({ kind: z.literal('released'), releaseDate: z.string() }),
    z.object({ kind: z.literal('deployment-failed'), environment: z.string(), build: z.string(), status: z.enum(['failed', 'rolled_back']), pipeline: z.string().optional(), url: z.string().optional() }),
    z.object({ kind: z.literal('incident-opened'), incidentId: z.string(), tool: z.string(), severity: z.number(), title: z.string(), startedAt: z.string() }),
  ]),
});
const pendingSchema = z.object({
  id: z.string(),
  channel: channelSchema,
  notification: notificationSchema,
  attempts: z.number().int(),
  lastError: z.string(),
  lastAttemptAt: z.string(),
  nextAttemptAt: z.string().optional(),
});

const SETTINGS_PREFIX = 'integrations:';
const OUTBOX_PREFIX = 'outbox:';
/** Dedupe keys outlive any reminder window; after that they expire instead of piling up. */
const CLAIM_TTL = { value: 60, unit: 'DAYS' } as const;

/** Every value under a key prefix, page by page (100 is the KVS's largest page). */
async function allWithPrefix(prefix: string): Promise<Array<{ key: string; value: unknown }>> {
  const found: Array<{ key: string; value: unknown }> = [];
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany<unknown>();
    found.push(...page.results);
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}

export function kvsIntegrationStore(): IntegrationStore {
  return {
    async settings(projectKey) {
      const raw = await kvs.get<unknown>(`${SETTINGS_PREFIX}${projectKey}`);
      if (raw === undefined) return undefined;
      const parsed = settingsSchema.safeParse(raw);
      // Damaged settings fall back to "nothing configured" rather than stopping the gate or reminders.
      return parsed.success ? (parsed.data as IntegrationSettings) : undefined;
    },
    async saveSettings(projectKey, settings) {
      await kvs.set(`${SETTINGS_PREFIX}${projectKey}`, settings);
    },
    async projectsWithChannels() {
      const items = await allWithPrefix(SETTINGS_PREFIX);
      return items.flatMap(({ key, value }) => {
        const parsed = settingsSchema.safeParse(value);
        if (!parsed.success || parsed.data.channels.length === 0) return [];
        return [{ projectKey: key.slice(SETTINGS_PREFIX.length), settings: parsed.data as IntegrationSettings }];
      });
    },
    async gateSecretDigest(projectKey) {
      const parsed = digestSchema.safeParse(await kvs.getSecret<unknown>(`gate-secret:${projectKey}`));
      return parsed.success ? parsed.data.sha256 : undefined;
    },
    async saveGateSecretDigest(projectKey, digest) {
      await kvs.setSecret(`gate-secret:${projectKey}`, { sha256: digest });
    },
    async webhooks(projectKey) {
      const parsed = webhooksSchema.safeParse((await kvs.getSecret<unknown>(`webhooks:${projectKey}`)) ?? {});
      return parsed.success ? (parsed.data as Partial<Record<NotificationChannel, string>>) : {};
    },
    async saveWebhooks(projectKey, urls) {
      await kvs.setSecret(`webhooks:${projectKey}`, urls);
    },
  };
}

export function kvsNotificationLog(): NotificationLog {
  const parseAll = (items: Array<{ value: unknown }>) =>
    items.flatMap(({ value }) => {
      const parsed = pendingSchema.safeParse(value);
      return parsed.success ? [parsed.data as PendingDelivery] : [];
    });
  return {
    async claim(key, at) {
      try {
        await kvs.set(`sent:${key}`, { at }, { keyPolicy: 'FAIL_IF_EXISTS', ttl: CLAIM_TTL });
        return true;
      } catch (error) {
        if (isKeyClash(error)) return false;
        throw error;
      }
    },
    async saveFailure(delivery) {
      await kvs.set(`${OUTBOX_PREFIX}${delivery.id}`, delivery);
    },
    async pending() {
      return parseAll(await allWithPrefix(OUTBOX_PREFIX)).filter((d) => d.nextAttemptAt !== undefined);
    },
    async failuresOf(versionId) {
      return parseAll(await allWithPrefix(`${OUTBOX_PREFIX}${versionId}:`));
    },
    async delivered(id) {
      await kvs.delete(`${OUTBOX_PREFIX}${id}`);
    },
  };
}
