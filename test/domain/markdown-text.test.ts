import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { buildReleaseNotes, markdownText, releaseNotesMarkdown, type NoteIssue } from '../../src/domain/release-notes';
import { safeText } from '../../src/domain/safe-text';

/**
 * The Markdown export escapes what would change meaning and nothing else: "PAY 2.2" and "PAY-101"
 * read as typed in the file, and any text, rendered by a CommonMark parser (markdown-it, with
 * GitHub's tables and strike-through) as a list item or a heading, comes out as exactly that text.
 */
const md = new MarkdownIt();
const decode = (html: string) => html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
/** What a reader sees of `text` once it went through the export's escaping: the one-line, safe form. */
const shown = (text: string) => safeText(text).replace(/[\r\n]+/g, ' ').trim();

function renderedItem(text: string): string | undefined {
  const html = md.render(`- ${markdownText(text)}\n`);
  const match = /^<ul>\n<li>([\s\S]*)<\/li>\n<\/ul>\n$/.exec(html);
  return match ? decode(match[1]!) : undefined;
}

function renderedHeading(text: string): string | undefined {
  const match = /^<h1>([\s\S]*)<\/h1>\n$/.exec(md.render(`# ${markdownText(text)}\n`));
  return match ? decode(match[1]!) : undefined;
}

describe('markdownText', () => {
  it.each([
    ['PAY 2.2', 'PAY 2.2'],
    ['PAY-101 fixed (again)!', 'PAY-101 fixed (again)!'],
    ['Release notes: PAY 2.2', 'Release notes: PAY 2.2'],
    ['50% faster {really} | a+b = c', '50% faster {really} | a+b = c'],
    ['# not a heading', '\\# not a heading'],
    ['- not a list', '\\- not a list'],
    ['+ not a list', '\\+ not a list'],
    ['> not a quote', '\\> not a quote'],
    ['1. not a list', '1\\. not a list'],
    ['2) not a list', '2\\) not a list'],
    ['---', '\\---'],
    ['--', '\\--'],
    ['- -', '\\- -'],
    ['*bold* and _it_', '\\*bold\\* and \\_it\\_'],
    ['`code`', '\\`code\\`'],
    ['[x](javascript:1)', '\\[x\\](javascript:1)'],
    ['<script>alert(1)</script>', '\\<script>alert(1)\\</script>'],
    ['C:\\temp', 'C:\\\\temp'],
    ['~~gone~~', '\\~\\~gone\\~\\~'],
    ['Tom &amp; Jerry & co', 'Tom \\&amp; Jerry & co'],
    ['Fix the counter #', 'Fix the counter \\#'],
    ['line one\nline two', 'line one line two'],
  ])('%j is written %j', (text, written) => {
    expect(markdownText(text)).toBe(written);
  });

  it('any text renders back as itself in a list item and in a heading', () => {
    // Characters Markdown cares about, often, among ordinary ones.
    const char = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...'\\`*_[]<>~#-+.!()&;|=:/ 1aA'.split('')) },
      { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 1 }) },
    );
    fc.assert(
      fc.property(fc.array(char, { minLength: 1, maxLength: 24 }).map((chars) => chars.join('')), (raw) => {
        const text = shown(raw);
        // Markdown folds runs of blanks and drops control characters: those are not what this checks.
        fc.pre(text.length > 0 && !/\s{2,}|\s$/.test(text) && [...text].every((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f));
        expect(renderedItem(raw)).toBe(text);
        expect(renderedHeading(raw)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('releaseNotesMarkdown', () => {
  const issue = (n: number, summary: string): NoteIssue => ({ id: String(n), key: `PAY-${n}`, summary, issueType: 'Story', labels: [], components: [], statusCategory: 'done' });

  it('keeps version names and issue keys as typed', () => {
    const notes = buildReleaseNotes([issue(101, 'Faster checkout in PAY 2.2')], { audience: 'customer', grouping: 'type', issueUrl: (key) => `https://example.atlassian.net/browse/${key}` });
    const text = releaseNotesMarkdown('Release notes: PAY 2.2', notes);
    expect(text.split('\n')[0]).toBe('# Release notes: PAY 2.2');
    expect(text).toContain('- Faster checkout in PAY 2.2 ([PAY-101](https://example.atlassian.net/browse/PAY-101))');
  });
});
