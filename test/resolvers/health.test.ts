import { createEmulatedSite, projectPageExtension, type EmulatedSite } from '../../local/emulated-site';
import { NO_FAULTS, type FaultKnobs } from '../../local/sim/faults';
import { LOCAL_USERS } from '../../local/sim/users';
import { runAs } from '../../local/runtime';
import { runInvocation } from '../../local/runtime/forge-runtime';
import { kvsDeploymentStore } from '../../src/adapters/kvs-deployments';
import { kvsIncidentStore } from '../../src/adapters/kvs-incidents';
import { kvsReleaseStore } from '../../src/adapters/kvs-release-store';
import { kvsTrainStore } from '../../src/adapters/kvs-trains';
import { adfProblems } from '../../src/domain/adf/adf-kit';
import { addMember, createTrain } from '../../src/domain/trains';
import type { Envelope } from '../../src/shared/envelope';
import { HEALTH_KEYS, type ReleaseHealthView } from '../../src/shared/health';
import { addReleasedVersions, storeReleaseHistory } from '../support/health-history';
import { timeWait } from '../support/wait-time';

/**
 * Release health through the emulated site (the real Forge packages over the simulated Jira, every
 * REST call checked against Atlassian's specs). The expected figures are computed here, straight
 * from the records, incidents and audit events in the site's KVS and the versions in its Jira.
 */
type Persona = 'release-owner' | 'developer' | 'qa' | 'viewer';
const DAY = 86_400_000;
const MACRO = 'preflight-health-macro';
const macroExtension = (config: unknown) => ({ type: 'macro', content: { id: '98308', type: 'page' }, space: { id: '98305', key: 'REL' }, config });

async function ok<T>(answer: Promise<Envelope<T>>): Promise<T> {
  const a = await answer;
  if (!a.ok) throw new Error(`${a.error.code}: ${a.error.message}`);
  return a.data;
}
const projectHealth = (site: EmulatedSite, releases: number, as: Persona = 'viewer', key = 'PAY') =>
  ok(site.invoke<Envelope<ReleaseHealthView>>({ as, functionKey: HEALTH_KEYS.project, payload: { releases }, moduleKey: 'preflight-releases', extension: projectPageExtension(site, key) }));
const macroHealth = (site: EmulatedSite, config: unknown, as: Persona = 'viewer') =>
  site.invoke<Envelope<ReleaseHealthView>>({ as, functionKey: HEALTH_KEYS.macro, payload: { config }, moduleKey: MACRO, extension: macroExtension(config) });

/** The figures, computed by hand from what is stored: no code of the app's health domain. */
async function expectedFigures(site: EmulatedSite, window: number, now: string, key = 'PAY') {
  const pay = site.jira.projects.find((p) => p.key === key)!;
  const chosen = site.jira.versions
    .filter((v) => v.projectId === pay.id && v.released)
    .sort((a, b) => (b.releaseDate ?? '').localeCompare(a.releaseDate ?? ''))
    .slice(0, window);
  const { records, incidents, audits } = await runAs(null, async () => {
    const records = new Map((await kvsDeploymentStore().trackedReleases(key)).map((r) => [r.versionId, r]));
    const incidents = await kvsIncidentStore().ofProject(key, '2000-01-01T00:00:00.000Z', 10_000);
    const audits = new Map<string, number>();
    for (const v of chosen) {
      if (records.has(v.id)) audits.set(v.id, (await kvsReleaseStore().audit(v.id, { limit: 100 })).events.filter((e) => e.data?.['decision'] === 'rejected').length);
    }
    return { records, incidents, audits };
  });
  let planned = 0, onTime = 0, lateDays = 0, overrides = 0, outside = 0, qa = 0, failed = 0, added = 0, frozen = 0;
  const leads: number[] = [];
  const deploys: number[] = [];
  for (const v of chosen) {
    const r = records.get(v.id);
    if (incidents.some((i) => i.versionId === v.id)) failed++;
    if (!r) continue;
    const plan = r.phaseDates['deployment']?.plannedEnd;
    const releasedOn = r.jiraRelease?.releaseDate ?? v.releaseDate!;
    if (plan) {
      planned++;
      const slip = Math.round((Date.parse(releasedOn) - Date.parse(plan)) / DAY);
      if (slip <= 0) onTime++;
      lateDays += Math.max(0, slip);
    }
    overrides += r.transitions.filter((t) => t.override).length;
    if (r.releasedOutside) outside++;
    qa += audits.get(v.id) ?? 0;
    if (r.frozenAt && r.frozenIssueCount) {
      added += new Set([...Object.values(r.scopeAdditions ?? {}).map((a) => a.issueKey), ...Object.keys(r.scopeDecisions)]).size;
      frozen += r.frozenIssueCount;
    }
    const production = Object.values(r.deployments ?? {}).find((d) => d.kind === 'production' && d.status === 'successful');
    if (production) deploys.push(Date.parse(production.at));
    if (production && r.frozenAt) leads.push(Math.round((Date.parse(production.at) - Date.parse(r.frozenAt)) / 60_000));
  }
  leads.sort((a, b) => a - b);
  const weeks = Math.max(1, (Date.parse(now) - Math.min(...deploys)) / (7 * DAY));
  return {
    names: chosen.map((v) => v.name).reverse(),
    aggregates: {
      releases: chosen.length,
      onTime: { onTime, planned, percent: Math.round((100 * onTime) / planned) },
      meanSlip: Math.round((100 * lateDays) / planned) / 100,
      scopeChurn: { added, atFreeze: frozen, percent: Math.round((100 * added) / frozen) },
      overrides,
      releasedOutside: outside,
      qaRejections: qa,
      changeFailureRate: { failed, total: chosen.length, percent: Math.round((100 * failed) / chosen.length) },
      medianLead: leads.length % 2 ? leads[(leads.length - 1) / 2] : Math.round((leads[leads.length / 2 - 1]! + leads[leads.length / 2]!) / 2),
      deploymentsPerWeek: Math.round((100 * deploys.length) / weeks) / 100,
    },
  };
}

