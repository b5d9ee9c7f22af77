import type { AdfNode } from '../adf';
import type { AppManifest, ManifestModule } from '../manifest';
import { moduleTitle } from '../manifest';
import { ProductClient } from '../product-client';
import { getPage, listSpaces } from '../product-reads';
import type { MacroConfigStore } from '../server';
import { macroModuleFor, macroPlacement } from '../site-routes';
import type { SimHandler } from '../../sim/http-types';
import { adfToBlocks, type Block } from './document-model';
import { renderDocx } from './docx';
import { renderPdf } from './pdf';

/**
 * Confluence's "Export to Word" and "Export to PDF" of a page, on the local site. As Confluence
 * does, every Forge macro on the page is asked for a static version of itself: the function the
 * manifest names as the macro's `adfExport` runs with the macro's configuration, the exporting
 * person's account and the export type, and the ADF it returns stands where the macro was. The
 * page's own content comes with it, read as that person (so a page they cannot see is not found).
 */

export type ExportFormat = 'word' | 'pdf';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['word', 'pdf'];

/** One adfExport call: the function, and the event and person Confluence would give it. */
export interface MacroExportCall {
  module: ManifestModule;
  /** The manifest function the macro names as `adfExport`. */
  functionName: string;
  accountId: string;
  /** What Forge passes the function as its first argument. */
  event: Record<string, unknown>;
}

/** Runs a macro's adfExport function as Forge does; resolves with what it returned. */
export type MacroExportRunner = (call: MacroExportCall) => Promise<unknown>;

export interface PageExportRequest {
  pageId: string;
  format: ExportFormat;
  accountId: string;
  /** The exporting person's Forge locale tag (the user menu's language). */
  locale: string;
  siteUrl: string;
  manifest: AppManifest;
  products: SimHandler;
  macroConfigs: MacroConfigStore;
  runMacroExport: MacroExportRunner;
}

export interface ExportedFile {
  /** The page title with the format's extension. */
  filename: string;
  contentType: string;
  body: Buffer;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  word: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};
const EXTENSIONS: Record<ExportFormat, string> = { word: 'docx', pdf: 'pdf' };

function isNode(value: unknown): value is AdfNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Every extension node of a document, in order (a macro may sit inside a table or a layout). */
function extensionNodes(node: AdfNode): AdfNode[] {
  const own = node.type === 'extension' || node.type === 'bodiedExtension' || node.type === 'inlineExtension' ? [node] : [];
  return [...own, ...(node.content ?? []).filter(isNode).flatMap(extensionNodes)];
}

const sentence = (text: string): Block[] => [{ kind: 'paragraph', runs: [{ text, italic: true }] }];

/**
 * The Forge event of an adfExport call. Where the saved config sits differs by export type (PDF
 * sends `extensionPayload.config`, Word `context.config`), and both carry the macro's extension
 * context, so the app reads it the way it must on Confluence. No `locale`: Atlassian's docs name
 * none for this event (assumed absent, so the emulator is not kinder than Confluence); the app
 * words its export notes in English then, and a locale if Confluence ever sends one.
 */
export function exportEvent(args: { format: ExportFormat; config: unknown; localId: string; module: ManifestModule; pageId: string; space: { id: string; key: string }; siteUrl: string }): Record<string, unknown> {
  const extension = { type: 'macro', content: { id: args.pageId, type: 'page' }, space: args.space, ...(args.config !== undefined && { config: args.config }) };
  const context = {
    siteUrl: args.siteUrl,
    moduleKey: args.module.key,
    localId: args.localId,
    extension,
    ...(args.format === 'word' && args.config !== undefined && { config: args.config }),
  };
  return {
    exportType: args.format,
    ...(args.format === 'pdf' && { extensionPayload: { ...(args.config !== undefined && { config: args.config }), macroId: args.localId } }),
    context,
  };
}

/** What one macro contributes to the document: its exported ADF, or a sentence saying why not. */
async function macroBlocks(req: PageExportRequest, node: AdfNode, module: ManifestModule, pageId: string, space: { id: string; key: string }): Promise<Block[]> {
  const title = moduleTitle(req.manifest, module, req.locale);
  if (!module.adfExportFunction) return sentence(`${title}: this macro has no export.`);
  const { localId, config } = macroPlacement(req.macroConfigs, pageId, node, module);
  const event = exportEvent({ format: req.format, config, localId, module, pageId, space, siteUrl: req.siteUrl });
  let returned: unknown;
  try {
    returned = await req.runMacroExport({ module, functionName: module.adfExportFunction, accountId: req.accountId, event });
  } catch (error) {
    // Confluence leaves the failed macro out with a note; the rest of the page still exports.
    return sentence(`${title}: the export of this macro failed (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (!isNode(returned)) return sentence(`${title}: the export of this macro returned no document.`);
  return adfToBlocks(returned);
}

/**
 * Builds the exported file of a page for the person, or undefined when they cannot see the page.
 * Macro exports run one after another, as the page orders them.
 */
export async function exportPage(req: PageExportRequest): Promise<ExportedFile | undefined> {
  const client = new ProductClient(req.products, req.accountId);
  const page = await getPage(client, req.pageId);
  if (!page) return undefined;
  const space = (await listSpaces(client)).find((s) => s.id === page.spaceId);
  if (!space) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(page.body?.atlas_doc_format?.value ?? 'null');
  } catch {
    doc = undefined;
  }
  const exported = new Map<AdfNode, Block[]>();
  if (isNode(doc)) {
    for (const node of extensionNodes(doc)) {
      const module = macroModuleFor(req.manifest, node);
      if (module) exported.set(node, await macroBlocks(req, node, module, page.id, { id: space.id, key: space.key }));
    }
  }
  const blocks = adfToBlocks(doc, (node) => exported.get(node));
  const body = req.format === 'word' ? await renderDocx(page.title, blocks, req.siteUrl) : await renderPdf(page.title, blocks, req.siteUrl);
  return { filename: `${page.title}.${EXTENSIONS[req.format]}`, contentType: CONTENT_TYPES[req.format], body };
}

/**
 * Content-Disposition for a download named after the page: an ASCII fallback for old clients and
 * the exact UTF-8 name (RFC 6266 / 5987), so "リリース.docx" keeps its name.
 */
export function attachmentDisposition(filename: string): string {
  const cleaned = [...filename].map((c) => ((c.codePointAt(0) ?? 0) < 0x20 || c === '\u007f' || c === '"' || c === '\\' || c === '/' ? '_' : c)).join('');
  const ascii = cleaned.replace(/[^\u0020-\u007e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(cleaned)}`;
}
