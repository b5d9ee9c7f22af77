import { createEmulatedSite, projectPageExtension, type EmulatedSite } from '../../local/emulated-site';
import { LOCAL_USERS } from '../../local/sim/users';
import { runAs } from '../../local/runtime';
import { kvsTrainStore } from '../../src/adapters/kvs-trains';
import { createTrain } from '../../src/domain/trains';
import { runInvocation } from '../../local/runtime/forge-runtime';
import { adfProblems } from '../../src/domain/adf/adf-kit';
import { CALENDAR_KEYS, CALENDAR_MACRO_MODULE, type CalendarView } from '../../src/shared/calendar';
import type { Envelope } from '../../src/shared/envelope';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';
import { adfTexts } from '../support/adf-text';

/**
 * The release calendar through the emulated site: the real Forge packages over the simulated Jira,
 * every REST call checked against Atlassian's specs, reads as the person.
 */
type Persona = 'release-owner' | 'developer' | 'qa' | 'viewer';
const GLOBAL = { type: 'jira:globalPage' };
const macroExtension = (config: unknown) => ({ type: 'macro', content: { id: '98308', type: 'page' }, space: { id: '98305', key: 'REL' }, config });

async function call<T>(site: EmulatedSite, as: Persona, functionKey: string, payload: Record<string, unknown>, moduleKey: string, extension: Record<string, unknown>): Promise<Envelope<T>> {
  return site.invoke<Envelope<T>>({ as, functionKey, payload, moduleKey, extension });
}
async function ok<T>(answer: Promise<Envelope<T>>): Promise<T> {
  const a = await answer;
  if (!a.ok) throw new Error(`${a.error.code}: ${a.error.message}`);
  return a.data;
}
const globalCalendar = (site: EmulatedSite, as: Persona, payload: Record<string, unknown> = {}) => ok(call<CalendarView>(site, as, CALENDAR_KEYS.global, payload, 'preflight-portfolio', GLOBAL));
/** The stored items of a KVS snapshot; an entity a query merely touched (no items) is no write. */
const storedItems = (snapshot: string) => {
  const parsed = JSON.parse(snapshot) as { entities: Record<string, Record<string, unknown>> };
  return { ...parsed, entities: Object.fromEntries(Object.entries(parsed.entities).filter(([, items]) => Object.keys(items).length > 0)) };
};