/** The view's rows and figures equal those computed by hand from the stored records. */
async function expectMatches(site: EmulatedSite, view: ReleaseHealthView, window: number, key = 'PAY') {
  const expected = await expectedFigures(site, window, view.asOf, key);
  expect(view.rows.map((r) => r.name)).toEqual(expected.names);
  const a = view.aggregates;
  expect({
    releases: a.releases,
    onTime: a.onTime,
    meanSlip: a.slip?.meanDays,
    scopeChurn: a.scopeChurn && { added: a.scopeChurn.added, atFreeze: a.scopeChurn.atFreeze, percent: a.scopeChurn.percent },
    overrides: a.overrides,
    releasedOutside: a.releasedOutside,
    qaRejections: a.qaRejections,
    changeFailureRate: a.changeFailureRate,
    medianLead: a.leadTime?.medianMinutes,
    deploymentsPerWeek: a.deploymentFrequency?.perWeek,
  }).toEqual(expected.aggregates);
}

describe('release health of a project, from stored records', () => {
  const site = createEmulatedSite({
    extendSeed: (jira, now) => {
      addReleasedVersions(jira, now, 24);
      // The viewer cannot see MOB: its health must stay hidden from them.
      const mob = jira.projects.find((p) => p.key === 'MOB')!;
      const viewer = LOCAL_USERS.find((u) => u.persona === 'viewer')!.accountId;
      for (const role of jira.roles) role.actors[mob.id] = (role.actors[mob.id] ?? []).filter((a) => a !== viewer);
    },
  });
  // The site's own seeded history (when it has one) is stored before this test adds its own.
  beforeAll(async () => {
    await site.history;
    await storeReleaseHistory(site.jira);
  });
  afterEach(() => expect(site.violations).toEqual([]));

  it.each([5, 10, 20])('the last %i releases: the figures match the records, for one Jira call', async (window) => {
    const before = site.calls.length;
    const view = await projectHealth(site, window);
    const calls = site.calls.slice(before);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /rest/api/3/project/PAY/version']);
    await expectMatches(site, view, window);
  });

  it('reading release health writes nothing: no record, summary or audit event changes', async () => {
    const before = site.kvs.snapshot();
    await projectHealth(site, 50, 'release-owner');
    await ok(macroHealth(site, { projectKey: 'PAY', releases: 20 }));
    expect(site.kvs.snapshot()).toBe(before);
  });

  it('the macro shows the same figures for its configured project and window', async () => {
    const page = await projectHealth(site, 5);
    const macro = await ok(macroHealth(site, { projectKey: 'PAY', releases: 5 }));
    expect({ ...macro, asOf: page.asOf }).toEqual(page);
  });

  it('a person who cannot see the project gets a clear refusal, in the macro and in its export', async () => {
    expect(await macroHealth(site, { projectKey: 'MOB', releases: 10 })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'You cannot see the Jira project MOB (or it does not exist), so its release health stays hidden.' },
    });
    expect((await macroHealth(site, { projectKey: 'MOB', releases: 10 }, 'release-owner')).ok).toBe(true);
    const viewer = LOCAL_USERS.find((u) => u.persona === 'viewer')!.accountId;
    const adf = await runInvocation({ accountId: viewer, moduleKey: 'export' }, async () => site.handler('health-export')({ extensionPayload: { config: { projectKey: 'MOB' } } }, { principal: { accountId: viewer } }));
    expect(JSON.stringify(adf)).toContain('You cannot see the Jira project MOB');
  });

  it("a train's health counts its released members across projects, leaving out a project the person cannot see", async () => {
    const pay = site.jira.versions.find((v) => v.name === 'PAY past-23')!;
    const mobProject = site.jira.projects.find((p) => p.key === 'MOB')!;
    const mob = site.jira.versions.filter((v) => v.projectId === mobProject.id && v.released && !v.archived).sort((a, b) => (b.releaseDate ?? '').localeCompare(a.releaseDate ?? ''))[0]!;
    const unreleased = site.jira.versions.find((v) => v.name === 'PAY 3.0')!;
    const by = site.user('release-owner').accountId;
    await runAs(null, async () => {
      let change = createTrain({ name: 'Health 1', by, at: '2026-11-01T00:00:00.000Z' });
      const events = [...change.events];
      for (const [projectKey, v] of [['PAY', pay], ['MOB', mob], ['PAY', unreleased]] as const) {
        change = addMember(change.record, { projectKey, versionId: v.id, versionName: v.name }, by, '2026-11-01T00:00:00.000Z');
        events.push(...change.events);
      }
      await kvsTrainStore().save(change.record, 0, events);
    });
    const trainHealth = (as: Persona) => ok(site.invoke<Envelope<ReleaseHealthView>>({ as, functionKey: HEALTH_KEYS.train, payload: { trainId: 'health-1' }, moduleKey: 'preflight-portfolio', extension: { type: 'jira:globalPage' } }));
    const before = site.calls.length;
    const owner = await trainHealth('release-owner');
    // One versions call per member project; the unreleased member is not a release yet.
    expect(site.calls.slice(before).map((c) => c.path).sort()).toEqual(['/rest/api/3/project/MOB/version', '/rest/api/3/project/PAY/version']);
    expect(owner.subject).toEqual({ kind: 'train', trainId: 'health-1', name: 'Health 1' });
    expect(owner.rows.map((r) => r.name).sort()).toEqual([mob.name, 'PAY past-23'].sort());
    expect(owner.hiddenMembers).toBeUndefined();
    const viewer = await trainHealth('viewer');
    expect(viewer.rows.map((r) => r.name)).toEqual(['PAY past-23']);
    expect(viewer.hiddenMembers).toBe(1);
    // The PAY member's figures are the project view's for the same release.
    const project = await projectHealth(site, 5);
    expect(viewer.rows[0]).toEqual(project.rows.find((r) => r.name === 'PAY past-23'));
  });

  it('refuses a window it does not offer, naming the field', async () => {
    const answer = await macroHealth(site, { projectKey: 'PAY', releases: 7 });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('releases: expected 5, 10, 20, 50') } });
  });

  it('exports the figures as valid ADF tables, read as the exporting person', async () => {
    const owner = LOCAL_USERS.find((u) => u.persona === 'release-owner')!.accountId;
    const exporter = site.handler('health-export');
    const adf = await runInvocation({ accountId: owner, moduleKey: 'export' }, async () => exporter({ extensionPayload: { config: { projectKey: 'PAY', releases: 5 } } }, { principal: { accountId: owner } }));
    expect(adfProblems(adf)).toEqual([]);
    const view = await projectHealth(site, 5);
    const json = JSON.stringify(adf);
    expect(json).toContain('"type":"table"');
    expect(json).toContain(`"text":"${view.aggregates.onTime!.percent}%"`);
    for (const row of view.rows) expect(json).toContain(`"text":"${row.name}"`);
    const unconfigured = await runInvocation({ accountId: owner, moduleKey: 'export' }, async () => exporter({}, { principal: { accountId: owner } }));
    expect(JSON.stringify(unconfigured)).toContain('not configured yet');
  });
});

