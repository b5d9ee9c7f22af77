import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { readJson, writeJsonAtomic } from '../persist/json-file';
import { compareValues, matchesCondition, matchesGroup, type ConditionGroup } from './conditions';
import { BY_KEY_INDEX, checkEntityValue, requireEntity, requireIndex, type EntityDefinition, type EntityIndex } from './entities';
import { badRequest, conditionFailed, keyAlreadyExists, keyNotFound, KvsRequestError, type KvsReply } from './errors';
import { checkEntityName, checkKey, checkPayloadSize, checkValue, KVS_LIMITS } from './limits';
import * as req from './requests';

/** One stored value and the metadata Forge can return with it. Times are epoch milliseconds. */
interface StoredItem {
  value: unknown;
  createdAt: number;
  updatedAt: number;
  /** ISO time after which the item is gone (set from a `ttl` option). */
  expireTime?: string;
}

type Namespace = Record<string, StoredItem>;

/** Everything the store holds; this is also the on-disk JSON document. */
interface KvsState {
  version: 1;
  kvs: Namespace;
  secret: Namespace;
  entities: Record<string, Namespace>;
}

export interface LocalKvsOptions {
  /** JSON file the store lives in; null keeps it in memory only (tests). */
  file: string | null;
  /** Custom entities as the manifest declares them (see loadEntityDefinitions). */
  entities?: readonly EntityDefinition[];
  /** Clock in epoch ms; injectable so TTL expiry can be tested without waiting. */
  now?: () => number;
}

type MetadataField = 'CREATED_AT' | 'UPDATED_AT' | 'EXPIRE_TIME';

/** Where an operation's key lives: the plain KVS, the secret store, or one entity. */
type EntityTarget = { kind: 'entity'; def: EntityDefinition };
type Target = { kind: 'kvs' } | { kind: 'secret' } | EntityTarget;

const TTL_UNIT_MS = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 } as const;

function emptyState(): KvsState {
  return { version: 1, kvs: {}, secret: {}, entities: {} };
}

/** Accepts a file written by this class; anything else is refused rather than half-loaded. */
function toState(raw: unknown, file: string): KvsState {
  const ok =
    raw !== null &&
    typeof raw === 'object' &&
    (raw as KvsState).version === 1 &&
    typeof (raw as KvsState).kvs === 'object' &&
    typeof (raw as KvsState).secret === 'object' &&
    typeof (raw as KvsState).entities === 'object';
  if (!ok) throw new Error(`${file} is not a local KVS file (expected {version:1, kvs, secret, entities}).`);
  return raw as KvsState;
}

/** The reply with the metadata fields Forge returns with a value. */
function itemReply(key: string, item: StoredItem, fields?: readonly MetadataField[]): Record<string, unknown> {
  const out: Record<string, unknown> = { key, value: item.value };
  if (!fields || fields.includes('CREATED_AT')) out.createdAt = item.createdAt;
  if (!fields || fields.includes('UPDATED_AT')) out.updatedAt = item.updatedAt;
  if ((!fields || fields.includes('EXPIRE_TIME')) && item.expireTime !== undefined) out.expireTime = item.expireTime;
  return out;
}

/** Opaque page cursors: the position (sort values + key) of the last item returned. */
function encodeCursor(position: unknown[]): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed)) return parsed;
  } catch {
    // fall through to the error below: a cursor we did not make
  }
  throw new KvsRequestError(400, 'INVALID_CURSOR', 'The provided cursor is invalid.');
}

/** Orders two positions (arrays of sort values ending with the key) element by element. */
function comparePositions(a: readonly unknown[], b: readonly unknown[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const cmp = compareValues(a[i], b[i]);
    if (cmp === undefined) return String(a[i]).localeCompare(String(b[i]));
    if (cmp !== 0) return cmp;
  }
  return 0;
}

function checkLimit(limit: number | undefined): number {
  if (limit === undefined) return KVS_LIMITS.defaultQueryLimit;
  if (limit < 1 || limit > KVS_LIMITS.maxQueryLimit) {
    throw badRequest(`limit must be between 1 and ${KVS_LIMITS.maxQueryLimit}, got ${limit}.`);
  }
  return limit;
}

