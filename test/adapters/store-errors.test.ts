/**
 * The app tells a storage conflict from other failures by the error's `code`, which @forge/kvs
 * copies from Forge storage's error body; the HTTP status plays no part. The claim that keeps a
 * notification from going out twice is checked end to end through the real @forge/kvs.
 */
import { ForgeKvsAPIError } from '@forge/kvs';
import { CONDITION_FAILED_CODE, KEY_EXISTS_CODE, LocalKvs } from '../../local/kvs';
import { installForgeRuntime, runAs } from '../../local/runtime';
import { kvsNotificationLog } from '../../src/adapters/kvs-integrations';
import { isConditionFailure, isKeyClash, KVS_CONDITION_FAILED, KVS_KEY_EXISTS } from '../../src/adapters/store-errors';

/** An error exactly as @forge/kvs builds it from a non-2xx answer (utils/error-handling.js). */
function kvsApiError(status: number, code: string): ForgeKvsAPIError {
  return new ForgeKvsAPIError({ status, statusText: '', traceId: null, httpMethod: 'POST', httpPath: '/api/v1/transaction', responseBodyLength: 0 }, { code, message: 'refused' });
}

describe('isConditionFailure', () => {
  it('recognises the condition-failed code whatever the status', () => {
    expect(isConditionFailure(kvsApiError(409, 'CONDITIONAL_CHECK_FAILED'))).toBe(true);
    expect(isConditionFailure(kvsApiError(400, 'CONDITIONAL_CHECK_FAILED'))).toBe(true);
  });

  it('does not take another 409 for a condition failure', () => {
    expect(isConditionFailure(kvsApiError(409, 'CONFLICT'))).toBe(false);
    expect(isConditionFailure(kvsApiError(409, 'UNKNOWN_ERROR'))).toBe(false);
    expect(isConditionFailure(kvsApiError(409, 'KEY_ALREADY_EXISTS'))).toBe(false);
    expect(isConditionFailure(new Error('409'))).toBe(false);
    expect(isConditionFailure(undefined)).toBe(false);
  });
});

describe('isKeyClash', () => {
  it('recognises the FAIL_IF_EXISTS code whatever the status, and nothing else', () => {
    expect(isKeyClash(kvsApiError(409, 'KEY_ALREADY_EXISTS'))).toBe(true);
    expect(isKeyClash(kvsApiError(412, 'KEY_ALREADY_EXISTS'))).toBe(true);
    expect(isKeyClash(kvsApiError(409, 'CONDITIONAL_CHECK_FAILED'))).toBe(false);
    expect(isKeyClash(kvsApiError(409, 'RATE_LIMIT_EXCEEDED'))).toBe(false);
  });
});

describe('the local KVS and the app agree', () => {
  it('answers with the codes the app recognises', () => {
    expect(CONDITION_FAILED_CODE).toBe(KVS_CONDITION_FAILED);
    expect(KEY_EXISTS_CODE).toBe(KVS_KEY_EXISTS);
  });

  it('lets a notification be claimed once: a second claim of the same key says it was sent already', async () => {
    installForgeRuntime({ products: async () => ({ status: 200, body: {} }), kvs: new LocalKvs({ file: null }) });
    const log = kvsNotificationLog();
    const at = '2026-03-02T09:00:00.000Z';
    await expect(runAs(null, () => log.claim('10001:overdue:2026-03-02', at))).resolves.toBe(true);
    await expect(runAs(null, () => log.claim('10001:overdue:2026-03-02', at))).resolves.toBe(false);
    await expect(runAs(null, () => log.claim('10001:overdue:2026-03-03', at))).resolves.toBe(true);
  });
});
