import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { blocksText, type Block, type Run } from './document-model';

/**
 * The PDF file of an exported page, written with pdfkit, uncompressed (a test, or a person, can
 * read its text). Text uses the PDF standard fonts (Helvetica, Courier), which cover the Latin
 * script of English, German and French (Windows-1252). Other scripts, Japanese first, need a font
 * file with their glyphs, and this machine may have none and cannot fetch one: the export then
 * uses the first of PREFLIGHT_PDF_FONT and a few usual system CJK fonts that exists, and without
 * one it shows "?" for those characters and says so at the top of the document (the Word export
 * keeps them).
 */

/** Unicode code points Windows-1252 places in 0x80-0x9F (the rest of 0xA0-0xFF is Latin-1). */
const WIN_ANSI_EXTRA = new Set([402, 8211, 8212, 8216, 8217, 8218, 8220, 8221, 8222, 8224, 8225, 8226, 8230, 8364, 8240, 8249, 8250, 710, 8482, 338, 339, 732, 352, 353, 376, 381, 382]);

function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code === 9 || code === 10 || (code >= 32 && code < 127) || (code >= 160 && code <= 255) || WIN_ANSI_EXTRA.has(code);
}

/** Usual places of a font with Japanese glyphs (Debian's fonts-noto-cjk, fonts-ipafont, macOS). */
const WIDE_FONT_CANDIDATES: ReadonlyArray<{ path: string; family?: string }> = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKjp-Regular' },
  { path: '/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf' },
  { path: '/usr/share/fonts/truetype/fonts-japanese-gothic.ttf' },
  { path: '/System/Library/Fonts/Supplemental/Arial Unicode.ttf' },
];

/** The font file for text outside Windows-1252, or undefined when this machine has none. */
export function findWideFont(env: NodeJS.ProcessEnv = process.env): { path: string; family?: string } | undefined {
  const chosen = env.PREFLIGHT_PDF_FONT;
  if (chosen && existsSync(chosen)) return { path: chosen };
  return WIDE_FONT_CANDIDATES.find((c) => existsSync(c.path));
}

/** Said at the top of a PDF whose text needs glyphs no available font has. */
export const MISSING_GLYPHS_NOTE =
  'Some characters of this page cannot be shown in this PDF: no font with them is installed on this machine (set PREFLIGHT_PDF_FONT to a TrueType or OpenType font that has them). The Word export keeps them.';

const SIZES = { title: 22, body: 10.5, code: 9, headings: [18, 15, 13, 12, 11, 11] } as const;
const LINK_COLOUR = '#0c66e4';
const TEXT_COLOUR = '#172b4d';
const INDENT = 18;

interface Fonts {
  wide: boolean;
}

function fontFor(run: Pick<Run, 'bold' | 'italic' | 'code'>): string {
  if (run.code) return 'Courier';
  if (run.bold && run.italic) return 'Helvetica-BoldOblique';
  if (run.bold) return 'Helvetica-Bold';
  if (run.italic) return 'Helvetica-Oblique';
  return 'Helvetica';
}

/** The run's font and text: a standard font where Windows-1252 has every character, else the wide font, else "?" for what is missing. */
function prepare(run: Run, fonts: Fonts): { font: string; text: string } {
  const text = run.lineBreak ? '\n' : run.text;
  if ([...text].every(isWinAnsi)) return { font: fontFor(run), text };
  if (fonts.wide) return { font: 'Wide', text };
  return { font: fontFor(run), text: [...text].map((c) => (isWinAnsi(c) ? c : '?')).join('') };
}

function absolute(link: string, siteUrl: string): string {
  return link.startsWith('/') ? `${siteUrl.replace(/\/$/, '')}${link}` : link;
}

/** Writes runs as one flowing paragraph from (x, current y) within `width`. */
function writeRuns(doc: PDFDocument, runs: Run[], x: number, width: number, size: number, fonts: Fonts, siteUrl: string, base: Partial<Run> = {}): void {
  const visible = runs.filter((r) => r.lineBreak || r.text);
  if (visible.length === 0) {
    doc.font('Helvetica').fontSize(size).text(' ', x, doc.y, { width });
    return;
  }
  visible.forEach((raw, index) => {
    const run = { ...base, ...raw };
    const { font, text } = prepare(run, fonts);
    doc
      .font(font)
      .fontSize(size)
      .fillColor(run.link ? LINK_COLOUR : TEXT_COLOUR);
    const options = {
      width,
      continued: index < visible.length - 1,
      link: run.link ? absolute(run.link, siteUrl) : null,
      underline: Boolean(run.underline || run.link),
      strike: Boolean(run.strike),
    };
    if (index === 0) doc.text(text, x, doc.y, options);
    else doc.text(text, options);
  });
  doc.fillColor(TEXT_COLOUR);
}

