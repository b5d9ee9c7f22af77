import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock, IntegrationStore } from '../ports';

/**
 * The per-project CI gate secret. Only its SHA-256 digest is stored (in the KVS secret store), so
 * the secret is shown once, when generated; rotating replaces it and the old one stops working at once.
 */

const digestOf = (secret: string) => createHash('sha256').update(secret, 'utf8').digest();

/** 32 random bytes, URL-safe, with a prefix that secret scanners and people recognise. */
export function newGateSecret(): string {
  return `pfg_${randomBytes(32).toString('base64url')}`;
}

export async function rotateGateSecret(
  deps: { integrations: IntegrationStore; clock: Clock },
  projectKey: string,
  defaults: { reminderDays: number; siteUrl?: string },
): Promise<{ secret: string; createdAt: string }> {
  const secret = newGateSecret();
  const createdAt = deps.clock.now().toISOString();
  await deps.integrations.saveGateSecretDigest(projectKey, digestOf(secret).toString('hex'));
  const current = await deps.integrations.settings(projectKey);
  await deps.integrations.saveSettings(projectKey, {
    ...(current ?? { reminderDays: defaults.reminderDays, channels: [], hints: {} }),
    ...(defaults.siteUrl && { siteUrl: defaults.siteUrl }),
    gateSecretCreatedAt: createdAt,
  });
  return { secret, createdAt };
}

/**
 * Whether `provided` is the project's gate secret. Compares digests, which always have the same
 * length, with timingSafeEqual, so the time taken says nothing about how much of a guess matched.
 * A project without a secret refuses everything (after the same amount of work).
 */
export async function verifyGateSecret(integrations: IntegrationStore, projectKey: string, provided: string | undefined): Promise<boolean> {
  const storedHex = await integrations.gateSecretDigest(projectKey);
  const stored = storedHex ? Buffer.from(storedHex, 'hex') : digestOf('no secret is set for this project');
  const given = digestOf(provided ?? '');
  return timingSafeEqual(stored, given) && storedHex !== undefined && provided !== undefined && provided !== '';
}
