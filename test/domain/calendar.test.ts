import { barLabel, calendarOrder, calendarWindow, overlapsWindow, releaseOnCalendar, releaseSpan, shiftMonth, trainOnCalendar } from '../../src/domain/calendar';
import { calendarAdf } from '../../src/domain/adf/calendar-adf';
import { adfProblems } from '../../src/domain/adf/adf-kit';
import { startRelease, type ReleaseRecord } from '../../src/domain/release';
import { DEFAULT_TEMPLATE } from '../../src/domain/template';
import type { JiraVersion } from '../../src/ports';
import type { CalendarRelease } from '../../src/shared/calendar';

const today = new Date('2026-11-26T09:00:00Z');
const minor = DEFAULT_TEMPLATE.minor;

function version(over: Partial<JiraVersion>): JiraVersion {
  return { id: '1', name: 'PAY 2.2', released: false, archived: false, issuesStatus: { toDo: 0, inProgress: 0, done: 0, unmapped: 0 }, ...over };
}

/** PAY 2.2 tracked: Planning started 1 Nov, Build & test planned 12 Nov to 3 Dec, then prep and deployment planned. */
function tracked(over: Partial<ReleaseRecord> = {}): ReleaseRecord {
  const record = startRelease({ versionId: '1', projectKey: 'PAY', releaseType: 'minor', phases: minor, at: '2026-11-01T10:00:00.000Z' });
  return {
    ...record,
    phaseDates: {
      planning: { actualStart: '2026-11-01T10:00:00.000Z', plannedEnd: '2026-11-11' },
      'build-test': { plannedStart: '2026-11-12', plannedEnd: '2026-12-03' },
      'release-prep': { plannedStart: '2026-12-04', plannedEnd: '2026-12-10' },
      deployment: { plannedStart: '2026-12-11', plannedEnd: '2026-12-11' },
    },
    ...over,
  };
}

describe('the calendar window', () => {
  it.each`
    zoom         | month        | from            | to              | why
    ${'month'}   | ${undefined} | ${'2026-11-01'} | ${'2026-11-30'} | ${"month zoom: today's calendar month"}
    ${'quarter'} | ${undefined} | ${'2026-10-01'} | ${'2026-12-31'} | ${'quarter zoom: three months with this one in the middle'}
    ${'quarter'} | ${'2027-01'} | ${'2026-12-01'} | ${'2027-02-28'} | ${'across a year end, to the last day of February'}
    ${'month'}   | ${'2028-02'} | ${'2028-02-01'} | ${'2028-02-29'} | ${'a leap February'}
  `('$why', ({ zoom, month, from, to }) => {
    expect(calendarWindow(zoom, month, today)).toMatchObject({ zoom, from, to });
  });

  it('moves by months across year ends (Previous / Next)', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -3)).toBe('2025-10');
  });
});

