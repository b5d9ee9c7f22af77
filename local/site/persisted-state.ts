import { readJson, writeJsonAtomic } from '../persist/json-file';

/**
 * Writes a mutable state object to disk some time after it changes, so a burst of writes (a
 * release touching 300 issues) costs one file write, and `flush()` writes at once (shutdown).
 * Each write is atomic (temp file + rename), so a crash leaves the previous state readable.
 */
export class DebouncedJsonWriter {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly file: string,
    private readonly state: () => unknown,
    private readonly delayMs = 250,
  ) {}

  /** Notes a change; the write happens after `delayMs` without further changes being needed. */
  schedule = (): void => {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.delayMs);
    // A pending write must not keep a finished test or script alive; shutdown calls flush().
    this.timer.unref();
  };

  /** Writes now if a change is pending. */
  flush(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    writeJsonAtomic(this.file, this.state());
  }

  /** Writes now, pending change or not (after seeding). */
  writeNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    writeJsonAtomic(this.file, this.state());
  }
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
