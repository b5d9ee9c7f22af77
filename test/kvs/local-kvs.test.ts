/**
 * The local KVS driven through the real, unmodified @forge/kvs: whatever the app's storage
 * adapter does here, it does the same way against Forge hosted storage.
 */
import { kvs, Filter, FilterConditions, ForgeKvsAPIError, Sort, WhereConditions } from '@forge/kvs';
import { parse as parseYaml } from 'yaml';
import { entityDefinitionsFromManifest, LocalKvs } from '../../local/kvs';
import { installForgeRuntime } from '../../local/runtime';

const MANIFEST = `
app:
  id: ari:cloud:ecosystem::app/test
  storage:
    entities:
      - name: release-state
        attributes:
          projectKey: { type: string }
          versionId: { type: string }
          phase: { type: string }
          revision: { type: integer }
          updatedAt: { type: integer }
          notes: { type: any }
        indexes:
          - phase
          - name: by-project
            partition: [projectKey]
            range: [updatedAt]
`;

interface ReleaseState {
  projectKey: string;
  versionId: string;
  phase: string;
  revision: number;
  updatedAt: number;
  notes?: unknown;
}

let now = Date.parse('2026-01-10T10:00:00Z');

function install(): LocalKvs {
  const store = new LocalKvs({ file: null, entities: entityDefinitionsFromManifest(parseYaml(MANIFEST)), now: () => now });
  installForgeRuntime({
    kvs: store,
    products: () => Promise.reject(new Error('no product calls in KVS tests')),
  });
  return store;
}

