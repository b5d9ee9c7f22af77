import { z } from 'zod';
import { safeDeep, safeText } from './safe-text';
import {
  TYPE_GROUPS,
  TYPE_GROUP_TITLES,
  type Audience,
  type Grouping,
  type ReleaseNoteEntry,
  type ReleaseNoteGroup,
  type TypeGroup,
} from '../shared/macros';

/**
 * Release notes from a version's issues: which issues a customer sees, what text each shows and
 * how they are grouped. Pure: the issues come in already read from Jira.
 */

/** The issue property holding per-issue release-note settings. */
export const NOTES_PROPERTY = 'preflight-notes';

/** The property's value; anything else in it is ignored, and a malformed one counts as absent. */
export const notesPropertySchema = z.looseObject({
  internal: z.boolean().optional(),
  text: z.string().max(2000).optional(),
});
export type NotesProperty = z.infer<typeof notesPropertySchema>;

/** The label that marks an issue as internal (compared without regard to case). */
export const INTERNAL_LABEL = 'internal';

/** One issue of the release as the notes need it. */
export interface NoteIssue {
  id: string;
  key: string;
  summary: string;
  issueType: string;
  labels: string[];
  components: string[];
  epic?: { key: string; summary: string };
  notes?: NotesProperty;
  /** Jira's status category: only `done` issues shipped. */
  statusCategory: 'new' | 'indeterminate' | 'done';
}

/** Issue types per group; unknown types are "other". Sub-tasks and epics never appear on their own. */
const TYPE_TO_GROUP: Record<string, TypeGroup> = {
  story: 'features',
  'new feature': 'features',
  feature: 'features',
  improvement: 'improvements',
  task: 'improvements',
  bug: 'fixes',
  defect: 'fixes',
};
const CONTAINER_TYPES = new Set(['epic', 'sub-task', 'subtask']);

export function typeGroupOf(issueType: string): TypeGroup {
  return TYPE_TO_GROUP[issueType.trim().toLowerCase()] ?? 'other';
}

/** Whether an issue stays out of customer-facing notes: labelled `internal` or flagged internal. */
export function isInternal(issue: NoteIssue): boolean {
  return issue.notes?.internal === true || issue.labels.some((l) => l.toLowerCase() === INTERNAL_LABEL);
}

/** The text of an entry: the property's release-note text when it has some, else the summary. */
export function noteText(issue: NoteIssue): string {
  const custom = issue.notes?.text?.trim();
  return custom ? custom : issue.summary.trim();
}

/** The full type order: the chosen order first, then the remaining groups in the default order. */
export function fullTypeOrder(order: readonly TypeGroup[] = []): TypeGroup[] {
  return [...order, ...TYPE_GROUPS.filter((g) => !order.includes(g))];
}

export interface NotesOptions {
  audience: Audience;
  grouping: Grouping;
  typeOrder?: readonly TypeGroup[];
  /** The issue's address in Jira, for each entry's link. */
  issueUrl: (key: string) => string;
  /** List unfinished issues in a separate "Not yet shipped" section (never counted as changes). */
  showUnfinished?: boolean;
  /** The groups' own titles in the project's language (absent: English); components, labels and epics keep their names. */
  titles?: GroupTitles;
}

/** The titles Preflight gives groups: the type groups and the "none" group of each grouping. */
export interface GroupTitles {
  type: Record<TypeGroup, string>;
  noComponent: string;
  noLabel: string;
  noEpic: string;
}

const ENGLISH_TITLES: GroupTitles = { type: TYPE_GROUP_TITLES, noComponent: 'No component', noLabel: 'No label', noEpic: 'Not in an epic' };

export interface ReleaseNotes {
  groups: ReleaseNoteGroup[];
  /** Changes: done issues in the notes. */
  total: number;
  leftOutInternal: number;
  /** Issues of the version not done yet (visible to the audience): their own section, when asked for. */
  unfinished: ReleaseNoteEntry[];
  /** How many visible issues are not done yet, listed or not. */
  unfinishedCount: number;
}

