import { createHash } from 'node:crypto';
import { releaseName, type Audience, type PublishKind } from '../shared/macros';
import type { PageTranslator } from './adf/release-notes-adf';
import { auditLine } from './audit-line';
import type { GroupTitles } from './release-notes';
import type { Change, ReleaseRecord } from './release';

/**
 * The title of a published page in the project's language: stable per release, kind and language,
 * so publishing again finds it (a remembered page keeps the title it has: see writePage).
 */
export function publishedTitle(tr: PageTranslator, kind: PublishKind, projectKey: string, versionName: string, audience: Audience = 'customer'): string {
  const release = releaseName(projectKey, versionName);
  if (kind === 'retrospective') return tr.t('pages.title.retrospective', { release });
  if (kind === 'evidence') return tr.t('pages.title.evidence', { release });
  // Internal notes list issues customers must not see: they get a page of their own, never the customer one.
  return tr.t(audience === 'internal' ? 'pages.title.internalNotes' : 'pages.title.releaseNotes', { release });
}

/** The release notes' group titles in the project's language. */
export function groupTitles(tr: PageTranslator): GroupTitles {
  return {
    type: { features: tr.t('pages.group.features'), improvements: tr.t('pages.group.improvements'), fixes: tr.t('pages.group.fixes'), other: tr.t('pages.group.other') },
    noComponent: tr.t('pages.group.noComponent'),
    noLabel: tr.t('pages.group.noLabel'),
    noEpic: tr.t('pages.group.noEpic'),
  };
}

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
        ...auditLine(again ? 'audit.pageRepublished' : 'audit.pagePublished', { title: page.title }),
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
