import {
  InvalidPushSettingsError,
  InvocationError,
  InvocationErrorCode,
  InvocationLimitReachedError,
  PayloadTooBigError,
  Queue,
  RateLimitError,
  TooManyEventsError,
  type AsyncEvent,
} from '@forge/events';
import { LocalKvs } from '../../local/kvs';
import { installForgeRuntime, runAs } from '../../local/runtime';
import { LocalQueue, QUEUE_LIMITS } from '../../local/runtime/queue';

/**
 * The local async events queue with the real @forge/events client: what a push may carry, how an
 * event reaches its consumer, and how Forge retries. Consumers here are small test functions.
 */

type Consumer = (event: AsyncEvent, context: Record<string, unknown>) => Promise<unknown>;

function queueWith(consumer: Consumer): LocalQueue {
  const queue = new LocalQueue({ consumers: [{ key: 'test-consumer', queue: 'work', functionKey: 'work-fn' }], loadHandler: () => consumer });
  installForgeRuntime({ products: async () => ({ status: 404 }), kvs: new LocalKvs({ file: null }), stargate: queue.stargate() });
  return queue;
}

const push = (events: Parameters<Queue['push']>[0], key = 'work') => runAs(null, () => new Queue({ key }).push(events));
const events = (n: number) => Array.from({ length: n }, (_, i) => ({ body: { n: i } }));

describe('the local async events queue', () => {
  it('delivers each event to the consumer the manifest names, as an AsyncEvent, with no user', async () => {
    const seen: Array<{ event: AsyncEvent; context: Record<string, unknown> }> = [];
    const queue = queueWith(async (event, context) => void seen.push({ event, context }));
    const { jobId } = await push([{ body: { project: 'PAY' } }, { body: { project: 'MOB' } }]);
    expect(seen).toEqual([]); // nothing runs inside the pushing invocation

    expect(await queue.drain()).toMatchObject({ delivered: 2, retried: 0, dropped: 0 });
    expect(seen.map((s) => s.event.body)).toEqual(expect.arrayContaining([{ project: 'PAY' }, { project: 'MOB' }]));
    for (const { event, context } of seen) {
      expect(event).toMatchObject({ queueName: 'work', jobId, eventId: expect.any(String) });
      expect(event.retryContext).toBeUndefined(); // only retries carry one
      expect(context.principal).toBeUndefined();
    }
    expect(await runAs(null, () => new Queue({ key: 'work' }).getStats(jobId))).toEqual({ success: 2, inProgress: 0, failed: 0 });
  });

  it('retries a consumer that throws, with a growing wait and the retry count in retryContext', async () => {
    const attempts: Array<AsyncEvent['retryContext']> = [];
    const queue = queueWith(async (event) => {
      attempts.push(event.retryContext);
      if (attempts.length < 3) throw new Error('Jira is down');
    });
    const before = queue.now();
    await push({ body: { project: 'PAY' } });
    expect(await queue.drain()).toMatchObject({ delivered: 1, retried: 2 });
    expect(attempts.map((c) => c?.retryCount)).toEqual([undefined, 1, 2]);
    expect(attempts[1]).toMatchObject({ retryReason: expect.any(String), retentionWindow: { startTime: expect.any(String), remainingTimeMs: expect.any(Number) } });
    // The waits passed on the queue's clock (drain skips them): 10 s then 20 s.
    expect(queue.now() - before).toBeGreaterThanOrEqual(30_000);
  });

  it('honours an InvocationError: its retryAfter (at most 900 s), reason and retryData', async () => {
    const attempts: Array<{ at: number; context: AsyncEvent['retryContext'] }> = [];
    const queue = queueWith(async (event) => {
      attempts.push({ at: queue.now(), context: event.retryContext });
      if (attempts.length === 1) return new InvocationError({ retryAfter: 120, retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED, retryData: { page: 2 } });
      if (attempts.length === 2) return new InvocationError({ retryAfter: 5000, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
      return undefined;
    });
    await push({ body: { project: 'PAY' } });
    await queue.drain();
    expect(attempts).toHaveLength(3);
    expect(attempts[1]!.context).toMatchObject({ retryCount: 1, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED', retryData: { page: 2 } });
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(120_000);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(900_000);
    expect(attempts[2]!.at - attempts[1]!.at).toBeLessThan(901_000);
  });

  it('drops an event still failing after its 24-hour retention window, and the job says it failed', async () => {
    let calls = 0;
    const queue = queueWith(async () => {
      calls++;
      throw new Error('always broken');
    });
    const { jobId } = await push({ body: { project: 'PAY' } });
    const report = await queue.drain();
    expect(report.dropped).toBe(1);
    // Backoff doubles from 10 s to 15 minutes, so a day holds about a hundred attempts.
    expect(calls).toBeGreaterThan(90);
    expect(calls).toBeLessThan(110);
    expect(await runAs(null, () => new Queue({ key: 'work' }).getStats(jobId))).toEqual({ success: 0, inProgress: 0, failed: 1 });
  });

  it('refuses pushes over the documented limits with the errors @forge/events defines', async () => {
    const queue = queueWith(async () => undefined);
    // Checked by the package before anything is sent...
    await expect(push(events(51))).rejects.toBeInstanceOf(TooManyEventsError);
    await expect(push([{ body: { blob: 'x'.repeat(QUEUE_LIMITS.pushBytes) } }])).rejects.toBeInstanceOf(PayloadTooBigError);
    await expect(push({ body: {}, delayInSeconds: 901 })).rejects.toBeInstanceOf(InvalidPushSettingsError);
    // ...and by the platform, for a client that does not check.
    const raw = (payload: unknown[]) => queue.handle({ method: 'POST', path: '/webhook/queue/publish/x/y/z/1', query: new URLSearchParams(), headers: {}, body: { queueName: 'work', jobId: 'j', payload }, accountId: null, asApp: true });
    expect(await raw(events(51))).toMatchObject({ status: 400 });
    expect(await raw([{ body: { blob: 'x'.repeat(QUEUE_LIMITS.pushBytes) } }])).toMatchObject({ status: 413 });
    expect(await raw([{ body: 'not an object' }])).toMatchObject({ status: 400 });

    // 500 events a minute per installation: the 11th push of 50 in the same minute is refused.
    for (let i = 0; i < 10; i++) await push(events(50));
    await expect(push(events(1))).rejects.toBeInstanceOf(RateLimitError);
    expect(queue.backlog.pending).toBe(500);
  });

  it('stops a chain of consumers that push again at 1,000 pushes from one invocation (the cyclic limit)', async () => {
    let refused: unknown;
    let deepest = 0;
    const queue = queueWith(async (event) => {
      const n = (event.body as { n: number }).n;
      deepest = Math.max(deepest, n);
      try {
        // A second apart, so the chain stays under 500 events a minute and only the cyclic limit applies.
        await new Queue({ key: 'work' }).push({ body: { n: n + 1 }, delayInSeconds: 1 });
      } catch (error) {
        refused = error;
      }
    });
    await push({ body: { n: 1 } });
    await queue.drain();
    expect(deepest).toBe(QUEUE_LIMITS.cyclicPushes);
    expect(refused).toBeInstanceOf(InvocationLimitReachedError);
  }, 60_000);
});
