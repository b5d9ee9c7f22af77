import { adfProblems } from '../../src/domain/adf/adf-kit';
import { checklistAdf } from '../../src/domain/adf/checklist-adf';
import { releaseNotesAdf } from '../../src/domain/adf/release-notes-adf';
import { retrospectiveAdf } from '../../src/domain/adf/retrospective-adf';
import { recordPublishedPage } from '../../src/domain/publishing';
import { buildReleaseNotes, markdownText, releaseNotesMarkdown, typeGroupOf, type NoteIssue } from '../../src/domain/release-notes';
import { startRelease } from '../../src/domain/release';
import { retrospectiveFacts, slipDays } from '../../src/domain/retrospective';
import { DEFAULT_TEMPLATE } from '../../src/domain/template';
import type { ReleaseView } from '../../src/shared/release-panel';
import { adfTexts } from '../support/adf-text';

/** Text people type into Jira that must come out as text: HTML, storage XML, ADF-looking JSON, script. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<ac:structured-macro ac:name="html"><ac:plain-text-body><![CDATA[<b>x</b>]]></ac:plain-text-body></ac:structured-macro>',
  '{"type":"doc","version":1,"content":[{"type":"extension"}]}',
  'javascript:alert(1)',
  'line one\nline two\r\n',
  '](javascript:alert(1)) **bold** # heading',
];

const issue = (n: number, extra: Partial<NoteIssue> = {}): NoteIssue => ({ id: String(n), key: `PAY-${n}`, summary: `Summary ${n}`, issueType: 'Story', labels: [], components: [], statusCategory: 'done', ...extra });
const url = (key: string) => `https://example.atlassian.net/browse/${key}`;
const nodeTypes = (node: unknown): string[] => {
  const n = node as { type?: string; content?: unknown[] };
  return [n.type ?? '', ...(n.content ?? []).flatMap(nodeTypes)];
};

describe('release notes rules', () => {
  it.each([
    ['Story', 'features'],
    ['New Feature', 'features'],
    ['Improvement', 'improvements'],
    ['Task', 'improvements'],
    ['Bug', 'fixes'],
    ['Spike', 'other'],
  ])('puts a %s under %s', (type, group) => expect(typeGroupOf(type)).toBe(group));

  it('leaves internal issues out of customer notes only, and prefers the release-note text', () => {
    const issues = [
      issue(1),
      issue(2, { labels: ['Internal'] }),
      issue(3, { notes: { internal: true } }),
      issue(4, { notes: { text: '  Faster checkout  ' } }),
      issue(5, { issueType: 'Epic' }),
    ];
    const customer = buildReleaseNotes(issues, { audience: 'customer', grouping: 'type', issueUrl: url });
    expect(customer.groups.flatMap((g) => g.entries.map((e) => e.issueKey))).toEqual(['PAY-1', 'PAY-4']);
    expect(customer.leftOutInternal).toBe(2);
    expect(customer.groups[0]?.entries[1]).toMatchObject({ text: 'Faster checkout', url: url('PAY-4') });
    const internal = buildReleaseNotes(issues, { audience: 'internal', grouping: 'type', issueUrl: url });
    expect(internal.total).toBe(4);
  });

  it('orders type groups as configured and leaves empty groups out', () => {
    const issues = [issue(1), issue(2, { issueType: 'Bug' }), issue(3, { issueType: 'Spike' })];
    const notes = buildReleaseNotes(issues, { audience: 'internal', grouping: 'type', typeOrder: ['other', 'fixes'], issueUrl: url });
    expect(notes.groups.map((g) => [g.title, g.count])).toEqual([['Other changes', 1], ['Bug fixes', 1], ['New features', 1]]);
  });

  it.each([
    ['component', [issue(1, { components: ['API', 'Web'] }), issue(2)], [['API', 1], ['Web', 1], ['No component', 1]]],
    ['label', [issue(1, { labels: ['perf', 'internal'] }), issue(2)], [['perf', 1], ['No label', 1]]],
    ['epic', [issue(1, { epic: { key: 'PAY-9', summary: 'Wallet' } }), issue(2)], [['Wallet (PAY-9)', 1], ['Not in an epic', 1]]],
  ] as const)('groups by %s, with the none group last', (grouping, issues, expected) => {
    const notes = buildReleaseNotes(issues, { audience: 'internal', grouping, issueUrl: url });
    expect(notes.groups.map((g) => [g.title, g.count])).toEqual(expected);
    expect(notes.total).toBe(2);
  });

  it('sorts entries by key number', () => {
    const notes = buildReleaseNotes([issue(10), issue(9), issue(100)], { audience: 'internal', grouping: 'type', issueUrl: url });
    expect(notes.groups[0]?.entries.map((e) => e.issueKey)).toEqual(['PAY-9', 'PAY-10', 'PAY-100']);
  });

  it.each(HOSTILE)('escapes Markdown in %j', (summary) => {
    const md = releaseNotesMarkdown('Notes', buildReleaseNotes([issue(1, { summary })], { audience: 'internal', grouping: 'type', issueUrl: url }));
    const line = md.split('\n').find((l) => l.startsWith('- '))!;
    expect(line).toContain(markdownText(summary));
    expect(line).not.toMatch(/(?<!\\)<(script|img|ac:)/);
    expect(md.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(1);
  });
});

describe('notes that match what shipped', () => {
  const version = [
    issue(1, { summary: 'Shipped story' }),
    issue(2, { summary: 'Half-built story', statusCategory: 'indeterminate' }),
    issue(3, { summary: 'Not started bug', issueType: 'Bug', statusCategory: 'new' }),
    issue(4, { summary: 'Secret unfinished', statusCategory: 'new', labels: ['internal'] }),
  ];

  it('customer notes count and list only done issues; unfinished ones are left out by default', () => {
    const notes = buildReleaseNotes(version, { audience: 'customer', grouping: 'type', issueUrl: url });
    expect(notes.total).toBe(1);
    expect(notes.groups.flatMap((g) => g.entries.map((e) => e.text))).toEqual(['Shipped story']);
    expect(notes.unfinished).toEqual([]);
    expect(notes.unfinishedCount).toBe(2);
  });

  it('when the writer switches it on, unfinished work gets its own "Not yet shipped" section, never counted as changes', () => {
    const notes = buildReleaseNotes(version, { audience: 'customer', grouping: 'type', issueUrl: url, showUnfinished: true });
    expect(notes.total).toBe(1);
    expect(notes.unfinished.map((e) => e.issueKey)).toEqual(['PAY-2', 'PAY-3']);
    const adf = releaseNotesAdf({ title: 'Release notes: PAY 2.2', versionName: 'PAY 2.2', releaseDate: '2026-02-01', released: false, audience: 'customer' }, notes);
    expect(adfProblems(adf)).toEqual([]);
    const words = adfTexts(adf).join('\n');
    expect(words).toContain('Planned for Feb 1, 2026.');
    expect(words).toContain('1 change in PAY 2.2');
    expect(words).toContain('Not yet shipped (2)');
    expect(releaseNotesMarkdown('Notes', notes)).toContain('## Not yet shipped (2)');
  });

  it('notes published after the release say so instead of "planned"', () => {
    const notes = buildReleaseNotes(version, { audience: 'internal', grouping: 'type', issueUrl: url });
    const words = adfTexts(releaseNotesAdf({ title: 'T', versionName: 'PAY 2.2', releaseDate: '2026-02-01', released: true, audience: 'internal' }, notes)).join('\n');
    expect(words).toContain('Released on Feb 1, 2026.');
    expect(words).not.toContain('Planned');
  });
});

describe('ADF documents', () => {
  const record = startRelease({ versionId: '1', projectKey: 'PAY', releaseType: 'major', phases: DEFAULT_TEMPLATE.major, at: '2026-01-01T09:00:00.000Z' });

  it.each(HOSTILE)('release notes stay valid and keep %j as text', (summary) => {
    const notes = buildReleaseNotes([issue(1, { summary }), issue(2, { notes: { text: summary }, issueType: 'Bug' })], { audience: 'internal', grouping: 'type', issueUrl: url });
    const adf = releaseNotesAdf({ title: `Release notes: ${summary}`, versionName: summary, audience: 'internal' }, notes);
    expect(adfProblems(adf)).toEqual([]);
    expect(adfTexts(adf)).toContain(summary.trim().replace(/[\r\n]+/g, ' '));
    // The only extension is Preflight's own owned block: no text ever becomes a macro.
    expect(nodeTypes(adf).filter((t) => /extension/i.test(t))).toEqual(['bodiedExtension']);
  });

  it('release notes with nothing to list are valid', () => {
    expect(adfProblems(releaseNotesAdf({ title: 'Notes', versionName: '1.0', audience: 'customer' }, { groups: [], total: 0, leftOutInternal: 0, unfinished: [], unfinishedCount: 0 }))).toEqual([]);
  });

  it.each(HOSTILE)('a retrospective stays valid with %j everywhere', (hostile) => {
    const withOverride = { ...record, frozenAt: '2026-01-03T09:00:00.000Z', transitions: [{ from: 'planning', to: 'build-test', by: 'a', at: '2026-01-03T09:00:00.000Z', snapshot: [], override: { reason: hostile, failingGateIds: ['all-done'] } }] };
    const facts = retrospectiveFacts(
      { ...withOverride, checklist: { incidents: { by: 'a', at: '2026-01-09T09:00:00.000Z', link: 'https://status.example.com/x' } } },
      [{ type: 'qa-decision', by: 'q', at: '2026-01-05T09:00:00.000Z', summary: hostile, data: { kind: 'qa-decision', decision: 'rejected', issueKey: 'PAY-1', build: '1.2' } }],
      { inVersion: 10, addedAfterFreeze: ['PAY-7'], removedAfterFreeze: 2, slipped: [{ issueKey: 'PAY-8', to: hostile }] },
      () => hostile,
    );
    expect(facts.scope.atFreeze).toBe(11);
    expect(facts.overrides[0]?.gates).toEqual(['Every issue is done']);
    expect(facts.qaRejections).toHaveLength(1);
    const adf = retrospectiveAdf(hostile, { project: { id: '1', key: 'PAY' }, version: { id: '1', name: hostile, released: true }, ...facts });
    expect(adfProblems(adf)).toEqual([]);
    expect(adfTexts(adf).join('\n')).toContain(hostile.replace(/[\r\n]+/g, ' '));
  });

  it('the checklist export is valid', () => {
    const gate = { gateId: 'x', name: '<b>gate</b>', kind: 'manual' as const, status: 'fail' as const, reason: HOSTILE[0]!, ticked: { by: { accountId: 'a', displayName: HOSTILE[1]! }, at: '2026-01-01T00:00:00Z', link: 'https://x.example.com' } };
    const view = {
      version: { id: '1', name: 'PAY 2.2', released: false },
      currentPhaseId: 'p',
      completed: false,
      issueCounts: { total: 3, done: 1 },
      phases: [{ id: 'p', name: 'Planning', state: 'current', gates: [gate, { ...gate, gateId: 'y', status: 'pass', ticked: undefined }] }, { id: 'q', name: 'Empty', state: 'upcoming', gates: [] }],
    } as unknown as ReleaseView;
    expect(adfProblems(checklistAdf(view))).toEqual([]);
  });
});

describe('retrospective and publishing rules', () => {
  it.each([
    ['2026-01-10', '2026-01-10T23:00:00.000Z', 0],
    ['2026-01-10', '2026-01-11T08:00:00.000Z', 1],
    ['2026-01-10', '2026-01-08T12:00:00.000Z', -2],
  ])('a phase planned to end %s and ending %s slipped %i days', (planned, actual, days) => expect(slipDays(planned, actual)).toBe(days));

  it('remembers a published page and says so in the audit trail', () => {
    const record = startRelease({ versionId: '1', projectKey: 'PAY', releaseType: 'minor', phases: DEFAULT_TEMPLATE.minor, at: '2026-01-01T09:00:00.000Z' });
    const first = recordPublishedPage(record, 'release-notes', { pageId: '5', url: 'https://x/wiki/5', title: 'Release notes: PAY 1' }, 'a', '2026-01-02T09:00:00.000Z');
    expect(first.record.published.releaseNotes).toEqual({ pageId: '5', url: 'https://x/wiki/5', at: '2026-01-02T09:00:00.000Z' });
    expect(first.events[0]?.summary).toBe('Published "Release notes: PAY 1" in Confluence');
    const again = recordPublishedPage(first.record, 'release-notes', { pageId: '5', url: 'https://x/wiki/5', title: 'Release notes: PAY 1' }, 'a', '2026-01-03T09:00:00.000Z');
    expect(again.events[0]?.summary).toMatch(/^Republished/);
    expect(again.record.published.retrospective).toBeUndefined();
  });
});
