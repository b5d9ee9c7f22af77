import { join } from 'node:path';
import { REPO_ROOT } from '../../local/contracts/spec-files';
import { createEmulatedSite, projectPageExtension } from '../../local/emulated-site';
import { egressHostsFromManifest, installExternalFetch } from '../../local/runtime/external-fetch';
import { invokeScheduledTrigger } from '../../local/runtime/invoke-trigger';
import { NO_FAULTS } from '../../local/sim/faults';
import { addOverdueProjects } from '../../local/sim/seed/more-projects';
import { createWebhookSink } from '../../local/site/webhook-sink';
import { INTEGRATION_KEYS } from '../../src/shared/notifications';
import { trackRelease } from '../triggers/helpers';
import { seededRandom } from './seeded-random';

/**
 * The daily reminders when Jira rate-limits hard (60% of calls answer 429, Retry-After 5 s; seeded,
 * waits real). Each consumer invocation must end by itself inside its time limit, having reminded
 * its projects or asked Forge to run the event again; never be killed by the platform. The consumer
 * gets 12 s here instead of 55 s so the test stays short: the budget logic is the same, it reads
 * the time left from the runtime.
 */
jest.setTimeout(120_000);

it('under heavy 429s every reminders invocation ends within its limit, and each project is reminded once', async () => {
  let projects: ReturnType<typeof addOverdueProjects> = [];
  const faults = { ...NO_FAULTS, rate429: 0.6, retryAfterSeconds: 5 };
  const site = createEmulatedSite({
    issues: 10,
    extendSeed: (jira, now) => (projects = addOverdueProjects(jira, { count: 3, now, prefix: 'HR' })),
    faults,
    faultRandom: seededRandom(4290),
    invocationLimitsMs: { 'async-event': 12_000 },
  });
  const sink = createWebhookSink();
  installExternalFetch({ allowedHosts: egressHostsFromManifest(join(REPO_ROOT, 'manifest.yml')), route: sink.handle });
  // Set up at full speed, then turn the 429s on for the reminders themselves.
  faults.rate429 = 0;
  for (const p of projects) {
    const as = { as: 'release-owner' as const, moduleKey: 'preflight-settings', extension: projectPageExtension(site, p.key) };
    await site.invoke({ ...as, functionKey: INTEGRATION_KEYS.saveWebhooks, payload: { slack: `https://hooks.slack.com/services/T0000/B0000/${p.key.toLowerCase()}secret` } });
    await trackRelease(site, p.key, p.versionId);
  }
  faults.rate429 = 0.6;

  const started = Date.now();
  await invokeScheduledTrigger({ handler: site.handler('daily-reminders'), moduleKey: 'preflight-daily-reminders' });
  const report = await site.queue.drain();
  const outcomes = site.queue.deliveries.map((d) => d.outcome);
  const http429 = site.calls.filter((c) => c.status === 429).length;
  console.log(`Reminders of ${projects.length} projects under 60% 429s: ${outcomes.length} deliveries (${outcomes.join(', ')}), ${http429} calls answered 429, ${report.retried} retried, in ${Date.now() - started} ms`);

  expect(http429).toBeGreaterThan(0);
  // No invocation was stopped by the platform: each finished or asked to be run again.
  expect(outcomes.filter((o) => o === 'timeout' || o === 'error')).toEqual([]);
  const reminded = sink.messages.filter((m) => m.service === 'slack' && m.status < 300).map((m) => (m.body as { text: string }).text).sort();
  expect(reminded).toEqual(projects.map((p) => `${p.versionName} is overdue by 3 days`).sort());
  expect(site.violations).toEqual([]);
});
