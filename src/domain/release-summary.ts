import type { JiraVersion } from '../ports';
import type { AttentionReason, ReleaseSummary } from '../shared/releases';
import { day, english, text, type Text } from '../i18n/server-translator';
import type { PhaseTemplate } from './template';

/** yyyy-mm-dd of a Date in UTC: Jira's release dates are calendar dates without a zone. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * A release is overdue when it is unreleased and its release date is before today. Jira's own
 * `overdue` flag is not trusted: it is missing unless the version was fetched a certain way.
 */
export function isOverdue(version: Pick<JiraVersion, 'released' | 'releaseDate'>, today: Date): boolean {
  return !version.released && version.releaseDate !== undefined && version.releaseDate < isoDay(today);
}

/** Jira's facts about a version; Preflight's state (phase, gates, attention) is added by the list. */
export type VersionFacts = Omit<ReleaseSummary, 'tracking' | 'phase' | 'releaseType' | 'gateSummary' | 'attention'>;

export function toReleaseSummary(version: JiraVersion, today: Date): VersionFacts {
  const { toDo, inProgress, done, unmapped } = version.issuesStatus;
  return {
    versionId: version.id,
    name: version.name,
    ...(version.description !== undefined && { description: version.description }),
    released: version.released,
    archived: version.archived,
    ...(version.releaseDate !== undefined && { releaseDate: version.releaseDate }),
    ...(version.startDate !== undefined && { startDate: version.startDate }),
    overdue: isOverdue(version, today),
    // Unmapped statuses are neither done nor started; counting them as to-do keeps gates honest.
    issueCounts: { toDo: toDo + unmapped, inProgress, done },
  };
}

/** Unreleased before released, archived last; within a group Jira's order (newest first) is kept. */
export function orderForReleasesList<T extends Pick<ReleaseSummary, 'released' | 'archived'>>(releases: T[]): T[] {
  const rank = (r: T) => (r.archived ? 2 : r.released ? 1 : 0);
  return releases
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i)
    .map(({ r }) => r);
}

/**
 * Where a version nobody has started in Preflight stands: in the first phase of the project's
 * default release type while unreleased, in its last phase once Jira says it is released (the
 * work is out; what is left is the review). Derived, never stored as a record.
 */
export function untrackedPhase(version: Pick<JiraVersion, 'released'>, phases: PhaseTemplate[]): { id: string; name: string } {
  const phase = version.released ? phases[phases.length - 1]! : phases[0]!;
  return { id: phase.id, name: phase.name };
}

/** How close to the release date failing gates start to need someone: a working week and a bit. */
export const ATTENTION_WINDOW_DAYS = 7;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `today` (UTC calendar day) to a yyyy-mm-dd date; negative when it has passed. */
export function daysUntil(date: string, today: Date): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${isoDay(today)}T00:00:00Z`)) / DAY_MS);
}

/** An attention reason language-neutral: its code and its text, for the reader's translator. */
export interface AttentionText {
  code: AttentionReason['code'];
  text: Text;
}

/**
 * Why a version needs someone's attention, most urgent first; empty when it is fine. Released and
 * archived versions need none from the list (their health is another view). `openIncident`: an
 * open severity 1-2 incident recorded against the version.
 */
export function attentionTexts(
  summary: Pick<ReleaseSummary, 'released' | 'archived' | 'releaseDate' | 'overdue' | 'gateSummary'>,
  today: Date,
  known: { scopePending?: number; openIncident?: boolean } = {},
): AttentionText[] {
  const reasons: AttentionText[] = [];
  if (known.openIncident) reasons.push({ code: 'open-incident', text: text('views.attention.openIncident') });
  if (summary.released || summary.archived) return reasons;
  if (summary.overdue && summary.releaseDate !== undefined) {
    const late = -daysUntil(summary.releaseDate, today);
    reasons.push({ code: 'overdue', text: text('views.attention.overdue', { days: late, date: day(summary.releaseDate) }) });
  }
  const fail = summary.gateSummary?.fail ?? 0;
  if (fail > 0 && summary.releaseDate !== undefined && !summary.overdue) {
    const left = daysUntil(summary.releaseDate, today);
    if (left <= ATTENTION_WINDOW_DAYS) {
      reasons.push({ code: 'failing-near-date', text: left === 0 ? text('views.attention.failingToday', { fail }) : text('views.attention.failingSoon', { fail, days: left }) });
    }
  }
  if ((known.scopePending ?? 0) > 0) {
    reasons.push({ code: 'scope-pending', text: text('views.attention.scopePending', { count: known.scopePending }) });
  }
  return reasons;
}

/** The attention reasons in English (ISO dates), or in the reader's language with `translate`. */
export function attentionReasons(
  summary: Pick<ReleaseSummary, 'released' | 'archived' | 'releaseDate' | 'overdue' | 'gateSummary'>,
  today: Date,
  known: { scopePending?: number; openIncident?: boolean } = {},
  translate: (message: Text) => string = english,
): AttentionReason[] {
  return attentionTexts(summary, today, known).map((r) => ({ code: r.code, message: translate(r.text) }));
}
