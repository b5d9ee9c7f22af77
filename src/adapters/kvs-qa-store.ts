import { kvs, Filter, FilterConditions, Sort } from '@forge/kvs';
import { qaEntrySchema, qaRecordSchema, type QaEntry, type QaRecord } from '../domain/qa';
import { ConflictError, StoredDocumentError } from '../errors';
import { text } from '../i18n/server-translator';
import type { QaStore } from '../ports';
import { stageReleaseSave } from './kvs-release-store';
import { isConditionFailure } from './store-errors';

interface DecisionItem {
  issueId: string;
  issueKey: string;
  projectKey: string;
  build: string;
  status: string;
  seq: number;
  record: unknown;
}

interface HistoryItem {
  issueId: string;
  seq: string;
  entry: unknown;
}

/** A transaction takes at most 25 operations: the decision, its history item, and 2 per release... */
const MAX_RELEASES = 11;
const pad = (n: number) => String(n).padStart(9, '0');

/**
 * QA decisions in Forge custom entities: `qa-decision` holds each issue's latest decision (keyed
 * by issue id, indexed by project and build so the gate can compare it with Jira's property),
 * `qa-history` one item per decision (so no document grows without bound).
 */
export function kvsQaStore(): QaStore {
  const decisions = () => kvs.entity<DecisionItem>('qa-decision');
  const parseRecord = (key: string, value: unknown): QaRecord => {
    const parsed = qaRecordSchema.safeParse(value);
    if (!parsed.success) throw new StoredDocumentError(text('errors.stored.qaDecision', { issue: key }), { cause: parsed.error });
    return parsed.data;
  };
  return {
    async get(issueId) {
      const item = await decisions().get(issueId);
      return item ? parseRecord(issueId, item.record) : undefined;
    },

    async history(issueId, limit) {
      const page = await kvs.entity<HistoryItem>('qa-history').query().index('by-issue', { partition: [issueId] }).sort(Sort.DESC).limit(limit).getMany();
      return page.results.map((r): QaEntry => {
        const parsed = qaEntrySchema.safeParse(r.value.entry);
        if (!parsed.success) throw new StoredDocumentError(text('errors.stored.qaHistory', { key: r.key }), { cause: parsed.error });
        return parsed.data;
      });
    },

    async approvedFor(projectKey, build) {
      const found: Array<{ id: string; key: string }> = [];
      let cursor: string | undefined;
      do {
        let query = decisions()
          .query()
          .index('by-project-build', { partition: [projectKey, build] })
          .filters(new Filter<DecisionItem>().and('status', FilterConditions.equalTo('approved')))
          .limit(100);
        if (cursor) query = query.cursor(cursor);
        const page = await query.getMany();
        for (const r of page.results) found.push({ id: r.value.issueId, key: r.value.issueKey });
        cursor = page.nextCursor;
      } while (cursor);
      return found;
    },

    async rejectedFor(projectKey, build) {
      const found: QaRecord[] = [];
      let cursor: string | undefined;
      do {
        let query = decisions()
          .query()
          .index('by-project-build', { partition: [projectKey, build] })
          .filters(new Filter<DecisionItem>().and('status', FilterConditions.equalTo('rejected')))
          .limit(100);
        if (cursor) query = query.cursor(cursor);
        const page = await query.getMany();
        for (const r of page.results) found.push(parseRecord(r.key, r.value.record));
        cursor = page.nextCursor;
      } while (cursor);
      return found;
    },

    async saveDecision(record, entry, releases) {
      if (releases.length > MAX_RELEASES) throw new Error(`A QA decision can be recorded on at most ${MAX_RELEASES} releases at once`);
      const item: DecisionItem = {
        issueId: record.issueId,
        issueKey: record.issueKey,
        projectKey: record.projectKey,
        build: record.latest.build,
        status: record.latest.status,
        seq: record.seq,
        record,
      };
      const condition =
        record.seq === 1
          ? new Filter<DecisionItem>().and('seq', FilterConditions.notExists())
          : new Filter<DecisionItem>().and('seq', FilterConditions.equalTo(record.seq - 1));
      const tx = kvs.transact().set(record.issueId, item, { entityName: 'qa-decision', conditions: condition });
      const seq = pad(record.seq);
      tx.set<HistoryItem>(`${record.issueId}:${seq}`, { issueId: record.issueId, seq, entry }, { entityName: 'qa-history' });
      for (const r of releases) stageReleaseSave(tx, r.record, r.expectedRevision, r.events);
      try {
        await tx.execute();
      } catch (error) {
        if (isConditionFailure(error)) throw new ConflictError(text('errors.conflict.qa'));
        throw error;
      }
    },
  };
}
