import { createEmulatedSite } from '../../local/emulated-site';
import { kvsTrainStore } from '../../src/adapters/kvs-trains';
import { addMember, createTrain } from '../../src/domain/trains';
import { ConflictError } from '../../src/errors';

/** The train store against the local KVS (the manifest's `train` and `train-event` entities). */
createEmulatedSite({ issues: 20, contracts: false });
const at = '2026-12-01T10:00:00.000Z';

it('saves, lists and reads trains with compare-and-swap on the revision and an append-only history', async () => {
  const store = kvsTrainStore();
  const created = createTrain({ name: '2026.12', releaseDate: '2026-12-15', by: 'acc-1', at });
  const saved = await store.save(created.record, 0, created.events);
  expect(saved.revision).toBe(1);
  await expect(store.save(created.record, 0, created.events)).rejects.toThrow(/exists already/);
  const other = createTrain({ name: 'Alpha', by: 'acc-1', at });
  await store.save(other.record, 0, other.events);

  const change = addMember(saved, { projectKey: 'PAY', versionId: '10001', versionName: 'PAY 2.2' }, 'acc-1', at);
  const next = await store.save(change.record, 1, change.events);
  await expect(store.save(change.record, 1, change.events)).rejects.toBeInstanceOf(ConflictError);

  expect(await store.get('2026.12')).toMatchObject({ id: '2026.12', name: '2026.12', releaseDate: '2026-12-15', members: [{ projectKey: 'PAY', versionId: '10001' }], revision: next.revision });
  expect(await store.get('nope')).toBeUndefined();
  expect((await store.list()).map((t) => t.name)).toEqual(['2026.12', 'Alpha']);
  expect((await store.history('2026.12', 10)).map((e) => e.summary)).toEqual(['Added PAY 2.2', 'Created the train 2026.12 (release 2026-12-15)']);
});
