import { bulletList, listItem } from '@atlaskit/adf-utils/builders';
import type { ReleaseNoteEntry } from '../../shared/macros';
import type { ReleaseNotes } from '../release-notes';
import { bold, document, linked, para, plain, title, type AdfDoc } from './adf-kit';
import { ownedBlock } from './owned-blocks';

/** What the notes document says about the release besides its entries. */
export interface NotesHeading {
  /** The page or section title, e.g. "Release notes: PAY 2.2". */
  title: string;
  versionName: string;
  releaseDate?: string;
  /** Whether the Jira version is released; notes published before are marked as planned. */
  released?: boolean;
  audience: 'customer' | 'internal';
}

/** The marker of the owned block that holds the generated notes. */
export const NOTES_BLOCK = 'release-notes';

const entryList = (entries: readonly ReleaseNoteEntry[]) => bulletList(...entries.map((e) => listItem([para(linked(e.issueKey, e.url), plain(' '), plain(e.text))])));

/**
 * The notes' content under a heading of `level`: the heading, a line saying whether the release
 * is planned or out and how many changes it has, then one list per group (a level below) and,
 * when asked for, the work not yet shipped. A release's page holds it at level 2; a train's page
 * holds one per member at level 3.
 */
export function releaseNotesSections(heading: NotesHeading, notes: ReleaseNotes, level: 2 | 3 = 2) {
  const when = heading.released
    ? heading.releaseDate ? `Released on ${heading.releaseDate}.` : 'Released.'
    : heading.releaseDate ? `Planned for ${heading.releaseDate}.` : 'Planned: no release date yet.';
  const audience = heading.audience === 'customer' ? 'customer-facing' : 'internal';
  const intro = para(bold(when), plain(` ${notes.total} ${notes.total === 1 ? 'change' : 'changes'} in ${heading.versionName}. These are the ${audience} notes.`));
  const below = (level + 1) as 3 | 4;
  const groups = notes.groups.flatMap((group) => [title(below, `${group.title} (${group.count})`), entryList(group.entries)]);
  const unfinished =
    notes.unfinished.length > 0
      ? [title(below, `Not yet shipped (${notes.unfinished.length})`), para(plain('Still in progress or to do; not part of this release until they are done.')), entryList(notes.unfinished)]
      : [];
  return [title(level, heading.title), intro, ...(groups.length > 0 ? groups : [para(bold('No changes to list.'))]), ...unfinished];
}

/**
 * Release notes as an ADF document: one Preflight-owned block holding the notes' sections.
 * Anything people add around the block stays there when the notes are published again.
 */
export function releaseNotesAdf(heading: NotesHeading, notes: ReleaseNotes): AdfDoc {
  return document(ownedBlock(NOTES_BLOCK, heading.title, ...releaseNotesSections(heading, notes)));
}
