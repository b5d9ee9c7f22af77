/**
 * How the app tells a storage conflict from any other storage failure. @forge/kvs throws a
 * ForgeKvsAPIError whose `code` is the `code` of Forge storage's error body (@forge/kvs
 * out/utils/error-handling.js, checkResponseError); the app branches on that code, never on the
 * HTTP status, which a proxy or another failure (a 409 of some other kind) can share.
 *
 * Atlassian does not publish these two codes. They are the local KVS's (local/kvs/errors.ts),
 * kept equal by test/adapters/store-errors.test.ts; confirm them on a development site before
 * relying on them in production (local/kvs/README.md says what is confirmed and what is assumed).
 */

/** A transaction whose conditions (or a `check`) did not hold: nothing was written. */
export const KVS_CONDITION_FAILED = 'CONDITIONAL_CHECK_FAILED';

/** A `keyPolicy: 'FAIL_IF_EXISTS'` write to a key that exists: nothing was written. */
export const KVS_KEY_EXISTS = 'KEY_ALREADY_EXISTS';

function kvsCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True when a transaction was refused because one of its conditions did not hold. */
export function isConditionFailure(error: unknown): boolean {
  return kvsCode(error) === KVS_CONDITION_FAILED;
}

/** True when a FAIL_IF_EXISTS write was refused because the key is already there (a claim taken). */
export function isKeyClash(error: unknown): boolean {
  return kvsCode(error) === KVS_KEY_EXISTS;
}
