/**
 * Date realism and the announcement's bedding-in period. Pure calendar arithmetic on yyyy-mm-dd
 * strings in UTC, so the same release gives the same flags wherever the code runs.
 */

import { day, english, text, type ServerMessageId, type TextValue, type Text } from '../i18n/server-translator';
import { phaseNameText } from './default-names';

/** `message` is English with ISO dates (logs, notifications' fallback); `text` is what views say in the reader's language. */
export type DateFlag = {
  kind: 'overdue' | 'at-risk' | 'announcement-too-early' | 'announcement-before-ship' | 'plan-after-release' | 'phase-overrun';
  message: string;
  text?: Text;
};

function flag(kind: DateFlag['kind'], id: ServerMessageId, values?: Record<string, TextValue>): DateFlag {
  const said = text(id, values);
  return { kind, message: english(said), text: said };
}

const DAY_MS = 86_400_000;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

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
    return [flag('overdue', 'views.flag.overdue', { date: day(f.releaseDate), days: daysBetween(f.releaseDate, f.today) })];
  }
  const elapsed = daysBetween(f.startDate, f.today);
  const remaining = f.issueCount - f.doneCount;
  const daysLeft = daysBetween(f.today, f.releaseDate);
  if (remaining <= 0 || elapsed < 7) return [];
  if (f.doneCount === 0) {
    return [flag('at-risk', 'views.flag.nothingDone', { elapsed, remaining, left: daysLeft })];
  }
  const pace = f.doneCount / elapsed;
  const needed = Math.ceil(remaining / pace);
  return needed > daysLeft
    ? [flag('at-risk', 'views.flag.pace', { pace: Math.round(pace * 10) / 10, remaining, needed, left: daysLeft })]
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
    return [flag('announcement-before-ship', 'views.flag.announcementNoDate')];
  }
  const earliest = addDays(from, beddingInDays);
  if (announcementDate < earliest) {
    return [
      liveDay
        ? flag('announcement-too-early', 'views.flag.announcementEarlyLive', { date: day(announcementDate), days: beddingInDays, live: day(liveDay), earliest: day(earliest) })
        : flag('announcement-too-early', 'views.flag.announcementEarly', { date: day(announcementDate), days: beddingInDays, earliest: day(earliest) }),
    ];
  }
  // Planned while the release has not shipped: provisional, so a campaign never pressures the release.
  return released || liveDay
    ? []
    : [flag('announcement-before-ship', 'views.flag.announcementProvisional', { days: beddingInDays })];
}

export interface PlanFacts {
  today: string;
  released: boolean;
  releaseDate?: string;
  /** The phases in order, with their planned dates; `current` marks the one the release is in. */
  phases: Array<{ id?: string; name: string; plannedStart?: string; plannedEnd?: string; current: boolean; releasesVersion: boolean }>;
}

/**
 * The plan against the release date and the calendar: a phase before the one that releases the
 * version must end by the release date (and that one must start by it), and the phase the
 * release is in should not have run past its planned end.
 */
const shownName = (phase: { id?: string; name: string }) => (phase.id ? phaseNameText({ id: phase.id, name: phase.name }) : phase.name);

export function planFlags(f: PlanFacts): DateFlag[] {
  const flags: DateFlag[] = [];
  const releaseIndex = f.phases.findIndex((p) => p.releasesVersion);
  if (f.releaseDate && !f.released) {
    f.phases.forEach((phase, index) => {
      if (releaseIndex >= 0 && index < releaseIndex && phase.plannedEnd && phase.plannedEnd > f.releaseDate!) {
        flags.push(flag('plan-after-release', 'views.flag.endsAfterRelease', { phase: shownName(phase), date: day(phase.plannedEnd), release: day(f.releaseDate!) }));
      }
      if (index === releaseIndex && phase.plannedStart && phase.plannedStart > f.releaseDate!) {
        flags.push(flag('plan-after-release', 'views.flag.startsAfterRelease', { phase: shownName(phase), date: day(phase.plannedStart), release: day(f.releaseDate!) }));
      }
    });
  }
  const current = f.phases.find((p) => p.current);
  if (current?.plannedEnd && current.plannedEnd < f.today) {
    const late = daysBetween(current.plannedEnd, f.today);
    flags.push(flag('phase-overrun', 'views.flag.overrun', { phase: shownName(current), date: day(current.plannedEnd), days: late }));
  }
  return flags;
}
