import type { TrainEventDraft, TrainRecord } from '../domain/trains';
import type { Clock, People, ProjectAccess, ReleaseReads, SettingsStore } from '../ports';
import type { GateDeps } from './decide-gate';

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

/** What the train panel's use cases need (the resolvers wire them in src/resolvers/trains.ts). */
export interface TrainDeps {
  trains: TrainStore;
  /** Each member's go/no-go by the CI gate's rule, read as the person (what they may see). */
  gateAsUser: GateDeps;
  /**
   * The same, read as the app: only for the decision of a member the person cannot see (the
   * train's answer depends on it); nothing but go/no-go leaves such a member.
   */
  gateAsApp: GateDeps;
  /** Version reads as the person, for adding a member. */
  reads: Pick<ReleaseReads, 'version' | 'projectId'>;
  access: ProjectAccess;
  settings: SettingsStore;
  people?: People;
  clock: Clock;
  /** Where a member's release panel lives (its project's Releases page), for the panel's link. */
  panelUrl?: (projectKey: string, versionId: string) => string;
}
