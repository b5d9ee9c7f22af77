/**
 * Durability of the local KVS on disk: what the app stored survives a restart, and a process
 * killed in the middle of writing leaves a readable file holding the last acknowledged write (or
 * the one it was writing when it died).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { kvs } from '@forge/kvs';
import { LocalKvs } from '../../local/kvs';
import { installForgeRuntime } from '../../local/runtime';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'preflight-kvs-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function useStore(file: string): LocalKvs {
  const store = new LocalKvs({ file });
  installForgeRuntime({ kvs: store, products: () => Promise.reject(new Error('no product calls here')) });
  return store;
}

it('keeps what was stored across a restart', async () => {
  const file = join(dir, 'kvs.json');
  useStore(file);
  await kvs.set('settings:PF', { gate: 'strict' });
  await kvs.setSecret('webhook', 'https://hooks.example/1');
  await kvs.set('gone', 1);
  await kvs.delete('gone');

  useStore(file); // a new process would do exactly this
  expect(await kvs.get('settings:PF')).toEqual({ gate: 'strict' });
  expect(await kvs.getSecret('webhook')).toBe('https://hooks.example/1');
  expect(await kvs.get('gone')).toBeUndefined();
});

it('refuses to open a file that is not a local KVS file instead of overwriting it', () => {
  const file = join(dir, 'other.json');
  writeFileSync(file, JSON.stringify({ something: 'else' }));
  expect(() => new LocalKvs({ file })).toThrow(/not a local KVS file/);
});

/** Starts the writer, waits for `minAcks` acknowledged writes, SIGKILLs it; returns the last ack seen. */
function runAndKill(file: string, minAcks: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(__dirname, 'fixtures/kill-writer.ts'), file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let lastAck = 0;
  let buffered = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolvePromise, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^ack (\d+)$/.exec(line);
        if (m) lastAck = Number(m[1]);
      }
      if (lastAck >= minAcks && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolvePromise(lastAck);
      else reject(new Error(`writer exited on its own (code ${code}): ${stderr}`));
    });
  });
}

it('survives SIGKILL mid-write: the file parses and holds the last acknowledged write or the next', async () => {
  const file = join(dir, 'kvs.json');
  for (const minAcks of [15, 40]) {
    const lastAck = await runAndKill(file, minAcks);
    expect(() => JSON.parse(readFileSync(file, 'utf8'))).not.toThrow();
    const reopened = new LocalKvs({ file });
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]); // leftovers cleaned on open
    const reply = await reopened.handle('/api/v1/get', { key: 'counter' });
    expect(reply.status).toBe(200);
    const counter = (reply.body as { value: number }).value;
    expect(counter).toBeGreaterThanOrEqual(lastAck);
    expect(counter).toBeLessThanOrEqual(lastAck + 1);
  }
}, 60_000);
