import type { TrainEventDraft, TrainRecord } from '../domain/trains';

/**
 * The port the train use cases store trains through (src/adapters/kvs-trains.ts implements it).
 * Helpers that only read trains (the calendar, release health, the train notes) use `get`/`list`.
 */
export interface TrainStore {
  get(trainId: string): Promise<TrainRecord | undefined>;
  /** Every train, by name. Records are TrainSummary-compatible (id, name, dates, members). */
  list(): Promise<TrainRecord[]>;
  /**
   * Saves the record on the condition that the stored revision is still `expectedRevision`
   * (0: the train must not exist yet), with its history events, in one transaction.
   * @throws ConflictError when someone saved first (or a train with that id exists).
   */
  save(record: TrainRecord, expectedRevision: number, events: TrainEventDraft[]): Promise<TrainRecord>;
  /** The train's history, newest first. */
  history(trainId: string, limit: number): Promise<Array<TrainEventDraft & { id: string }>>;
}
