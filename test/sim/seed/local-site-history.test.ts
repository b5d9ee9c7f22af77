import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createLocalSite } from '../../../local/site/compose';

/** `npm start`: the release history is written to a new (or reset) KVS, kept on disk, and not written again. */
const APP_ROOT = resolve(__dirname, '../../..');

interface KvsFile {
  entities: Record<string, Record<string, { value: { projectKey?: string; record?: { updatedAt: string } } }>>;
}

const releasesOnDisk = (dataDir: string) => {
  const file = JSON.parse(readFileSync(join(dataDir, 'kvs.json'), 'utf8')) as KvsFile;
  return file.entities['release'] ?? {};
};

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'preflight-history-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test('a new local site stores PAY and MOB past releases on disk, keeps them on restart without writing them again, and --reset writes them anew', async () => {
  const logged: string[] = [];
  const first = await createLocalSite({ dataDir, port: 0, appRoot: APP_ROOT, seedIssues: 60, log: (m) => logged.push(m) });
  await first.close();
  const seeded = releasesOnDisk(dataDir);
  const projects = Object.values(seeded).map((r) => r.value.projectKey);
  expect(projects.filter((p) => p === 'PAY').length).toBeGreaterThanOrEqual(8);
  expect(projects.filter((p) => p === 'MOB').length).toBeGreaterThanOrEqual(8);
  expect(logged.filter((m) => m.startsWith('Seeded the release history'))).toHaveLength(1);

  logged.length = 0;
  const again = await createLocalSite({ dataDir, port: 0, appRoot: APP_ROOT, log: (m) => logged.push(m) });
  await again.close();
  expect(logged.some((m) => m.startsWith('Seeded the release history'))).toBe(false);
  expect(releasesOnDisk(dataDir)).toEqual(seeded);

  logged.length = 0;
  const reset = await createLocalSite({ dataDir, port: 0, appRoot: APP_ROOT, seedIssues: 60, reset: true, log: (m) => logged.push(m) });
  await reset.close();
  expect(logged.filter((m) => m.startsWith('Seeded the release history'))).toHaveLength(1);
  expect(Object.keys(releasesOnDisk(dataDir)).sort()).toEqual(Object.keys(seeded).sort());
});

test('history: false starts the local site with the app storage empty', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'preflight-no-history-'));
  try {
    const site = await createLocalSite({ dataDir: empty, port: 0, appRoot: APP_ROOT, seedIssues: 60, history: false, log: () => undefined });
    await site.close();
    expect(existsSync(join(empty, 'kvs.json')) ? Object.keys(releasesOnDisk(empty)) : []).toEqual([]);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});
