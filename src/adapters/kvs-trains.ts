import { kvs, Filter, FilterConditions, Sort } from '@forge/kvs';
import { trainEventSchema, trainRecordSchema, type TrainEventDraft, type TrainRecord } from '../domain/trains';
import { ConflictError, StoredDocumentError } from '../errors';
import { text } from '../i18n/server-translator';
import type { TrainStore } from '../usecases/train-deps';
import { isConditionFailure } from './store-errors';

interface TrainItem {
  /** Always "train": the partition of the index that lists every train. */
  kind: string;
  name: string;
  revision: number;
  record: unknown;
}

interface TrainEventItem {
  trainId: string;
  seq: string;
  event: unknown;
}

/** Transactions take at most 25 operations: the train plus 24 events. */
const MAX_EVENTS_PER_CHANGE = 24;
const pad = (n: number) => String(n).padStart(9, '0');

function parseTrain(key: string, value: unknown): TrainRecord {
  const parsed = trainRecordSchema.safeParse(value);
  if (!parsed.success) throw new StoredDocumentError(text('errors.stored.train', { key }), { cause: parsed.error });
  return parsed.data;
}

/**
 * Release trains in the Forge custom entity `train` (one item per train, guarded by `revision`)
 * and their history in `train-event` (append-only, one item per event, like `audit-event`).
 */
export function kvsTrainStore(): TrainStore {
  const trains = () => kvs.entity<TrainItem>('train');
  return {
    async get(trainId) {
      const item = await trains().get(trainId);
      return item ? parseTrain(trainId, item.record) : undefined;
    },

    async list() {
      const out: TrainRecord[] = [];
      let cursor: string | undefined;
      do {
        let query = trains().query().index('by-name', { partition: ['train'] }).sort(Sort.ASC).limit(100);
        if (cursor) query = query.cursor(cursor);
        const page = await query.getMany();
        for (const r of page.results) {
          const parsed = trainRecordSchema.safeParse(r.value.record);
          // One damaged train must not hide every other one; `get` reports it when opened.
          if (parsed.success) out.push(parsed.data);
          else console.error(`Preflight found a damaged release train ${r.key}`, parsed.error);
        }
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    },

    async save(record, expectedRevision, events) {
      if (events.length > MAX_EVENTS_PER_CHANGE) throw new Error(`A change may record at most ${MAX_EVENTS_PER_CHANGE} events`);
      const saved: TrainRecord = { ...record, revision: expectedRevision + 1 };
      const tx = kvs.transact();
      const condition =
        expectedRevision === 0 ? new Filter<TrainItem>().and('revision', FilterConditions.notExists()) : new Filter<TrainItem>().and('revision', FilterConditions.equalTo(expectedRevision));
      tx.set<TrainItem>(saved.id, { kind: 'train', name: saved.name.toLowerCase(), revision: saved.revision, record: saved }, { entityName: 'train', conditions: condition });
      const fresh = new Filter<TrainEventItem>().and('seq', FilterConditions.notExists());
      events.forEach((event, i) => {
        const seq = `${pad(saved.revision)}:${String(i).padStart(2, '0')}`;
        tx.set<TrainEventItem>(`${saved.id}:${seq}`, { trainId: saved.id, seq, event }, { entityName: 'train-event', conditions: fresh });
      });
      try {
        await tx.execute();
      } catch (error) {
        if (isConditionFailure(error)) {
          throw new ConflictError(expectedRevision === 0 ? text('errors.conflict.trainExists', { id: saved.id }) : text('errors.conflict.train'));
        }
        throw error;
      }
      return saved;
    },

    async history(trainId, limit) {
      const page = await kvs.entity<TrainEventItem>('train-event').query().index('by-train', { partition: [trainId] }).sort(Sort.DESC).limit(limit).getMany();
      return page.results.map((r) => {
        const parsed = trainEventSchema.safeParse(r.value.event);
        if (!parsed.success) throw new StoredDocumentError(text('errors.stored.trainEvent', { key: r.key }), { cause: parsed.error });
        return { ...(parsed.data as TrainEventDraft), id: r.key };
      });
    },
  };
}
