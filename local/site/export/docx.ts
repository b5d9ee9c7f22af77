import { Document, ExternalHyperlink, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Block, Run } from './document-model';

/**
 * The Word (.docx) file of an exported page: its title, then its blocks. Word keeps every
 * character (Japanese included): the text is Unicode in the document's XML and Word picks a font
 * that has the glyphs. Links are made absolute against the site, since a document has no base.
 */

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6] as const;

/** Twentieths of a point per list level (about a centimetre). */
const INDENT_STEP = 567;

function absolute(link: string, siteUrl: string): string {
  return link.startsWith('/') ? `${siteUrl.replace(/\/$/, '')}${link}` : link;
}

function textRun(run: Run): TextRun {
  if (run.lineBreak) return new TextRun({ text: '', break: 1 });
  return new TextRun({
    text: run.text,
    ...(run.bold && { bold: true }),
    ...(run.italic && { italics: true }),
    ...(run.strike && { strike: true }),
    ...((run.underline || run.link) && { underline: {} }),
    ...(run.code && { font: 'Courier New' }),
    ...(run.link && { style: 'Hyperlink' }),
  });
}

function runs(list: Run[], siteUrl: string): Array<TextRun | ExternalHyperlink> {
  return list.map((run) => (run.link ? new ExternalHyperlink({ link: absolute(run.link, siteUrl), children: [textRun(run)] }) : textRun(run)));
}

function block(b: Block, siteUrl: string): Array<Paragraph | Table> {
  switch (b.kind) {
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[b.level - 1], children: runs(b.runs, siteUrl) })];
    case 'paragraph': {
      if (!b.list) return [new Paragraph({ children: runs(b.runs, siteUrl), ...(b.quote && { indent: { left: INDENT_STEP } }) })];
      const left = INDENT_STEP * (b.list.depth + 1);
      // The marker is text with a hanging indent: ordered numbers and task boxes stay as written.
      const marker = b.list.marker ? [new TextRun({ text: `${b.list.marker}\t` })] : [];
      return [new Paragraph({ children: [...marker, ...runs(b.runs, siteUrl)], indent: { left, hanging: INDENT_STEP / 2 }, tabStops: [{ type: 'left', position: left }] })];
    }
    case 'code':
      return b.text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, font: 'Courier New' })] }));
    case 'rule':
      return [new Paragraph({ thematicBreak: true, children: [] })];
    case 'table': {
      const rows = b.rows.filter((row) => row.cells.length > 0);
      if (rows.length === 0) return [];
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: rows.map(
            (row, index) =>
              new TableRow({
                tableHeader: index === 0 && row.cells.every((c) => c.header),
                children: row.cells.map(
                  (cell) =>
                    new TableCell({
                      children: (cell.paragraphs.length ? cell.paragraphs : [[]]).map(
                        (paragraph) => new Paragraph({ children: runs(cell.header ? paragraph.map((r) => ({ ...r, bold: true })) : paragraph, siteUrl) }),
                      ),
                    }),
                ),
              }),
          ),
        }),
        // Word joins two adjacent tables into one: an empty paragraph keeps them apart.
        new Paragraph({ children: [] }),
      ];
    }
  }
}

/** The .docx bytes of a page: a title heading and its blocks. */
export async function renderDocx(title: string, blocks: Block[], siteUrl: string): Promise<Buffer> {
  const document = new Document({
    title,
    creator: 'Preflight local site',
    sections: [{ children: [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: title })] }), ...blocks.flatMap((b) => block(b, siteUrl))] }],
  });
  return Packer.toBuffer(document);
}
