import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DurableJsonWriter, loadOrSeed } from '../../local/site/persisted-state';

/** The simulated products' files (jira.json + its journal): what a restart reads back. */
interface State {
  schemaVersion: number;
  issues: Array<{ key: string; summary: string }>;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'preflight-persisted-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const seed = (): State => ({ schemaVersion: 1, issues: [1, 2, 3].map((n) => ({ key: `PAY-${n}`, summary: `Issue ${n}` })) });
const load = (file: string): State => loadOrSeed<State>(file, false, (raw) => raw as State, seed, () => undefined).state;

test('a change is on disk once durable() resolves, and a restart reads it back without a shutdown flush', async () => {
  const file = join(dir, 'jira.json');
  const state = seed();
  const writer = new DurableJsonWriter(file, () => state);
  writer.writeNow();
  state.issues[1]!.summary = 'Edited';
  state.issues.push({ key: 'PAY-4', summary: 'Created' });
  writer.markChanged();
  await writer.durable();
  state.issues.splice(0, 1);
  writer.markChanged();
  await writer.durable();
  // No flush: as after kill -9. The snapshot is stale; its journal holds the acknowledged changes.
  expect((JSON.parse(readFileSync(file, 'utf8')) as State).issues).toHaveLength(3);
  expect(load(file).issues.map((i) => i.summary)).toEqual(['Edited', 'Issue 3', 'Created']);
});

test('a torn last journal line (a crash mid-append, never acknowledged) is ignored', async () => {
  const file = join(dir, 'jira.json');
  const state = seed();
  const writer = new DurableJsonWriter(file, () => state);
  writer.writeNow();
  state.issues[0]!.summary = 'Kept';
  writer.markChanged();
  await writer.durable();
  appendFileSync(`${file}.journal`, '[{"k":"issues","i":1,"v":{"key":"PAY-2","summ');
  expect(load(file).issues.map((i) => i.summary)).toEqual(['Kept', 'Issue 2', 'Issue 3']);
});

test('a snapshot folds the journal in; replaying lines the snapshot already holds changes nothing', async () => {
  const file = join(dir, 'jira.json');
  const state = seed();
  const writer = new DurableJsonWriter(file, () => state, 1);
  writer.writeNow();
  state.issues[2]!.summary = 'First';
  writer.markChanged();
  await writer.durable(); // past 1 byte of journal: compacted into the snapshot
  expect(readFileSync(`${file}.journal`, 'utf8')).toBe('');
  expect((JSON.parse(readFileSync(file, 'utf8')) as State).issues[2]!.summary).toBe('First');
  // A crash between writing a snapshot and emptying the journal leaves lines the snapshot holds.
  appendFileSync(`${file}.journal`, '[{"k":"issues","i":2,"v":{"key":"PAY-3","summary":"First"}}]\n');
  expect(load(file)).toEqual(state);
});

test('after a shutdown flush the snapshot holds everything, and changes after it still reach the journal', async () => {
  const file = join(dir, 'jira.json');
  const state = seed();
  const writer = new DurableJsonWriter(file, () => state);
  writer.writeNow();
  state.issues[0]!.summary = 'Before flush';
  writer.markChanged();
  await writer.durable();
  writer.flush();
  expect(readFileSync(`${file}.journal`, 'utf8')).toBe('');
  expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(state);
  state.issues[1]!.summary = 'After flush';
  writer.markChanged();
  await writer.durable();
  expect(load(file).issues.map((i) => i.summary)).toEqual(['Before flush', 'After flush', 'Issue 3']);
});
