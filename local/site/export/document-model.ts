import type { AdfNode } from '../adf';

/**
 * Atlassian Document Format flattened into the few shapes a Word or PDF page needs: headings,
 * paragraphs (list items are paragraphs with a marker and a depth), code, rules and tables of
 * text runs. Both writers (docx.ts, pdf.ts) render this model, so what a document shows is
 * decided once, here, and unit-tested without opening a file. Unknown node types keep their
 * text (their children are walked), as the HTML view does; nothing is ever markup.
 */

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  strike?: boolean;
  underline?: boolean;
  /** http(s) or site-relative address of a link mark, inline card or block card. */
  link?: string;
  /** A line break inside the paragraph (ADF hardBreak); `text` is empty. */
  lineBreak?: boolean;
}

export interface ListMarker {
  /** `•` for a bullet, `3.` for an ordered item, `[x]`/`[ ]` for a task. */
  marker: string;
  /** 0 for a top-level list, 1 for a list inside an item, ... */
  depth: number;
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; runs: Run[] }
  | { kind: 'paragraph'; runs: Run[]; list?: ListMarker; quote?: boolean }
  | { kind: 'code'; text: string }
  | { kind: 'rule' }
  | { kind: 'table'; rows: TableRowModel[] };

export interface TableRowModel {
  /** Each cell's paragraphs, each a list of runs. */
  cells: Array<{ header: boolean; paragraphs: Run[][] }>;
}

function isNode(value: unknown): value is AdfNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function children(node: AdfNode): AdfNode[] {
  return (node.content ?? []).filter(isNode);
}

/** Only http(s) and site-relative links are kept (as the HTML view keeps them). */
export function safeLink(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return /^https?:\/\//i.test(value) || (value.startsWith('/') && !value.startsWith('//')) ? value : undefined;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

/** The inline content of a node as runs: text with its marks, and inline nodes as their text. */
export function inlineRuns(node: AdfNode): Run[] {
  switch (node.type) {
    case 'text': {
      const run: Run = { text: node.text ?? '' };
      for (const mark of node.marks ?? []) {
        if (mark.type === 'strong') run.bold = true;
        else if (mark.type === 'em') run.italic = true;
        else if (mark.type === 'code') run.code = true;
        else if (mark.type === 'strike') run.strike = true;
        else if (mark.type === 'underline') run.underline = true;
        else if (mark.type === 'link') {
          const href = safeLink(mark.attrs?.href);
          if (href) run.link = href;
        }
      }
      return run.text ? [run] : [];
    }
    case 'hardBreak':
      return [{ text: '', lineBreak: true }];
    // A status lozenge is its text, bracketed and bold, so it still stands out on paper.
    case 'status': {
      const text = str(node.attrs?.text);
      return text ? [{ text: `[${text}]`, bold: true }] : [];
    }
    case 'mention': {
      const text = str(node.attrs?.text);
      return text ? [{ text }] : [];
    }
    case 'emoji': {
      const text = str(node.attrs?.text) || str(node.attrs?.shortName);
      return text ? [{ text }] : [];
    }
    case 'date': {
      const timestamp = Number(node.attrs?.timestamp);
      return Number.isFinite(timestamp) ? [{ text: new Date(timestamp).toISOString().slice(0, 10) }] : [];
    }
    case 'inlineCard':
    case 'blockCard': {
      const href = safeLink(node.attrs?.url);
      return href ? [{ text: href, link: href }] : [];
    }
    default:
      return children(node).flatMap(inlineRuns);
  }
}

const INLINE_TYPES = new Set(['text', 'hardBreak', 'status', 'mention', 'emoji', 'date', 'inlineCard', 'inlineExtension']);

interface WalkState {
  depth: number;
  quote: boolean;
}

/**
 * The blocks of a document (or of any node). `extension` turns an extension node into blocks of
 * its own (the page export puts a macro's exported document there); without it an extension shows
 * a bodied macro's body, else nothing.
 */
export function adfToBlocks(doc: unknown, extension?: (node: AdfNode) => Block[] | undefined): Block[] {
  if (!isNode(doc)) return [];
  return walk(doc, { depth: 0, quote: false }, extension);
}

function walk(node: AdfNode, state: WalkState, extension: ((node: AdfNode) => Block[] | undefined) | undefined): Block[] {
  const inner = (n: AdfNode, s: WalkState = state) => walk(n, s, extension);
  switch (node.type) {
    case 'paragraph': {
      const runs = children(node).flatMap(inlineRuns);
      return [{ kind: 'paragraph', runs, ...(state.quote && { quote: true }) }];
    }
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level) || 2)) as 1 | 2 | 3 | 4 | 5 | 6;
      return [{ kind: 'heading', level, runs: children(node).flatMap(inlineRuns) }];
    }
    case 'bulletList':
    case 'orderedList':
    case 'taskList': {
      const start = Number(node.attrs?.order) || 1;
      return children(node).flatMap((item, index) => {
        const marker =
          node.type === 'bulletList' ? '•' : node.type === 'orderedList' ? `${start + index}.` : item.attrs?.state === 'DONE' ? '[x]' : '[ ]';
        return listItem(item, marker, state, extension);
      });
    }
    case 'codeBlock':
      return [{ kind: 'code', text: children(node).map((c) => c.text ?? '').join('') }];
    case 'blockquote':
      return children(node).flatMap((c) => inner(c, { ...state, quote: true }));
    case 'rule':
      return [{ kind: 'rule' }];
    case 'expand':
    case 'nestedExpand': {
      const title = str(node.attrs?.title);
      return [...(title ? [{ kind: 'paragraph' as const, runs: [{ text: title, bold: true }] }] : []), ...children(node).flatMap((c) => inner(c))];
    }
    case 'table':
      return [
        {
          kind: 'table',
          rows: children(node).map((row) => ({
            cells: children(row).map((cell) => ({
              header: cell.type === 'tableHeader',
              paragraphs: blocksAsParagraphs(children(cell).flatMap((c) => inner(c, { depth: 0, quote: false }))),
            })),
          })),
        },
      ];
    case 'mediaSingle':
    case 'mediaGroup':
    case 'media':
      return [];
    case 'extension':
    case 'bodiedExtension':
    case 'inlineExtension': {
      const own = extension?.(node);
      if (own) return own;
      return node.type === 'bodiedExtension' ? children(node).flatMap((c) => inner(c)) : [];
    }
    default: {
      // A container we do not know (doc, panel, layoutSection, ...): its blocks, and any loose
      // inline content gathered into a paragraph so its text is not lost.
      const out: Block[] = [];
      let loose: Run[] = [];
      for (const child of children(node)) {
        if (INLINE_TYPES.has(child.type)) {
          loose.push(...inlineRuns(child));
          continue;
        }
        if (loose.length) out.push({ kind: 'paragraph', runs: loose });
        loose = [];
        out.push(...inner(child));
      }
      if (loose.length) out.push({ kind: 'paragraph', runs: loose });
      return out;
    }
  }
}