describe('a tracked release on the calendar', () => {
  it('draws a bar per phase with dates: actual where the phase started, planned otherwise; the running phase reaches today', () => {
    const release = releaseOnCalendar('PAY', version({ releaseDate: '2026-12-11', startDate: '2026-11-01' }), tracked(), minor, today);
    expect(release.tracked).toBe(true);
    expect(release.phase).toEqual({ id: 'planning', name: 'Planning' });
    expect(release.bars).toEqual([
      // Planning began 1 Nov and is still running on 26 Nov, past its planned end (11 Nov): it overruns to today.
      { phaseId: 'planning', phaseName: 'Planning', start: '2026-11-01', end: '2026-11-26', source: 'actual', current: true },
      { phaseId: 'build-test', phaseName: 'Build & test', start: '2026-11-12', end: '2026-12-03', source: 'planned', current: false },
      { phaseId: 'release-prep', phaseName: 'Release preparation', start: '2026-12-04', end: '2026-12-10', source: 'planned', current: false },
      { phaseId: 'deployment', phaseName: 'Deployment', start: '2026-12-11', end: '2026-12-11', source: 'planned', current: false },
    ]);
    expect(barLabel('PAY 2.2', release.bars[1]!)).toBe('PAY 2.2: Build & test, 12 Nov to 3 Dec');
  });

  it('freezes at the planned start of the phase after the first until scope really froze, then at that moment', () => {
    const planned = releaseOnCalendar('PAY', version({}), tracked(), minor, today);
    expect(planned).toMatchObject({ freezeDate: '2026-11-12', freezeSource: 'planned' });
    const frozen = releaseOnCalendar('PAY', version({}), tracked({ frozenAt: '2026-11-14T16:30:00.000Z' }), minor, today);
    expect(frozen).toMatchObject({ freezeDate: '2026-11-14', freezeSource: 'actual' });
  });

  it('carries the release and announcement dates', () => {
    const release = releaseOnCalendar('PAY', version({ releaseDate: '2026-12-11' }), tracked({ announcementDate: '2026-12-14' }), minor, today);
    expect(release).toMatchObject({ releaseDate: '2026-12-11', announcementDate: '2026-12-14' });
    expect(releaseSpan(release)).toEqual({ start: '2026-11-01', end: '2026-12-14' });
  });

  it('a phase that ended keeps its actual dates, even when it ran longer than planned', () => {
    const record = tracked({
      currentPhaseId: 'build-test',
      phaseDates: {
        planning: { actualStart: '2026-11-01T10:00:00.000Z', actualEnd: '2026-11-15T10:00:00.000Z', plannedEnd: '2026-11-11' },
        'build-test': { actualStart: '2026-11-15T10:00:00.000Z', plannedStart: '2026-11-12', plannedEnd: '2026-12-03' },
      },
    });
    const bars = releaseOnCalendar('PAY', version({}), record, minor, today).bars;
    expect(bars.map((b) => [b.phaseId, b.start, b.end, b.source, b.current])).toEqual([
      ['planning', '2026-11-01', '2026-11-15', 'actual', false],
      ['build-test', '2026-11-15', '2026-12-03', 'actual', true],
    ]);
  });

  it('with no phase dates at all, falls back to one bar from the start to the release date, in its current phase', () => {
    const record = startRelease({ versionId: '1', projectKey: 'PAY', releaseType: 'minor', phases: minor, at: '2026-11-20T10:00:00.000Z' });
    // Just started: Planning runs from its start to today.
    expect(releaseOnCalendar('PAY', version({ releaseDate: '2026-12-11' }), record, minor, today).bars).toEqual([
      { phaseId: 'planning', phaseName: 'Planning', start: '2026-11-20', end: '2026-11-26', source: 'actual', current: true },
    ]);
    const release = releaseOnCalendar('PAY', version({ releaseDate: '2026-12-11' }), { ...record, phaseDates: {} }, minor, today);
    expect(release.bars).toEqual([{ phaseId: 'planning', phaseName: 'Planning', start: '2026-12-11', end: '2026-12-11', source: 'jira', current: true }]);
    const withJiraStart = releaseOnCalendar('PAY', version({ startDate: '2026-11-02', releaseDate: '2026-12-11' }), { ...record, phaseDates: {} }, minor, today);
    expect(withJiraStart.bars).toEqual([{ phaseId: 'planning', phaseName: 'Planning', start: '2026-11-02', end: '2026-12-11', source: 'jira', current: true }]);
  });
});

describe('an untracked version on the calendar', () => {
  it('is one bar from its Jira start date to its release date, labelled with the derived phase', () => {
    const release = releaseOnCalendar('PAY', version({ startDate: '2026-10-27', releaseDate: '2026-12-12' }), undefined, minor, today);
    expect(release).toMatchObject({ tracked: false, phase: { id: 'planning', name: 'Planning' } });
    expect(release.bars).toEqual([{ phaseId: 'planning', phaseName: 'Planning', start: '2026-10-27', end: '2026-12-12', source: 'jira', current: true }]);
    expect(release.freezeDate).toBeUndefined();
  });

  it('once released, sits in the last phase (as the overview shows it)', () => {
    const release = releaseOnCalendar('PAY', version({ released: true, startDate: '2026-08-28', releaseDate: '2026-11-08' }), undefined, minor, today);
    expect(release.phase.name).toBe('Post-release review');
    expect(release.bars[0]!.phaseName).toBe('Post-release review');
  });

  it('without a start date is a one-day bar on its release date; without any date it is not drawn', () => {
    expect(releaseOnCalendar('PAY', version({ releaseDate: '2026-12-12' }), undefined, minor, today).bars).toEqual([
      { phaseId: 'planning', phaseName: 'Planning', start: '2026-12-12', end: '2026-12-12', source: 'jira', current: true },
    ]);
    const undated = releaseOnCalendar('PAY', version({}), undefined, minor, today);
    expect(releaseSpan(undated)).toBeUndefined();
    expect(overlapsWindow(releaseSpan(undated), { from: '2000-01-01', to: '2999-12-31' })).toBe(false);
  });
});

