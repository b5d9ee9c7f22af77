import { join } from 'node:path';
import { REPO_ROOT } from '../../local/contracts/spec-files';
import { createEmulatedSite, projectPageExtension } from '../../local/emulated-site';
import { egressHostsFromManifest, installExternalFetch } from '../../local/runtime/external-fetch';
import { invokeScheduledTrigger } from '../../local/runtime/invoke-trigger';
import { NO_FAULTS } from '../../local/sim/faults';
import { addOverdueProjects } from '../../local/sim/seed/more-projects';
import { createWebhookSink } from '../../local/site/webhook-sink';
import { INTEGRATION_KEYS } from '../../src/shared/notifications';
import { trackRelease } from './helpers';

/**
 * The reminders consumer when Jira is down for its whole first run: it asks Forge to run the event
 * again (InvocationError) instead of losing the day's reminders, and the retry sends each once.
 */
jest.setTimeout(60_000);

it('runs a batch again when Jira was down for its first run, and the retry reminds each project once', async () => {
  // A second, small site: Jira answers 503 to every call until the consumer has asked for a retry,
  // and the consumer gets 3 s (not 55 s), so its first run gives up quickly.
  let small: ReturnType<typeof addOverdueProjects> = [];
  const down = { ...NO_FAULTS, rate5xx: 1 };
  const site2 = createEmulatedSite({ issues: 10, extendSeed: (jira, now) => (small = addOverdueProjects(jira, { count: 3, now, prefix: 'RD' })), faults: down, invocationLimitsMs: { 'async-event': 3000 } });
  const sink2 = createWebhookSink();
  installExternalFetch({ allowedHosts: egressHostsFromManifest(join(REPO_ROOT, 'manifest.yml')), route: sink2.handle });
  down.rate5xx = 0;
  for (const p of small) {
    const as = { as: 'release-owner' as const, moduleKey: 'preflight-settings', extension: projectPageExtension(site2, p.key) };
    await site2.invoke({ ...as, functionKey: INTEGRATION_KEYS.saveWebhooks, payload: { slack: `https://hooks.slack.com/services/T0000/B0000/${p.key.toLowerCase()}secret` } });
    await trackRelease(site2, p.key, p.versionId);
  }
  Object.defineProperty(down, 'rate5xx', { get: () => (site2.queue.deliveries.some((d) => d.outcome !== 'success') ? 0 : 1) });

  await invokeScheduledTrigger({ handler: site2.handler('daily-reminders'), moduleKey: 'preflight-daily-reminders' });
  const drained = await site2.queue.drain();
  expect(drained.retried).toBeGreaterThan(0);
  expect(site2.queue.deliveries.filter((d) => d.outcome === 'retry-requested').length).toBeGreaterThan(0); // the app asked, it was not killed
  const titles = sink2.messages.filter((m) => m.service === 'slack' && m.status < 300).map((m) => (m.body as { text: string }).text).sort();
  expect(titles).toEqual(small.map((p) => `${p.versionName} is overdue by 3 days`));
  expect(site2.violations).toEqual([]);
});