/** A list item: its first paragraph carries the marker, later ones and nested lists go one deeper. */
function listItem(item: AdfNode, marker: string, state: WalkState, extension: ((node: AdfNode) => Block[] | undefined) | undefined): Block[] {
  const out: Block[] = [];
  let marked = false;
  // A task item holds its text directly; a list item holds paragraphs.
  const parts = item.type === 'taskItem' ? [{ type: 'paragraph', content: item.content } as AdfNode] : children(item);
  for (const part of parts) {
    const nested = part.type === 'bulletList' || part.type === 'orderedList' || part.type === 'taskList';
    const blocks = walk(part, { ...state, depth: nested ? state.depth + 1 : state.depth }, extension);
    for (const block of blocks) {
      if (block.kind === 'paragraph' && !block.list) {
        out.push({ ...block, list: { marker: marked ? '' : marker, depth: state.depth } });
        marked = true;
      } else {
        out.push(block);
      }
    }
  }
  if (!marked) out.unshift({ kind: 'paragraph', runs: [], list: { marker, depth: state.depth } });
  return out;
}

/** A table cell's content as paragraphs of runs (a list keeps its marker as text). */
function blocksAsParagraphs(blocks: Block[]): Run[][] {
  return blocks.flatMap((block): Run[][] => {
    if (block.kind === 'paragraph') return [block.list?.marker ? [{ text: `${block.list.marker} ` }, ...block.runs] : block.runs];
    if (block.kind === 'heading') return [block.runs.map((r) => ({ ...r, bold: true }))];
    if (block.kind === 'code') return [[{ text: block.text, code: true }]];
    if (block.kind === 'table') return block.rows.map((row) => row.cells.flatMap((cell) => cell.paragraphs.flat()));
    return [];
  });
}

/** All the text of a list of blocks, one line per paragraph or table row (for tests and logs). */
export function blocksText(blocks: Block[]): string {
  const runsText = (runs: Run[]) => runs.map((r) => (r.lineBreak ? '\n' : r.text)).join('');
  return blocks
    .map((block) => {
      if (block.kind === 'heading') return runsText(block.runs);
      if (block.kind === 'paragraph') return `${'  '.repeat(block.list?.depth ?? 0)}${block.list?.marker ? `${block.list.marker} ` : ''}${runsText(block.runs)}`;
      if (block.kind === 'code') return block.text;
      if (block.kind === 'rule') return '---';
      return block.rows.map((row) => row.cells.map((cell) => cell.paragraphs.map(runsText).join(' ')).join(' | ')).join('\n');
    })
    .join('\n');
}
