import { orderForReleasesList, toReleaseSummary } from '../domain/release-summary';
import type { Clock, VersionApi } from '../ports';
import type { ListReleasesResult } from '../shared/releases';

export const RELEASES_PAGE_SIZE = 50;

/**
 * The project's versions as releases, a page at a time. The cursor is Jira's startAt, kept opaque
 * to the UI so the paging scheme can change without a UI change.
 * @throws ProductError when Jira cannot be read.
 */
export async function listReleases(
  deps: { versions: VersionApi; clock: Clock },
  project: { id: string; key: string },
  cursor: string | undefined,
): Promise<ListReleasesResult> {
  const startAt = cursor === undefined ? 0 : Number.parseInt(cursor, 10);
  const page = await deps.versions.listVersions(project.key, { startAt, maxResults: RELEASES_PAGE_SIZE });
  const today = deps.clock.now();
  return {
    project,
    releases: orderForReleasesList(page.values.map((v) => toReleaseSummary(v, today))),
    ...(page.nextStartAt !== undefined && { nextCursor: String(page.nextStartAt) }),
  };
}
