/**
 * What a reader sees in an ADF document, for tests that check generated pages and exports: every
 * text node's text in document order, and blocks of a type (paragraphs, headings) as one line each.
 */
interface AdfNode {
  type?: string;
  text?: string;
  content?: unknown[];
}

/** Every text node's text, in document order. */
export function adfTexts(node: unknown): string[] {
  const n = node as AdfNode;
  return [...(n.type === 'text' && n.text ? [n.text] : []), ...(n.content ?? []).flatMap(adfTexts)];
}

/** Each block of `type` (outermost first, not looked into) as the line a reader sees. */
export function adfBlocks(node: unknown, type: 'paragraph' | 'heading'): string[] {
  const n = node as AdfNode;
  return n.type === type ? [adfTexts(n).join('')] : (n.content ?? []).flatMap((child) => adfBlocks(child, type));
}