describe('the release calendar', () => {
  const site = createEmulatedSite({ issues: 200 });
  afterEach(() => expect(site.violations).toEqual([]));
  const versionId = (name: string) => site.jira.versions.find((v) => v.name === name)!.id;
  const panel = (payload: Record<string, unknown>, key: string) =>
    ok(call<ReleaseView>(site, 'release-owner', key, payload, 'preflight-releases', projectPageExtension(site, 'PAY')));

  beforeAll(async () => {
    // PAY 2.2 tracked, with Build & test planned: its phases become bars of their own.
    const id = versionId('PAY 2.2');
    let view = await panel({ versionId: id }, PANEL_KEYS.get);
    view = await panel({ versionId: id, revision: view.revision, releaseType: 'minor' }, PANEL_KEYS.setType);
    const releaseDate = site.jira.versions.find((v) => v.id === id)!.releaseDate!;
    const day = (offset: number) => new Date(Date.parse(`${releaseDate}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    view = await panel({ versionId: id, revision: view.revision, phaseId: 'build-test', plannedStart: day(-10), plannedEnd: day(-4) }, PANEL_KEYS.setDates);
    await panel({ versionId: id, revision: view.revision, announcementDate: day(2) }, PANEL_KEYS.setAnnouncement);
  });

  it('shows PAY and MOB releases on the global page, with phase bars, freeze, release and announcement dates', async () => {
    // Whatever the set-up queued has run first, so the snapshot holds still.
    await site.events.drain();
    await site.queue.drain();
    const before = site.calls.length;
    const stored = site.kvs.snapshot();
    const view = await globalCalendar(site, 'viewer');
    // A read: nothing stored changes when someone looks at the calendar.
    expect(storedItems(site.kvs.snapshot())).toEqual(storedItems(stored));
    const calls = site.calls.slice(before);
    expect(view.projects.map((p) => p.key)).toEqual(['MOB', 'PAY']);
    const byName = (name: string) => view.releases.find((r) => r.name === name)!;
    for (const name of ['PAY 2.0', 'PAY 2.2', 'MOB 4.1', 'MOB 4.2']) expect(byName(name)).toBeDefined();
    // Untracked: one bar, Jira's start to release date, in the phase the overview derives.
    expect(byName('MOB 4.2')).toMatchObject({ tracked: false, phase: { name: 'Planning' }, bars: [{ phaseName: 'Planning', source: 'jira', start: site.jira.versions.find((v) => v.name === 'MOB 4.2')!.startDate }] });
    expect(byName('MOB 4.1')).toMatchObject({ released: true, phase: { name: 'Post-release review' } });
    // Tracked: Planning as it runs, Build & test as planned, the freeze at its planned start, and the announcement.
    const pay = byName('PAY 2.2');
    expect(pay.tracked).toBe(true);
    expect(pay.bars.map((b) => `${b.phaseName}:${b.source}`)).toEqual(['Planning:actual', 'Build & test:planned']);
    expect(pay.freezeDate).toBe(pay.bars[1]!.start);
    expect(pay.announcementDate).toBeDefined();
    // Each release links to its panel on the project page.
    expect(pay.panelUrl).toMatch(new RegExp(`/jira/software/projects/PAY/apps/.+/${versionId('PAY 2.2')}$`));
    expect(view.today).toBe(new Date().toISOString().slice(0, 10));
    // One call lists the projects, one per project lists its versions; nothing per version.
    expect(calls.map((c) => `${c.method} ${c.path}`).sort()).toEqual(['GET /rest/api/3/project/MOB/version', 'GET /rest/api/3/project/PAY/version', 'GET /rest/api/3/project/search']);
  });

  it("the project page's calendar shows that project only, and its project filter narrows the global page", async () => {
    const project = await ok(call<CalendarView>(site, 'viewer', CALENDAR_KEYS.project, { zoom: 'month' }, 'preflight-releases', projectPageExtension(site, 'MOB')));
    expect(new Set(project.releases.map((r) => r.projectKey))).toEqual(new Set(['MOB']));
    expect(project.window.zoom).toBe('month');
    expect(project.releases.every((r) => r.panelUrl === undefined)).toBe(true);
    const filtered = await globalCalendar(site, 'viewer', { projectKeys: ['PAY'] });
    expect(filtered.projects.map((p) => p.key)).toEqual(['PAY']);
    expect(new Set(filtered.releases.map((r) => r.projectKey))).toEqual(new Set(['PAY']));
  });

  it('zooms to a month or a quarter, and moves to another month', async () => {
    const quarter = await globalCalendar(site, 'viewer', { zoom: 'quarter', month: '2020-06' });
    expect(quarter.window).toEqual({ zoom: 'quarter', month: '2020-06', from: '2020-05-01', to: '2020-07-31' });
    expect(quarter.releases).toEqual([]);
  });

  it('refuses a bad zoom, month or project key, naming the field', async () => {
    const zoom = await call(site, 'viewer', CALENDAR_KEYS.global, { zoom: 'year' }, 'preflight-portfolio', GLOBAL);
    expect(zoom).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ field: 'zoom' }] } });
    const month = await call(site, 'viewer', CALENDAR_KEYS.global, { month: '2026-13' }, 'preflight-portfolio', GLOBAL);
    expect(month).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('month') } });
    const keys = await call(site, 'viewer', CALENDAR_KEYS.global, { projectKeys: ['pay'] }, 'preflight-portfolio', GLOBAL);
    expect(keys).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ field: 'projectKeys.0' }] } });
  });

  it('the macro shows the projects of its config; a config without projects is refused naming projectKeys', async () => {
    const config = { projectKeys: ['PAY', 'MOB'], zoom: 'quarter' };
    const view = await ok(call<CalendarView>(site, 'viewer', CALENDAR_KEYS.macro, { config }, CALENDAR_MACRO_MODULE, macroExtension(config)));
    expect(view.projects.map((p) => p.key)).toEqual(['MOB', 'PAY']);
    expect(view.releases.some((r) => r.name === 'PAY 2.2')).toBe(true);
    const empty = await call(site, 'viewer', CALENDAR_KEYS.macro, { config: { projectKeys: [] } }, CALENDAR_MACRO_MODULE, macroExtension({}));
    expect(empty).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ field: 'config.projectKeys', message: expect.stringContaining('projectKeys') }] } });
    const zoom = await call(site, 'viewer', CALENDAR_KEYS.macro, { config: { projectKeys: ['PAY'], zoom: 'week' } }, CALENDAR_MACRO_MODULE, macroExtension({}));
    expect(zoom).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ field: 'config.zoom' }] } });
  });

  it('the macro cannot reach the project and global calendars (they are not served to macro frames)', async () => {
    const answer = call(site, 'viewer', CALENDAR_KEYS.global, {}, CALENDAR_MACRO_MODULE, macroExtension({ projectKeys: ['PAY'] }));
    await expect(answer).rejects.toThrow();
  });

  it('exports the macro as a valid ADF table, and an unconfigured one as a sentence', async () => {
    const exporter = site.handler('calendar-export');
    const principal = { principal: { accountId: site.user('viewer').accountId } };
    const run = (event: unknown) => runInvocation({ accountId: principal.principal.accountId, moduleKey: 'export' }, async () => exporter(event, principal));
    const adf = await run({ exportType: 'pdf', extensionPayload: { config: { projectKeys: ['PAY', 'MOB'], zoom: 'quarter' } }, context: { siteUrl: 'http://localhost:4000' } });
    expect(adfProblems(adf)).toEqual([]);
    const words = adfTexts(adf);
    for (const cell of ['Project', 'Version', 'Phase', 'Freeze', 'Release date', 'Announcement', 'PAY 2.2', 'MOB 4.2', 'Payments (PAY)']) expect(words).toContain(cell);
    expect(adfTexts(await run({ exportType: 'word' }))).toEqual(['This Preflight macro is not configured yet.']);
    // Word puts the config in the context.
    expect(adfTexts(await run({ exportType: 'word', context: { config: { projectKeys: ['MOB'] } } }))).toContain('MOB 4.2');
  });
  it("draws a release train as one bar with its members, on the global page and on a member project's calendar", async () => {
    const pay = site.jira.versions.find((v) => v.name === 'PAY 2.2')!;
    const mob = site.jira.versions.find((v) => v.name === 'MOB 4.2')!;
    const { record, events } = createTrain({ name: '2026.12', releaseDate: mob.releaseDate!, by: site.user('release-owner').accountId, at: new Date().toISOString() });
    await runAs(null, () => kvsTrainStore().save({ ...record, members: [{ projectKey: 'PAY', versionId: pay.id }, { projectKey: 'MOB', versionId: mob.id }] }, 0, events));
    const view = await globalCalendar(site, 'viewer');
    expect(view.trains).toEqual([
      expect.objectContaining({ id: '2026.12', name: '2026.12', end: mob.releaseDate, members: [{ projectKey: 'PAY', versionId: pay.id, name: 'PAY 2.2' }, { projectKey: 'MOB', versionId: mob.id, name: 'MOB 4.2' }] }),
    ]);
    const project = await ok(call<CalendarView>(site, 'viewer', CALENDAR_KEYS.project, {}, 'preflight-releases', projectPageExtension(site, 'PAY')));
    // On PAY's own calendar the train shows the members PAY's calendar read (its own).
    expect(project.trains.map((t) => [t.name, t.members.map((m) => m.name)])).toEqual([['2026.12', ['PAY 2.2']]]);
  });

  it('a person who cannot see MOB gets only PAY, on the global page, in the macro and in the export', async () => {
    // The viewer loses every role in MOB: Jira no longer lets them browse it.
    const mob = site.jira.projects.find((p) => p.key === 'MOB')!;
    const viewer = LOCAL_USERS.find((u) => u.persona === 'viewer')!.accountId;
    const saved = site.jira.roles.map((role) => [role, role.actors[mob.id]] as const);
    for (const role of site.jira.roles) role.actors[mob.id] = (role.actors[mob.id] ?? []).filter((a) => a !== viewer);
    try {
      const view = await globalCalendar(site, 'viewer');
      expect(view.projects.map((p) => p.key)).toEqual(['PAY']);
      expect(view.releases.every((r) => r.projectKey === 'PAY')).toBe(true);
      const asked = await globalCalendar(site, 'viewer', { projectKeys: ['MOB', 'PAY'] });
      expect(asked.projects.map((p) => p.key)).toEqual(['PAY']);
      const config = { projectKeys: ['PAY', 'MOB'] };
      const macro = await ok(call<CalendarView>(site, 'viewer', CALENDAR_KEYS.macro, { config }, CALENDAR_MACRO_MODULE, macroExtension(config)));
      expect(macro.releases.some((r) => r.projectKey === 'MOB')).toBe(false);
      // Someone who can see MOB still gets it from the same macro.
      const owner = await ok(call<CalendarView>(site, 'release-owner', CALENDAR_KEYS.macro, { config }, CALENDAR_MACRO_MODULE, macroExtension(config)));
      expect(owner.releases.some((r) => r.projectKey === 'MOB')).toBe(true);
      // The train keeps only the member they can see.
      expect(view.trains.map((t) => t.members.map((m) => m.projectKey))).toEqual([['PAY']]);
    } finally {
      for (const [role, actors] of saved) if (actors) role.actors[mob.id] = actors;
    }
  });
});