/** Whether the notes list unfinished work: the macro's choice, else only internal notes do. */
export function showsUnfinished(config: { audience: Audience; showUnfinished?: boolean | undefined }): boolean {
  return config.showUnfinished ?? config.audience === 'internal';
}

const byKey = (a: { issueKey: string }, b: { issueKey: string }) => {
  const [pa, na] = splitKey(a.issueKey);
  const [pb, nb] = splitKey(b.issueKey);
  return pa === pb ? na - nb : pa < pb ? -1 : 1;
};
function splitKey(key: string): [string, number] {
  const dash = key.lastIndexOf('-');
  return [key.slice(0, dash), Number(key.slice(dash + 1)) || 0];
}

/**
 * Builds the notes: filters by audience, picks each entry's text, groups, and sorts. Groups by
 * type follow the configured order and leave empty groups out; groups by component, label or epic
 * are alphabetical with the "none" group last. An issue with two components or labels appears in
 * each of their groups (as a reader of either group expects); `total` counts issues once.
 */
export function buildReleaseNotes(issues: readonly NoteIssue[], options: NotesOptions): ReleaseNotes {
  const listed = issues.filter((i) => !CONTAINER_TYPES.has(i.issueType.trim().toLowerCase()));
  const audienceSees = options.audience === 'customer' ? listed.filter((i) => !isInternal(i)) : listed;
  // Only what shipped is a change; unfinished work is never counted, and listed only on request.
  const visible = audienceSees.filter((i) => i.statusCategory === 'done');
  const notDone = audienceSees.filter((i) => i.statusCategory !== 'done');
  const groups = new Map<string, { title: string; entries: ReleaseNoteEntry[] }>();
  const add = (key: string, title: string, entry: ReleaseNoteEntry) => {
    const group = groups.get(key) ?? { title, entries: [] };
    group.entries.push(entry);
    groups.set(key, group);
  };
  for (const issue of visible) {
    const entry: ReleaseNoteEntry = { issueId: issue.id, issueKey: issue.key, text: noteText(issue), url: options.issueUrl(issue.key), issueType: issue.issueType };
    for (const [key, title] of groupsOf(issue, options.grouping, options.titles ?? ENGLISH_TITLES)) add(key, title, entry);
  }
  const ordered =
    options.grouping === 'type'
      ? fullTypeOrder(options.typeOrder).filter((g) => groups.has(g)).map((g) => [g, groups.get(g)!] as const)
      : [...groups.entries()].sort(([a, ga], [b, gb]) => (a === '' ? 1 : b === '' ? -1 : ga.title.localeCompare(gb.title)));
  return {
    groups: ordered.map(([key, g]) => ({ key, title: g.title, count: g.entries.length, entries: [...g.entries].sort(byKey) })),
    total: visible.length,
    leftOutInternal: listed.length - audienceSees.length,
    unfinished: options.showUnfinished
      ? notDone.map((issue) => ({ issueId: issue.id, issueKey: issue.key, text: noteText(issue), url: options.issueUrl(issue.key), issueType: issue.issueType })).sort(byKey)
      : [],
    unfinishedCount: notDone.length,
  };
}

function groupsOf(issue: NoteIssue, grouping: Grouping, titles: GroupTitles): Array<[string, string]> {
  switch (grouping) {
    case 'type': {
      const group = typeGroupOf(issue.issueType);
      return [[group, titles.type[group]]];
    }
    case 'component':
      return issue.components.length > 0 ? [...new Set(issue.components)].map((c) => [c, c]) : [['', titles.noComponent]];
    case 'label': {
      const labels = [...new Set(issue.labels.filter((l) => l.toLowerCase() !== INTERNAL_LABEL))];
      return labels.length > 0 ? labels.map((l) => [l, l]) : [['', titles.noLabel]];
    }
    case 'epic':
      return issue.epic ? [[issue.epic.key, `${issue.epic.summary} (${issue.epic.key})`]] : [['', titles.noEpic]];
  }
}

// ---- exports ---------------------------------------------------------------------------------