describe('the window and the order', () => {
  const at = (name: string, start: string, end: string): CalendarRelease => ({
    projectKey: name.split(' ')[0]!,
    versionId: name,
    name,
    released: false,
    tracked: false,
    phase: { id: 'planning', name: 'Planning' },
    bars: [{ phaseId: 'planning', phaseName: 'Planning', start, end, source: 'jira', current: true }],
    releaseDate: end,
  });

  it('keeps a release that only overlaps the window at one end', () => {
    const window = { from: '2026-11-01', to: '2026-11-30' };
    expect(overlapsWindow(releaseSpan(at('PAY 1', '2026-10-01', '2026-11-01')), window)).toBe(true);
    expect(overlapsWindow(releaseSpan(at('PAY 2', '2026-11-30', '2027-01-01')), window)).toBe(true);
    expect(overlapsWindow(releaseSpan(at('PAY 3', '2026-10-01', '2026-10-31')), window)).toBe(false);
  });

  it('orders releases by their first day, then project and name', () => {
    const ordered = calendarOrder([at('PAY 2', '2026-11-10', '2026-12-01'), at('MOB 4', '2026-11-10', '2026-12-01'), at('PAY 1', '2026-11-01', '2026-11-20')]);
    expect(ordered.map((r) => r.name)).toEqual(['PAY 1', 'MOB 4', 'PAY 2']);
  });
});

describe('a release train on the calendar', () => {
  const pay = releaseOnCalendar('PAY', version({ id: '10', name: 'PAY 2.2', startDate: '2026-11-01', releaseDate: '2026-12-11' }), undefined, minor, today);
  const mob = releaseOnCalendar('MOB', version({ id: '20', name: 'MOB 4.2', startDate: '2026-11-06', releaseDate: '2026-12-26' }), undefined, minor, today);
  const visible = new Map([pay, mob].map((r) => [r.versionId, r]));

  it('is one bar from its freeze (or first member) to its release date, with its members', () => {
    const train = trainOnCalendar({ id: '2026.12', name: '2026.12', releaseDate: '2026-12-15', members: [{ projectKey: 'PAY', versionId: '10' }, { projectKey: 'MOB', versionId: '20' }] }, visible);
    expect(train).toEqual({
      id: '2026.12',
      name: '2026.12',
      start: '2026-11-01',
      end: '2026-12-15',
      releaseDate: '2026-12-15',
      members: [
        { projectKey: 'PAY', versionId: '10', name: 'PAY 2.2' },
        { projectKey: 'MOB', versionId: '20', name: 'MOB 4.2' },
      ],
    });
    const frozen = trainOnCalendar({ id: 't', name: 'T', freezeDate: '2026-10-20', members: [{ projectKey: 'PAY', versionId: '10' }] }, visible);
    expect(frozen).toMatchObject({ start: '2026-10-20', end: '2026-12-11', freezeDate: '2026-10-20' });
  });

  it('leaves out members the person cannot see, and the whole train when they see none', () => {
    const partly = trainOnCalendar({ id: 't', name: 'T', members: [{ projectKey: 'PAY', versionId: '10' }, { projectKey: 'SEC', versionId: '99' }] }, visible);
    expect(partly?.members.map((m) => m.projectKey)).toEqual(['PAY']);
    expect(trainOnCalendar({ id: 't', name: 'T', members: [{ projectKey: 'SEC', versionId: '99' }] }, visible)).toBeUndefined();
    // A member naming a version under another project's key is not taken on trust.
    expect(trainOnCalendar({ id: 't', name: 'T', members: [{ projectKey: 'SEC', versionId: '10' }] }, visible)).toBeUndefined();
  });
});

describe('the export table', () => {
  it('is valid ADF with one row per release: project, version, phase, freeze, release date, announcement', () => {
    const release = { ...releaseOnCalendar('PAY', version({ releaseDate: '2026-12-11' }), tracked({ announcementDate: '2026-12-14' }), minor, today), panelUrl: 'https://example.atlassian.net/jira/x/1' };
    const adf = calendarAdf({ window: calendarWindow('quarter', undefined, today), today: '2026-11-26', projects: [{ key: 'PAY', name: 'Payments' }], releases: [release], trains: [] });
    expect(adfProblems(adf)).toEqual([]);
    const json = JSON.stringify(adf);
    for (const cell of ['Payments (PAY)', 'PAY 2.2', 'Planning', 'Nov 12, 2026 (planned)', 'Dec 11, 2026', 'Dec 14, 2026']) expect(json).toContain(cell);
  });
});
