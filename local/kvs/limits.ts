import { KvsRequestError } from './errors';

/**
 * Forge hosted storage limits, as documented by Atlassian (see README.md in this folder for the
 * sources and for which codes are documented and which are our best reading).
 */
export const KVS_LIMITS = {
  /** Keys longer than this fail with KEY_TOO_LONG. */
  maxKeyLength: 500,
  /** Serialised (UTF-8 JSON) value size; larger fails with MAX_SIZE. */
  maxValueBytes: 240 * 1024,
  /** Nesting depth of a value; deeper fails with MAX_DEPTH. */
  maxValueDepth: 32,
  /** Items in one batch set/get/delete. */
  maxBatchItems: 25,
  /** Operations (set + delete + check) in one transaction. */
  maxTransactionOperations: 25,
  /** Whole request payload of a batch or a transaction. */
  maxPayloadBytes: 4 * 1024 * 1024,
  /** Page size bounds of kvs.query() and entity queries. */
  maxQueryLimit: 100,
  defaultQueryLimit: 10,
  /** Custom entity names (ENTITY_TYPE_TOO_SHORT / ENTITY_TYPE_TOO_LARGE). */
  minEntityNameLength: 3,
  maxEntityNameLength: 60,
} as const;

/**
 * The key pattern from Forge's error documentation (`/^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/`): letters,
 * digits, `:._-#` and whitespace, and not only whitespace. The `-` is escaped here so nobody has to
 * remember that JavaScript reads `[\s-#]` as three characters rather than a range.
 */
const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

/** Which store a key belongs to: the empty-key code differs between the KVS and entity docs. */
export type KeySpace = 'kvs' | 'entity';

/** Throws the Forge error for a key Forge would refuse. */
export function checkKey(key: string, space: KeySpace): void {
  if (key.length === 0) {
    throw space === 'entity'
      ? new KvsRequestError(400, 'EMPTY_KEY', 'Key cannot be empty.')
      : new KvsRequestError(400, 'KEY_TOO_SHORT', 'The provided key needs to be at least one character.');
  }
  if (key.length > KVS_LIMITS.maxKeyLength) {
    throw new KvsRequestError(
      400,
      'KEY_TOO_LONG',
      `The provided key has exceeded the maximum ${KVS_LIMITS.maxKeyLength} characters (got ${key.length}).`,
    );
  }
  if (!KEY_PATTERN.test(key)) {
    throw new KvsRequestError(400, 'INVALID_KEY', `The provided key does not match the regex: ${KEY_PATTERN.source}`);
  }
}

/** Depth of a JSON value: a scalar is 0, `{a:1}` is 1, `{a:{b:1}}` is 2. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let deepest = 0;
  for (const child of Object.values(value as Record<string, unknown>)) {
    deepest = Math.max(deepest, depthOf(child));
    if (deepest > KVS_LIMITS.maxValueDepth) break; // no need to walk further once over the limit
  }
  return deepest + 1;
}

/** Throws MAX_SIZE / MAX_DEPTH (or BAD_REQUEST for no value) as Forge would for this value. */
export function checkValue(value: unknown): void {
  if (value === undefined) throw new KvsRequestError(400, 'BAD_REQUEST', 'Provided request body is invalid: value is required');
  const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
  if (bytes > KVS_LIMITS.maxValueBytes) {
    throw new KvsRequestError(
      400,
      'MAX_SIZE',
      `The provided value has exceeded the maximum size limit (${bytes} bytes > ${KVS_LIMITS.maxValueBytes} bytes).`,
    );
  }
  if (depthOf(value) > KVS_LIMITS.maxValueDepth) {
    throw new KvsRequestError(
      400,
      'MAX_DEPTH',
      `The provided value has exceeded the maximum object depth (${KVS_LIMITS.maxValueDepth}) limit.`,
    );
  }
}

/** Throws the entity-name errors Forge documents. */
export function checkEntityName(name: string): void {
  if (name.length < KVS_LIMITS.minEntityNameLength) {
    throw new KvsRequestError(
      400,
      'ENTITY_TYPE_TOO_SHORT',
      `The entity name "${name}" needs to be at least ${KVS_LIMITS.minEntityNameLength} characters.`,
    );
  }
  if (name.length > KVS_LIMITS.maxEntityNameLength) {
    throw new KvsRequestError(
      400,
      'ENTITY_TYPE_TOO_LARGE',
      `The entity name has exceeded the maximum ${KVS_LIMITS.maxEntityNameLength} characters.`,
    );
  }
}

/** Throws BAD_REQUEST when a whole batch/transaction payload is over Forge's 4 MB cap. */
export function checkPayloadSize(body: unknown, what: string): void {
  const bytes = Buffer.byteLength(JSON.stringify(body ?? null), 'utf8');
  if (bytes > KVS_LIMITS.maxPayloadBytes) {
    throw new KvsRequestError(400, 'BAD_REQUEST', `${what} payload is ${bytes} bytes; the maximum is ${KVS_LIMITS.maxPayloadBytes}.`);
  }
}
