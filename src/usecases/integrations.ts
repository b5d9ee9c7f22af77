import { AppError } from '../errors';
import { callerTranslator, say, text } from '../i18n/server-translator';
import type { Clock, IntegrationSettings, IntegrationStore, NotificationChannel, NotificationLog, ProjectAccess } from '../ports';
import { CHANNELS, DEFAULT_REMINDER_DAYS, type IntegrationsView, type NotificationStatusView, type RotatedSecret, type SaveWebhooksPayload } from '../shared/notifications';
import { notificationTitle } from './notification-content';
import { rotateGateSecret } from './gate-secret';
import type { Actor } from './release-deps';

export interface IntegrationDeps {
  access: Pick<ProjectAccess, 'isProjectAdmin'>;
  integrations: IntegrationStore;
  log: NotificationLog;
  clock: Clock;
  /** The web trigger's URL on this installation; undefined when the platform cannot tell. */
  gateUrl: () => Promise<string | undefined>;
  siteUrl?: string;
}

const READ_ONLY = text('errors.integrations.notAdmin');

/** Host and the last four characters: enough to recognise a URL, useless to post with. */
export function maskUrl(url: string): string {
  try {
    return `${new URL(url).host}/…${url.slice(-4)}`;
  } catch {
    return '…';
  }
}

function emptySettings(): IntegrationSettings {
  return { reminderDays: DEFAULT_REMINDER_DAYS, channels: [], hints: {} };
}

async function view(deps: IntegrationDeps, actor: Actor, canEdit: boolean): Promise<IntegrationsView> {
  const [settings, url] = await Promise.all([deps.integrations.settings(actor.project.key), deps.gateUrl().catch(() => undefined)]);
  const s = settings ?? emptySettings();
  const webhooks = Object.fromEntries(
    CHANNELS.map((c) => [c, { configured: s.channels.includes(c), ...(s.hints[c] && { hint: s.hints[c] }) }]),
  ) as IntegrationsView['webhooks'];
  return {
    project: actor.project,
    gate: { ...(url && { url }), ...(s.gateSecretCreatedAt && { secretCreatedAt: s.gateSecretCreatedAt }) },
    webhooks,
    reminderDays: s.reminderDays,
    me: canEdit ? { canEdit } : { canEdit, readOnlyReason: say(callerTranslator(actor.locale, actor.timeZone), READ_ONLY) },
  };
}

async function requireAdmin(deps: IntegrationDeps, actor: Actor): Promise<void> {
  if (!(await deps.access.isProjectAdmin(actor.project.key))) throw new AppError('FORBIDDEN', READ_ONLY);
}

/** The integrations section of the project settings; anyone who can open the page may read it (nothing secret is in it). */
export async function getIntegrations(deps: IntegrationDeps, actor: Actor): Promise<IntegrationsView> {
  return view(deps, actor, await deps.access.isProjectAdmin(actor.project.key));
}

/** Generates a new gate secret (the old one stops working at once) and shows it this once. Project admins only. */
export async function rotateProjectGateSecret(deps: IntegrationDeps, actor: Actor): Promise<RotatedSecret> {
  await requireAdmin(deps, actor);
  const { secret, createdAt } = await rotateGateSecret(deps, actor.project.key, { reminderDays: DEFAULT_REMINDER_DAYS, ...(deps.siteUrl && { siteUrl: deps.siteUrl }) });
  return { secret, createdAt, view: await view(deps, actor, true) };
}

/** Sets or clears the Slack and Teams webhook URLs (kept in the KVS secret store). Project admins only. */
export async function saveWebhooks(deps: IntegrationDeps, actor: Actor, input: SaveWebhooksPayload): Promise<IntegrationsView> {
  await requireAdmin(deps, actor);
  const key = actor.project.key;
  const [urls, current] = await Promise.all([deps.integrations.webhooks(key), deps.integrations.settings(key)]);
  const settings = current ?? emptySettings();
  const hints = { ...settings.hints };
  for (const channel of CHANNELS) {
    const value = input[channel];
    if (value === undefined) continue;
    if (value === null) {
      delete urls[channel];
      delete hints[channel];
    } else {
      urls[channel] = value;
      hints[channel] = maskUrl(value);
    }
  }
  await deps.integrations.saveWebhooks(key, urls);
  const channels = CHANNELS.filter((c): c is NotificationChannel => Boolean(urls[c]));
  await deps.integrations.saveSettings(key, { ...settings, channels, hints, ...(deps.siteUrl && { siteUrl: deps.siteUrl }) });
  return view(deps, actor, true);
}

/** How many days before the release date failing gates are reminded of, daily. Project admins only. */
export async function saveReminderDays(deps: IntegrationDeps, actor: Actor, reminderDays: number): Promise<IntegrationsView> {
  await requireAdmin(deps, actor);
  const settings = (await deps.integrations.settings(actor.project.key)) ?? emptySettings();
  await deps.integrations.saveSettings(actor.project.key, { ...settings, reminderDays, ...(deps.siteUrl && { siteUrl: deps.siteUrl }) });
  return view(deps, actor, true);
}

/** Failed webhook deliveries of a release, for its panel (the version's project was checked by the caller). */
export async function notificationStatus(deps: Pick<IntegrationDeps, 'log'>, versionId: string): Promise<NotificationStatusView> {
  const failures = await deps.log.failuresOf(versionId);
  return {
    failed: failures
      .sort((a, b) => b.lastAttemptAt.localeCompare(a.lastAttemptAt))
      .map((d) => ({
        channel: d.channel,
        title: notificationTitle(d.notification),
        attempts: d.attempts,
        lastError: d.lastError,
        lastAttemptAt: d.lastAttemptAt,
        ...(d.nextAttemptAt && { nextAttemptAt: d.nextAttemptAt }),
      })),
  };
}
