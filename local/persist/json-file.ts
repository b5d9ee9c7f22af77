import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';

// Two writes of the same file in one millisecond (an async write in flight, then a shutdown
// flush) must not share a temp file, so the name carries a counter as well as pid and time.
let tmpCounter = 0;
const tmpName = (file: string): string => `${file}.${process.pid}.${Date.now()}.${tmpCounter++}.tmp`;

function fsyncDir(file: string): void {
  const dirFd = openSync(dirname(file), 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

/**
 * Writes `data` as JSON so that a reader (or a process restarted after a crash) sees either the
 * previous file or the new one, never a torn mix: write a temp file, fsync it, rename over the
 * target (atomic on POSIX), then fsync the directory so the rename itself survives a power cut.
 */
export function writeJsonAtomic(file: string, data: unknown): void {
  writeTextAtomic(file, JSON.stringify(data));
}

/** writeJsonAtomic for text already serialised. */
export function writeTextAtomic(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = tmpName(file);
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  fsyncDir(file);
}

/**
 * Writes and fsyncs `text` to a fresh temp file without blocking the event loop (the slow part
 * of an atomic write), and returns a function that publishes it synchronously (rename over
 * `file`, fsync the directory) or, called with `false`, discards it. The caller decides at the
 * last moment, so a newer state written meanwhile is never overwritten by an older one.
 */
export async function stageTextAtomic(file: string, text: string): Promise<(publish: boolean) => void> {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = tmpName(file);
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return (publish) => {
    if (publish) {
      renameSync(tmp, file);
      fsyncDir(file);
    } else {
      unlinkSync(tmp);
    }
  };
}

/** Reads a JSON file written by writeJsonAtomic; undefined when it does not exist yet. */
export function readJson(file: string): unknown {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8'));
}
