import type { JiraVersion } from '../ports';
import type { CalendarBar, CalendarRelease, CalendarTrain, CalendarWindow, CalendarZoom } from '../shared/calendar';
import type { TrainSummary } from '../shared/trains';
import type { ReleaseRecord } from './release';
import { isoDay, untrackedPhase } from './release-summary';
import type { PhaseTemplate } from './template';

/**
 * The release calendar, pure: which days a view covers, a release's bars (phases, freeze, release
 * and announcement dates) from its Jira version and Preflight record, and a train as one bar over
 * its members. No clock: `today` is passed in.
 */

const day = (instant: string) => instant.slice(0, 10);
const min = (days: Array<string | undefined>) => days.filter((d): d is string => d !== undefined).sort()[0];
const max = (days: Array<string | undefined>) => days.filter((d): d is string => d !== undefined).sort().at(-1);

function lastDayOfMonth(year: number, monthIndex: number): string {
  return isoDay(new Date(Date.UTC(year, monthIndex + 1, 0)));
}

/**
 * The days a view shows: `month` is that calendar month; `quarter` three months with that month in
 * the middle (so a release due in a few weeks and one just shipped are both on screen).
 * `month` is yyyy-mm; absent, today's month.
 */
export function calendarWindow(zoom: CalendarZoom, month: string | undefined, today: Date): CalendarWindow {
  const anchor = month ?? isoDay(today).slice(0, 7);
  const year = Number(anchor.slice(0, 4));
  const index = Number(anchor.slice(5, 7)) - 1;
  if (zoom === 'month') return { zoom, month: anchor, from: `${anchor}-01`, to: lastDayOfMonth(year, index) };
  return { zoom, month: anchor, from: isoDay(new Date(Date.UTC(year, index - 1, 1))), to: lastDayOfMonth(year, index + 1) };
}

/** The month before or after a window's month (yyyy-mm), by a month or a quarter: the view's Previous and Next. */
export function shiftMonth(month: string, by: number): string {
  const date = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + by, 1));
  return isoDay(date).slice(0, 7);
}

/** A tracked release's phases as bars: actual dates where the phase started (and ended), planned ones otherwise. */
function phaseBars(record: ReleaseRecord, today: string): CalendarBar[] {
  const bars: CalendarBar[] = [];
  for (const phase of record.phases) {
    const dates = record.phaseDates[phase.id] ?? {};
    const current = phase.id === record.currentPhaseId && !record.completedAt;
    const started = dates.actualStart && day(dates.actualStart);
    const ended = dates.actualEnd && day(dates.actualEnd);
    const start = started ?? dates.plannedStart;
    // The phase running now lasts at least until today, even past its planned end (it is overrunning).
    const end = ended ?? (current && started ? max([dates.plannedEnd, today]) : dates.plannedEnd);
    if (!start || !end) continue;
    bars.push({ phaseId: phase.id, phaseName: phase.name, start, end: end < start ? start : end, source: started ? 'actual' : 'planned', current });
  }
  return bars;
}

/**
 * A version on the calendar. Tracked (a stored record): a bar per phase with dates, the freeze
 * (when scope froze, else the planned start of the phase after the first: that move freezes it)
 * and the announcement date. Untracked: one bar from Jira's start date to its release date,
 * labelled with the phase the overview derives (`phases`: the project's default release type).
 * A tracked release whose phases have no dates at all falls back to the untracked bar, in its
 * current phase.
 */
