import { createEmulatedSite, projectPageExtension, type EmulatedSite } from '../../../local/emulated-site';
import { runAs } from '../../../local/runtime';
import { seedJira } from '../../../local/sim/seed/jira-seed';
import { releaseHistoryItems, type SeededRelease } from '../../../local/sim/seed/release-history';
import { kvsIncidentStore } from '../../../src/adapters/kvs-incidents';
import { kvsReleaseStore } from '../../../src/adapters/kvs-release-store';
import { productionDeployment } from '../../../src/domain/deployments';
import { beddingInWindow, incidentSchema, liveSince } from '../../../src/domain/incidents';
import { releaseRecordSchema, type AuditEventDraft, type ReleaseRecord } from '../../../src/domain/release';
import { retrospectiveFacts, slipDays } from '../../../src/domain/retrospective';
import type { Envelope } from '../../../src/shared/envelope';
import { RELEASE_KEYS, type ListReleasesResult } from '../../../src/shared/releases';

/**
 * The seeded release history (local/sim/seed/release-history.ts): PAY's and MOB's past releases
 * in the app's own storage format, read back the way the app reads them.
 */

interface StoredEntities {
  entities: Record<string, Record<string, { value: Record<string, unknown> }>>;
}

const DAY = 86_400_000;

/** Every audit event of a version as the app's store reads it (its own schema), page by page. */
async function auditOf(versionId: string): Promise<AuditEventDraft[]> {
  const events: AuditEventDraft[] = [];
  let cursor: string | undefined;
  do {
    const page = await runAs(null, () => kvsReleaseStore().audit(versionId, { limit: 100, ...(cursor && { cursor }) }));
    events.push(...page.events);
    cursor = page.nextCursor;
  } while (cursor);
  return events;
}

const list = async (site: EmulatedSite, key: string, status: Array<'released' | 'unreleased' | 'archived'>): Promise<ListReleasesResult> => {
  const answer = await site.invoke<Envelope<ListReleasesResult>>({ as: 'viewer', functionKey: RELEASE_KEYS.list, payload: { status }, moduleKey: 'preflight-releases', extension: projectPageExtension(site, key) });
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.data;
};

