import { bodiedExtension } from '@atlaskit/adf-utils/builders';
import type { AdfDoc } from './adf-kit';
import { safeText } from '../safe-text';

/**
 * Preflight-owned blocks on a published page, and the merge that re-publishing does.
 *
 * A published page mixes what Preflight generates (facts, notes) with what people write (the
 * retrospective's discussion, a note added anywhere). Preflight's part lives in owned blocks: a
 * Page Properties (`details`) bodied macro whose `id` parameter, and whose ADF `localId`, is a
 * stable `preflight-…` marker. Why that node: a panel cannot hold the retrospective's table; a
 * bodied macro can hold any block, renders its body as it is, and Confluence keeps a macro's
 * parameters through every REST round trip (they are `ac:parameter`s in storage). The localId is
 * a second marker; either one finds the block.
 *
 * Re-publishing replaces each owned block with its fresh version and leaves every other node of
 * the page exactly as it is. It refuses, never overwrites, when a block cannot be found, when a
 * marker appears twice, or when someone wrote inside an owned block (its text no longer matches
 * the fingerprint Preflight stored with it).
 */

export const OWNED_PREFIX = 'preflight-';
const MACRO_TYPE = 'com.atlassian.confluence.macro.core';
const MACRO_KEY = 'details';

/** A loosely typed ADF node: pages come back from Confluence with whatever people put in them. */
export interface AnyNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AnyNode[];
  text?: string;
  marks?: unknown[];
}

type BlockContent = Parameters<ReturnType<typeof bodiedExtension>>[number];

/**
 * A fingerprint of a block's text and structure (node types and text only), so attribute churn a
 * round trip may add (localIds on paragraphs, reordered keys) does not read as a human edit.
 * FNV-1a over the walk; change detection, not security.
 */
export function fingerprint(nodes: readonly AnyNode[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const feed = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
    }
  };
  const walk = (node: AnyNode) => {
    feed(`<${node.type}`);
    if (node.text !== undefined) feed(`:${node.text}`);
    for (const child of node.content ?? []) walk(child);
    feed('>');
  };
  nodes.forEach(walk);
  return `${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`;
}

/** An owned block with its marker and the fingerprint of what Preflight put in it. */
export function ownedBlock(id: string, title: string, ...content: BlockContent[]) {
  const marker = `${OWNED_PREFIX}${id}`;
  return bodiedExtension({
    extensionType: MACRO_TYPE,
    extensionKey: MACRO_KEY,
    localId: marker,
    // The block's title shows in Confluence's editor chrome: no bidi control may reorder it.
    text: safeText(title),
    parameters: {
      macroParams: { id: { value: marker }, preflightFingerprint: { value: fingerprint(content as unknown as AnyNode[]) } },
      macroMetadata: { title: 'Page Properties' },
    },
  })(...content);
}

function param(node: AnyNode, name: string): string | undefined {
  const params = node.attrs?.['parameters'] as { macroParams?: Record<string, { value?: unknown } | undefined> } | undefined;
  const value = params?.macroParams?.[name]?.value;
  return typeof value === 'string' ? value : undefined;
}

/** The owned block's marker, when the node is one (by its macro id, else its localId). */
export function ownedIdOf(node: AnyNode): string | undefined {
  if (node.type !== 'bodiedExtension' && node.type !== 'extension') return undefined;
  const byParam = param(node, 'id');
  if (byParam?.startsWith(OWNED_PREFIX)) return byParam;
  const local = node.attrs?.['localId'];
  return typeof local === 'string' && local.startsWith(OWNED_PREFIX) ? local : undefined;
}

/** Every owned block's marker in the document, at any depth (a person may move one into a layout). */
export function ownedIds(doc: AnyNode): string[] {
  const ids: string[] = [];
  const walk = (node: AnyNode) => {
    const id = ownedIdOf(node);
    if (id) ids.push(id);
    else node.content?.forEach(walk);
  };
  walk(doc);
  return ids;
}

export type MergeOutcome =
  | { ok: true; adf: AdfDoc; replaced: string[] }
  | { ok: false; reason: 'not-a-preflight-page' | 'blocks-missing' | 'blocks-duplicated' | 'blocks-edited'; blocks: string[]; message: string };

/** The block names people know, for messages ("preflight-retro-facts" → "retro facts"). */
const nameOf = (marker: string) => marker.slice(OWNED_PREFIX.length).replace(/-/g, ' ');

/**
 * Re-publishing: `fresh` is the whole document Preflight would publish on a new page; `page` is
 * the page as it is now. Each owned block of `fresh` replaces the block with the same marker on
 * the page, wherever it is; everything else on the page stays, and the rest of `fresh` (the empty
 * sections a new page starts with) is not added again.
 */
export function mergeOwnedBlocks(page: unknown, fresh: AdfDoc): MergeOutcome {
  const current = page as AnyNode;
  const freshBlocks = new Map<string, AnyNode>();
  for (const node of (fresh as unknown as AnyNode).content ?? []) {
    const id = ownedIdOf(node);
    if (id) freshBlocks.set(id, node);
  }
  const onPage = current && typeof current === 'object' && current.type === 'doc' ? ownedIds(current) : [];
  if (onPage.length === 0) {
    return {
      ok: false,
      reason: 'not-a-preflight-page',
      blocks: [...freshBlocks.keys()],
      message: "The page has none of Preflight's blocks (someone restructured it, or it was written by hand). Preflight did not change it.",
    };
  }
  const twice = [...new Set(onPage.filter((id, i) => onPage.indexOf(id) !== i))];
  if (twice.length > 0) {
    return { ok: false, reason: 'blocks-duplicated', blocks: twice, message: `Preflight's ${twice.map(nameOf).join(', ')} block appears more than once on the page, so Preflight cannot tell which to update. Preflight did not change it.` };
  }
  const missing = [...freshBlocks.keys()].filter((id) => !onPage.includes(id));
  if (missing.length > 0) {
    return { ok: false, reason: 'blocks-missing', blocks: missing, message: `Preflight's ${missing.map(nameOf).join(', ')} block is no longer on the page (someone removed or restructured it). Preflight did not change it.` };
  }
  const edited: string[] = [];
  const replaced: string[] = [];
  const rebuild = (node: AnyNode): AnyNode => {
    const id = ownedIdOf(node);
    if (id) {
      const replacement = freshBlocks.get(id);
      // A block Preflight no longer generates stays as it is: it may hold something someone needs.
      if (!replacement) return node;
      const stored = param(node, 'preflightFingerprint');
      if (stored !== undefined && stored !== fingerprint(node.content ?? [])) edited.push(id);
      replaced.push(id);
      return replacement;
    }
    return node.content ? { ...node, content: node.content.map(rebuild) } : node;
  };
  const merged = rebuild(current);
  if (edited.length > 0) {
    return {
      ok: false,
      reason: 'blocks-edited',
      blocks: edited,
      message: `Someone wrote inside Preflight's ${edited.map(nameOf).join(', ')} block on the page; publishing would replace their text. Move it outside the block, or publish a new page beside it. Preflight did not change the page.`,
    };
  }
  return { ok: true, adf: merged as unknown as AdfDoc, replaced };
}
