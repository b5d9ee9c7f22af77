import { orderForReleasesList, toReleaseSummary } from '../domain/release-summary';
import type { Clock, ReleaseStore, VersionApi } from '../ports';
import type { ListReleasesResult } from '../shared/releases';

export const RELEASES_PAGE_SIZE = 50;

/**
 * The project's versions as releases, a page at a time, with each one's phase and gate counts
 * as last evaluated (one KVS query for the project, whatever the number of versions). The cursor
 * is Jira's startAt, kept opaque to the UI so the paging scheme can change without a UI change.
 * @throws ProductError when Jira cannot be read.
 */
export async function listReleases(
  deps: { versions: VersionApi; store: ReleaseStore; clock: Clock },
  project: { id: string; key: string },
  cursor: string | undefined,
): Promise<ListReleasesResult> {
  const startAt = cursor === undefined ? 0 : Number.parseInt(cursor, 10);
  const [page, summaries] = await Promise.all([
    deps.versions.listVersions(project.key, { startAt, maxResults: RELEASES_PAGE_SIZE }),
    deps.store.summaries(project.key),
  ]);
  const today = deps.clock.now();
  const releases = page.values.map((v) => {
    const entry = summaries.get(v.id);
    return { ...toReleaseSummary(v, today), ...(entry && { phase: entry.phase, gateSummary: entry.gateSummary }) };
  });
  return {
    project,
    releases: orderForReleasesList(releases),
    ...(page.nextStartAt !== undefined && { nextCursor: String(page.nextStartAt) }),
  };
}