/** Characters that start or end markup wherever they stand: escapes, code, emphasis, links, HTML, strike-through. */
const MARKDOWN_INLINE = /[\\`*_[\]<~]/g;
/**
 * What opens a block at the start of a list item or heading: a heading, quote, list item, ordered
 * item or rule. A rule needs three dashes, but after a list item's own "- " two make one ("- --").
 */
const MARKDOWN_BLOCK_START = /^(?:#{1,6}(?=[ \t]|$)|>|[-+](?=[ \t]|$)|-(?=(?:[ \t]*-)+[ \t]*$))/;

/**
 * Text safe inside Markdown, and only as escaped as it must be ("PAY 2.2" and "PAY-101" stay as
 * they are). A backslash goes before the characters that start markup anywhere (backslash,
 * backtick, * _ [ ] < ~), before `&` only where it would spell an entity, and at the start of the
 * text before what would open a block there (the text begins a list item or a heading): "# ",
 * ">", "- ", "+ ", "1. ", "1) " or a rule ("--" and more: a list item's bullet makes the third
 * dash). A trailing run of `#` is escaped as well (a heading would drop it as its closing sequence). Line breaks are flattened, leading blanks dropped (they
 * could open a code block), and bidi controls and lone surrogates dealt with by safeText (the file
 * must stay valid UTF-8).
 */
export function markdownText(value: string): string {
  return safeText(value)
    .replace(/[\r\n]+/g, ' ')
    .replace(/^[ \t]+/, '')
    .replace(MARKDOWN_INLINE, '\\$&')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(MARKDOWN_BLOCK_START, '\\$&')
    .replace(/^(\d{1,9})([.)])(?=[ \t]|$)/, '$1\\$2')
    .replace(/(^|[ \t])(#+)([ \t]*)$/, (_all, before: string, hashes: string, after: string) => `${before}${hashes.replace(/#/g, '\\#')}${after}`);
}

/** The export's own words, in the project's language (absent: English): Preflight's catalogue text, written as it is. */
export interface MarkdownWords {
  none: string;
  unfinished: (count: number) => string;
}
const ENGLISH_WORDS: MarkdownWords = { none: 'No changes to list.', unfinished: (count) => `Not yet shipped (${count})` };

/** Release notes as Markdown, for a CHANGELOG file or a GitHub release. */
export function releaseNotesMarkdown(title: string, notes: ReleaseNotes, words: MarkdownWords = ENGLISH_WORDS): string {
  const lines = [`# ${markdownText(title)}`, ''];
  if (notes.groups.length === 0) lines.push(words.none, '');
  for (const group of notes.groups) {
    lines.push(`## ${markdownText(group.title)} (${group.count})`, '');
    for (const e of group.entries) lines.push(`- ${markdownText(e.text)} ([${markdownText(e.issueKey)}](${encodeURI(safeText(e.url))}))`);
    lines.push('');
  }
  if (notes.unfinished.length > 0) {
    lines.push(`## ${words.unfinished(notes.unfinished.length)}`, '');
    for (const e of notes.unfinished) lines.push(`- ${markdownText(e.text)} ([${markdownText(e.issueKey)}](${encodeURI(safeText(e.url))}))`);
    lines.push('');
  }
  return lines.join('\n');
}

/** Release notes as JSON: a stable shape for scripts. */
export function releaseNotesJson(meta: { project: string; version: string; releaseDate?: string; audience: Audience; grouping: Grouping }, notes: ReleaseNotes): string {
  // safeDeep: a script reading this file gets the same safe text the page shows.
  return JSON.stringify(
    safeDeep({
      ...meta,
      total: notes.total,
      groups: notes.groups.map((g) => ({ key: g.key, title: g.title, count: g.count, entries: g.entries.map((e) => ({ key: e.issueKey, text: e.text, type: e.issueType, url: e.url })) })),
      ...(notes.unfinished.length > 0 && { notYetShipped: notes.unfinished.map((e) => ({ key: e.issueKey, text: e.text, type: e.issueType, url: e.url })) }),
    }),
    null,
    2,
  );
}
