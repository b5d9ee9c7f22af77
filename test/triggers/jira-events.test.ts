import { projectPageExtension } from '../../local/emulated-site';
import { runAs } from '../../local/runtime';
import type { Envelope } from '../../src/shared/envelope';
import { kvsReleaseStore } from '../../src/adapters/kvs-release-store';
import { INTEGRATION_KEYS } from '../../src/shared/notifications';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';
import { trackRelease, triggerSite } from './helpers';

/**
 * Jira's own events close the loop (issue 13): changes made in Jira, not in Preflight, reach the
 * app through its `trigger` module, delivered by the emulated platform after the REST call.
 */

const SLACK = 'https://hooks.slack.com/services/T0000/B0000/abcdefghijkl';

const t = triggerSite();
const { site } = t;
afterEach(() => expect(site.violations).toEqual([]));

const view = (versionId: string) => t.ok<ReleaseView>('release-owner', PANEL_KEYS.get, { versionId }, 'preflight-releases');
const stored = (versionId: string) => runAs(null, () => kvsReleaseStore().get(versionId));
const auditTypes = async (versionId: string) => (await runAs(null, () => kvsReleaseStore().audit(versionId, { limit: 100 }))).events.map((e) => e.type);
const slackTitles = () => t.sink.messages.filter((m) => m.service === 'slack' && m.status < 300).map((m) => (m.body as { text: string }).text);
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  await t.ok('release-owner', INTEGRATION_KEYS.saveWebhooks, { slack: SLACK });
});

describe('a version released in Jira', () => {
  it('while gates block is recorded as released outside Preflight, with who, the gate snapshot, the phase moved on and one notification', async () => {
    const v = t.version('PAY 2.2');
    await trackRelease(site, 'PAY', v.id);
    const before = slackTitles().length;

    const answer = await site.jiraRest('release-owner', 'PUT', `/rest/api/3/version/${v.id}`, { released: true, releaseDate: today() });
    expect(answer.status).toBe(200);
    // Delivered after the REST call answered, not during it.
    expect(await auditTypes(v.id)).not.toContain('released-outside');
    await site.events.drain();

    const record = await stored(v.id);
    expect(record).toMatchObject({ currentPhaseId: 'post-release', releasedOutside: { by: site.user('release-owner').accountId, releaseDate: today(), fromPhaseId: 'planning' } });
    expect(record!.releasedOutside!.failingGates.length).toBeGreaterThan(0);
    const panel = await view(v.id);
    const event = panel.audit.events.find((e) => e.type === 'released-outside')!;
    expect(event.summary).toMatch(/^Released PAY 2\.2 in Jira on [A-Z][a-z]{2} \d{1,2}, \d{4}, outside Preflight, while .+ blocked; the release moved from Planning to Post-release review$/);
    expect(event.by.displayName).toBe(site.user('release-owner').displayName);
    expect(event.snapshot?.some((g) => g.status === 'fail')).toBe(true);
    expect(panel.releasedOutside).toMatchObject({ by: { accountId: site.user('release-owner').accountId }, releaseDate: today() });
    expect(panel.currentPhaseId).toBe('post-release');
    const sent = slackTitles().slice(before);
    expect(sent).toEqual(['PAY 2.2 was released in Jira outside Preflight while gates blocked']);

    // At least once: the same event again changes nothing and sends nothing.
    const deliveries = site.events.deliveries.length;
    await site.jiraRest('release-owner', 'PUT', `/rest/api/3/version/${v.id}`, { description: 'touched' });
    await site.events.drain();
    expect(site.events.deliveries.length).toBeGreaterThan(deliveries);
    expect((await auditTypes(v.id)).filter((x) => x === 'released-outside')).toHaveLength(1);
  });

  it('released from Preflight itself is not "released outside", and the event changes nothing', async () => {
    const v = t.version('MOB 4.2');
    const panel = await t.advance(v.id, 3, 'MOB');
    expect(panel.currentPhaseId).toBe('deployment');
    const released = await site.invoke<Envelope<ReleaseView>>({
      as: 'release-owner',
      functionKey: PANEL_KEYS.releaseVersion,
      payload: { versionId: v.id, revision: panel.revision, releaseDate: today() },
      moduleKey: 'preflight-releases',
      extension: projectPageExtension(site, 'MOB'),
    });
    expect(released).toMatchObject({ ok: true, data: { version: { released: true } } });
    const revision = (await stored(v.id))!.revision;
    await site.events.drain();
    expect(site.events.deliveries.some((d) => d.eventType === 'avi:jira:released:version' && d.outcome === 'success')).toBe(true);
    const record = await stored(v.id);
    expect(record!.revision).toBe(revision);
    expect(record!.releasedOutside).toBeUndefined();
    expect(await auditTypes(v.id)).not.toContain('released-outside');
  });

  it('unreleased in Jira is recorded once; the release stays in its phase', async () => {
    const v = t.version('PAY 2.2');
    await site.jiraRest('release-owner', 'PUT', `/rest/api/3/version/${v.id}`, { released: false });
    await site.events.drain();
    await site.events.drain();
    expect((await auditTypes(v.id)).filter((x) => x === 'version-unreleased')).toHaveLength(1);
    expect((await stored(v.id))!.currentPhaseId).toBe('post-release');
  });
});