describe("the seeded history (PAY's and MOB's past releases)", () => {
  // Created when these tests start: a site installs the Forge runtime globally, so it must not
  // replace the one of the tests above while they run.
  let site: EmulatedSite;
  beforeAll(async () => {
    site = createEmulatedSite();
    await site.history;
  });
  afterEach(() => expect(site.violations).toEqual([]));

  it.each(['PAY', 'MOB'])('%s: the figures over the last 10 releases match its seeded records', async (key) => {
    const view = await projectHealth(site, 10, 'release-owner', key);
    expect(view.aggregates.tracked).toBeGreaterThanOrEqual(8);
    await expectMatches(site, view, 10, key);
  });
});

describe('scale', () => {
  it('the health of 50 releases costs one REST call and no per-issue calls at 150 ms latency', async () => {
    const knobs: FaultKnobs = { ...NO_FAULTS, latencyMs: 150 };
    const site = createEmulatedSite({ issues: 2000, faults: knobs, contracts: false, extendSeed: (jira, now) => addReleasedVersions(jira, now, 50) });
    knobs.latencyMs = 0;
    await site.history;
    await storeReleaseHistory(site.jira);
    knobs.latencyMs = 150;
    const wait = await timeWait(site, 150, () => projectHealth(site, 50));
    const view = wait.result;
    console.log(`health of ${view.aggregates.releases} releases: ${wait.line}`);
    expect(view.aggregates.releases).toBe(50);
    expect(wait.calls).toHaveLength(1);
    expect(wait.calls.some((c) => /\/issue|\/search/.test(c.path))).toBe(false);
    expect(wait.seconds).toBeLessThan(2);
  });
});
