import { inflateRawSync } from 'node:zlib';

/**
 * Reading exported documents back in tests: the text of a .docx (its word/document.xml, unzipped
 * with node:zlib) and of an uncompressed PDF written with the standard fonts (pdfkit's hex
 * strings in TJ arrays, Windows-1252). Not general readers: just enough for what the site writes.
 */

/** The files of a zip archive (stored or deflated entries), by name. */
export function unzip(archive: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  // The end of central directory record: signature 0x06054b50, within the last 64 KiB.
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip archive');
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error('broken zip central directory');
    const method = archive.readUInt16LE(at + 10);
    const compressedSize = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const localHeader = archive.readUInt32LE(at + 42);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataStart = localHeader + 30 + archive.readUInt16LE(localHeader + 26) + archive.readUInt16LE(localHeader + 28);
    const data = archive.subarray(dataStart, dataStart + compressedSize);
    files.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The paragraphs of a .docx, each its runs' text joined (tabs, written or as <w:tab/>, as spaces). */
export function docxParagraphs(docx: Buffer): string[] {
  const xml = unzip(docx).get('word/document.xml')?.toString('utf8');
  if (!xml) throw new Error('no word/document.xml in the .docx');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)]
      .map((m) => (m[1] === undefined ? ' ' : m[1].replace(/&(\w+);/g, (_, e: string) => XML_ENTITIES[e] ?? `&${e};`)))
      .join('')
      .replace(/\t/g, ' '),
  );
}

const WIN_ANSI_HIGH: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž',
  0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

/**
 * The text of an uncompressed PDF's standard-font text operations, one entry per TJ (a line or a run).
 * A TJ array holds hex strings and numbers, never brackets: `[^[\]]*` reads it in linear time (a
 * nested quantifier over numbers backtracked for minutes on every other bracketed PDF array).
 */
export function pdfTexts(pdf: Buffer): string[] {
  const source = pdf.toString('latin1');
  if (!source.startsWith('%PDF-')) throw new Error('not a PDF');
  return [...source.matchAll(/\[([^[\]]*)\] TJ/g)].map((m) =>
    [...m[1]!.matchAll(/<([0-9a-fA-F]*)>/g)]
      .map((h) => (h[1]!.match(/../g) ?? []).map((byte) => {
        const code = parseInt(byte, 16);
        return WIN_ANSI_HIGH[code] ?? String.fromCharCode(code);
      }).join(''))
      .join(''),
  );
}
