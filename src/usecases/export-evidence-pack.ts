import { buildEvidencePack, verifyAgainstStored, type EvidencePack, type StoredAuditEvent } from '../domain/evidence';
import { AppError, StoredDocumentError } from '../errors';
import type { EvidencePackPayload, EvidenceVerificationView, VerifyEvidencePayload } from '../shared/release-panel';
import { assertVersionInProject } from './load-release';
import type { Actor, ReleaseDeps } from './release-deps';
import { text } from '../i18n/server-translator';

/** The stored record and trail, events in the shape the pack digests (the stored event plus its id). */
async function readStored(deps: ReleaseDeps, versionId: string): Promise<{ record: unknown; events: StoredAuditEvent[] }> {
  const stored = await deps.store.stored(versionId);
  const events = stored.events.map(({ id, event }) => {
    const e = event as Partial<StoredAuditEvent> | null;
    if (!e || typeof e !== 'object' || typeof e.summary !== 'string') throw new StoredDocumentError(text('errors.stored.auditEvent', { key: id }));
    return { ...(e as StoredAuditEvent), id };
  });
  return { record: stored.record, events };
}

/**
 * The release's evidence pack: its stored record and every audit event, the readable decisions
 * and go/no-go snapshots, and SHA-256 digests over what is stored. Anyone who may see the
 * release may export it; it reads only (no write, no tracking state).
 * @throws AppError NOT_FOUND for a version of another project, or one Preflight has no record of.
 */
export async function exportEvidencePack(deps: ReleaseDeps, actor: Actor, input: EvidencePackPayload): Promise<EvidencePack> {
  // Read in parallel; nothing read is returned before the version is known to be this project's.
  const [version, stored] = await Promise.all([deps.reads.version(input.versionId), readStored(deps, input.versionId)]);
  if (version.projectId !== actor.project.id) throw new AppError('NOT_FOUND', text('errors.version.otherProject', { version: input.versionId, project: actor.project.key }));
  if (stored.record === undefined) throw new AppError('NOT_FOUND', text('errors.evidence.noRecord', { version: version.name }));
  const people = new Set<string>();
  for (const e of stored.events) {
    people.add(e.by);
    for (const g of (e.snapshot ?? []) as Array<{ signatures?: Array<{ by: string }> }>) for (const s of g.signatures ?? []) people.add(s.by);
  }
  const names = await deps.people.names([...people]);
  return buildEvidencePack({
    project: { key: actor.project.key },
    version: { id: version.id, name: version.name },
    record: stored.record,
    events: stored.events,
    people: Object.fromEntries([...people].map((id) => [id, names.get(id) ?? id])),
    exportedAt: deps.clock.now().toISOString(),
    exportedBy: actor.accountId,
  });
}

/**
 * Checks an evidence pack: against its own digests, and against what is stored now for the same
 * version (every exported event still stored, unchanged). Reads only.
 * @throws AppError NOT_FOUND for a version of another project.
 */
export async function verifyEvidence(deps: ReleaseDeps, actor: Actor, input: VerifyEvidencePayload): Promise<EvidenceVerificationView> {
  await assertVersionInProject(deps, actor, input.versionId);
  const packVersion = (input.pack['version'] as { id?: unknown } | undefined)?.id;
  if (packVersion !== input.versionId) {
    return { valid: false, problems: [`This pack is for version ${String(packVersion)}, not ${input.versionId}.`], notes: [] };
  }
  return verifyAgainstStored(input.pack, await readStored(deps, input.versionId));
}
