import type { PublishKind } from '../shared/macros';
import type { Change, ReleaseRecord } from './release';

/**
 * Remembers a page published for a release, so publishing again updates that page, and the
 * "Release notes page published" / "Retrospective page published" gates pass. Allowed on a
 * complete release too: a retrospective is written after the release is done.
 */
export function recordPublishedPage(record: ReleaseRecord, kind: PublishKind, page: { pageId: string; url: string; title: string }, by: string, at: string): Change {
  const slot = kind === 'release-notes' ? 'releaseNotes' : 'retrospective';
  const previous = record.published[slot];
  const again = previous?.pageId === page.pageId;
  return {
    record: { ...record, published: { ...record.published, [slot]: { pageId: page.pageId, url: page.url, at } }, updatedAt: at },
    events: [
      {
        type: 'page-published',
        by,
        at,
        summary: `${again ? 'Republished' : 'Published'} "${page.title}" in Confluence`,
        data: { kind, pageId: page.pageId, url: page.url },
      },
    ],
  };
}