export function releaseOnCalendar(
  projectKey: string,
  version: JiraVersion,
  record: ReleaseRecord | undefined,
  phases: PhaseTemplate[],
  today: Date,
): CalendarRelease {
  const todayDay = isoDay(today);
  const current = record ? record.phases.find((p) => p.id === record.currentPhaseId) : undefined;
  const phase = current ? { id: current.id, name: current.name } : untrackedPhase(version, phases);
  let bars = record ? phaseBars(record, todayDay) : [];
  if (bars.length === 0) {
    const start = version.startDate ?? (record && min(Object.values(record.phaseDates).map((d) => d.actualStart && day(d.actualStart)))) ?? version.releaseDate;
    const end = version.releaseDate;
    if (start && end) bars = [{ phaseId: phase.id, phaseName: phase.name, start: end < start ? end : start, end, source: 'jira', current: true }];
  }
  const plannedFreeze = record?.phases[1] && record.phaseDates[record.phases[1].id]?.plannedStart;
  return {
    projectKey,
    versionId: version.id,
    name: version.name,
    released: version.released,
    tracked: record !== undefined,
    phase,
    bars,
    ...(record?.frozenAt ? { freezeDate: day(record.frozenAt), freezeSource: 'actual' as const } : plannedFreeze ? { freezeDate: plannedFreeze, freezeSource: 'planned' as const } : {}),
    ...(version.releaseDate !== undefined && { releaseDate: version.releaseDate }),
    ...(record?.announcementDate !== undefined && { announcementDate: record.announcementDate }),
  };
}

/** The first and last day a release occupies on the calendar (bars and markers), or undefined when it has no date at all. */
export function releaseSpan(release: Pick<CalendarRelease, 'bars' | 'freezeDate' | 'releaseDate' | 'announcementDate'>): { start: string; end: string } | undefined {
  const days = [...release.bars.flatMap((b) => [b.start, b.end]), release.freezeDate, release.releaseDate, release.announcementDate];
  const start = min(days);
  const end = max(days);
  return start && end ? { start, end } : undefined;
}

export function overlapsWindow(span: { start: string; end: string } | undefined, window: Pick<CalendarWindow, 'from' | 'to'>): boolean {
  return span !== undefined && span.start <= window.to && span.end >= window.from;
}

/**
 * A release train as one bar: from its freeze (or its earliest member's start) to its release
 * date (or its last member's end), with the members the person can see. `visible` holds every
 * release the person can see, by version id; a train none of whose members is visible is not
 * shown at all (undefined), nor is one without any date.
 */
export function trainOnCalendar(train: TrainSummary, visible: ReadonlyMap<string, CalendarRelease>): CalendarTrain | undefined {
  const members = train.members.flatMap((m) => {
    const release = visible.get(m.versionId);
    return release && release.projectKey === m.projectKey ? [{ release, member: { projectKey: m.projectKey, versionId: m.versionId, name: release.name } }] : [];
  });
  if (members.length === 0) return undefined;
  const spans = members.map((m) => releaseSpan(m.release));
  const start = min([train.freezeDate, ...spans.map((s) => s?.start)]);
  const end = train.releaseDate ?? max(spans.map((s) => s?.end));
  if (!start || !end) return undefined;
  return {
    id: train.id,
    name: train.name,
    start: end < start ? end : start,
    end,
    ...(train.freezeDate !== undefined && { freezeDate: train.freezeDate }),
    ...(train.releaseDate !== undefined && { releaseDate: train.releaseDate }),
    members: members.map((m) => m.member),
  };
}

/** Calendar order: by first day on the calendar, then project and name; releases without dates are not drawn. */
export function calendarOrder(releases: CalendarRelease[]): CalendarRelease[] {
  return releases
    .map((r) => ({ r, start: releaseSpan(r)?.start ?? '9999-12-31' }))
    .sort((a, b) => a.start.localeCompare(b.start) || a.r.projectKey.localeCompare(b.r.projectKey) || a.r.name.localeCompare(b.r.name))
    .map(({ r }) => r);
}

/** "12 Nov" (or "12 Nov 2027" outside `year`): the dates in the bars' accessible names. */
export function shortDay(iso: string, year?: string): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const text = `${Number(iso.slice(8, 10))} ${months[Number(iso.slice(5, 7)) - 1] ?? ''}`;
  return year !== undefined && iso.slice(0, 4) !== year ? `${text} ${iso.slice(0, 4)}` : text;
}

/** What a bar says to a screen reader and on hover: "PAY 2.2: Build & test, 12 Nov to 3 Dec". */
export function barLabel(versionName: string, bar: Pick<CalendarBar, 'phaseName' | 'start' | 'end'>, year?: string): string {
  const when = bar.start === bar.end ? shortDay(bar.start, year) : `${shortDay(bar.start, year)} to ${shortDay(bar.end, year)}`;
  return `${versionName}: ${bar.phaseName}, ${when}`;
}
