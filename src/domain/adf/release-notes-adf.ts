import { bulletList, listItem } from '@atlaskit/adf-utils/builders';
import { serverTranslator, type ServerMessageId } from '../../i18n/server-translator';
import type { Translator } from '../../shared/i18n/translator';
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
 * when asked for, the work not yet shipped, in the translator's language (dates through Intl). A release's page holds it at level 2; a train's page
 * holds one per member at level 3.
 */
export function releaseNotesSections(heading: NotesHeading, notes: ReleaseNotes, level: 2 | 3 = 2, tr: PageTranslator = serverTranslator('en')) {
  const date = heading.releaseDate && tr.day(heading.releaseDate);
  const when = heading.released
    ? date ? tr.t('pages.notes.released', { date }) : tr.t('pages.notes.releasedUndated')
    : date ? tr.t('pages.notes.planned', { date }) : tr.t('pages.notes.plannedUndated');
  const introId = heading.audience === 'customer' ? 'pages.notes.introCustomer' : 'pages.notes.introInternal';
  const intro = para(bold(when), plain(` ${tr.t(introId, { count: notes.total, version: heading.versionName })}`));
  const below = (level + 1) as 3 | 4;
  const groups = notes.groups.flatMap((group) => [title(below, tr.t('pages.notes.group', { title: group.title, count: group.count })), entryList(group.entries)]);
  const unfinished =
    notes.unfinished.length > 0
      ? [title(below, tr.t('pages.notes.unfinished', { count: notes.unfinished.length })), para(plain(tr.t('pages.notes.unfinishedNote'))), entryList(notes.unfinished)]
      : [];
  return [title(level, heading.title), intro, ...(groups.length > 0 ? groups : [para(bold(tr.t('pages.notes.none')))]), ...unfinished];
}

/** The translator a page is written with: the project's language (see usecases/project-language.ts). */
export type PageTranslator = Translator<ServerMessageId>;

/**
 * Release notes as an ADF document: one Preflight-owned block holding the notes' sections.
 * Anything people add around the block stays there when the notes are published again.
 */
export function releaseNotesAdf(heading: NotesHeading, notes: ReleaseNotes, tr?: PageTranslator): AdfDoc {
  return document(ownedBlock(NOTES_BLOCK, heading.title, ...releaseNotesSections(heading, notes, 2, tr)));
}
