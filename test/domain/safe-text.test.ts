import { releaseNotesAdf } from '../../src/domain/adf/release-notes-adf';
import { adfProblems } from '../../src/domain/adf/adf-kit';
import { buildReleaseNotes, markdownText, releaseNotesJson, releaseNotesMarkdown, type NoteIssue } from '../../src/domain/release-notes';
import { safeDeep, safeText } from '../../src/domain/safe-text';
import { publishedPageTitle } from '../../src/shared/macros';
import { BIDI_CONTROLS, HOSTILE_TEXT, wellFormed } from '../fixtures/hostile-text';
import { adfTexts } from '../support/adf-text';

const issue = (n: number, summary: string): NoteIssue => ({ id: String(n), key: `PAY-${n}`, summary, issueType: 'Story', labels: [], components: [], statusCategory: 'done' });
const url = (key: string) => `https://example.atlassian.net/browse/${key}`;
const nodeTypes = (node: unknown): string[] => {
  const n = node as { type?: string; content?: unknown[] };
  return [n.type ?? '', ...(n.content ?? []).flatMap(nodeTypes)];
};
const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ');

describe('safeText', () => {
  it('has a corpus of at least 60 payloads', () => {
    expect(HOSTILE_TEXT.length).toBeGreaterThanOrEqual(60);
  });

  it.each(HOSTILE_TEXT.map((h) => [h.kind, h.name, h] as const))('%s: %s comes out exactly as expected', (_kind, _name, h) => {
    expect(safeText(h.payload)).toBe(h.safe);
  });

  it.each(HOSTILE_TEXT.map((h) => [h.name, h] as const))('%s: the result has no bidi control, is valid UTF-8, and does not change again', (_name, h) => {
    const out = safeText(h.payload);
    expect(out).not.toMatch(BIDI_CONTROLS);
    expect(wellFormed(out)).toBe(true);
    expect(safeText(out)).toBe(out);
  });

  it('keeps every emoji sequence whole, byte for byte', () => {
    const family = '👨‍👩‍👧‍👦';
    expect(safeText(`Shipped ${family}`)).toBe(`Shipped ${family}`);
    expect([...safeText(family)]).toHaveLength(7);
  });

  it('cleans every string in a view model, keys included, and keeps the rest as it is', () => {
    const when = new Date(0);
    const model = { name: 'v\u202E2', list: ['a\uD800', { reason: '\u2067x\u2069' }], count: 3, ok: true, none: null, when, ['k\u202E']: 1 };
    expect(safeDeep(model)).toEqual({ name: 'v2', list: ['a\uFFFD', { reason: 'x' }], count: 3, ok: true, none: null, when, k: 1 });
    expect(model.name).toBe('v\u202E2');
  });

  it('keeps a key named __proto__ as data, never as the prototype', () => {
    const parsed = JSON.parse('{"__proto__":{"polluted":"\u202Eyes"}}') as Record<string, unknown>;
    const out = safeDeep(parsed);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('the corpus through what Preflight publishes', () => {
  it.each(HOSTILE_TEXT.map((h) => [h.name, h] as const))('release notes page: %s stays text, exactly its safe form', (_name, h) => {
    const notes = buildReleaseNotes([issue(1, h.payload)], { audience: 'internal', grouping: 'type', issueUrl: url });
    const title = publishedPageTitle('release-notes', 'PAY', h.payload, 'internal');
    const adf = releaseNotesAdf({ title, versionName: h.payload, audience: 'internal' }, notes);
    expect(adfProblems(adf)).toEqual([]);
    const words = adfTexts(adf);
    // Summaries are trimmed by the notes; the rest of the text is the safe form on one line.
    expect(words).toContain(oneLine(h.safe.trim()));
    expect(words).toContain(`Internal release notes: PAY ${oneLine(h.safe)}`);
    const json = JSON.stringify(adf);
    expect(JSON.parse(json)).toEqual(adf);
    expect(wellFormed(json)).toBe(true);
    expect(json).not.toMatch(BIDI_CONTROLS);
    expect(nodeTypes(adf).filter((t) => /extension|mention|inlineCard/i.test(t))).toEqual(['bodiedExtension']);
  });

  it.each(HOSTILE_TEXT.map((h) => [h.name, h] as const))('Markdown export: %s is escaped safe text in valid UTF-8', (_name, h) => {
    const notes = buildReleaseNotes([issue(1, h.payload)], { audience: 'customer', grouping: 'type', issueUrl: url });
    const md = releaseNotesMarkdown(publishedPageTitle('release-notes', 'PAY', h.payload), notes);
    expect(Buffer.from(md, 'utf8').toString('utf8')).toBe(md);
    expect(md).not.toMatch(BIDI_CONTROLS);
    const lines = md.split('\n');
    expect(lines[0]).toBe(`# ${markdownText(`Release notes: PAY ${h.safe}`)}`);
    expect(lines.filter((l) => l.startsWith('- '))).toEqual([`- ${markdownText(h.safe.trim())} ([PAY-1](https://example.atlassian.net/browse/PAY-1))`]);
  });

  it.each(HOSTILE_TEXT.map((h) => [h.name, h] as const))('JSON export: %s comes back as its safe form', (_name, h) => {
    const notes = buildReleaseNotes([issue(1, h.payload)], { audience: 'customer', grouping: 'type', issueUrl: url });
    const text = releaseNotesJson({ project: 'PAY', version: h.payload, audience: 'customer', grouping: 'type' }, notes);
    expect(wellFormed(text)).toBe(true);
    const parsed = JSON.parse(text) as { version: string; groups: Array<{ entries: Array<{ text: string }> }> };
    expect(parsed.version).toBe(h.safe);
    expect(parsed.groups[0]?.entries[0]?.text).toBe(h.safe.trim());
  });

  it('Markdown export of an override and a markup payload, exactly', () => {
    const notes = buildReleaseNotes([issue(7, 'invoice\u202Egnp.exe <b>now</b> [x](javascript:1)')], { audience: 'customer', grouping: 'type', issueUrl: url });
    expect(releaseNotesMarkdown(publishedPageTitle('release-notes', 'PAY', '2.2\u202E <!channel>'), notes)).toBe(
      [
        '# Release notes: PAY 2.2 \\<!channel>',
        '',
        '## New features (1)',
        '',
        '- invoicegnp.exe \\<b>now\\</b> \\[x\\](javascript:1) ([PAY-7](https://example.atlassian.net/browse/PAY-7))',
        '',
      ].join('\n'),
    );
  });
});
