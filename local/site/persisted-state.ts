import type { SimHandler } from '../sim/http-types';
import { readJson, writeTextAtomic } from '../persist/json-file';
import { JournalFile, readJournal, replayJournal, StateDiff } from '../persist/journal';

/** Where a snapshot's journal lives. */
const journalFileOf = (file: string): string => `${file}.journal`;

/**
 * Keeps a mutable state object (a simulated product's data) on disk with the KVS's guarantee:
 * a change is durable before the request that made it is answered, so `kill -9` right after an
 * acknowledgement loses nothing (issue 12). `markChanged()` (the sim's onChange) notes a change;
 * `durable()` resolves once every change noted so far is on disk.
 *
 * The changes go to an append-only journal next to the snapshot (`<file>.journal`, one fsync'd
 * line per commit holding only the records that changed), which costs far less than rewriting the
 * whole state per write. Requests whose changes are made before a commit share it (group commit).
 * Past `compactBytes` of journal, and on flush, writeNow and start, the state is written as an
 * atomic snapshot (temp file + fsync + rename + directory fsync) and the journal emptied.
 * `loadOrSeed` replays the journal over the snapshot.
 */
export class DurableJsonWriter {
  /** Counts changes noted; a commit at count n holds changes 1..n. */
  private changes = 0;
  private written = 0;
  private readonly journal: JournalFile;
  private readonly diff: StateDiff;

  constructor(
    private readonly file: string,
    private readonly state: () => unknown,
    private readonly compactBytes = 4 * 1024 * 1024,
  ) {
    this.journal = new JournalFile(journalFileOf(file));
    this.diff = new StateDiff(state);
  }

  /** Notes a change (synchronously, right after the in-memory mutation). */
  markChanged = (): void => {
    this.changes++;
  };

  /** True while a noted change is not yet on disk. */
  get pending(): boolean {
    return this.written < this.changes;
  }

  /**
   * Resolves once every change noted before the call is on disk; rejects if the write fails.
   * The commit itself is synchronous (one small append + fdatasync, as the KVS writes), so no
   * later snapshot can ever race an older journal line.
   */
  async durable(): Promise<void> {
    if (!this.pending) return;
    const count = this.changes;
    const line = this.diff.diff();
    if (line) this.journal.append(line);
    this.written = count;
    if (this.journal.bytes > this.compactBytes) this.writeNow();
  }

  /**
   * Writes now, synchronously, if a change is pending (shutdown): a snapshot, journal emptied,
   * and its file closed (a later change reopens it), so a closed site holds no open file.
   */
  flush(): void {
    if (this.pending || this.journal.bytes > 0) this.writeNow();
    this.journal.close();
  }

  /** Writes a snapshot now, pending change or not (after seeding, or to fold a replayed journal in). */
  writeNow(): void {
    const count = this.changes;
    writeTextAtomic(this.file, JSON.stringify(this.state()));
    // Only once the snapshot holds them may the journal's lines go (replaying them is harmless).
    this.journal.clear();
    this.diff.diff();
    this.written = Math.max(this.written, count);
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
 * Loads persisted state (the snapshot with its journal replayed), or seeds it when the file is
 * missing, `reset` is set, or the file does not parse (an older or damaged file: re-seeding beats refusing to start; the reason is logged).
 */
export function loadOrSeed<T>(file: string, reset: boolean, parse: (raw: unknown) => T, seed: () => T, log: (message: string) => void): { state: T; seeded: boolean } {
  if (!reset) {
    try {
      const raw = readJson(file);
      // Changes acknowledged since the snapshot was written are in its journal.
      if (raw !== undefined) return { state: parse(replayJournal(raw, readJournal(journalFileOf(file)))), seeded: false };
    } catch (error) {
      log(`${file} could not be loaded (${error instanceof Error ? error.message : String(error)}); re-seeding it.`);
    }
  }
  return { state: seed(), seeded: true };
}
