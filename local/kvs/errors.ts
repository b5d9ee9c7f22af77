/**
 * What the local KVS answers: an HTTP status and an optional JSON body, exactly what the runtime
 * emulator turns into the `Response` that @forge/kvs parses.
 */
export interface KvsReply {
  status: number;
  body?: unknown;
}

/**
 * The error body Forge storage sends on every non-2xx answer. @forge/kvs only recognises a body
 * with both `code` and `message` (utils/error-handling.js isForgeError) and turns it into a
 * ForgeKvsAPIError whose `code` is this code, so tests and app code can branch on it.
 */
export interface KvsErrorBody {
  code: string;
  message: string;
}

/** Thrown inside the store and turned into a reply at the edge, so deep helpers stay simple. */
export class KvsRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'KvsRequestError';
  }

  /** The reply @forge/kvs expects for this failure. */
  toReply(): KvsReply {
    const body: KvsErrorBody = { code: this.code, message: this.message };
    return { status: this.status, body };
  }
}

/** 400 with the generic code Forge uses for a body it cannot accept (seen in @forge/kvs's own tests). */
export function badRequest(message: string): KvsRequestError {
  return new KvsRequestError(400, 'BAD_REQUEST', message);
}

/** 404 KEY_NOT_FOUND: the exact code @forge/kvs maps to `undefined` for get and delete. */
export function keyNotFound(): KvsRequestError {
  return new KvsRequestError(404, 'KEY_NOT_FOUND', 'Provided key does not exist');
}

/**
 * The code for a transaction whose conditions (or a `check`) did not hold; nothing was written.
 * ASSUMED: Atlassian publishes neither the code nor the status, and @forge/kvs 1.6.5 only passes
 * the body's `code` through (out/utils/error-handling.js checkResponseError). The app recognises
 * failures by this code (src/adapters/store-errors.ts); confirm both on a development site.
 */
export const CONDITION_FAILED_CODE = 'CONDITIONAL_CHECK_FAILED';

/** The code for `keyPolicy: 'FAIL_IF_EXISTS'` on a key that exists. ASSUMED, like CONDITION_FAILED_CODE. */
export const KEY_EXISTS_CODE = 'KEY_ALREADY_EXISTS';

/** ASSUMED status of both: 409 Conflict, the usual answer to a failed precondition on a write. */
const CONFLICT_STATUS = 409;

/** A transaction refused because a condition did not hold. */
export function conditionFailed(message: string): KvsRequestError {
  return new KvsRequestError(CONFLICT_STATUS, CONDITION_FAILED_CODE, message);
}

/** A FAIL_IF_EXISTS write refused because the key exists. */
export function keyAlreadyExists(key: string): KvsRequestError {
  return new KvsRequestError(CONFLICT_STATUS, KEY_EXISTS_CODE, `Key "${key}" already exists and keyPolicy is FAIL_IF_EXISTS.`);
}