/**
 * A local stand-in for Forge hosted storage (Key-Value Store, secrets and Custom Entity Store)
 * that answers the HTTP protocol @forge/kvs 1.6.5 speaks over `__forge_fetch__`: POST bodies to
 * `/api/v1/...` in, `{status, body}` out, with Forge's limits and error codes (README.md).
 *
 * Durability: every acknowledged write is on disk before `handle` resolves. The whole state is
 * rewritten atomically (temp file + fsync + rename), so a crash at any instant leaves either the
 * previous or the new state readable; at demo scale (thousands of keys) that costs milliseconds.
 */
export class LocalKvs {
  private state: KvsState;
  private readonly entityDefs: Map<string, EntityDefinition>;
  private readonly file: string | null;
  private readonly now: () => number;

  constructor(options: LocalKvsOptions) {
    this.file = options.file;
    this.now = options.now ?? Date.now;
    this.entityDefs = new Map((options.entities ?? []).map((d) => [d.name, d]));
    this.state = emptyState();
    if (this.file) {
      removeStaleTempFiles(this.file);
      const raw = readJson(this.file);
      if (raw !== undefined) this.state = toState(raw, this.file);
    }
  }

  /** The custom entities this store knows (from the manifest). */
  get entities(): readonly EntityDefinition[] {
    return [...this.entityDefs.values()];
  }

  /**
   * Answers one @forge/kvs request. `path` is what @forge/kvs passes to `__forge_fetch__`
   * (e.g. `/api/v1/entity/query`), `body` its parsed JSON body. Never throws for a bad request:
   * failures come back as Forge's `{code, message}` error bodies.
   */
  async handle(path: string, body: unknown): Promise<KvsReply> {
    try {
      return this.dispatch(path, body);
    } catch (err) {
      if (err instanceof KvsRequestError) return err.toReply();
      const message = err instanceof Error ? err.message : String(err);
      return { status: 500, body: { code: 'INTERNAL_SERVER_ERROR', message: `Local KVS failed: ${message}` } };
    }
  }

  /** Everything stored, as JSON: tests compare it before and after calls that must change nothing. */
  snapshot(): string {
    return JSON.stringify(this.state);
  }

  /** Drops every stored value (keeps entity definitions); used by `npm start -- --reset`. */
  clear(): void {
    this.state = emptyState();
    this.persist();
  }

