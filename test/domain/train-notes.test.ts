import { adfProblems } from '../../src/domain/adf/adf-kit';
import { releaseNotesAdf } from '../../src/domain/adf/release-notes-adf';
import { trainNotesAdf, type TrainNotesMemberPart } from '../../src/domain/adf/train-notes-adf';
import { buildReleaseNotes, type NoteIssue } from '../../src/domain/release-notes';
import { hiddenMembersLine, memberHeading, orderMembers } from '../../src/domain/train-notes';
import { adfTexts } from '../support/adf-text';

/** A train's combined notes: order, headings, the hidden-members line, and one valid ADF document. */

const issue = (key: string, extra: Partial<NoteIssue> = {}): NoteIssue => ({ id: key, key, summary: `Summary of ${key}`, issueType: 'Story', labels: [], components: [], statusCategory: 'done', ...extra });
const notesOf = (issues: NoteIssue[], audience: 'customer' | 'internal' = 'customer') =>
  buildReleaseNotes(issues, { audience, grouping: 'type', showUnfinished: audience === 'internal', issueUrl: (k) => `https://example.atlassian.net/browse/${k}` });
type Node = { type: string; text?: string; attrs?: Record<string, unknown>; content?: Node[] };
const headings = (n: Node): Array<[number, string]> =>
  n.type === 'heading' ? [[n.attrs!.level as number, adfTexts(n).join('')]] : (n.content ?? []).flatMap(headings);

describe('train notes order and headings', () => {
  it('names a member "Project name · KEY version", not repeating a key the version name has', () => {
    expect(memberHeading('Payments', 'PAY', 'PAY 2.2')).toBe('Payments · PAY 2.2');
    expect(memberHeading('Mobile App', 'MOB', '4.2')).toBe('Mobile App · MOB 4.2');
  });

  it('groups members by project, projects in name order, a project\'s versions in number order', () => {
    const m = (projectKey: string, projectName: string, versionName: string) => ({ projectKey, projectName, versionName, notes: null });
    const ordered = orderMembers([m('PAY', 'Payments', 'PAY 2.10'), m('MOB', 'Mobile App', 'MOB 4.2'), m('PAY', 'Payments', 'PAY 2.9'), m('API', 'payments api', '1.0')]);
    expect(ordered.map((o) => o.heading)).toEqual(['Mobile App · MOB 4.2', 'Payments · PAY 2.9', 'Payments · PAY 2.10', 'payments api · API 1.0']);
  });

  it.each([
    [0, undefined],
    [1, '1 member of this train is in a project you cannot see'],
    [3, '3 members of this train are in projects you cannot see'],
  ])('says how many members are hidden (%i)', (hidden, line) => {
    expect(hiddenMembersLine(hidden)).toBe(line);
  });
});

describe('train notes as ADF', () => {
  const pay: TrainNotesMemberPart = {
    heading: 'Payments · PAY 2.2',
    versionName: 'PAY 2.2',
    released: false,
    releaseDate: '2026-12-10',
    notes: notesOf([issue('PAY-1'), issue('PAY-2', { issueType: 'Bug' }), issue('PAY-3', { labels: ['internal'] })]),
  };
  const mob: TrainNotesMemberPart = { heading: 'Mobile App · MOB 4.2', versionName: 'MOB 4.2', released: true, notes: notesOf([issue('MOB-7', { summary: '<script>alert(1)</script>' })]) };
  const heading = { title: 'Release notes: 2026.12', trainName: '2026.12', releaseDate: '2026-12-15', audience: 'customer' as const };

  it('is valid ADF with each member under its heading, holding its own release notes a level down', () => {
    const adf = trainNotesAdf({ ...heading, hiddenLine: hiddenMembersLine(1)! }, [mob, pay]) as unknown as Node;
    expect(adfProblems(adf)).toEqual([]);
    expect(headings(adf)).toEqual([
      [2, 'Release notes: 2026.12'],
      [3, 'Mobile App · MOB 4.2'],
      [4, 'New features (1)'],
      [3, 'Payments · PAY 2.2'],
      [4, 'New features (1)'],
      [4, 'Bug fixes (1)'],
    ]);
    const all = adfTexts(adf);
    expect(all).toContain('1 member of this train is in a project you cannot see.');
    expect(all.join('\n')).toContain('3 changes across 2 releases of 2026.12');
    // Hostile text stays text; the internal issue stays out of customer notes.
    expect(all).toContain('<script>alert(1)</script>');
    expect(all).not.toContain('Summary of PAY-3');
  });

  it('holds the same text as the single release notes of each member', () => {
    const train = adfTexts(trainNotesAdf(heading, [pay]) as unknown as Node);
    const single = adfTexts(releaseNotesAdf({ title: pay.heading, versionName: 'PAY 2.2', released: false, releaseDate: '2026-12-10', audience: 'customer' }, pay.notes) as unknown as Node);
    const from = train.indexOf('Payments · PAY 2.2');
    expect(train.slice(from)).toEqual(single);
  });

  it('says so when the reader sees no member, still one valid block', () => {
    const adf = trainNotesAdf({ ...heading, hiddenLine: hiddenMembersLine(2)! }, []) as unknown as Node;
    expect(adfProblems(adf)).toEqual([]);
    expect(adfTexts(adf)).toEqual(expect.arrayContaining(['2 members of this train are in projects you cannot see.', 'No releases of this train to list.']));
    expect(adf.content).toHaveLength(1);
    expect(adf.content![0]!.type).toBe('bodiedExtension');
  });
});
