import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors';
import { callerTranslator, say, text } from '../i18n/server-translator';
import type { Clock, MonitoringSecrets, ProjectAccess } from '../ports';
import type { MonitoringView, RotatedMonitoringSecret } from '../shared/monitoring';
import type { Actor } from './release-deps';

/**
 * The monitoring web trigger's credentials: the project's own monitoring secret (not the CI gate's,
 * so a leaked pipeline secret cannot forge incidents and the reverse), stored as a digest and shown
 * once; and Sentry's client secret, which Sentry signs each webhook with.
 */

const digestOf = (secret: string) => createHash('sha256').update(secret, 'utf8').digest();

/**
 * Whether `provided` is the project's monitoring secret: digests compared in constant time; a
 * project without one refuses everything after the same work.
 */
export async function verifyMonitoringSecret(secrets: MonitoringSecrets, projectKey: string, provided: string | undefined): Promise<boolean> {
  const storedHex = await secrets.secretDigest(projectKey);
  const stored = storedHex ? Buffer.from(storedHex, 'hex') : digestOf('no monitoring secret is set for this project');
  return timingSafeEqual(stored, digestOf(provided ?? '')) && storedHex !== undefined && Boolean(provided);
}

/** Whether `signature` is Sentry's hex HMAC-SHA256 of the raw body under the project's client secret. */
export async function verifySentrySignature(secrets: MonitoringSecrets, projectKey: string, rawBody: string, signature: string | undefined): Promise<boolean> {
  const secret = await secrets.sentryClientSecret(projectKey);
  const expected = createHmac('sha256', secret ?? 'no sentry client secret is set').update(rawBody, 'utf8').digest();
  const given = /^[0-9a-f]{64}$/i.test(signature ?? '') ? Buffer.from(signature!, 'hex') : Buffer.alloc(32);
  return timingSafeEqual(expected, given) && secret !== undefined;
}

export interface MonitoringSettingsDeps {
  access: Pick<ProjectAccess, 'isProjectAdmin'>;
  secrets: MonitoringSecrets;
  clock: Clock;
  url: () => Promise<string | undefined>;
}

const READ_ONLY = text('errors.monitoring.notAdmin');

async function view(deps: MonitoringSettingsDeps, actor: Actor, canEdit: boolean): Promise<MonitoringView> {
  const [status, url] = await Promise.all([deps.secrets.status(actor.project.key), deps.url().catch(() => undefined)]);
  return { project: { id: actor.project.id, key: actor.project.key }, ...(url && { url }), ...status, me: canEdit ? { canEdit } : { canEdit, readOnlyReason: say(callerTranslator(actor.locale, actor.timeZone), READ_ONLY) } };
}

async function requireAdmin(deps: MonitoringSettingsDeps, actor: Actor): Promise<void> {
  if (!(await deps.access.isProjectAdmin(actor.project.key))) throw new AppError('FORBIDDEN', READ_ONLY);
}

/** The monitoring section of the settings page (nothing secret in it). */
export async function getMonitoring(deps: MonitoringSettingsDeps, actor: Actor): Promise<MonitoringView> {
  return view(deps, actor, await deps.access.isProjectAdmin(actor.project.key));
}

/** A new monitoring secret, shown this once; the old one stops working at once. Project admins only. */
export async function rotateMonitoringSecret(deps: MonitoringSettingsDeps, actor: Actor): Promise<RotatedMonitoringSecret> {
  await requireAdmin(deps, actor);
  const secret = `pfm_${randomBytes(32).toString('base64url')}`;
  const createdAt = deps.clock.now().toISOString();
  await deps.secrets.saveSecretDigest(actor.project.key, digestOf(secret).toString('hex'), createdAt);
  return { secret, createdAt, view: await view(deps, actor, true) };
}

/** Stores (or clears) Sentry's client secret. Project admins only. */
export async function saveSentrySecret(deps: MonitoringSettingsDeps, actor: Actor, clientSecret: string | null): Promise<MonitoringView> {
  await requireAdmin(deps, actor);
  await deps.secrets.saveSentryClientSecret(actor.project.key, clientSecret, deps.clock.now().toISOString());
  return view(deps, actor, true);
}
