import { kvs, Sort, FilterConditions, Filter, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { storedTextSchema } from '../domain/audit-line';
import { releaseRecordSchema, type AuditEventDraft, type ReleaseRecord } from '../domain/release';
import type { AuditEvent, ReleaseListEntry, ReleaseStore } from '../ports';
import { ConflictError, StoredDocumentError } from '../errors';
import { text } from '../i18n/server-translator';
import { isConditionFailure } from './store-errors';

interface ReleaseItem {
  projectKey: string;
  versionId: string;
  revision: number;
  record: unknown;
}

interface AuditItem {
  versionId: string;
  seq: string;
  event: unknown;
}

interface SummaryItem {
  projectKey: string;
  versionId: string;
  summary: unknown;
}

const auditEventSchema = z.object({
  type: z.string(),
  by: z.string(),
  at: z.string(),
  summary: z.string(),
  text: storedTextSchema.optional(),
  data: z.record(z.string(), z.string()).optional(),
  snapshot: z.array(z.object({ gateId: z.string(), name: z.string(), kind: z.enum(['auto', 'manual', 'signoff']), status: z.enum(['pass', 'fail', 'warning']), reason: z.string() }).loose()).optional(),
});
const listEntrySchema = z.object({
  phase: z.object({ id: z.string(), name: z.string() }),
  gateSummary: z.object({ pass: z.number(), warning: z.number(), fail: z.number(), evaluatedAt: z.string() }),
  source: z.enum(['panel', 'background']).optional(),
  tracked: z.boolean().optional(),
  releaseType: z.enum(['major', 'minor', 'hotfix']).optional(),
  scopePending: z.number().optional(),
});

/** Transactions take at most 25 operations: the record plus 24 events. */
const MAX_EVENTS_PER_CHANGE = 24;
const pad = (n: number) => String(n).padStart(9, '0');

/**
 * Adds a release save (the record on the condition that its stored revision is still
 * `expectedRevision`, plus its audit events) to a transaction. Exported so a QA decision can write
 * its own items and the releases' audit events in one transaction.
 */
export function stageReleaseSave(tx: ReturnType<typeof kvs.transact>, record: ReleaseRecord, expectedRevision: number | undefined, events: AuditEventDraft[]): ReleaseRecord {
  if (events.length > MAX_EVENTS_PER_CHANGE) throw new Error(`A change may record at most ${MAX_EVENTS_PER_CHANGE} audit events`);
  // Revisions start at 1: 0 means never saved, so a write based on the unsaved view is stale once anyone saved.
  const saved: ReleaseRecord = { ...record, revision: (expectedRevision ?? 0) + 1 };
  const item: ReleaseItem = { projectKey: saved.projectKey, versionId: saved.versionId, revision: saved.revision, record: saved };
  const condition =
    expectedRevision === undefined
      ? new Filter<ReleaseItem>().and('revision', FilterConditions.notExists())
      : new Filter<ReleaseItem>().and('revision', FilterConditions.equalTo(expectedRevision));
  tx.set(saved.versionId, item, { entityName: 'release', conditions: condition });
  // The trail is append-only: an event is written only where none is stored, so nothing (a bug,
  // a reused revision) can overwrite one; such a clash fails the whole change like a stale revision.
  // Nothing in the app deletes an audit event.
  const fresh = new Filter<AuditItem>().and('seq', FilterConditions.notExists());
  events.forEach((event, i) => {
    const seq = `${pad(saved.revision)}:${String(i).padStart(2, '0')}`;
    tx.set<AuditItem>(`${saved.versionId}:${seq}`, { versionId: saved.versionId, seq, event }, { entityName: 'audit-event', conditions: fresh });
  });
  return saved;
}

/**
 * Release records, their audit trail and list summaries in Forge custom entities. A change writes
 * the record and its events in one transaction, on the condition that the stored revision is the
 * one the change was computed from: a stale write fails whole, nothing half-saved.
 */
export function kvsReleaseStore(): ReleaseStore {
  const releases = () => kvs.entity<ReleaseItem>('release');
  return {
    async get(versionId) {
      const item = await releases().get(versionId);
      if (!item) return undefined;
      const parsed = releaseRecordSchema.safeParse(item.record);
      if (!parsed.success) throw new StoredDocumentError(text('errors.stored.release', { version: versionId }), { cause: parsed.error });
      return parsed.data;
    },

    async save(record, expectedRevision, events) {
      const tx = kvs.transact();
      const saved = stageReleaseSave(tx, record, expectedRevision, events);
      try {
        await tx.execute();
      } catch (error) {
        if (isConditionFailure(error)) throw new ConflictError();
        throw error;
      }
      return saved;
    },

    async audit(versionId, { cursor, limit }) {
      let query = kvs.entity<AuditItem>('audit-event').query().index('by-version', { partition: [versionId] }).sort(Sort.DESC).limit(limit);
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany();
      const events: AuditEvent[] = page.results.map((r) => {
        const parsed = auditEventSchema.safeParse(r.value.event);
        if (!parsed.success) throw new StoredDocumentError(text('errors.stored.auditEvent', { key: r.key }), { cause: parsed.error });
        return { ...(parsed.data as AuditEventDraft), id: r.key, versionId };
      });
      return { events, ...(page.nextCursor && { nextCursor: page.nextCursor }) };
    },

    async stored(versionId) {
      const record = (await releases().get(versionId))?.record;
      const events: Array<{ id: string; event: unknown }> = [];
      let cursor: string | undefined;
      do {
        let query = kvs.entity<AuditItem>('audit-event').query().index('by-version', { partition: [versionId] }).sort(Sort.ASC).limit(100);
        if (cursor) query = query.cursor(cursor);
        const page = await query.getMany();
        events.push(...page.results.map((r) => ({ id: r.key, event: r.value.event })));
        cursor = page.nextCursor;
      } while (cursor);
      return { record, events };
    },

    async eventsSince(versionId, revision, limit) {
      // Audit keys sort by revision (zero-padded) then index: everything after the revision's last possible index.
      const page = await kvs
        .entity<AuditItem>('audit-event')
        .query()
        .index('by-version', { partition: [versionId] })
        .where(WhereConditions.greaterThan(`${pad(revision)}:99`))
        .sort(Sort.ASC)
        .limit(limit)
        .getMany();
      const events = page.results.map((r) => {
        const parsed = auditEventSchema.safeParse(r.value.event);
        if (!parsed.success) throw new StoredDocumentError(text('errors.stored.auditEvent', { key: r.key }), { cause: parsed.error });
        return { ...(parsed.data as AuditEventDraft), id: r.key, versionId };
      });
      return { events, more: page.nextCursor !== undefined };
    },

    async summaries(projectKey) {
      const entries = new Map<string, ReleaseListEntry>();
      let cursor: string | undefined;
      do {
        let query = kvs.entity<SummaryItem>('release-summary').query().index('by-project', { partition: [projectKey] }).limit(100);
        if (cursor) query = query.cursor(cursor);
        const page = await query.getMany();
        for (const r of page.results) {
          const parsed = listEntrySchema.safeParse(r.value.summary);
          // A damaged summary only costs the list its gate counts; the panel recomputes them.
          if (parsed.success) entries.set(r.value.versionId, parsed.data);
        }
        cursor = page.nextCursor;
      } while (cursor);
      return entries;
    },

    async saveSummary(projectKey, versionId, entry) {
      await kvs.entity<SummaryItem>('release-summary').set(versionId, { projectKey, versionId, summary: entry });
    },

    async summaryProject(versionId) {
      return (await kvs.entity<SummaryItem>('release-summary').get(versionId))?.projectKey;
    },
  };
}

