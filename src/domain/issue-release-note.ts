import { notesPropertySchema } from './release-notes';

/**
 * The release note of one issue as people edit it in the issue module: the text customers read
 * instead of the summary, and whether the issue stays out of customer notes. Both live in the
 * issue property the release notes already read (`preflight-notes`), so what is saved here is
 * what the next notes show.
 */

/** The property's text limit (release-notes.ts parses at most this many characters). */
export const RELEASE_NOTE_MAX = 2000;

export interface IssueReleaseNote {
  text: string;
  internal: boolean;
}

/** The note in a property value; a missing or malformed value is an empty, customer-facing note (as the notes treat it). */
export function releaseNoteOf(value: unknown): IssueReleaseNote {
  const parsed = notesPropertySchema.safeParse(value);
  if (!parsed.success) return { text: '', internal: false };
  return { text: parsed.data.text ?? '', internal: parsed.data.internal === true };
}

/**
 * The property value to store: the edited note over the existing value, keeping keys Preflight
 * does not edit here (a REST client may have added some). Text is plain: line breaks normalised,
 * surrounding space trimmed, and an empty text removed so the notes fall back to the summary.
 */
export function withReleaseNote(existing: unknown, note: IssueReleaseNote): Record<string, unknown> {
  const base = existing !== null && typeof existing === 'object' && !Array.isArray(existing) ? { ...(existing as Record<string, unknown>) } : {};
  const text = note.text.replace(/\r\n?/g, '\n').trim();
  delete base['text'];
  return { ...base, ...(text && { text }), internal: note.internal };
}
