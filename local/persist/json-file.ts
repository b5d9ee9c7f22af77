import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

// Two writes of the same file in one millisecond must not share a temp file: a counter as well.
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

/** Reads a JSON file written by writeJsonAtomic; undefined when it does not exist yet. */
export function readJson(file: string): unknown {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8'));
}
