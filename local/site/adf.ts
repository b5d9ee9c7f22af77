import { html, raw, type SafeHtml } from './html';

/**
 * Atlassian Document Format to HTML for the local Confluence and Jira views. Every text comes out
 * escaped (through the `html` tag); only our own tags are markup. Unknown node types render their
 * children, so a newer document still shows its text instead of failing.
 */
export interface AdfNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
  content?: AdfNode[];
}

export interface AdfRenderOptions {
  /**
   * Renders an extension node (a Forge macro); `undefined` (or no renderer) means it is none of the
   * app's: a bodied macro then shows its body, as Confluence shows a built-in one such as Page
   * Properties (`details`), and any other extension a labelled placeholder.
   */
  extension?: (node: AdfNode) => SafeHtml | undefined;
}

function isNode(value: unknown): value is AdfNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Only http(s) and site-relative links become hrefs; `javascript:` and friends do not. */
function safeHref(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (/^https?:\/\//i.test(value) || (value.startsWith('/') && !value.startsWith('//'))) return value;
  return undefined;
}

function attr(node: AdfNode, name: string): unknown {
  return node.attrs?.[name];
}

function renderText(node: AdfNode): SafeHtml {
  let out: SafeHtml = html`${node.text ?? ''}`;
  for (const mark of node.marks ?? []) {
    switch (mark.type) {
      case 'strong':
        out = html`<strong>${out}</strong>`;
        break;
      case 'em':
        out = html`<em>${out}</em>`;
        break;
      case 'code':
        out = html`<code>${out}</code>`;
        break;
      case 'strike':
        out = html`<s>${out}</s>`;
        break;
      case 'underline':
        out = html`<u>${out}</u>`;
        break;
      case 'link': {
        const href = safeHref(mark.attrs?.href);
        out = href ? html`<a href="${href}" rel="noopener noreferrer">${out}</a>` : out;
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/** Renders a document (or any node); input that is not ADF renders as nothing. */
export function renderAdf(doc: unknown, options: AdfRenderOptions = {}): SafeHtml {
  if (!isNode(doc)) return html``;
  return renderNode(doc, options);
}

function renderNode(node: AdfNode, options: AdfRenderOptions): SafeHtml {
  const children = (): SafeHtml[] => (node.content ?? []).filter(isNode).map((child) => renderNode(child, options));
  switch (node.type) {
    case 'doc':
      return html`${children()}`;
    case 'text':
      return renderText(node);
    case 'paragraph':
      return html`<p>${children()}</p>`;
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(attr(node, 'level')) || 2));
      // level is a number clamped to 1..6 above, so building the tag name is safe.
      return html`${raw(`<h${level}>`)}${children()}${raw(`</h${level}>`)}`;
    }
    case 'bulletList':
      return html`<ul>${children()}</ul>`;
    case 'orderedList':
      return html`<ol>${children()}</ol>`;
    case 'listItem':
      return html`<li>${children()}</li>`;
    case 'taskList':
      return html`<ul class="adf-tasks">${children()}</ul>`;
    case 'taskItem':
      return html`<li><input type="checkbox" disabled ${attr(node, 'state') === 'DONE' ? 'checked' : ''}> ${children()}</li>`;
    case 'codeBlock':
      return html`<pre><code>${children()}</code></pre>`;
    case 'blockquote':
      return html`<blockquote>${children()}</blockquote>`;
    case 'rule':
      return html`<hr>`;
    case 'hardBreak':
      return html`<br>`;
    case 'panel':
      return html`<div class="adf-panel adf-panel-${String(attr(node, 'panelType') ?? 'info')}">${children()}</div>`;
    case 'expand':
      return html`<details><summary>${String(attr(node, 'title') ?? '')}</summary>${children()}</details>`;
    case 'table':
      return html`<table class="adf-table"><tbody>${children()}</tbody></table>`;
    case 'tableRow':
      return html`<tr>${children()}</tr>`;
    case 'tableHeader':
      return html`<th>${children()}</th>`;
    case 'tableCell':
      return html`<td>${children()}</td>`;
    case 'status':
      return html`<span class="adf-status">${String(attr(node, 'text') ?? '')}</span>`;
    case 'mention':
      return html`<span class="adf-mention">${String(attr(node, 'text') ?? '@someone')}</span>`;
    case 'emoji':
      return html`${String(attr(node, 'text') ?? attr(node, 'shortName') ?? '')}`;
    case 'date': {
      const timestamp = Number(attr(node, 'timestamp'));
      return html`<time>${Number.isFinite(timestamp) ? new Date(timestamp).toISOString().slice(0, 10) : ''}</time>`;
    }
    case 'inlineCard':
    case 'blockCard': {
      const href = safeHref(attr(node, 'url'));
      return href ? html`<a href="${href}" rel="noopener noreferrer">${href}</a>` : html``;
    }
    case 'extension':
    case 'bodiedExtension':
    case 'inlineExtension':
      return (
        options.extension?.(node) ??
        (node.type === 'bodiedExtension'
          ? html`<div class="adf-bodied-extension" data-macro="${String(attr(node, 'extensionKey') ?? 'unknown')}">${children()}</div>`
          : html`<div class="adf-extension">[macro: ${String(attr(node, 'extensionKey') ?? 'unknown')}]</div>`)
      );
    default:
      return html`${children()}`;
  }
}
