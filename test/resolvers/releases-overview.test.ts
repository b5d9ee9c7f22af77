import { RELEASE_KEYS, type ListReleasesResult } from '../../src/shared/releases';
import type { Envelope } from '../../src/shared/envelope';
import { createEmulatedSite, projectPageExtension, type EmulatedSite } from '../../local/emulated-site';
import { NO_FAULTS } from '../../local/sim/faults';
import type { JiraState } from '../../local/sim/jira/types';
import { join } from 'node:path';
import { REPO_ROOT } from '../../local/contracts/spec-files';
import { runAs } from '../../local/runtime';
import { egressHostsFromManifest, installExternalFetch } from '../../local/runtime/external-fetch';
import { invokeScheduledTrigger } from '../../local/runtime/invoke-trigger';
import { createWebhookSink } from '../../local/site/webhook-sink';
import { kvsReleaseStore } from '../../src/adapters/kvs-release-store';
import { INTEGRATION_KEYS } from '../../src/shared/notifications';
import { timeWait } from '../support/wait-time';

const list = async (site: EmulatedSite, payload: unknown = {}, key = 'PAY', as: 'release-owner' | 'viewer' = 'viewer'): Promise<ListReleasesResult> => {
  const answer = await site.invoke<Envelope<ListReleasesResult>>({ as, functionKey: RELEASE_KEYS.list, payload, moduleKey: 'preflight-releases', extension: projectPageExtension(site, key) });
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.data;
};

describe('the releases overview is true on first open', () => {
  const site = createEmulatedSite();
  afterEach(() => expect(site.violations).toEqual([]));
  const byName = (data: ListReleasesResult, name: string) => data.releases.find((r) => r.name === name)!;

  it('shows released versions as released in their last phase and unreleased ones in Planning, none of them opened', async () => {
    const data = await list(site);
    for (const name of ['PAY 1.0', 'PAY 2.0']) {
      expect(byName(data, name)).toMatchObject({ released: true, tracking: 'untracked', phase: { id: 'post-release', name: 'Post-release review' }, releaseType: 'minor', attention: [] });
    }
    for (const name of ['PAY 2.1', 'PAY 2.2', 'PAY 3.0']) {
      expect(byName(data, name)).toMatchObject({ released: false, tracking: 'untracked', phase: { id: 'planning', name: 'Planning' }, releaseType: 'minor' });
    }
    // PAY 2.1's date passed four days ago: the list says so without anyone opening it.
    expect(byName(data, 'PAY 2.1').attention).toEqual([{ code: 'overdue', message: expect.stringMatching(/^Unreleased 4 days after its release date/) }]);
  });

  it('after the queue ran, the unreleased versions have gate counts from the background, without any panel opened', async () => {
    await list(site);
    const before = site.calls.length;
    const drained = await site.queue.drain();
    expect(drained.delivered).toBeGreaterThan(0);
    // The background job reads as the app: each version's own reads, never the project's version list.
    expect(site.calls.slice(before).some((c) => c.path.endsWith('/project/PAY/version'))).toBe(false);
    const data = await list(site);
    for (const name of ['PAY 2.1', 'PAY 2.2', 'PAY 3.0']) {
      const row = byName(data, name);
      expect(row.tracking).toBe('untracked'); // evaluated, still not a tracked release: no record was made
      expect(row.gateSummary).toMatchObject({ source: 'background' });
      expect(row.gateSummary!.pass + row.gateSummary!.warning + row.gateSummary!.fail).toBe(5); // Planning's five gates
    }
    // Released versions nobody started are not evaluated against Planning's gates.
    expect(byName(data, 'PAY 2.0').gateSummary).toBeUndefined();
    // Versions that have counts are not queued again by the next look.
    await list(site);
    expect((await site.queue.drain()).delivered).toBe(0);
  });

  it("an issue added to a version in Jira re-evaluates that version's counts in the background", async () => {
    const v = site.jira.versions.find((x) => x.name === 'PAY 3.0')!;
    const before = byName(await list(site), 'PAY 3.0').gateSummary!;
    const pay = site.jira.projects.find((p) => p.key === 'PAY')!;
    const outsider = site.jira.issues.find((i) => i.projectId === pay.id && i.fixVersionIds.length === 0)!;
    const edit = await site.jiraRest('developer', 'PUT', `/rest/api/3/issue/${outsider.key}`, { update: { fixVersions: [{ add: { id: v.id } }] } });
    expect(edit.status).toBe(204);
    await site.events.drain();
    expect((await site.queue.drain()).delivered).toBe(1);
    const after = byName(await list(site), 'PAY 3.0');
    expect(after.gateSummary).toMatchObject({ source: 'background' });
    expect(after.gateSummary!.evaluatedAt > before.evaluatedAt).toBe(true);
    expect(after.tracking).toBe('untracked');
  });

  it('a failing gate close to the release date puts the version under "needs attention"', async () => {
    const row = byName(await list(site), 'PAY 2.2');
    // PAY 2.2 is due in 16 days: failing Planning gates are not yet urgent.
    expect(row.gateSummary!.fail).toBeGreaterThan(0);
    expect(row.attention.map((a) => a.code)).not.toContain('failing-near-date');
  });

  it('the daily run refreshes counts a day old, for the projects it reminds', async () => {
    const v = site.jira.versions.find((x) => x.name === 'PAY 2.2')!;
    const current = byName(await list(site), 'PAY 2.2').gateSummary!;
    const dayOld = new Date(Date.now() - 25 * 60 * 60 * 1000).toISOString();
    await runAs(null, () => kvsReleaseStore().saveSummary('PAY', v.id, { phase: { id: 'planning', name: 'Planning' }, gateSummary: { ...current, evaluatedAt: dayOld }, source: 'background', tracked: false, releaseType: 'minor' }));
    const sink = createWebhookSink();
    installExternalFetch({ allowedHosts: egressHostsFromManifest(join(REPO_ROOT, 'manifest.yml')), route: sink.handle });
    const saved = await site.invoke<Envelope<unknown>>({ as: 'release-owner', functionKey: INTEGRATION_KEYS.saveWebhooks, payload: { slack: 'https://hooks.slack.com/services/T0000/B0000/paysecret' }, moduleKey: 'preflight-settings', extension: projectPageExtension(site, 'PAY') });
    expect(saved.ok).toBe(true);
    const answer = (await invokeScheduledTrigger({ handler: site.handler('daily-reminders'), moduleKey: 'preflight-daily-reminders' })) as { statusCode: number; body: string };
    expect(JSON.parse(answer.body)).toMatchObject({ overviewRefresh: { projects: 1, versions: 1 } });
    await site.queue.drain();
    const refreshed = byName(await list(site), 'PAY 2.2').gateSummary!;
    expect(refreshed.source).toBe('background');
    expect(refreshed.evaluatedAt > dayOld).toBe(true);
  });

  it('passes search, status and order to Jira, which narrows its answer', async () => {
    const searched = await list(site, { query: '2.' });
    expect(searched.releases.map((r) => r.name).sort()).toEqual(['PAY 2.0', 'PAY 2.1', 'PAY 2.2']);
    const released = await list(site, { status: ['released'] });
    expect(released.releases.map((r) => r.name).sort()).toEqual(['PAY 1.0', 'PAY 2.0']);
    const archived = await list(site, { status: ['archived'] });
    // PAY 0.9 and the seeded history (PAY 1.1 to 1.7, archived), newest first.
    expect(archived.releases.map((r) => r.name)).toEqual(['PAY 1.7', 'PAY 1.6', 'PAY 1.5', 'PAY 1.4', 'PAY 1.3.1', 'PAY 1.3', 'PAY 1.2', 'PAY 1.1', 'PAY 0.9']);
    const byDate = await list(site, { orderBy: 'releaseDate', status: ['released', 'unreleased'] });
    // Oldest date first, versions without a date last (Jira's rule), not regrouped by the app.
    expect(byDate.releases.map((r) => r.name)).toEqual(['PAY 1.0', 'PAY 2.0', 'PAY 2.1', 'PAY 2.2', 'PAY 3.0']);
    const newestName = await list(site, { orderBy: '-name' });
    expect(newestName.releases.map((r) => r.name)).toEqual(['PAY 3.0', 'PAY 2.2', 'PAY 2.1', 'PAY 2.0', 'PAY 1.0']);
  });

  it('refuses a search longer than 100 characters or an unknown status, naming the field', async () => {
    const tooLong = await site.invoke<Envelope<ListReleasesResult>>({ as: 'viewer', functionKey: RELEASE_KEYS.list, payload: { query: 'x'.repeat(101) }, moduleKey: 'preflight-releases', extension: projectPageExtension(site, 'PAY') });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('query') } });
    const badStatus = await site.invoke<Envelope<ListReleasesResult>>({ as: 'viewer', functionKey: RELEASE_KEYS.list, payload: { status: ['shipped'] }, moduleKey: 'preflight-releases', extension: projectPageExtension(site, 'PAY') });
    expect(badStatus).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('status') } });
  });
});

