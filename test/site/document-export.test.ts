import type { AdfNode } from '../../local/site/adf';
import { adfToBlocks, blocksText, type Block } from '../../local/site/export/document-model';
import { renderDocx } from '../../local/site/export/docx';
import { MISSING_GLYPHS_NOTE, renderPdf } from '../../local/site/export/pdf';
import { attachmentDisposition, exportEvent } from '../../local/site/export/page-export';
import type { ManifestModule } from '../../local/site/manifest';
import { docxParagraphs, pdfTexts, unzip } from './document-text';

/**
 * The local Confluence's Word/PDF export: ADF (the page's own and what each macro's adfExport
 * returns) flattened into blocks, then written as .docx and .pdf. Asserted on what a reader of
 * the downloaded file sees: its paragraphs and their order, list markers, table cells, lozenges.
 */

const text = (value: string, marks?: AdfNode['marks']): AdfNode => ({ type: 'text', text: value, ...(marks && { marks }) });
const p = (...content: AdfNode[]): AdfNode => ({ type: 'paragraph', content });
const li = (...content: AdfNode[]): AdfNode => ({ type: 'listItem', content });
const cell = (type: 'tableHeader' | 'tableCell', ...content: AdfNode[]): AdfNode => ({ type, content: [p(...content)] });
const doc = (...content: AdfNode[]): AdfNode => ({ type: 'doc', content });

const CHECKLIST = doc(
  { type: 'heading', attrs: { level: 2 }, content: [text('Release checklist: PAY 2.2')] },
  p(text('Current phase: '), text('Planning', [{ type: 'strong' }]), { type: 'hardBreak' }, text('14 of 37 issues done.')),
  { type: 'bulletList', content: [li(p({ type: 'status', attrs: { text: 'PASS', color: 'green' } }, text(' Version has issues')), { type: 'orderedList', attrs: { order: 3 }, content: [li(p(text('nested three'))), li(p(text('nested four')))] })] },
  { type: 'taskList', content: [{ type: 'taskItem', attrs: { state: 'DONE' }, content: [text('Rollback plan')] }, { type: 'taskItem', attrs: { state: 'TODO' }, content: [text('Stakeholders notified')] }] },
  {
    type: 'table',
    content: [
      { type: 'tableRow', content: [cell('tableHeader', text('Gate')), cell('tableHeader', text('Status'))] },
      { type: 'tableRow', content: [cell('tableCell', text('QA approved'), text(' PAY-101', [{ type: 'link', attrs: { href: '/browse/PAY-101' } }])), cell('tableCell', { type: 'status', attrs: { text: 'FAIL' } })] },
    ],
  },
  p(text('unsafe', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]), text(' and '), text('code', [{ type: 'code' }])),
  { type: 'panel', attrs: { panelType: 'note' }, content: [p(text('Inside a panel'))] },
  { type: 'layoutSection', content: [{ type: 'layoutColumn', content: [p(text('Inside a layout'))] }] },
  { type: 'rule' },
  { type: 'codeBlock', content: [text('npm run preflight -- --version "PAY 2.2"')] },
);

describe('ADF to blocks', () => {
  const blocks = adfToBlocks(CHECKLIST);

  test('keeps every text in reading order: headings, marks, line breaks, lists with their markers and depth, tasks, tables, lozenges as bracketed text', () => {
    expect(blocksText(blocks).split('\n')).toEqual([
      'Release checklist: PAY 2.2',
      'Current phase: Planning',
      '14 of 37 issues done.',
      '• [PASS] Version has issues',
      '  3. nested three',
      '  4. nested four',
      '[x] Rollback plan',
      '[ ] Stakeholders notified',
      'Gate | Status',
      'QA approved PAY-101 | [FAIL]',
      'unsafe and code',
      'Inside a panel',
      'Inside a layout',
      '---',
      'npm run preflight -- --version "PAY 2.2"',
    ]);
  });

  test('marks become run styles; only http(s) and site-relative links survive', () => {
    const paragraph = blocks[1] as Extract<Block, { kind: 'paragraph' }>;
    expect(paragraph.runs.find((r) => r.text === 'Planning')).toEqual({ text: 'Planning', bold: true });
    const table = blocks.find((b) => b.kind === 'table') as Extract<Block, { kind: 'table' }>;
    expect(table.rows[0]!.cells.every((c) => c.header)).toBe(true);
    expect(table.rows[1]!.cells[0]!.paragraphs[0]).toContainEqual({ text: ' PAY-101', link: '/browse/PAY-101' });
    const unsafe = blocks.find((b) => b.kind === 'paragraph' && b.runs[0]?.text === 'unsafe') as Extract<Block, { kind: 'paragraph' }>;
    expect(unsafe.runs[0]).toEqual({ text: 'unsafe' });
    expect(unsafe.runs[2]).toEqual({ text: 'code', code: true });
  });

  test('an extension renders what the export callback gives it; without one a bodied macro shows its body and others nothing', () => {
    const page = doc(
      p(text('Before')),
      { type: 'extension', attrs: { extensionKey: 'app/env/static/preflight-checklist-macro' } },
      { type: 'bodiedExtension', attrs: { extensionKey: 'details' }, content: [p(text('Page properties body'))] },
      { type: 'extension', attrs: { extensionKey: 'someone-elses-macro' } },
    );
    const replaced = adfToBlocks(page, (node) => (String(node.attrs?.extensionKey).endsWith('preflight-checklist-macro') ? adfToBlocks(doc(p(text('Exported checklist')))) : undefined));
    expect(blocksText(replaced).split('\n')).toEqual(['Before', 'Exported checklist', 'Page properties body']);
    expect(adfToBlocks('not a document')).toEqual([]);
  });
});

