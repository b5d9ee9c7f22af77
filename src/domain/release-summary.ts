import type { JiraVersion } from '../ports';
import type { ReleaseSummary } from '../shared/releases';

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

export function toReleaseSummary(version: JiraVersion, today: Date): ReleaseSummary {
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
export function orderForReleasesList(releases: ReleaseSummary[]): ReleaseSummary[] {
  const rank = (r: ReleaseSummary) => (r.archived ? 2 : r.released ? 1 : 0);
  return releases
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i)
    .map(({ r }) => r);
}