/** 300 versions on PAY, newest first: most unreleased, a few released. */
function addVersions(jira: JiraState, now: Date, count: number): void {
  const pay = jira.projects.find((p) => p.key === 'PAY')!;
  const start = Math.max(...jira.versions.filter((v) => v.projectId === pay.id).map((v) => v.sequence)) + 1;
  for (let i = 0; i < count; i++) {
    const day = new Date(now.getTime() + (i - 100) * 86_400_000).toISOString().slice(0, 10);
    jira.versions.push({
      id: String(jira.counters.versionId++),
      projectId: pay.id,
      name: `PAY 9.${i}`,
      description: 'Scale test version.',
      startDate: null,
      releaseDate: day,
      released: i < 100,
      archived: false,
      sequence: start + i,
      driverAccountId: null,
      relatedWork: [],
    });
  }
}

describe('the overview at scale', () => {
  const LATENCY_MS = 150;
  it('reads the first page of a 300-version project in at most 3 REST calls, under a second at 150 ms latency', async () => {
    // Created here, after the first site's tests: the Forge runtime serves the site created last.
    const site = createEmulatedSite({ extendSeed: (jira, now) => addVersions(jira, now, 300), faults: { ...NO_FAULTS, latencyMs: LATENCY_MS } });
    const wait = await timeWait(site, LATENCY_MS, () => list(site));
    const data = wait.result;
    console.log(`overview first page at ${LATENCY_MS} ms latency: ${wait.line}`);
    expect(data.releases).toHaveLength(50);
    expect(data.nextCursor).toBe('50');
    expect(data.releases.every((r) => r.phase.name.length > 0)).toBe(true);
    expect(wait.calls.length).toBeLessThanOrEqual(3);
    expect(wait.seconds).toBeLessThan(1);
  });
});
