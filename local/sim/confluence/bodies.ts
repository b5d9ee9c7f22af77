/**
 * Page bodies: checking ADF the way Confluence does before storing it, and converting between the
 * two stored representations when a reader asks for the other one. Confluence converts both ways
 * losslessly; the simulator renders ADF to storage faithfully enough to read (that is what the
 * local site shows) and turns storage into plain-text ADF paragraphs (lossy, documented).
 */
import { setBooleanFeatureFlagResolver } from '@atlaskit/platform-feature-flags';
import { validator } from '@atlaskit/adf-utils/validator';
import type { ConfluenceBody } from './state';

/** A node of an Atlassian Document Format tree, loosely typed: we only read what we render. */
interface AdfNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  content?: AdfNode[];
}

// The ADF validator consults Atlassian's feature-gate client, which is never initialised outside
// Atlassian's front ends and logs an error on first use. All flags off = the published schema.
setBooleanFeatureFlagResolver(() => false);
const validateAdf = validator();

/** How many validator messages to quote in an error answer; the first few say enough. */
const MAX_REPORTED_ADF_ERRORS = 3;

/**
 * Problems with an ADF body as Confluence would report them (empty = acceptable). The value must
 * be a JSON string holding a `doc` node that the ADF schema accepts.
 */
export function adfProblems(value: string): string[] {
  let doc: unknown;
  try {
    doc = JSON.parse(value);
  } catch {
    return ['atlas_doc_format value is not valid JSON'];
  }
  if (typeof doc !== 'object' || doc === null || (doc as { type?: unknown }).type !== 'doc') {
    return ["atlas_doc_format value must be an ADF document ({\"type\":\"doc\",\"version\":1,...})"];
  }
  const problems: string[] = [];
  // With an error callback the validator reports every problem and still says valid: true,
  // so the callback's messages are the verdict.
  validateAdf(doc as Parameters<typeof validateAdf>[0], (entity, error) => {
    problems.push(error.message);
    return entity;
  });
  return problems.slice(0, MAX_REPORTED_ADF_ERRORS);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for XHTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

function attr(node: AdfNode, name: string): unknown {
  return node.attrs?.[name];
}

/** Wraps text in the HTML for each ADF mark, innermost first. */
function renderMarks(html: string, marks: AdfNode['marks']): string {
  return (marks ?? []).reduce((inner, mark) => {
    switch (mark.type) {
      case 'strong':
        return `<strong>${inner}</strong>`;
      case 'em':
        return `<em>${inner}</em>`;
      case 'code':
        return `<code>${inner}</code>`;
      case 'strike':
        return `<s>${inner}</s>`;
      case 'underline':
        return `<u>${inner}</u>`;
      case 'link':
        return `<a href="${escapeHtml(String(mark.attrs?.['href'] ?? ''))}">${inner}</a>`;
      default:
        return inner;
    }
  }, html);
}

function renderChildren(node: AdfNode): string {
  return (node.content ?? []).map(renderNode).join('');
}

/** Renders one ADF node as storage-format XHTML (plain HTML where Confluence would use a macro). */
function renderNode(node: AdfNode): string {
  const inner = (): string => renderChildren(node);
  switch (node.type) {
    case 'doc':
      return inner();
    case 'text':
      return renderMarks(escapeHtml(node.text ?? ''), node.marks);
    case 'paragraph':
      return `<p>${inner()}</p>`;
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(attr(node, 'level')) || 1));
      return `<h${level}>${inner()}</h${level}>`;
    }
    case 'bulletList':
      return `<ul>${inner()}</ul>`;
    case 'orderedList':
      return `<ol>${inner()}</ol>`;
    case 'listItem':
      return `<li>${inner()}</li>`;
    case 'taskList':
      return `<ul class="task-list">${inner()}</ul>`;
    case 'taskItem':
      return `<li>${attr(node, 'state') === 'DONE' ? '&#9745;' : '&#9744;'} ${inner()}</li>`;
    case 'blockquote':
      return `<blockquote>${inner()}</blockquote>`;
    case 'codeBlock':
      return `<pre><code>${inner()}</code></pre>`;
    case 'rule':
      return '<hr />';
    case 'hardBreak':
      return '<br />';
    case 'table':
      return `<table><tbody>${inner()}</tbody></table>`;
    case 'tableRow':
      return `<tr>${inner()}</tr>`;
    case 'tableHeader':
      return `<th>${inner()}</th>`;
    case 'tableCell':
      return `<td>${inner()}</td>`;
    case 'panel':
      return `<div class="panel panel-${escapeHtml(String(attr(node, 'panelType') ?? 'info'))}">${inner()}</div>`;
    case 'expand':
    case 'nestedExpand':
      return `<details><summary>${escapeHtml(String(attr(node, 'title') ?? ''))}</summary>${inner()}</details>`;
    case 'status':
      return `<span class="status status-${escapeHtml(String(attr(node, 'color') ?? 'neutral'))}">${escapeHtml(String(attr(node, 'text') ?? ''))}</span>`;
    case 'mention':
      return `<span class="mention">${escapeHtml(String(attr(node, 'text') ?? '@someone'))}</span>`;
    case 'emoji':
      return escapeHtml(String(attr(node, 'text') ?? attr(node, 'shortName') ?? ''));
    case 'date': {
      const ms = Number(attr(node, 'timestamp'));
      return Number.isFinite(ms) ? `<time>${new Date(ms).toISOString().slice(0, 10)}</time>` : '';
    }
    case 'inlineCard':
    case 'blockCard': {
      const url = escapeHtml(String(attr(node, 'url') ?? ''));
      return `<a href="${url}">${url}</a>`;
    }
    default:
      // Unknown or layout-only nodes: keep their content readable.
      return inner();
  }
}

/** ADF document (JSON string) to storage-format XHTML. */
export function adfToStorage(adfJson: string): string {
  return renderNode(JSON.parse(adfJson) as AdfNode);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

/** Storage XHTML to an ADF document of plain paragraphs, one per block element (lossy). */
export function storageToAdf(storage: string): string {
  const blocks = storage
    .split(/<\/(?:p|h[1-6]|li|tr|div|blockquote|pre)>|<br\s*\/?>/i)
    .map((chunk) =>
      chunk
        .replace(/<\/t[hd]>/gi, ' ')
        .replace(/<[^>]*>/g, '')
        .replace(/&(#?\w+);/g, (whole, name: string) => ENTITIES[name] ?? whole)
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((text) => text !== '');
  const doc = {
    type: 'doc',
    version: 1,
    content: blocks.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
  };
  return JSON.stringify(doc);
}

/** The body in the representation a reader asked for, converting when it was stored otherwise. */
export function bodyAs(body: ConfluenceBody, representation: 'storage' | 'atlas_doc_format'): ConfluenceBody {
  if (body.representation === representation) return body;
  const value = representation === 'storage' ? adfToStorage(body.value) : storageToAdf(body.value);
  return { representation, value };
}
