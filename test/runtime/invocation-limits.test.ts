/**
 * Forge's invocation limits, enforced by the local runtime: a handler that runs past its kind's
 * limit is stopped and its caller told so, the stopped invocation cannot write anything after,
 * getRemainingTimeInMillis counts down from the real limit, and oversized payloads are refused.
 * The stopping tests run the same code as production with the limit set to a few hundred ms (a
 * runtime option); the defaults per kind are asserted separately.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getAppContext } from '@forge/api';
import { kvs } from '@forge/kvs';
import Resolver from '@forge/resolver';
import { LocalKvs } from '../../local/kvs';
import {
  DEFAULT_INVOCATION_LIMITS_MS,
  installForgeRuntime,
  invocationLimitMs,
  invokeResolver,
  limitFor,
  runAs,
  runWithInvocationLimit,
  type ForgeRuntimeOptions,
} from '../../local/runtime';
import { manifestFunctionOf, manifestTimeoutSeconds } from '../../local/runtime/invocation-limits';
import { invokeScheduledTrigger, invokeWebTrigger } from '../../local/runtime/invoke-trigger';
import type { AppManifest } from '../../local/site/manifest';
import { createSiteServer } from '../../local/site/server';
import { LOCAL_USERS } from '../../local/sim/users';

const RITA = LOCAL_USERS[0]!.accountId;
const SHORT_MS = 300;
const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

function install(extra: Partial<ForgeRuntimeOptions> = {}): void {
  installForgeRuntime({ products: async () => ({ status: 200, body: {} }), kvs: new LocalKvs({ file: null }), ...extra });
}

const jiraPage = { moduleKey: 'preflight-releases', extension: { type: 'jira:projectPage' } };

describe("Forge's time limit per invocation kind", () => {
  it('is 25 s for UI resolvers and 55 s for web triggers, scheduled triggers and async event consumers', () => {
    expect(DEFAULT_INVOCATION_LIMITS_MS).toMatchObject({ 'ui-resolver': 25_000, 'web-trigger': 55_000, 'scheduled-trigger': 55_000, 'async-event': 55_000 });
    // Jira waits on a workflow validator while the person waits: the user-led 25 s (assumed; see local/runtime/README.md).
    expect(DEFAULT_INVOCATION_LIMITS_MS['workflow-validator']).toBe(25_000);
    install();
    expect(limitFor('ui-resolver')).toBe(25_000);
    expect(limitFor('web-trigger')).toBe(55_000);
    expect(limitFor('scheduled-trigger', 'daily-reminders')).toBe(55_000);
    expect(limitFor('async-event')).toBe(55_000);
  });

  it("follows the function's timeoutSeconds for scheduled triggers and consumers only, up to 900 s", () => {
    expect(invocationLimitMs('scheduled-trigger', 300)).toBe(300_000);
    expect(invocationLimitMs('async-event', 120)).toBe(120_000);
    expect(invocationLimitMs('async-event', 5_000)).toBe(900_000);
    // UI resolvers and web triggers keep their fixed limits whatever the function says.
    expect(invocationLimitMs('ui-resolver', 300)).toBe(25_000);
    expect(invocationLimitMs('web-trigger', 300)).toBe(55_000);
  });

  it("reads timeoutSeconds and a module's function from the manifest", () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-manifest-'));
    try {
      const file = join(dir, 'manifest.yml');
      writeFileSync(
        file,
        [
          'modules:',
          '  consumer:',
          '    - key: reminder-consumer',
          '      queue: reminders',
          '      function: send-reminder',
          '  function:',
          '    - key: send-reminder',
          '      handler: index.sendReminder',
          '      timeoutSeconds: 240',
          '    - key: resolver',
          '      handler: index.handler',
        ].join('\n'),
      );
      expect(manifestFunctionOf('reminder-consumer', file)).toBe('send-reminder');
      expect(manifestTimeoutSeconds('send-reminder', file)).toBe(240);
      expect(manifestTimeoutSeconds('resolver', file)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('counts getRemainingTimeInMillis down from the limit of the kind being run', async () => {
    install();
    const remaining = () => getAppContext().invocationRemainingTimeInMillis();
    const handler = new Resolver().define('left', () => remaining()).getDefinitions();
    const inResolver = (await invokeResolver({ handler, functionKey: 'left', payload: {}, accountId: RITA, ...jiraPage })) as number;
    expect(inResolver).toBeGreaterThan(24_000);
    expect(inResolver).toBeLessThanOrEqual(25_000);
    const inWebTrigger = (await invokeWebTrigger({
      handler: () => ({ statusCode: 200, body: String(remaining()) }),
      moduleKey: 'preflight-ci-gate',
      request: { method: 'GET', path: '/', headers: {}, queryParameters: {}, body: '' },
    })) as { body: string };
    expect(Number(inWebTrigger.body)).toBeGreaterThan(54_000);
    expect(Number(inWebTrigger.body)).toBeLessThanOrEqual(55_000);
    const inConsumer = await runWithInvocationLimit({ kind: 'async-event', accountId: null, limitMs: 240_000 }, async () => remaining());
    expect(inConsumer).toBeGreaterThan(239_000);
  });
});

describe('an invocation that runs past its limit', () => {
  it('is stopped: the resolver call fails with the timeout as soon as the limit passes', async () => {
    install({ invocationLimitsMs: { 'ui-resolver': SHORT_MS } });
    const handler = new Resolver()
      .define('slow', async () => {
        await sleep(SHORT_MS * 4);
        return 'finished';
      })
      .getDefinitions();
    const started = Date.now();
    await expect(invokeResolver({ handler, functionKey: 'slow', payload: {}, accountId: RITA, ...jiraPage })).rejects.toMatchObject({
      name: 'InvocationTimeoutError',
      httpStatus: 504,
      message: expect.stringMatching(/^Task timed out after 0\.30 seconds/),
    });
    // The handler would have taken 1.2 s: the caller heard back at the limit, not when it finished.
    expect(Date.now() - started).toBeLessThan(SHORT_MS * 3);
  });

  it('cannot write to storage afterwards: its late KVS call is refused and nothing is stored', async () => {
    install({ invocationLimitsMs: { 'ui-resolver': SHORT_MS } });
    let lateWrite: unknown = 'not attempted';
    const handler = new Resolver()
      .define('slowWriter', async () => {
        await sleep(SHORT_MS * 2);
        try {
          await kvs.set('written-after-timeout', { by: 'a dead invocation' });
          lateWrite = 'stored';
        } catch (error) {
          lateWrite = error;
        }
      })
      .getDefinitions();
    await expect(invokeResolver({ handler, functionKey: 'slowWriter', payload: {}, accountId: RITA, ...jiraPage })).rejects.toMatchObject({
      name: 'InvocationTimeoutError',
    });
    await sleep(SHORT_MS * 3);
    expect(lateWrite).toMatchObject({ name: 'DeadInvocationError', message: expect.stringMatching(/calls it makes afterwards are refused/) });
    expect(await runAs(RITA, () => kvs.get('written-after-timeout'))).toBeUndefined();
  });

  it('is stopped for web triggers and scheduled triggers too', async () => {
    install({ invocationLimitsMs: { 'web-trigger': SHORT_MS, 'scheduled-trigger': SHORT_MS } });
    const slow = async () => {
      await sleep(SHORT_MS * 4);
      return { statusCode: 200 };
    };
    const request = { method: 'POST', path: '/', headers: {}, queryParameters: {}, body: '{}' };
    await expect(invokeWebTrigger({ handler: slow, moduleKey: 'preflight-ci-gate', request })).rejects.toMatchObject({ name: 'InvocationTimeoutError' });
    await expect(invokeScheduledTrigger({ handler: slow, moduleKey: 'preflight-daily-reminders' })).rejects.toMatchObject({ name: 'InvocationTimeoutError' });
  });

  it('does not stop a handler that finishes in time', async () => {
    install({ invocationLimitsMs: { 'ui-resolver': SHORT_MS } });
    const handler = new Resolver().define('quick', async () => ({ done: true })).getDefinitions();
    await expect(invokeResolver({ handler, functionKey: 'quick', payload: {}, accountId: RITA, ...jiraPage })).resolves.toEqual({ done: true });
  });
});

describe('payload limits', () => {
  const overFiveMiB = 'x'.repeat(5 * 1024 * 1024 + 1);

  it("refuses a resolver answer over 5 MiB: the caller gets the platform's error, not the data", async () => {
    install();
    const handler = new Resolver().define('huge', () => ({ blob: overFiveMiB })).getDefinitions();
    await expect(invokeResolver({ handler, functionKey: 'huge', payload: {}, accountId: RITA, ...jiraPage })).rejects.toMatchObject({
      name: 'InvocationPayloadError',
      httpStatus: 500,
      message: expect.stringMatching(/^The resolver's answer is \d+ bytes; Forge's limit is 5242880 bytes\./),
    });
  });

  it('refuses a web trigger request over 5 MiB before the function runs', async () => {
    install();
    let ran = false;
    const request = { method: 'POST', path: '/', headers: {}, queryParameters: {}, body: overFiveMiB };
    await expect(
      invokeWebTrigger({
        handler: () => {
          ran = true;
          return { statusCode: 200 };
        },
        moduleKey: 'preflight-ci-gate',
        request,
      }),
    ).rejects.toMatchObject({ name: 'InvocationPayloadError', httpStatus: 413 });
    expect(ran).toBe(false);
  });
});

describe("the local site's /api/invoke", () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    install({ invocationLimitsMs: { 'ui-resolver': SHORT_MS } });
    const handler = new Resolver()
      .define('slow', async () => {
        await sleep(SHORT_MS * 4);
        return 'finished';
      })
      .getDefinitions();
    const manifest: AppManifest = {
      modules: [{ type: 'jira:projectPage', key: 'preflight-releases', title: 'Releases', resolverFunction: 'resolver', hasConfig: false }],
      functions: new Map([['resolver', 'index.handler']]),
      permissions: {},
    };
    server = createSiteServer({
      manifest,
      products: async () => undefined,
      macroConfigs: { get: () => undefined, set: () => undefined },
      runResolver: (call) =>
        invokeResolver({ handler, functionKey: call.functionKey, payload: call.payload, accountId: call.accountId, moduleKey: call.module.key, extension: call.extension }),
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://localhost:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  });

  it("answers a timed-out resolver with the timeout, so the frame's invoke rejects with it", async () => {
    const res = await fetch(`${base}/api/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ moduleKey: 'preflight-releases', functionKey: 'slow', accountId: RITA, extension: { type: 'jira:projectPage' } }),
    });
    expect(res.status).toBe(504);
    expect(await res.json()).toEqual({ error: expect.stringMatching(/^Task timed out after 0\.30 seconds: Forge stops a UI resolver after 300 ms\.$/) });
  });
});
