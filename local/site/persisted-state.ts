import type { SimHandler } from '../sim/http-types';
import { readJson, stageTextAtomic, writeTextAtomic } from '../persist/json-file';

/**
 * Keeps a mutable state object (a simulated product's data) on disk with the KVS's guarantee:
 * a change is durable before the request that made it is answered, so `kill -9` right after an
 * acknowledgement loses nothing (issue 12). `markChanged()` (the sim's onChange) notes a change;
 * `durable()` resolves once a snapshot containing every change noted so far is on disk.
 *
 * Group commit: while one snapshot is being written (fsync off the event loop), further changes
 * wait for the next one, so a burst of concurrent writes (a release touching 300 issues) costs a
 * few snapshots, not one each. Every snapshot is atomic (temp file + fsync + rename + directory
 * fsync), so a crash mid-write leaves the previous snapshot readable.
 */
export class DurableJsonWriter {
  /** Counts changes noted; a snapshot taken at count n holds changes 1..n. */
  private changes = 0;
  private written = 0;
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly file: string,
    private readonly state: () => unknown,
  ) {}

  /** Notes a change (synchronously, right after the in-memory mutation). */
  markChanged = (): void => {
    this.changes++;
  };

  /** True while a noted change is not yet on disk. */
  get pending(): boolean {
    return this.written < this.changes;
  }

  /** Resolves once every change noted before the call is on disk; rejects if the write fails. */
  async durable(): Promise<void> {
    const target = this.changes;
    while (this.written < target) {
      if (!this.inFlight) {
        this.inFlight = this.writeSnapshot().finally(() => {
          this.inFlight = undefined;
        });
      }
      await this.inFlight;
    }
  }

  /** Writes now, synchronously, if a change is pending (shutdown). */
  flush(): void {
    if (this.pending) this.writeNow();
  }

  /** Writes now, pending change or not (after seeding). */
  writeNow(): void {
    const count = this.changes;
    writeTextAtomic(this.file, JSON.stringify(this.state()));
    this.written = Math.max(this.written, count);
  }

  private async writeSnapshot(): Promise<void> {
    // Serialised synchronously: the snapshot holds exactly the changes counted so far.
    const count = this.changes;
    const publish = await stageTextAtomic(this.file, JSON.stringify(this.state()));
    // A synchronous flush() may have written a newer snapshot meanwhile: never roll it back.
    const newer = this.written >= count;
    publish(!newer);
    if (!newer) this.written = count;
  }
}

/**
 * Answers each request only after the writers hold every change it made on disk: the
 * acknowledgement (a 2xx to curl or to the app) then means the write survives a crash. Reads
 * make no change and wait for nothing. A failed disk write answers 500 instead of a false 2xx.
 */
export function answerWhenDurable(handler: SimHandler, writers: DurableJsonWriter[]): SimHandler {
  return async (req) => {
    const response = await handler(req);
    try {
      await Promise.all(writers.filter((w) => w.pending).map((w) => w.durable()));
    } catch (error) {
      return { status: 500, body: { errorMessages: [`The change could not be saved: ${error instanceof Error ? error.message : String(error)}`] } };
    }
    return response;
  };
}

/**
 * Loads persisted state, or seeds it when the file is missing, `reset` is set, or the file does
 * not parse (an older or damaged file: re-seeding beats refusing to start; the reason is logged).
 */
export function loadOrSeed<T>(file: string, reset: boolean, parse: (raw: unknown) => T, seed: () => T, log: (message: string) => void): { state: T; seeded: boolean } {
  if (!reset) {
    try {
      const raw = readJson(file);
      if (raw !== undefined) return { state: parse(raw), seeded: false };
    } catch (error) {
      log(`${file} could not be loaded (${error instanceof Error ? error.message : String(error)}); re-seeding it.`);
    }
  }
  return { state: seed(), seeded: true };
}
