import { join } from 'node:path';
import { REPO_ROOT } from '../../local/contracts/spec-files';
import { createEmulatedSite, projectPageExtension } from '../../local/emulated-site';
import { egressHostsFromManifest, installExternalFetch } from '../../local/runtime/external-fetch';
import { invokeScheduledTrigger } from '../../local/runtime/invoke-trigger';
import { NO_FAULTS } from '../../local/sim/faults';
import { addOverdueProjects } from '../../local/sim/seed/more-projects';
import { createWebhookSink } from '../../local/site/webhook-sink';
import type { Envelope } from '../../src/shared/envelope';
import { INTEGRATION_KEYS } from '../../src/shared/notifications';
import type { DailyReminderReport } from '../../src/usecases/send-reminders';
import { seededRandom } from '../faults/seeded-random';
import { trackRelease } from './helpers';

/**
 * The daily reminders at scale, through Forge's async events queue: 200 projects, each with an
 * overdue release someone opened and a Slack channel. The scheduled trigger pushes one event per
 * project; the queue delivers each to the consumer function in its own invocation, redelivers
 * some (Forge delivers "at least once") and retries failed runs, while a fifth of the app's Jira
 * calls answer 503 (seeded). Every project must hear about its release exactly once.
 */
jest.setTimeout(180_000);

const PROJECTS = 200;
// Faults are wired at creation only when a knob is on; the setup below runs with them off.
const knobs = { ...NO_FAULTS, rate5xx: 0.2 };
let projects: ReturnType<typeof addOverdueProjects> = [];
const site = createEmulatedSite({
  issues: 20,
  extendSeed: (jira, now) => (projects = addOverdueProjects(jira, { count: PROJECTS, now, daysOverdue: 3 })),
  faults: knobs,
  faultRandom: seededRandom(2026),
  queueRedelivery: { rate: 0.2, random: seededRandom(7) },
});
knobs.rate5xx = 0;
const sink = createWebhookSink();
installExternalFetch({ allowedHosts: egressHostsFromManifest(join(REPO_ROOT, 'manifest.yml')), route: sink.handle });

async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(work));
}

async function ok(functionKey: string, payload: unknown, moduleKey: string, project: string): Promise<void> {
  const answer = await site.invoke<Envelope<unknown>>({ as: 'release-owner', functionKey, payload, moduleKey, extension: projectPageExtension(site, project) });
  if (!answer.ok) throw new Error(`${functionKey} in ${project}: ${answer.error.code} ${answer.error.message}`);
}

const dailyRun = async () => {
  const answer = (await invokeScheduledTrigger({ handler: site.handler('daily-reminders'), moduleKey: 'preflight-daily-reminders' })) as { statusCode: number; body: string };
  expect(answer.statusCode).toBe(200);
  return JSON.parse(answer.body) as DailyReminderReport;
};

/** Slack messages that arrived, per project key (their title names the version: "RQ001 1.0 is overdue by 3 days"). */
function messagesPerProject(): Map<string, string[]> {
  const per = new Map<string, string[]>();
  for (const m of sink.messages.filter((x) => x.service === 'slack' && x.status < 300)) {
    const title = (m.body as { text: string }).text;
    const key = /^(RQ\d+) /.exec(title)?.[1] ?? 'other';
    per.set(key, [...(per.get(key) ?? []), title]);
  }
  return per;
}

let setupMs = 0;
beforeAll(async () => {
  // Set up as the projects' admins would, before the faults start.
  const started = Date.now();
  await inParallel(projects, 10, async (p) => {
    await ok(INTEGRATION_KEYS.saveWebhooks, { slack: `https://hooks.slack.com/services/T0000/B0000/${p.key.toLowerCase()}secret` }, 'preflight-settings', p.key);
    await trackRelease(site, p.key, p.versionId); // Preflight tracks releases someone changed
  });
  setupMs = Date.now() - started;
  knobs.rate5xx = 0.2;
});

afterAll(() => expect(site.violations).toEqual([]));

it('reminds each of 200 projects exactly once, with 20% 503s, redeliveries and a second run the same day', async () => {
  const started = Date.now();
  const first = await dailyRun();
  expect(first).toMatchObject({ projects: PROJECTS, events: PROJECTS, queued: PROJECTS, notQueued: 0 });
  expect(first.refused).toBeUndefined();
  const drained = await site.queue.drain();

  const failedCalls = site.calls.filter((c) => c.status === 503).length;
  const firstRunMs = Date.now() - started;
  const per = messagesPerProject();
  expect([...per.keys()].sort()).toEqual(projects.map((p) => p.key));
  for (const p of projects) expect(per.get(p.key)).toEqual([`${p.versionName} is overdue by 3 days`]);
  expect(failedCalls).toBeGreaterThan(0); // the faults really happened
  expect(drained.redelivered).toBeGreaterThan(0); // and some events came twice

  // The trigger runs again the same day (a redeploy, a manual run): nobody hears twice.
  const second = await dailyRun();
  expect(second).toMatchObject({ day: first.day, queued: PROJECTS });
  await site.queue.drain();
  const again = messagesPerProject();
  for (const p of projects) expect(again.get(p.key)).toHaveLength(1);

  console.log(
    `Reminders of ${PROJECTS} projects through the queue with 20% 503s: ${drained.delivered} events processed, ${drained.retried} retried, ` +
      `${drained.redelivered} redelivered, ${failedCalls} product calls answered 503, in ${firstRunMs} ms; each project reminded once, ` +
      `also after a second run (setup ${setupMs} ms, both runs ${Date.now() - started} ms)`,
  );
});
