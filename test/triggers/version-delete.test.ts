import { projectPageExtension } from '../../local/emulated-site';
import { runAs } from '../../local/runtime';
import { kvsReleaseStore } from '../../src/adapters/kvs-release-store';
import { GATE_SECRET_HEADER } from '../../src/shared/ci-gate';
import { INTEGRATION_KEYS } from '../../src/shared/notifications';
import type { Envelope } from '../../src/shared/envelope';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';
import { RELEASE_KEYS, type ListReleasesResult } from '../../src/shared/releases';
import { trackRelease, triggerSite } from './helpers';

/**
 * A tracked version deleted or merged in Jira (through the local Jira's REST API): the event
 * reaches the app, the record says so and stays readable, and nothing else trips over the gap.
 * Every event is delivered twice, as Forge may.
 */
const t = triggerSite({ eventRedelivery: { rate: 1, random: () => 0 } });
const { site } = t;
afterEach(() => expect(site.violations).toEqual([]));

const stored = (versionId: string) => runAs(null, () => kvsReleaseStore().get(versionId));
const audit = async (versionId: string) => (await runAs(null, () => kvsReleaseStore().audit(versionId, { limit: 100 }))).events;
const panel = (versionId: string) => t.call<Envelope<ReleaseView>>('release-owner', PANEL_KEYS.get, { versionId }, 'preflight-releases');
const list = () => t.ok<ListReleasesResult>('release-owner', RELEASE_KEYS.list, {}, 'preflight-releases');

describe('a tracked version deleted in Jira', () => {
  it('is recorded as deleted once, by whom, and the app keeps answering about it', async () => {
    const v = t.version('PAY 2.1');
    await trackRelease(site, 'PAY', v.id);
    const secret = await t.secret('PAY');

    const answer = await site.jiraRest('release-owner', 'DELETE', `/rest/api/3/version/${v.id}`);
    expect(answer.status).toBe(204);
    await site.events.drain();

    // Delivered twice; recorded once.
    const deliveries = site.events.deliveries.filter((d) => d.eventType === 'avi:jira:deleted:version');
    expect(deliveries.length).toBe(2);
    expect(deliveries.every((d) => d.outcome === 'success')).toBe(true);
    const record = await stored(v.id);
    expect(record!.versionDeleted).toMatchObject({ by: site.user('release-owner').accountId });
    expect(record!.versionDeleted!.mergedInto).toBeUndefined();
    const deleted = (await audit(v.id)).filter((e) => e.type === 'version-deleted');
    expect(deleted).toHaveLength(1);
    expect(deleted[0]!.summary).toBe('Deleted the version in Jira; this release record is kept for its history');

    // The panel of a version Jira no longer has: a clear answer naming it, not a crash.
    const view = await panel(v.id);
    console.log(`release/get of a deleted version: ${JSON.stringify(view).slice(0, 300)}`);
    expect(view).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: `This version was deleted in Jira on ${new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date())}. Preflight keeps its release record and audit trail.` } });

    // The releases list answers and lists no phantom.
    const releases = await list();
    expect(releases.releases.map((r) => r.versionId)).not.toContain(v.id);
    expect(releases.releases.map((r) => r.name)).toContain('PAY 2.2');

    // The CI gate names the missing version.
    const gate = await t.gate({ project: 'PAY', version: 'PAY 2.1' }, { [GATE_SECRET_HEADER]: secret });
    console.log(`CI gate for a deleted version: ${gate.statusCode} ${gate.body}`);
    expect(gate.statusCode).toBe(404);
    const byId = await t.gate({ project: 'PAY', version: v.id }, { [GATE_SECRET_HEADER]: secret });
    console.log(`CI gate by the deleted version's id: ${byId.statusCode} ${byId.body}`);
    expect(byId.statusCode).toBe(404);

    // The daily reminders skip it without failing.
    await t.ok('release-owner', INTEGRATION_KEYS.saveWebhooks, { slack: 'https://hooks.slack.com/services/T0000/B0000/abcdefghijkl' });
    const reminders = await t.reminders();
    console.log(`daily reminders after the delete: ${reminders.statusCode} ${reminders.body}`);
    expect(reminders.statusCode).toBe(200);
    expect(JSON.parse(reminders.body)).toMatchObject({ projects: 1 });
    await site.queue.drain();
    expect(t.sink.messages.map((m) => JSON.stringify(m.body)).filter((text) => text.includes('PAY 2.1'))).toEqual([]);
  });

  it('deleted with its issues moved to another version records where they went', async () => {
    const v = t.version('MOB 4.2');
    const target = t.version('MOB 5.0');
    await trackRelease(site, 'MOB', v.id);
    const answer = await site.jiraRest('release-owner', 'POST', `/rest/api/3/version/${v.id}/removeAndSwap`, { moveFixIssuesTo: Number(target.id) });
    expect(answer.status).toBe(204);
    await site.events.drain();
    expect((await stored(v.id))!.versionDeleted).toMatchObject({ mergedInto: 'MOB 5.0' });
    expect((await audit(v.id)).filter((e) => e.type === 'version-deleted')).toHaveLength(1);
    const view = await site.invoke<Envelope<ReleaseView>>({ as: 'release-owner', functionKey: PANEL_KEYS.get, payload: { versionId: v.id }, moduleKey: 'preflight-releases', extension: projectPageExtension(site, 'MOB') });
    expect(!view.ok && view.error.message).toMatch(/^This version was deleted in Jira on [A-Z][a-z]{2} \d{1,2}, \d{4} and its issues moved to MOB 5\.0\./);
    // Another project's page learns nothing about it.
    const elsewhere = await panel(v.id);
    expect(!elsewhere.ok && elsewhere.error.message).toMatch(/it was not found, or you cannot see it/);
  });
});

describe('a tracked version merged into another in Jira', () => {
  it('records the merged-away release as merged into the target, once, and leaves the target alone', async () => {
    const from = t.version('PAY 3.0');
    const into = t.version('PAY 2.2');
    await trackRelease(site, 'PAY', from.id);
    await trackRelease(site, 'PAY', into.id);
    const intoRevision = (await stored(into.id))!.revision;

    const answer = await site.jiraRest('release-owner', 'PUT', `/rest/api/3/version/${from.id}/mergeto/${into.id}`);
    expect(answer.status).toBe(204);
    await site.events.drain();

    expect(site.events.deliveries.filter((d) => d.eventType === 'avi:jira:merged:version' && d.outcome === 'success')).toHaveLength(2);
    const record = await stored(from.id);
    expect(record!.versionDeleted).toMatchObject({ by: site.user('release-owner').accountId, mergedInto: 'PAY 2.2' });
    const events = (await audit(from.id)).filter((e) => e.type === 'version-deleted');
    expect(events).toHaveLength(1);
    expect(events[0]!.summary).toBe('Merged the version into PAY 2.2 in Jira; this release record is kept for its history');

    const target = await stored(into.id);
    expect(target!.versionDeleted).toBeUndefined();
    expect((await audit(into.id)).some((e) => e.type === 'version-deleted')).toBe(false);
    // Only the scope events of the issues that arrived may touch the target, never a deletion.
    expect(target!.revision).toBeGreaterThanOrEqual(intoRevision);
    expect((await panel(into.id)).ok).toBe(true);
  });
});
