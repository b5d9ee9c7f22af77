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
