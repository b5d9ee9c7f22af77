import { createHash } from 'node:crypto';
import type { PublishKind } from '../shared/macros';
import type { Change, ReleaseRecord } from './release';

/** What the published release notes covered: the shipped scope, kept with the page's record. */
export interface NotesScope {
  digest: string;
  doneIssues: number;
  /** Published before the Jira version was released. */
  planned: boolean;
}

/**
 * The digest of a shipped scope: SHA-256 over the sorted ids of the version's done issues. Order
 * and duplicates do not matter; one issue more or less, or a different one, changes it.
 */
export function shippedDigest(doneIssueIds: readonly string[]): string {
  const ids = [...new Set(doneIssueIds)].sort();
  return createHash('sha256').update(ids.join('\n')).digest('hex');
}

/**
 * Remembers a page published for a release, so publishing again updates that page, and the
 * "Release notes page published" / "Retrospective page published" gates pass. Allowed on a
 * complete release too: a retrospective is written after the release is done. Release notes keep
 * the scope they covered, so the gate can tell when they no longer match what shipped.
 */
export function recordPublishedPage(
  record: ReleaseRecord,
  kind: PublishKind,
  page: { pageId: string; url: string; title: string },
  by: string,
  at: string,
  scope?: NotesScope,
): Change {
  const slot = kind === 'release-notes' ? 'releaseNotes' : 'retrospective';
  const previous = record.published[slot];
  const again = previous?.pageId === page.pageId;
  const entry = { pageId: page.pageId, url: page.url, at, ...(kind === 'release-notes' && scope && { digest: scope.digest, doneIssues: scope.doneIssues, planned: scope.planned }) };
  return {
    record: { ...record, published: { ...record.published, [slot]: entry }, updatedAt: at },
    events: [
      {
        type: 'page-published',
        by,
        at,
        summary: `${again ? 'Republished' : 'Published'} "${page.title}" in Confluence`,
        data: { kind, pageId: page.pageId, url: page.url, ...(scope && kind === 'release-notes' && { digest: scope.digest, doneIssues: String(scope.doneIssues) }) },
      },
    ],
  };
}

/** Why published release notes no longer match the release, when they do not. */
export type NotesStaleness =
  | { stale: false }
  | { stale: true; changed: number; plannedButReleased: boolean; message: string };

/**
 * Whether published notes still reflect the shipped scope, at constant cost: the number of done
 * issues the version reports now against the number the notes covered (a changed count means
 * issues were finished, reopened, added or removed since), and whether notes published as planned
 * are still marked so after the release. Notes recorded before digests were kept count as current.
 */
export function notesStaleness(published: ReleaseRecord['published']['releaseNotes'], now: { doneIssues: number; released: boolean }): NotesStaleness {
  if (!published) return { stale: false };
  const changed = published.doneIssues === undefined ? 0 : Math.abs(now.doneIssues - published.doneIssues);
  const plannedButReleased = published.planned === true && now.released;
  if (changed === 0 && !plannedButReleased) return { stale: false };
  const message =
    changed > 0
      ? `Release notes are out of date: ${changed} ${changed === 1 ? 'issue' : 'issues'} changed since they were published.`
      : 'Release notes were published before the release and still say it is planned: publish them again.';
  return { stale: true, changed, plannedButReleased, message };
}