describe('an issue added to a frozen version in Jira', () => {
  it('is a scope change at once, without anyone opening the panel; the same event twice leaves one record', async () => {
    // Every event delivered twice, as Forge may ("at least once").
    const redelivering = triggerSite({ eventRedelivery: { rate: 1, random: () => 0 } });
    const s = redelivering.site;
    const v = redelivering.version('PAY 2.2');
    await redelivering.advance(v.id, 1); // leaving Planning freezes scope
    const frozen = (await runAs(null, () => kvsReleaseStore().get(v.id)))!;
    expect(frozen.frozenAt).toBeDefined();
    const outsider = s.jira.issues.find((i) => i.projectId === s.jira.projects.find((p) => p.key === 'PAY')!.id && !i.fixVersionIds.includes(v.id))!;

    const edit = await s.jiraRest('developer', 'PUT', `/rest/api/3/issue/${outsider.key}`, { update: { fixVersions: [{ add: { id: v.id } }] } });
    expect(edit.status).toBe(204);
    await s.events.drain();

    expect(s.events.deliveries.filter((d) => d.eventType === 'avi:jira:updated:issue' && d.outcome === 'success').length).toBe(2);
    const record = (await runAs(null, () => kvsReleaseStore().get(v.id)))!;
    expect(record.scopeAdditions).toEqual({ [outsider.id]: { issueKey: outsider.key, by: s.user('developer').accountId, at: expect.any(String), changelogId: expect.any(String) } });
    const events = (await runAs(null, () => kvsReleaseStore().audit(v.id, { limit: 100 }))).events.filter((e) => e.type === 'scope-added');
    expect(events).toHaveLength(1);
    expect(events[0]!.summary).toBe(`Added ${outsider.key} to the version in Jira after scope froze; it needs accepting or removing`);

    // The panel and the gate agree with the record: the issue is listed once and blocks the scope gate.
    const panel = await redelivering.ok<ReleaseView>('release-owner', PANEL_KEYS.get, { versionId: v.id }, 'preflight-releases');
    expect(panel.scopeChanges.filter((c) => c.issueId === outsider.id)).toEqual([expect.objectContaining({ issueKey: outsider.key, summary: outsider.summary })]);
    const gate = panel.phases.flatMap((p) => p.gates).find((g) => g.gateId === 'scope-resolved')!;
    expect(gate).toMatchObject({ status: 'fail', reason: expect.stringMatching(/added after the freeze needs? accepting or removing$/) });
    expect(s.violations).toEqual([]);
  });
});