/** Runs a call that must fail and returns the ForgeKvsAPIError @forge/kvs threw. */
async function kvsError(call: () => Promise<unknown>): Promise<ForgeKvsAPIError> {
  try {
    await call();
  } catch (err) {
    if (err instanceof ForgeKvsAPIError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

const state = (versionId: string, over: Partial<ReleaseState> = {}): ReleaseState => ({
  projectKey: 'PF',
  versionId,
  phase: 'planning',
  revision: 1,
  updatedAt: 100,
  ...over,
});

beforeEach(() => {
  now = Date.parse('2026-01-10T10:00:00Z');
  install();
});

describe('key-value store', () => {
  it('sets, gets and deletes a value; a missing key reads as undefined', async () => {
    await kvs.set('settings:PF', { gate: 'strict', threshold: 3 });
    expect(await kvs.get('settings:PF')).toEqual({ gate: 'strict', threshold: 3 });
    await kvs.delete('settings:PF');
    expect(await kvs.get('settings:PF')).toBeUndefined();
    await expect(kvs.delete('settings:PF')).resolves.toBeUndefined();
  });

  it('returns metadata and honours FAIL_IF_EXISTS and returnValue', async () => {
    await kvs.set('k1', 'first');
    now += 5000;
    const previous = await kvs.set('k1', 'second', { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' });
    expect(previous).toEqual({ key: 'k1', value: 'first' });
    const got = await kvs.get('k1', { metadataFields: ['CREATED_AT' as never, 'UPDATED_AT' as never] });
    expect(got).toMatchObject({ key: 'k1', value: 'second' });
    expect((got as { updatedAt: number }).updatedAt - (got as { createdAt: number }).createdAt).toBe(5000);
    const err = await kvsError(() => kvs.set('k1', 'third', { keyPolicy: 'FAIL_IF_EXISTS' }));
    // The code is what the app keys on (src/adapters/store-errors.ts); the 409 is assumed.
    expect(err.code).toBe('KEY_ALREADY_EXISTS');
    expect(err.responseDetails.status).toBe(409);
    expect(await kvs.get('k1')).toBe('second');
  });

  it('forgets a value once its TTL has passed', async () => {
    await kvs.set('session', 'x', { ttl: { value: 2, unit: 'MINUTES' } });
    now += 60_000;
    expect(await kvs.get('session')).toBe('x');
    now += 61_000;
    expect(await kvs.get('session')).toBeUndefined();
  });

  it('queries keys by prefix in key order, a page at a time', async () => {
    for (const k of ['audit:3', 'audit:1', 'other', 'audit:2']) await kvs.set(k, k);
    const first = await kvs.query().where('key', WhereConditions.beginsWith('audit:')).limit(2).getMany();
    expect(first.results.map((r) => r.key)).toEqual(['audit:1', 'audit:2']);
    expect(first.nextCursor).toBeDefined();
    const second = await kvs
      .query()
      .where('key', WhereConditions.beginsWith('audit:'))
      .limit(2)
      .cursor(first.nextCursor!)
      .getMany();
    expect(second.results.map((r) => r.key)).toEqual(['audit:3']);
    expect(second.nextCursor).toBeUndefined();
  });

  it('keeps secrets apart from plain values', async () => {
    await kvs.setSecret('webhook', 'https://hooks.example/abc');
    expect(await kvs.getSecret('webhook')).toBe('https://hooks.example/abc');
    expect(await kvs.get('webhook')).toBeUndefined();
    await kvs.deleteSecret('webhook');
    expect(await kvs.getSecret('webhook')).toBeUndefined();
  });
});

describe('limits give the real Forge errors', () => {
  it('refuses a value over 240 KiB with MAX_SIZE and keeps the old value', async () => {
    await kvs.set('big', 'small');
    const err = await kvsError(() => kvs.set('big', 'x'.repeat(240 * 1024)));
    expect(err.code).toBe('MAX_SIZE');
    expect(err.responseDetails.status).toBe(400);
    expect(await kvs.get('big')).toBe('small');
    await expect(kvs.set('big', 'x'.repeat(240 * 1024 - 10))).resolves.toBeUndefined();
  });

  it('refuses bad keys: wrong characters, too long, empty', async () => {
    expect((await kvsError(() => kvs.set('release/1', 1))).code).toBe('INVALID_KEY');
    expect((await kvsError(() => kvs.set('   ', 1))).code).toBe('INVALID_KEY');
    expect((await kvsError(() => kvs.set('k'.repeat(501), 1))).code).toBe('KEY_TOO_LONG');
    expect((await kvsError(() => kvs.set('', 1))).code).toBe('KEY_TOO_SHORT');
    await expect(kvs.set('ok:key_1.2-3#4 five', 1)).resolves.toBeUndefined();
    await expect(kvs.set('k'.repeat(500), 1)).resolves.toBeUndefined();
  });

  it('refuses values nested deeper than 32 levels with MAX_DEPTH', async () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 33; i++) deep = { d: deep };
    expect((await kvsError(() => kvs.set('deep', deep))).code).toBe('MAX_DEPTH');
  });

  it('refuses a query page larger than 100', async () => {
    const err = await kvsError(() => kvs.query().limit(101).getMany());
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toMatch(/limit/);
  });
});

describe('custom entities', () => {
  it('stores entities and queries them by a partitioned index, sorted and paged', async () => {
    const releases = kvs.entity<ReleaseState>('release-state');
    await releases.set('v1', state('v1', { updatedAt: 300 }));
    await releases.set('v2', state('v2', { updatedAt: 100 }));
    await releases.set('v3', state('v3', { updatedAt: 200 }));
    await releases.set('x1', state('x1', { projectKey: 'OPS', updatedAt: 150 }));
    expect(await releases.get('v2')).toEqual(state('v2', { updatedAt: 100 }));

    const page1 = await releases.query().index('by-project', { partition: ['PF'] }).sort(Sort.DESC).limit(2).getMany();
    expect(page1.results.map((r) => r.key)).toEqual(['v1', 'v3']);
    const page2 = await releases
      .query()
      .index('by-project', { partition: ['PF'] })
      .sort(Sort.DESC)
      .limit(2)
      .cursor(page1.nextCursor!)
      .getMany();
    expect(page2.results.map((r) => r.key)).toEqual(['v2']);
    expect(page2.nextCursor).toBeUndefined();

    const recent = await releases
      .query()
      .index('by-project', { partition: ['PF'] })
      .where(WhereConditions.greaterThanEqualTo(200))
      .getMany();
    expect(recent.results.map((r) => r.key)).toEqual(['v3', 'v1']);
  });

  it('filters within an index and finds one item with getOne', async () => {
    const releases = kvs.entity<ReleaseState>('release-state');
    await releases.set('v1', state('v1', { phase: 'qa', revision: 4 }));
    await releases.set('v2', state('v2', { phase: 'qa', revision: 1 }));
    await releases.set('v3', state('v3', { phase: 'released' }));
    const qa = await releases
      .query()
      .index('phase')
      .where(WhereConditions.equalTo('qa'))
      .filters(new Filter<ReleaseState>().and('revision', FilterConditions.greaterThan(2)))
      .getMany();
    expect(qa.results).toEqual([{ key: 'v1', value: state('v1', { phase: 'qa', revision: 4 }) }]);
    const byKey = await releases.query().index('by-key').where(WhereConditions.beginsWith('v')).getOne();
    expect(byKey?.key).toBe('v1');
  });

  it('fails for an entity or index the manifest does not declare, and for a wrongly typed attribute', async () => {
    const unknownEntity = await kvsError(() => kvs.entity('audit-event').set('a1', { at: 1 }));
    expect(unknownEntity.code).toBe('BAD_REQUEST');
    expect(unknownEntity.message).toMatch(/audit-event/);
    const unknownIndex = await kvsError(() => kvs.entity('release-state').query().index('by-owner').getMany());
    expect(unknownIndex.message).toMatch(/by-owner/);
    const missingPartition = await kvsError(() => kvs.entity('release-state').query().index('by-project').getMany());
    expect(missingPartition.message).toMatch(/partition/);
    const badType = await kvsError(() => kvs.entity('release-state').set('v1', { ...state('v1'), revision: 'two' }));
    expect(badType.message).toMatch(/revision.*integer/);
  });
});

describe('batches', () => {
  it('sets, gets and deletes many keys with per-item results', async () => {
    const set = await kvs.batchSet<unknown>([
      { key: 'a', value: 1 },
      { key: 'v1', value: state('v1'), entityName: 'release-state' },
      { key: 'bad/key', value: 2 },
    ]);
    expect(set.successfulKeys).toEqual([{ key: 'a' }, { key: 'v1', entityName: 'release-state' }]);
    expect(set.failedKeys).toEqual([{ key: 'bad/key', error: { code: 'INVALID_KEY', message: expect.any(String) } }]);

    const got = await kvs.batchGet([{ key: 'a' }, { key: 'missing' }]);
    expect(got.successfulKeys).toEqual([{ key: 'a', value: 1 }]);
    expect(got.failedKeys[0]).toMatchObject({ key: 'missing', error: { code: 'KEY_NOT_FOUND' } });

    const deleted = await kvs.batchDelete([{ key: 'a' }, { key: 'v1', entityName: 'release-state' }]);
    expect(deleted.successfulKeys).toHaveLength(2);
    expect(await kvs.get('a')).toBeUndefined();
  });

  it('refuses a batch of more than 25 keys as a whole', async () => {
    const items = Array.from({ length: 26 }, (_, i) => ({ key: `k${i}`, value: i }));
    const err = await kvsError(() => kvs.batchSet(items));
    expect(err.code).toBe('BAD_REQUEST');
    expect(await kvs.get('k0')).toBeUndefined();
  });
});

describe('transactions', () => {
  const releases = () => kvs.entity<ReleaseState>('release-state');

  it('commits sets and deletes together when every condition holds', async () => {
    await releases().set('v1', state('v1', { revision: 3 }));
    await kvs.set('lock', 'x');
    await kvs
      .transact()
      .set('v1', state('v1', { revision: 4, phase: 'qa' }), {
        entityName: 'release-state',
        conditions: new Filter<ReleaseState>().and('revision', FilterConditions.equalTo(3)),
      })
      .set('audit:1', { what: 'phase -> qa' })
      .delete('lock')
      .execute();
    expect(await releases().get('v1')).toMatchObject({ revision: 4, phase: 'qa' });
    expect(await kvs.get('audit:1')).toEqual({ what: 'phase -> qa' });
    expect(await kvs.get('lock')).toBeUndefined();
  });

  it('writes nothing when one condition fails (a stale revision)', async () => {
    await releases().set('v1', state('v1', { revision: 5 }));
    const err = await kvsError(() =>
      kvs
        .transact()
        .set('audit:2', { what: 'stale write' })
        .set('v1', state('v1', { revision: 5, phase: 'released' }), {
          entityName: 'release-state',
          conditions: new Filter<ReleaseState>().and('revision', FilterConditions.equalTo(4)),
        })
        .execute(),
    );
    expect(err.responseDetails.status).toBe(409);
    expect(err.code).toBe('CONDITIONAL_CHECK_FAILED');
    expect(await kvs.get('audit:2')).toBeUndefined();
    expect(await releases().get('v1')).toMatchObject({ revision: 5, phase: 'planning' });
  });

  it('treats a check on a missing item as failed unless it asks for NOT_EXISTS', async () => {
    const exists = new Filter<ReleaseState>().and('versionId', FilterConditions.exists());
    const missing = new Filter<ReleaseState>().and('versionId', FilterConditions.notExists());
    const err = await kvsError(() =>
      kvs.transact().check('v9', { entityName: 'release-state', conditions: exists }).set('x', 1).execute(),
    );
    expect(err.code).toBe('CONDITIONAL_CHECK_FAILED');
    await kvs.transact().check('v9', { entityName: 'release-state', conditions: missing }).set('x', 1).execute();
    expect(await kvs.get('x')).toBe(1);
  });

  it('refuses an invalid operation (oversize value) without writing the others', async () => {
    const err = await kvsError(() => kvs.transact().set('t1', 1).set('t2', 'x'.repeat(250 * 1024)).execute());
    expect(err.code).toBe('MAX_SIZE');
    expect(await kvs.get('t1')).toBeUndefined();
  });
});