describe('the Word file', () => {
  test('is a .docx whose paragraphs are the title and the blocks, Japanese kept, links absolute', async () => {
    const blocks = adfToBlocks(doc(...(CHECKLIST.content ?? []), p(text('リリースノート: 決済 2.2'))));
    const file = await renderDocx('Release room', blocks, 'http://localhost:4000');
    const files = unzip(file);
    expect([...files.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']));
    const paragraphs = docxParagraphs(file);
    expect(paragraphs.slice(0, 4)).toEqual(['Release room', 'Release checklist: PAY 2.2', 'Current phase: Planning14 of 37 issues done.', '• [PASS] Version has issues']);
    expect(paragraphs).toEqual(expect.arrayContaining(['3. nested three', '[x] Rollback plan', 'Gate', 'Status', 'QA approved PAY-101', '[FAIL]', 'リリースノート: 決済 2.2']));
    expect(files.get('word/_rels/document.xml.rels')?.toString('utf8')).toContain('Target="http://localhost:4000/browse/PAY-101"');
  });
});

describe('the PDF file', () => {
  test('is a PDF whose text is the title and the blocks (standard fonts, uncompressed)', async () => {
    const file = await renderPdf('Release room', adfToBlocks(CHECKLIST), 'http://localhost:4000', { wideFont: null });
    expect(file.subarray(0, 5).toString()).toBe('%PDF-');
    expect(file.toString('latin1')).toMatch(/%%EOF\s*$/);
    const texts = pdfTexts(file);
    expect(texts[0]).toBe('Release room');
    for (const expected of ['Release checklist: PAY 2.2', '[PASS]', 'nested three', 'Gate', '[FAIL]', 'Inside a layout']) expect(texts.join(' ')).toContain(expected);
    expect(texts.join(' ')).not.toContain(MISSING_GLYPHS_NOTE.slice(0, 30));
    // The link is a real link annotation to the absolute address.
    expect(file.toString('latin1')).toContain('(http://localhost:4000/browse/PAY-101)');
  });

  test('without a font for Japanese, says so at the top and shows "?" instead of broken glyphs, never failing the file', async () => {
    const file = await renderPdf('リリース室', adfToBlocks(doc(p(text('Notes: 決済')))), 'http://localhost:4000', { wideFont: null });
    const texts = pdfTexts(file).join(' ');
    expect(texts).toContain('?????');
    expect(texts.replace(/\s+/g, ' ')).toContain('Some characters of this page cannot be shown in this PDF');
    expect(texts).toContain('Notes: ??');
  });
});

describe('the download and the event Confluence sends', () => {
  test('Content-Disposition names the file after the page, with the exact UTF-8 name beside an ASCII fallback', () => {
    expect(attachmentDisposition('Release room.docx')).toBe(`attachment; filename="Release room.docx"; filename*=UTF-8''Release%20room.docx`);
    expect(attachmentDisposition('リリース "室"/a.pdf')).toBe(`attachment; filename="____ ____a.pdf"; filename*=UTF-8''${encodeURIComponent('リリース _室__a.pdf')}`);
  });

  test('Word sends the config in context.config, PDF in extensionPayload.config; both carry the macro extension and export type', () => {
    const module: ManifestModule = { type: 'macro', key: 'preflight-checklist-macro', title: 'Checklist', hasConfig: true, adfExportFunction: 'checklist-export' };
    const base = { config: { projectKey: 'PAY', versionId: '10004' }, localId: 'm-1', module, pageId: '98309', space: { id: '98305', key: 'REL' }, siteUrl: 'http://localhost:4000' };
    const word = exportEvent({ ...base, format: 'word' });
    expect(word).toEqual({
      exportType: 'word',
      context: {
        siteUrl: 'http://localhost:4000',
        moduleKey: 'preflight-checklist-macro',
        localId: 'm-1',
        config: base.config,
        extension: { type: 'macro', content: { id: '98309', type: 'page' }, space: { id: '98305', key: 'REL' }, config: base.config },
      },
    });
    const pdf = exportEvent({ ...base, format: 'pdf' });
    expect(pdf.exportType).toBe('pdf');
    expect(pdf.extensionPayload).toEqual({ config: base.config, macroId: 'm-1' });
    expect((pdf.context as Record<string, unknown>).config).toBeUndefined();
  });
});
