import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Text } from '../i18n/server-translator';
import { auditKindOf, type AuditKind } from '../shared/release-panel';

/**
 * The evidence pack: a release's stored record and its whole audit trail in one JSON document,
 * with SHA-256 digests an auditor can recompute, so a later change to anything stored shows.
 *
 * What is digested is what Preflight stored (the record and each audit event, exactly as read
 * back), serialised canonically: objects with their keys sorted, no whitespace. So the digest is
 * the same for every export of the same stored state, whatever order the store returned keys in.
 * Display names are not digested: people rename themselves, the account ids are the record.
 *
 * Pure: no I/O, no clock (node:crypto's hash is a deterministic function).
 */

export const EVIDENCE_FORMAT = 'preflight-evidence-pack' as const;
export const EVIDENCE_FORMAT_VERSION = 1 as const;
export const CANONICALISATION = 'JSON, object keys sorted by UTF-16 code unit, no whitespace, undefined members left out';

/** An audit event as stored, with the id (`<versionId>:<seq>`) that orders the trail. */
export interface StoredAuditEvent {
  id: string;
  type: string;
  by: string;
  at: string;
  summary: string;
  /** The line as a message id and values (src/domain/audit-line.ts), on events recorded since it existed. */
  text?: Text;
  snapshot?: unknown[];
  data?: Record<string, string>;
}

/** One decision in the readable history, derived from an audit event. */
export interface EvidenceDecision {
  eventId: string;
  kind: AuditKind;
  type: string;
  by: string;
  at: string;
  /** In English, as stored; `text` words it in a reader's language. */
  summary: string;
  text?: Text;
}

/** A go/no-go snapshot: the gates (and signers) when a phase was left. */
export interface EvidenceSnapshot {
  from: string;
  to: string;
  by: string;
  at: string;
  override?: unknown;
  gates: unknown[];
}

export interface EvidencePack {
  format: typeof EVIDENCE_FORMAT;
  formatVersion: typeof EVIDENCE_FORMAT_VERSION;
  exportedAt: string;
  exportedBy: string;
  project: { key: string };
  version: { id: string; name: string };
  /** The stored release record, as read. */
  record: unknown;
  /** Every stored audit event, oldest first. */
  events: StoredAuditEvent[];
  /** Readable views of the above, re-derived and checked by verification. */
  decisions: EvidenceDecision[];
  snapshots: EvidenceSnapshot[];
  /** Display names at export time (not digested). */
  people: Record<string, string>;
  integrity: {
    algorithm: 'SHA-256';
    canonicalisation: typeof CANONICALISATION;
    /** SHA-256 of the canonical record. */
    record: string;
    /** SHA-256 of each canonical event, by event id. */
    events: Record<string, string>;
    /** SHA-256 of the canonical `{ versionId, record, events }`: one value to compare. */
    digest: string;
  };
}

/** Canonical JSON: the same value always serialises to the same string. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('A non-finite number has no JSON form');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function sha256(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}

function digestOf(versionId: string, record: unknown, events: StoredAuditEvent[]): string {
  return sha256({ versionId, record, events });
}

/** The readable decision history: every event, oldest first, with its kind. */
export function decisionsOf(events: StoredAuditEvent[]): EvidenceDecision[] {
  return events.map((e) => ({ eventId: e.id, kind: auditKindOf(e.type), type: e.type, by: e.by, at: e.at, summary: e.summary, ...(e.text !== undefined && { text: e.text }) }));
}

/** Every go/no-go snapshot the record keeps (one per phase left). */
export function snapshotsOf(record: unknown): EvidenceSnapshot[] {
  const transitions = (record as { transitions?: unknown } | null)?.transitions;
  if (!Array.isArray(transitions)) return [];
  return transitions.map((t: Record<string, unknown>) => ({
    from: String(t['from']),
    to: String(t['to']),
    by: String(t['by']),
    at: String(t['at']),
    ...(t['override'] !== undefined && { override: t['override'] }),
    gates: Array.isArray(t['snapshot']) ? (t['snapshot'] as unknown[]) : [],
  }));
}

/** Assembles the pack from what the store holds now. Events may come in any order. */
export function buildEvidencePack(args: {
  project: { key: string };
  version: { id: string; name: string };
  record: unknown;
  events: StoredAuditEvent[];
  people: Record<string, string>;
  exportedAt: string;
  exportedBy: string;
}): EvidencePack {
  const events = [...args.events].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    format: EVIDENCE_FORMAT,
    formatVersion: EVIDENCE_FORMAT_VERSION,
    exportedAt: args.exportedAt,
    exportedBy: args.exportedBy,
    project: args.project,
    version: args.version,
    record: args.record,
    events,
    decisions: decisionsOf(events),
    snapshots: snapshotsOf(args.record),
    people: args.people,
    integrity: {
      algorithm: 'SHA-256',
      canonicalisation: CANONICALISATION,
      record: sha256(args.record),
      events: Object.fromEntries(events.map((e) => [e.id, sha256(e)])),
      digest: digestOf(args.version.id, args.record, events),
    },
  };
}

const hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 hex digest');
const packSchema = z.object({
  format: z.literal(EVIDENCE_FORMAT),
  formatVersion: z.literal(EVIDENCE_FORMAT_VERSION),
  version: z.object({ id: z.string(), name: z.string() }),
  record: z.unknown(),
  events: z.array(z.object({ id: z.string(), type: z.string(), by: z.string(), at: z.string(), summary: z.string() }).loose()),
  decisions: z.array(z.unknown()),
  snapshots: z.array(z.unknown()),
  integrity: z.object({ algorithm: z.literal('SHA-256'), record: hex, events: z.record(z.string(), hex), digest: hex }),
});

export interface Verification {
  /** True when nothing in the pack (or, when compared, in the store) was altered. */
  valid: boolean;
  /** The digest recomputed from the pack's contents. */
  digest?: string;
  /** One sentence per problem, naming what does not match. */
  problems: string[];
  /** Things worth knowing that are not tampering (the release went on after the export). */
  notes: string[];
}

/**
 * Checks a pack on its own: each event and the record against their digests, the overall digest,
 * and that the readable decisions and snapshots are what the events and record say.
 */
export function verifyEvidencePack(input: unknown): Verification {
  const parsed = packSchema.safeParse(input);
  if (!parsed.success) {
    return { valid: false, problems: [`This is not a Preflight evidence pack: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'pack'}: ${i.message}`).join('; ')}`], notes: [] };
  }
  const pack = parsed.data as unknown as EvidencePack;
  const problems: string[] = [];
  if (sha256(pack.record) !== pack.integrity.record) problems.push('The release record does not match its digest.');
  const seen = new Set<string>();
  for (const event of pack.events) {
    seen.add(event.id);
    const expected = pack.integrity.events[event.id];
    if (!expected) problems.push(`Audit event ${event.id} has no digest: it was added to the pack later.`);
    else if (sha256(event) !== expected) problems.push(`Audit event ${event.id} ("${event.summary}") does not match its digest.`);
  }
  for (const id of Object.keys(pack.integrity.events)) if (!seen.has(id)) problems.push(`Audit event ${id} was taken out of the pack.`);
  const digest = digestOf(pack.version.id, pack.record, pack.events);
  if (digest !== pack.integrity.digest) problems.push(`The pack's digest ${pack.integrity.digest} does not match its contents (${digest}).`);
  if (canonicalJson(pack.decisions) !== canonicalJson(decisionsOf(pack.events))) problems.push('The decision list does not match the audit events.');
  if (canonicalJson(pack.snapshots) !== canonicalJson(snapshotsOf(pack.record))) problems.push('The go/no-go snapshots do not match the release record.');
  return { valid: problems.length === 0, digest, problems, notes: [] };
}

/**
 * Checks a pack against what is stored now: every event the pack holds must still be stored,
 * unchanged (the trail is append-only); events added since are fine. The record may have moved
 * on through later changes (a higher revision); at the same revision it must be identical.
 */
export function verifyAgainstStored(input: unknown, stored: { record: unknown; events: StoredAuditEvent[] }): Verification {
  const own = verifyEvidencePack(input);
  if (own.problems.length > 0 && own.digest === undefined) return own;
  const pack = input as EvidencePack;
  const problems = [...own.problems];
  const notes: string[] = [];
  const now = new Map(stored.events.map((e) => [e.id, e]));
  for (const [id, expected] of Object.entries(pack.integrity.events)) {
    const event = now.get(id);
    if (!event) problems.push(`Audit event ${id} is no longer stored: it was deleted after the pack was exported.`);
    else if (sha256(event) !== expected) problems.push(`Audit event ${id} ("${event.summary}") was changed after the pack was exported.`);
  }
  const added = stored.events.filter((e) => pack.integrity.events[e.id] === undefined).length;
  if (added > 0) notes.push(`${added} audit event${added === 1 ? ' was' : 's were'} added after the export.`);
  const revisionOf = (r: unknown) => (r as { revision?: unknown } | null)?.revision;
  const [then, current] = [revisionOf(pack.record), revisionOf(stored.record)];
  if (typeof then === 'number' && typeof current === 'number' && current < then) {
    problems.push(`The release record went back from revision ${then} to ${current} after the export.`);
  } else if (then === current) {
    if (sha256(stored.record) !== pack.integrity.record) problems.push(`The release record was changed after the export without a new revision (still revision ${String(current)}).`);
  } else {
    notes.push(`The release record moved on from revision ${String(then)} to ${String(current)} after the export.`);
  }
  return { valid: problems.length === 0, ...(own.digest && { digest: own.digest }), problems, notes };
}
