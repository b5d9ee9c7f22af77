import { bulletList, listItem } from '@atlaskit/adf-utils/builders';
import type { ReleaseNotes } from '../release-notes';
import { bold, document, linked, para, plain, title, type AdfDoc } from './adf-kit';

/** What the notes document says about the release besides its entries. */
export interface NotesHeading {
  /** The page or section title, e.g. "Release notes: PAY 2.2". */
  title: string;
  versionName: string;
  releaseDate?: string;
  audience: 'customer' | 'internal';
}

/** Release notes as an ADF document: a heading, a line of counts, then one list per group. */
export function releaseNotesAdf(heading: NotesHeading, notes: ReleaseNotes): AdfDoc {
  const when = heading.releaseDate ? ` (release date ${heading.releaseDate})` : '';
  const audience = heading.audience === 'customer' ? 'customer-facing' : 'internal';
  const intro = para(plain(`${notes.total} ${notes.total === 1 ? 'change' : 'changes'} in ${heading.versionName}${when}. These are the ${audience} notes.`));
  const groups = notes.groups.flatMap((group) => [
    title(3, `${group.title} (${group.count})`),
    bulletList(...group.entries.map((e) => listItem([para(linked(e.issueKey, e.url), plain(' '), plain(e.text))]))),
  ]);
  return document(title(2, heading.title), intro, ...(groups.length > 0 ? groups : [para(bold('No changes to list.'))]));
}