function writeTable(doc: PDFDocument, block: Extract<Block, { kind: 'table' }>, fonts: Fonts, siteUrl: string): void {
  const left = doc.page.margins.left;
  const contentWidth = doc.page.width - left - doc.page.margins.right;
  const columns = Math.max(1, ...block.rows.map((r) => r.cells.length));
  const cellWidth = contentWidth / columns;
  const pad = 4;
  const bottom = doc.page.height - doc.page.margins.bottom;
  for (const row of block.rows) {
    const heights = row.cells.map((cell) => {
      doc.font(cell.header ? 'Helvetica-Bold' : 'Helvetica').fontSize(SIZES.body);
      return cell.paragraphs.reduce((sum, p) => sum + doc.heightOfString(prepare({ text: p.map((r) => (r.lineBreak ? '\n' : r.text)).join('') || ' ' }, fonts).text, { width: cellWidth - 2 * pad }), 0);
    });
    const height = Math.max(SIZES.body + 2 * pad, ...heights.map((h) => h + 2 * pad));
    if (doc.y + height > bottom) doc.addPage();
    const top = doc.y;
    row.cells.forEach((cell, index) => {
      const x = left + index * cellWidth;
      doc.strokeColor('#c1c7d0').lineWidth(0.5).rect(x, top, cellWidth, height).stroke();
      doc.y = top + pad;
      for (const paragraph of cell.paragraphs) writeRuns(doc, paragraph, x + pad, cellWidth - 2 * pad, SIZES.body, fonts, siteUrl, cell.header ? { bold: true } : {});
    });
    doc.x = left;
    doc.y = top + height;
  }
  doc.moveDown(0.6);
}

function writeBlock(doc: PDFDocument, block: Block, fonts: Fonts, siteUrl: string): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  switch (block.kind) {
    case 'heading':
      doc.moveDown(0.4);
      writeRuns(doc, block.runs, left, width, SIZES.headings[block.level - 1] ?? SIZES.body, fonts, siteUrl, { bold: true });
      doc.moveDown(0.3);
      return;
    case 'paragraph': {
      if (!block.list) {
        const indent = block.quote ? INDENT : 0;
        writeRuns(doc, block.runs, left + indent, width - indent, SIZES.body, fonts, siteUrl, block.quote ? { italic: true } : {});
        doc.moveDown(0.4);
        return;
      }
      const x = left + INDENT * block.list.depth;
      const top = doc.y;
      if (block.list.marker) doc.font('Helvetica').fontSize(SIZES.body).fillColor(TEXT_COLOUR).text(block.list.marker, x, top, { width: INDENT + 6, lineBreak: false });
      doc.y = top;
      writeRuns(doc, block.runs, x + INDENT + 6, width - (x - left) - INDENT - 6, SIZES.body, fonts, siteUrl);
      doc.moveDown(0.2);
      return;
    }
    case 'code':
      writeRuns(doc, [{ text: block.text, code: true }], left + INDENT / 2, width - INDENT / 2, SIZES.code, fonts, siteUrl);
      doc.moveDown(0.4);
      return;
    case 'rule': {
      const y = doc.y + 4;
      doc.strokeColor('#c1c7d0').lineWidth(1).moveTo(left, y).lineTo(left + width, y).stroke();
      doc.y = y + 8;
      return;
    }
    case 'table':
      writeTable(doc, block, fonts, siteUrl);
      return;
  }
}

/** The PDF bytes of a page: a title and its blocks. `wideFont` overrides the font search (tests). */
export function renderPdf(title: string, blocks: Block[], siteUrl: string, options: { wideFont?: { path: string; family?: string } | null } = {}): Promise<Buffer> {
  const wide = options.wideFont === undefined ? findWideFont() : (options.wideFont ?? undefined);
  const doc = new PDFDocument({ size: 'A4', margin: 56, compress: false, info: { Title: title, Creator: 'Preflight local site' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolveDone, rejectDone) => {
    doc.on('data', (chunk) => chunks.push(chunk));
    doc.on('end', () => resolveDone(Buffer.concat(chunks)));
    doc.on('error', rejectDone);
  });
  if (wide) doc.registerFont('Wide', wide.path, wide.family);
  const fonts: Fonts = { wide: Boolean(wide) };
  const everything = `${title}\n${blocksText(blocks)}`;
  const missing = !wide && ![...everything].every(isWinAnsi);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  writeRuns(doc, [{ text: title, bold: true }], left, width, SIZES.title, fonts, siteUrl);
  doc.moveDown(0.5);
  if (missing) {
    writeRuns(doc, [{ text: MISSING_GLYPHS_NOTE, italic: true }], left, width, SIZES.code, fonts, siteUrl);
    doc.moveDown(0.5);
  }
  for (const block of blocks) writeBlock(doc, block, fonts, siteUrl);
  doc.end();
  return done;
}