  private dispatch(path: string, body: unknown): KvsReply {
    const route = path.replace(/^\/api\/v1\//, '').replace(/\?.*$/, '');
    switch (route) {
      case 'get':
        return this.get({ kind: 'kvs' }, req.parseBody(req.getBody, body));
      case 'set':
        return this.set({ kind: 'kvs' }, req.parseBody(req.setBody, body));
      case 'delete':
        return this.delete({ kind: 'kvs' }, req.parseBody(req.deleteBody, body).key);
      case 'query':
        return this.query(req.parseBody(req.queryBody, body));
      case 'secret/get':
        return this.get({ kind: 'secret' }, req.parseBody(req.getBody, body));
      case 'secret/set':
        return this.set({ kind: 'secret' }, req.parseBody(req.setBody, body));
      case 'secret/delete':
        return this.delete({ kind: 'secret' }, req.parseBody(req.deleteBody, body).key);
      case 'entity/get': {
        const b = req.parseBody(req.entityGetBody, body);
        return this.get(this.entityTarget(b.entityName), b);
      }
      case 'entity/set': {
        const b = req.parseBody(req.entitySetBody, body);
        return this.set(this.entityTarget(b.entityName), b);
      }
      case 'entity/delete': {
        const b = req.parseBody(req.entityDeleteBody, body);
        return this.delete(this.entityTarget(b.entityName), b.key);
      }
      case 'entity/query':
        return this.entityQuery(req.parseBody(req.entityQueryBody, body));
      case 'batch/set':
        return this.batchSet(req.parseBody(req.batchSetBody, body));
      case 'batch/delete':
        return this.batchDelete(req.parseBody(req.batchDeleteBody, body));
      case 'batch/get':
        return this.batchGet(req.parseBody(req.batchGetBody, body));
      case 'transaction':
        return this.transaction(req.parseBody(req.transactionBody, body));
      default:
        return { status: 404, body: { code: 'NOT_FOUND', message: `Unknown storage endpoint ${path}` } };
    }
  }

  // ---- targets and raw access -------------------------------------------------------------

  private entityTarget(entityName: string): EntityTarget {
    checkEntityName(entityName);
    return { kind: 'entity', def: requireEntity(this.entityDefs, entityName) };
  }

  private targetOf(entityName: string | undefined): Target {
    return entityName === undefined ? { kind: 'kvs' } : this.entityTarget(entityName);
  }

  private namespace(target: Target): Namespace {
    if (target.kind === 'kvs') return this.state.kvs;
    if (target.kind === 'secret') return this.state.secret;
    const name = target.def.name;
    this.state.entities[name] ??= {};
    return this.state.entities[name];
  }

  /** The live item under a key, or undefined (expired items count as gone). */
  private read(target: Target, key: string): StoredItem | undefined {
    const item = this.namespace(target)[key];
    if (!item) return undefined;
    if (item.expireTime !== undefined && Date.parse(item.expireTime) <= this.now()) return undefined;
    return item;
  }

  private checkWrite(target: Target, key: string, value: unknown): void {
    checkKey(key, target.kind === 'entity' ? 'entity' : 'kvs');
    checkValue(value);
    if (target.kind === 'entity') checkEntityValue(target.def, value);
  }

  private write(target: Target, key: string, value: unknown, ttl?: { value: number; unit: keyof typeof TTL_UNIT_MS }): StoredItem {
    const now = this.now();
    const previous = this.read(target, key);
    const item: StoredItem = { value, createdAt: previous?.createdAt ?? now, updatedAt: now };
    if (ttl) item.expireTime = new Date(now + ttl.value * TTL_UNIT_MS[ttl.unit]).toISOString();
    this.namespace(target)[key] = item;
    return item;
  }

  private persist(): void {
    if (this.file) writeJsonAtomic(this.file, this.state);
  }

  // ---- single-key operations ----------------------------------------------------------------

  private get(target: Target, body: { key: string; options?: { metadataFields?: MetadataField[] } | undefined }): KvsReply {
    const item = this.read(target, body.key);
    if (!item) throw keyNotFound();
    return { status: 200, body: itemReply(body.key, item) };
  }

  private set(target: Target, body: SetRequest): KvsReply {
    this.checkWrite(target, body.key, body.value);
    const options = body.options ?? {};
    const previous = this.read(target, body.key);
    if (options.keyPolicy === 'FAIL_IF_EXISTS' && previous) {
      throw keyAlreadyExists(body.key);
    }
    const latest = this.write(target, body.key, body.value, options.ttl);
    this.persist();
    if (options.returnValue === 'LATEST') return { status: 200, body: itemReply(body.key, latest) };
    if (options.returnValue === 'PREVIOUS' && previous) return { status: 200, body: itemReply(body.key, previous) };
    return { status: 204 };
  }

  private delete(target: Target, key: string): KvsReply {
    if (!this.read(target, key)) throw keyNotFound();
    delete this.namespace(target)[key];
    this.persist();
    return { status: 204 };
  }

  // ---- queries ----------------------------------------------------------------------------

  private query(body: ReturnType<typeof req.queryBody.parse>): KvsReply {
    const limit = checkLimit(body.limit);
    const prefix = body.where?.[0]?.values[0];
    if (prefix !== undefined && typeof prefix !== 'string') throw badRequest('where BEGINS_WITH on key needs a string value.');
    const after = body.after === undefined ? undefined : decodeCursor(body.after)[0];
    const keys = Object.keys(this.state.kvs)
      .filter((k) => (prefix === undefined || k.startsWith(prefix)) && this.read({ kind: 'kvs' }, k))
      .sort()
      .filter((k) => after === undefined || k > String(after));
    const page = keys.slice(0, limit);
    const fields = body.options?.metadataFields ?? [];
    const data = page.map((k) => itemReply(k, this.state.kvs[k]!, fields));
    const last = page[page.length - 1];
    return { status: 200, body: { data, ...(keys.length > limit && last !== undefined ? { cursor: encodeCursor([last]) } : {}) } };
  }

  /**
   * Entity query on an index. Like the DynamoDB-style store behind Forge: items lacking the index's
   * attributes are not in the index; `partition` pins the partition attributes exactly; `range`
   * applies to the first range attribute; results sort by the range attributes then key; and
   * filters are applied to each page after `limit`, so a page can hold fewer items than the limit
   * while a cursor still says more may follow.
   */
  private entityQuery(body: ReturnType<typeof req.entityQueryBody.parse>): KvsReply {
    const target = this.entityTarget(body.entityName);
    const index = requireIndex(target.def, body.indexName);
    const limit = checkLimit(body.limit);
    const partition = body.partition ?? [];
    if (partition.length !== index.partition.length) {
      throw badRequest(
        index.partition.length === 0
          ? `Index "${index.name}" has no partition; do not pass partition.`
          : `Index "${index.name}" needs partition values for [${index.partition.join(', ')}], got ${JSON.stringify(partition)}.`,
      );
    }

    const entries: { key: string; item: StoredItem; position: unknown[] }[] = [];
    for (const [key, item] of Object.entries(this.namespace(target))) {
      if (!this.read(target, key)) continue;
      const position = indexPosition(index, key, item.value);
      if (!position) continue;
      const attrs = item.value as Record<string, unknown>;
      if (!index.partition.every((attr, i) => compareValues(attrs[attr], partition[i]) === 0)) continue;
      if (body.range && !matchesCondition(position[0], body.range)) continue;
      entries.push({ key, item, position });
    }
    const direction = body.sort === 'DESC' ? -1 : 1;
    entries.sort((a, b) => direction * comparePositions(a.position, b.position));

    let start = 0;
    if (body.cursor !== undefined) {
      const after = decodeCursor(body.cursor);
      start = entries.findIndex((e) => direction * comparePositions(e.position, after) > 0);
      if (start < 0) start = entries.length;
    }
    const page = entries.slice(start, start + limit);
    const hasMore = start + limit < entries.length;
    const filters = body.filters as ConditionGroup | undefined;
    const fields = body.options?.metadataFields ?? [];
    const data = page.filter((e) => !filters || matchesGroup(e.item.value, filters)).map((e) => itemReply(e.key, e.item, fields));
    const last = page[page.length - 1];
    return { status: 200, body: { data, ...(hasMore && last ? { cursor: encodeCursor(last.position) } : {}) } };
  }

  // ---- batches ----------------------------------------------------------------------------

  private checkBatch(items: readonly { key: string; entityName?: string | undefined }[], what: string, body: unknown): void {
    checkPayloadSize(body, what);
    if (items.length === 0) throw badRequest(`${what} needs at least one item.`);
    if (items.length > KVS_LIMITS.maxBatchItems) {
      throw badRequest(`${what} holds ${items.length} items; the maximum is ${KVS_LIMITS.maxBatchItems}.`);
    }
    const seen = new Set<string>();
    for (const item of items) {
      const id = JSON.stringify([item.entityName ?? null, item.key]);
      if (seen.has(id)) throw badRequest(`${what} names key "${item.key}"${item.entityName ? ` of ${item.entityName}` : ''} twice.`);
      seen.add(id);
    }
  }

  /** Runs one batch item; a Forge error for that item becomes its failedKeys entry. */
  private batchItem(item: { key: string; entityName?: string | undefined }, run: (target: Target) => Record<string, unknown> | void) {
    const id = { key: item.key, ...(item.entityName !== undefined ? { entityName: item.entityName } : {}) };
    try {
      const extra = run(this.targetOf(item.entityName));
      return { ok: true as const, entry: { ...id, ...(extra ?? {}) } };
    } catch (err) {
      if (!(err instanceof KvsRequestError)) throw err;
      return { ok: false as const, entry: { ...id, error: { code: err.code, message: err.message } } };
    }
  }

  private batchReply(results: ReturnType<LocalKvs['batchItem']>[]): KvsReply {
    return {
      status: 200,
      body: {
        successfulKeys: results.filter((r) => r.ok).map((r) => r.entry),
        failedKeys: results.filter((r) => !r.ok).map((r) => r.entry),
      },
    };
  }

  private batchSet(items: ReturnType<typeof req.batchSetBody.parse>): KvsReply {
    this.checkBatch(items, 'batch set', items);
    const results = items.map((item) =>
      this.batchItem(item, (target) => {
        this.checkWrite(target, item.key, item.value);
        this.write(target, item.key, item.value, item.options?.ttl);
      }),
    );
    if (results.some((r) => r.ok)) this.persist();
    return this.batchReply(results);
  }

  private batchDelete(items: ReturnType<typeof req.batchDeleteBody.parse>): KvsReply {
    this.checkBatch(items, 'batch delete', items);
    const results = items.map((item) =>
      this.batchItem(item, (target) => {
        if (!this.read(target, item.key)) throw keyNotFound();
        delete this.namespace(target)[item.key];
      }),
    );
    if (results.some((r) => r.ok)) this.persist();
    return this.batchReply(results);
  }

  private batchGet(items: ReturnType<typeof req.batchGetBody.parse>): KvsReply {
    this.checkBatch(items, 'batch get', items);
    const results = items.map((item) =>
      this.batchItem(item, (target) => {
        const found = this.read(target, item.key);
        if (!found) throw keyNotFound();
        return itemReply(item.key, found, item.options?.metadataFields ?? []);
      }),
    );
    return this.batchReply(results);
  }

  // ---- transactions ------------------------------------------------------------------------

  /**
   * All-or-nothing: every operation is validated and every condition evaluated against the
   * current state before anything is written; one failure writes nothing.
   */
  private transaction(body: ReturnType<typeof req.transactionBody.parse>): KvsReply {
    checkPayloadSize(body, 'transaction');
    const sets = body.set ?? [];
    const deletes = body.delete ?? [];
    const checks = body.check ?? [];
    const count = sets.length + deletes.length + checks.length;
    if (count === 0) throw badRequest('transaction needs at least one set, delete or check.');
    if (count > KVS_LIMITS.maxTransactionOperations) {
      throw badRequest(`transaction holds ${count} operations; the maximum is ${KVS_LIMITS.maxTransactionOperations}.`);
    }
    const seen = new Set<string>();
    for (const op of [...sets, ...deletes, ...checks]) {
      const id = JSON.stringify([op.entityName ?? null, op.key]);
      if (seen.has(id)) throw badRequest(`transaction names key "${op.key}"${op.entityName ? ` of ${op.entityName}` : ''} more than once.`);
      seen.add(id);
    }

    const resolved = {
      sets: sets.map((op) => ({ op, target: this.targetOf(op.entityName) })),
      deletes: deletes.map((op) => ({ op, target: this.targetOf(op.entityName) })),
      checks: checks.map((op) => ({ op, target: this.targetOf(op.entityName) })),
    };
    for (const { op, target } of resolved.sets) this.checkWrite(target, op.key, op.value);
    for (const { op, target } of [...resolved.deletes, ...resolved.checks]) {
      checkKey(op.key, target.kind === 'entity' ? 'entity' : 'kvs');
    }
    for (const { op, target } of [...resolved.sets, ...resolved.deletes, ...resolved.checks]) {
      if (!op.conditions) continue;
      if (target.kind !== 'entity') throw badRequest(`conditions on key "${op.key}" need an entityName.`);
      const current = this.read(target, op.key)?.value;
      if (!matchesGroup(current, op.conditions as ConditionGroup)) {
        throw conditionFailed(
          `Transaction cancelled, nothing was written: the conditions on "${op.key}" of entity "${target.def.name}" were not met.`,
        );
      }
    }

    for (const { op, target } of resolved.sets) this.write(target, op.key, op.value, op.options?.ttl);
    for (const { op, target } of resolved.deletes) delete this.namespace(target)[op.key];
    this.persist();
    return { status: 204 };
  }
}

type SetRequest = ReturnType<typeof req.setBody.parse>;

/** An item's position in an index (range values then key), or undefined when not indexed. */
function indexPosition(index: EntityIndex, key: string, value: unknown): unknown[] | undefined {
  if (index.name === BY_KEY_INDEX) return [key];
  const attrs = value as Record<string, unknown>;
  const range = index.range.map((attr) => attrs[attr]);
  const partitioned = index.partition.map((attr) => attrs[attr]);
  if ([...range, ...partitioned].some((v) => v === undefined || v === null)) return undefined;
  return [...range, key];
}

/** A process killed mid-write leaves its temp file behind; it is never the real state. */
function removeStaleTempFiles(file: string): void {
  const dir = dirname(file);
  const prefix = `${basename(file)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return; // no folder yet: nothing to clean
  }
  for (const name of names) {
    if (name.startsWith(prefix) && name.endsWith('.tmp')) rmSync(join(dir, name), { force: true });
  }
}
