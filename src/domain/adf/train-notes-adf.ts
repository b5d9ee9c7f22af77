import type { ReleaseNotes } from '../release-notes';
import { bold, document, para, plain, title, type AdfDoc } from './adf-kit';
import { ownedBlock } from './owned-blocks';
import { serverTranslator } from '../../i18n/server-translator';
import { releaseNotesSections, type PageTranslator } from './release-notes-adf';

/** The marker of the owned block that holds a train's generated notes. */
export const TRAIN_NOTES_BLOCK = 'train-notes';

/** One member's part: its heading ("Payments · PAY 2.2") and its release's own notes. */
export interface TrainNotesMemberPart {
  heading: string;
  versionName: string;
  released: boolean;
  releaseDate?: string;
  notes: ReleaseNotes;
}

export interface TrainNotesHeading {
  /** The page or section title, e.g. "Release notes: 2026.12". */
  title: string;
  trainName: string;
  releaseDate?: string;
  audience: 'customer' | 'internal';
  /** "1 member of this train is in a project you cannot see", when any are hidden. */
  hiddenLine?: string;
}

/**
 * A train's combined notes as an ADF document: one Preflight-owned block with the train's title,
 * a line with its date and the number of changes, the line about hidden members, then each member
 * (already in project order) exactly as its own release notes read, under its heading a level
 * down. Anything people add around the block stays there when the notes are published again.
 */
export function trainNotesAdf(heading: TrainNotesHeading, members: readonly TrainNotesMemberPart[], tr: PageTranslator = serverTranslator('en')): AdfDoc {
  const total = members.reduce((sum, m) => sum + m.notes.total, 0);
  const when = heading.releaseDate ? tr.t('pages.train.ships', { date: tr.day(heading.releaseDate) }) : tr.t('pages.train.undated');
  const introId = heading.audience === 'customer' ? 'pages.train.introCustomer' : 'pages.train.introInternal';
  const intro = para(bold(when), plain(` ${tr.t(introId, { total, releases: members.length, train: heading.trainName })}`));
  const hidden = heading.hiddenLine ? [para(plain(`${heading.hiddenLine}.`))] : [];
  const parts = members.flatMap((m) =>
    releaseNotesSections(
      { title: m.heading, versionName: m.versionName, released: m.released, audience: heading.audience, ...(m.releaseDate && { releaseDate: m.releaseDate }) },
      m.notes,
      3,
      tr,
    ),
  );
  const body = parts.length > 0 ? parts : [para(bold(tr.t('pages.train.none')))];
  return document(ownedBlock(TRAIN_NOTES_BLOCK, heading.title, title(2, heading.title), intro, ...hidden, ...body));
}
