import { closeSync, existsSync, fdatasyncSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * An append-only journal of changes to a JSON state object whose top-level values are arrays of
 * records (Jira's issues, Confluence's pages) or plain values. Each line is one commit: a JSON
 * array of absolute assignments (`{k, i, v}` sets record i of array k, `{k, len}` sets its length,
 * `{k, v}` sets a plain value, `{k, del}` removes it). Appending one fsync'd line costs far less
 * than rewriting the whole state, and being absolute, replaying a line over a snapshot that
 * already holds it changes nothing (a crash between writing a snapshot and emptying the journal).
 */
export type JournalOp = { k: string; i: number; v: unknown } | { k: string; len: number } | { k: string; v: unknown } | { k: string; del: true };

const serialise = (value: unknown): string => JSON.stringify(value) ?? 'null';

/** Finds what changed in a state since the last call, record by record, as journal text. */
export class StateDiff {
  private arrays = new Map<string, string[]>();
  private plain = new Map<string, string>();

  constructor(private readonly state: () => unknown) {
    this.diff();
  }

  /** The ops since the last call as one journal line (with its newline), or undefined if none. */
  diff(): string | undefined {
    const state = this.state() as Record<string, unknown>;
    const ops: string[] = [];
    const seen = new Set<string>();
    for (const [key, value] of Object.entries(state)) {
      seen.add(key);
      const k = JSON.stringify(key);
      if (Array.isArray(value)) {
        const before = this.arrays.get(key);
        const now = value.map(serialise);
        if (!before) ops.push(`{"k":${k},"v":[${now.join(',')}]}`);
        else {
          if (before.length > now.length) ops.push(`{"k":${k},"len":${now.length}}`);
          now.forEach((text, i) => text !== before[i] && ops.push(`{"k":${k},"i":${i},"v":${text}}`));
        }
        this.arrays.set(key, now);
        this.plain.delete(key);
      } else {
        const text = serialise(value);
        if (this.plain.get(key) !== text) ops.push(`{"k":${k},"v":${text}}`);
        this.plain.set(key, text);
        this.arrays.delete(key);
      }
    }
    for (const key of [...this.arrays.keys(), ...this.plain.keys()]) {
      if (seen.has(key)) continue;
      ops.push(`{"k":${JSON.stringify(key)},"del":true}`);
      this.arrays.delete(key);
      this.plain.delete(key);
    }
    return ops.length > 0 ? `[${ops.join(',')}]\n` : undefined;
  }
}

/** Applies a journal's lines to a parsed snapshot, in order. A torn last line (a crash while it
 * was being written, so never acknowledged) is ignored. */
export function replayJournal(snapshot: unknown, text: string): unknown {
  const state = snapshot as Record<string, unknown>;
  const lines = text.split('\n').filter((line) => line !== '');
  lines.forEach((line, n) => {
    let ops: JournalOp[];
    try {
      ops = JSON.parse(line) as JournalOp[];
    } catch (error) {
      if (n === lines.length - 1) return;
      throw error;
    }
    for (const op of ops) {
      if ('del' in op) delete state[op.k];
      else if ('len' in op) (state[op.k] as unknown[]).length = op.len;
      else if ('i' in op) ((state[op.k] ??= []) as unknown[])[op.i] = op.v;
      else state[op.k] = op.v;
    }
  });
  return state;
}

/** Reads a journal file; '' when there is none. */
export function readJournal(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** An open journal file: `append` returns once the line is on disk. */
export class JournalFile {
  private fd: number | undefined;
  bytes = 0;

  constructor(private readonly file: string) {}

  append(line: string): void {
    const fd = this.open();
    this.bytes += writeSync(fd, line);
    fdatasyncSync(fd);
  }

  /** Empties the journal (after its changes are in a snapshot). */
  clear(): void {
    const fd = this.open();
    ftruncateSync(fd, 0);
    fsyncSync(fd);
    this.bytes = 0;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private open(): number {
    if (this.fd === undefined) {
      mkdirSync(dirname(this.file), { recursive: true });
      const created = !existsSync(this.file);
      this.fd = openSync(this.file, 'a');
      // Lines left by an earlier run (replayed at load) count towards compaction.
      this.bytes = fstatSync(this.fd).size;
      // A new file's directory entry must survive a crash too, or the journal vanishes with it.
      if (created) {
        const dirFd = openSync(dirname(this.file), 'r');
        try {
          fsyncSync(dirFd);
        } finally {
          closeSync(dirFd);
        }
      }
    }
    return this.fd;
  }
}