describe('the seeded release history', () => {
  const site = createEmulatedSite();
  let seeded: SeededRelease[] = [];
  const stored = () => (JSON.parse(site.kvs.snapshot()) as StoredEntities).entities;
  beforeAll(async () => {
    seeded = await site.history;
  });
  afterEach(() => expect(site.violations).toEqual([]));

  it('gives PAY and MOB at least 8 past released versions each, every one with a release record', async () => {
    for (const key of ['PAY', 'MOB']) {
      const project = site.jira.projects.find((p) => p.key === key)!;
      const released = site.jira.versions.filter((v) => v.projectId === project.id && v.released);
      const withRecord: string[] = [];
      for (const v of released) {
        const record = await runAs(null, () => kvsReleaseStore().get(v.id));
        if (record) withRecord.push(v.name);
      }
      expect(withRecord.length).toBeGreaterThanOrEqual(8);
      console.log(`${key}: ${released.length} released versions in Jira, ${withRecord.length} with a seeded record (${withRecord.join(', ')})`);
    }
  });

  it('stores every item in the app format: records, incidents and audit events parse with the app\'s own schemas', async () => {
    const entities = stored();
    const releases = Object.entries(entities['release'] ?? {});
    expect(releases.length).toBe(seeded.length);
    for (const [key, { value }] of releases) {
      const record = releaseRecordSchema.parse(value['record']);
      // The item's indexed attributes are the record's own (by-project finds it), as the store writes them.
      expect(value).toMatchObject({ projectKey: record.projectKey, versionId: key, revision: record.revision });
      expect(record.versionId).toBe(key);
      // The app's store reads it back (it throws on a record that does not parse).
      expect(await runAs(null, () => kvsReleaseStore().get(key))).toEqual(record);
      // The audit trail, read as the app reads it, holds every stored event of the version; no event is newer than the record's revision.
      const events = await auditOf(key);
      const storedEvents = Object.values(entities['audit-event'] ?? {}).filter((e) => e.value['versionId'] === key);
      expect(events.length).toBe(storedEvents.length);
      expect(events.length).toBeGreaterThan(10);
      expect(events.at(-1)!.type).toBe('release-started'); // newest first: the oldest event started it
      // The trail reads in time order: each event no earlier than the one saved before it.
      const times = events.map((e) => e.at).reverse();
      expect(times).toEqual([...times].sort());
      expect(Math.max(...storedEvents.map((e) => Number(String(e.value['seq']).split(':')[0])))).toBe(record.revision);
    }
    const incidents = Object.values(entities['incident'] ?? {});
    expect(incidents.length).toBeGreaterThan(0);
    for (const { value } of incidents) {
      const incident = incidentSchema.parse(value['incident']);
      expect(value).toMatchObject({ projectKey: incident.projectKey, versionId: incident.versionId, startedAt: incident.startedAt });
    }
  });

  it('has varied outcomes: on time and late, overrides, scope churn, QA rejections, incidents with restore times', async () => {
    const facts = await Promise.all(
      seeded.map(async (s) => {
        const record: ReleaseRecord = s.record;
        const deployment = record.phaseDates['deployment']!;
        const events = await auditOf(s.versionId);
        const retro = retrospectiveFacts(record, events, { inVersion: 0, addedAfterFreeze: [], removedAfterFreeze: 0, slipped: [] }, (id) => id);
        const incidents = await runAs(null, () => kvsIncidentStore().ofVersion(s.versionId));
        return { name: s.versionName, record, slip: slipDays(deployment.plannedEnd!, deployment.actualEnd!), retro, incidents, churn: Object.keys(record.scopeAdditions ?? {}).length };
      }),
    );
    for (const f of facts) {
      console.log(
        `${f.name}: slip ${f.slip} d, scope churn ${f.churn}, overrides ${f.retro.overrides.length}, QA rejections ${f.retro.qaRejections.length}, incidents ${f.incidents.length}` +
          `${f.record.releasedOutside ? ', released outside Preflight' : ''}${f.record.completedAt ? '' : ', still in review'}`,
      );
    }
    const slips = facts.map((f) => f.slip);
    expect(slips.filter((s) => s <= 0).length).toBeGreaterThanOrEqual(4); // on time (or early)
    expect(slips.some((s) => s > 0 && s < 7)).toBe(true); // a few days late
    expect(slips.some((s) => s >= 14)).toBe(true); // much late
    expect(facts.some((f) => f.retro.overrides.length === 0)).toBe(true);
    expect(facts.some((f) => f.retro.overrides.length === 2)).toBe(true);
    expect(Math.max(...facts.map((f) => f.retro.overrides.length))).toBeLessThanOrEqual(2);
    expect(facts.some((f) => f.churn === 0)).toBe(true);
    expect(facts.some((f) => f.churn >= 4)).toBe(true);
    expect(facts.some((f) => f.retro.qaRejections.length >= 2)).toBe(true);
    expect(facts.filter((f) => f.record.releasedOutside).length).toBe(1);
    expect(facts.some((f) => !f.record.completedAt)).toBe(true);
    expect(facts.some((f) => f.incidents.length === 0)).toBe(true);
    expect(facts.some((f) => f.incidents.length === 2)).toBe(true);
    // Most went to production through CI; incidents start in the bedding-in window and were resolved.
    expect(facts.filter((f) => productionDeployment(f.record)).length).toBeGreaterThanOrEqual(facts.length - 2);
    for (const f of facts) {
      const version = site.jira.versions.find((v) => v.id === f.record.versionId)!;
      const window = beddingInWindow(liveSince(productionDeployment(f.record), { released: true, releaseDate: version.releaseDate! })!, 7);
      for (const i of f.incidents) {
        expect(i.startedAt >= window.start && i.startedAt < window.end).toBe(true);
        expect(Date.parse(i.resolvedAt!) - Date.parse(i.startedAt)).toBeGreaterThan(0);
      }
      // Lead time from the freeze to production: known for every release that reached production.
      const production = productionDeployment(f.record);
      if (production) expect(Date.parse(production.at) - Date.parse(f.record.frozenAt!)).toBeGreaterThan(DAY);
    }
  });

  it('shows the seeded releases in the Releases overview as released, in their recorded phase, when archived versions are asked for', async () => {
    for (const key of ['PAY', 'MOB']) {
      const archived = await list(site, key, ['archived']);
      const mine = seeded.filter((s) => s.projectKey === key);
      for (const s of mine) {
        const row = archived.releases.find((r) => r.versionId === s.versionId);
        expect(row).toBeDefined();
        expect(row).toMatchObject({
          released: true,
          archived: true,
          tracking: 'tracked',
          releaseType: s.record.releaseType,
          phase: { id: 'post-release', name: s.record.completedAt ? 'Complete' : 'Post-release review' },
          attention: [],
        });
      }
      expect(archived.releases.length).toBe(mine.length);
    }
    // The default list (released + unreleased) is as before: the history is archived.
    const current = await list(site, 'PAY', ['released', 'unreleased']);
    expect(current.releases.map((r) => r.name).sort()).toEqual(['PAY 1.0', 'PAY 2.0', 'PAY 2.1', 'PAY 2.2', 'PAY 3.0']);
  });

  it('is the same for the same Jira seed, and written only when asked', async () => {
    const now = new Date('2026-12-01T00:00:00Z');
    const jira = seedJira({ now });
    expect(releaseHistoryItems(jira, now)).toEqual(releaseHistoryItems(seedJira({ now }), now));
    const bare = createEmulatedSite({ history: false });
    expect(await bare.history).toEqual([]);
    const entities = (JSON.parse(bare.kvs.snapshot()) as StoredEntities).entities;
    expect(Object.keys(entities['release'] ?? {})).toEqual([]);
  });
});
