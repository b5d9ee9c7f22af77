/**
 * Date realism and the announcement's bedding-in period. Pure calendar arithmetic on yyyy-mm-dd
 * strings in UTC, so the same release gives the same flags wherever the code runs.
 */

export type DateFlag =
  | { kind: 'overdue'; message: string }
  | { kind: 'at-risk'; message: string }
  | { kind: 'announcement-too-early'; message: string }
  | { kind: 'announcement-before-ship'; message: string }
  | { kind: 'plan-after-release'; message: string }
  | { kind: 'phase-overrun'; message: string };

const DAY_MS = 86_400_000;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export interface ScheduleFacts {
  today: string;
  released: boolean;
  releaseDate?: string;
  /** When work on the release started: the version's start date, else when Preflight first saw it. */
  startDate: string;
  issueCount: number;
  doneCount: number;
}

/**
 * Overdue: the date passed while unreleased. At risk: at the pace so far (issues done per day since
 * the start), the remaining issues need more days than are left. With nothing done yet there is no
 * pace to judge by, so only a release already under way for a week is judged.
 */
export function scheduleFlags(f: ScheduleFacts): DateFlag[] {
  if (f.released || !f.releaseDate) return [];
  if (f.releaseDate < f.today) {
    return [{ kind: 'overdue', message: `The release date ${f.releaseDate} passed ${days(daysBetween(f.releaseDate, f.today))} ago and the version is not released` }];
  }
  const elapsed = daysBetween(f.startDate, f.today);
  const remaining = f.issueCount - f.doneCount;
  const daysLeft = daysBetween(f.today, f.releaseDate);
  if (remaining <= 0 || elapsed < 7) return [];
  if (f.doneCount === 0) {
    return [{ kind: 'at-risk', message: `No issue is done after ${days(elapsed)}; ${remaining} remain with ${days(daysLeft)} left` }];
  }
  const pace = f.doneCount / elapsed;
  const needed = Math.ceil(remaining / pace);
  return needed > daysLeft
    ? [{ kind: 'at-risk', message: `At the current pace (${pace.toFixed(1)} issues a day) the ${remaining} remaining issues need about ${days(needed)}; ${days(daysLeft)} are left` }]
    : [];
}

/**
 * A campaign should start only after the release has bedded in. Before the release ships, the
 * announcement is judged against the planned date; once shipped, against the actual date.
 */
export function announcementFlags(args: {
  announcementDate?: string;
  releaseDate?: string;
  released: boolean;
  beddingInDays: number;
  /**
   * When the release really went live: its latest successful production deployment (ISO), when CI
   * reported one. Bedding-in counts from it rather than from the planned release date.
   */
  liveSince?: string;
}): DateFlag[] {
  const { announcementDate, releaseDate, released, beddingInDays, liveSince } = args;
  if (!announcementDate) return [];
  const liveDay = liveSince?.slice(0, 10);
  const from = liveDay ?? releaseDate;
  if (!from) {
    return [{ kind: 'announcement-before-ship', message: 'An announcement is planned but the release has no date yet' }];
  }
  const earliest = addDays(from, beddingInDays);
  if (announcementDate < earliest) {
    const since = liveDay ? ` since its production deployment on ${liveDay}` : '';
    return [
      {
        kind: 'announcement-too-early',
        message: `The announcement on ${announcementDate} is before the release has been live ${beddingInDays} days${since} (earliest ${earliest})`,
      },
    ];
  }
  // Planned while the release has not shipped: provisional, so a campaign never pressures the release.
  return released || liveDay
    ? []
    : [{ kind: 'announcement-before-ship', message: `Provisional: the release has not shipped; confirm the announcement once it has been live ${beddingInDays} days` }];
}

export interface PlanFacts {
  today: string;
  released: boolean;
  releaseDate?: string;
  /** The phases in order, with their planned dates; `current` marks the one the release is in. */
  phases: Array<{ name: string; plannedStart?: string; plannedEnd?: string; current: boolean; releasesVersion: boolean }>;
}

/**
 * The plan against the release date and the calendar: a phase before the one that releases the
 * version must end by the release date (and that one must start by it), and the phase the
 * release is in should not have run past its planned end.
 */
export function planFlags(f: PlanFacts): DateFlag[] {
  const flags: DateFlag[] = [];
  const releaseIndex = f.phases.findIndex((p) => p.releasesVersion);
  if (f.releaseDate && !f.released) {
    f.phases.forEach((phase, index) => {
      if (releaseIndex >= 0 && index < releaseIndex && phase.plannedEnd && phase.plannedEnd > f.releaseDate!) {
        flags.push({ kind: 'plan-after-release', message: `${phase.name} is planned to end on ${phase.plannedEnd}, after the release date ${f.releaseDate}` });
      }
      if (index === releaseIndex && phase.plannedStart && phase.plannedStart > f.releaseDate!) {
        flags.push({ kind: 'plan-after-release', message: `${phase.name} is planned to start on ${phase.plannedStart}, after the release date ${f.releaseDate}` });
      }
    });
  }
  const current = f.phases.find((p) => p.current);
  if (current?.plannedEnd && current.plannedEnd < f.today) {
    const late = daysBetween(current.plannedEnd, f.today);
    flags.push({ kind: 'phase-overrun', message: `${current.name} was planned to end on ${current.plannedEnd}, ${late} ${late === 1 ? 'day' : 'days'} ago` });
  }
  return flags;
}
