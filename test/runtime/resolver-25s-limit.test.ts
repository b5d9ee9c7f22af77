/**
 * The real thing, in real time: with no limit overridden, a UI resolver that would sleep 30 s is
 * stopped by the emulator at Forge's 25 s, and the caller hears Forge's timeout then, not at 30 s.
 * (invocation-limits.test.ts covers the same code with short limits; this one proves the default.)
 */
import Resolver from '@forge/resolver';
import { LocalKvs } from '../../local/kvs';
import { installForgeRuntime, invokeResolver } from '../../local/runtime';
import { LOCAL_USERS } from '../../local/sim/users';

jest.setTimeout(40_000);

it('stops a resolver that sleeps past 25 s at 25 s', async () => {
  installForgeRuntime({ products: async () => ({ status: 200, body: {} }), kvs: new LocalKvs({ file: null }) });
  let finished = false;
  let timer: NodeJS.Timeout | undefined;
  const handler = new Resolver()
    .define('sleepy', async () => {
      await new Promise<void>((done) => (timer = setTimeout(done, 30_000)));
      finished = true;
      return 'too late';
    })
    .getDefinitions();
  const started = Date.now();
  await expect(
    invokeResolver({ handler, functionKey: 'sleepy', payload: {}, accountId: LOCAL_USERS[0]!.accountId, moduleKey: 'preflight-releases', extension: { type: 'jira:projectPage' } }),
  ).rejects.toMatchObject({ name: 'InvocationTimeoutError', message: expect.stringMatching(/^Task timed out after 25\.00 seconds/) });
  const elapsed = Date.now() - started;
  console.log(`A resolver sleeping 30 s was stopped after ${elapsed} ms`);
  expect(elapsed).toBeGreaterThanOrEqual(25_000);
  expect(elapsed).toBeLessThan(26_500);
  expect(finished).toBe(false);
  clearTimeout(timer);
});
