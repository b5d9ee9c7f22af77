import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { appFrames } from './every-page';

/**
 * Finds text a person reads in the app's frames that did not come from the catalogue. In the
 * pseudo-locale (en-XA) every catalogue message is accented and wrapped in ⟦ ⟧
 * (src/shared/i18n/pseudo.ts); what is left outside the brackets must be data: a version name,
 * an issue summary, a person's name (found in the site's stored data), a number or a date.
 */

/** Every string stored by the local site (Jira, Confluence, the app's KVS), as one text to search. */
export function dataCorpus(dataDir: string): string {
  const parts: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else parts.push(readFileSync(path, 'utf8'));
    }
  };
  walk(dataDir);
  // JSON escapes (\" \u00e9) would hide data the page shows unescaped: decode string values.
  return parts.map((text) => text.replace(/\\"/g, '"').replace(/\\u([0-9a-f]{4})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))).join('\n');
}

/** Visible text nodes and the attributes assistive technology reads, of one frame. */
async function readableTexts(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => {
    const out: string[] = [];
    const visible = (element: Element | null) => !!element && (!('checkVisibility' in element) || (element as HTMLElement).checkVisibility());
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      if (text && visible(node.parentElement) && !node.parentElement?.closest('script,style')) out.push(text);
    }
    for (const element of Array.from(document.body.querySelectorAll('[aria-label],[title],[placeholder],[alt],[aria-description]'))) {
      for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description']) {
        const value = element.getAttribute(name)?.trim();
        if (value) out.push(value);
      }
    }
    if (document.title) out.push(document.title);
    return out;
  });
}

/** English month and weekday names Intl prints for en-XA (pseudo has no calendar of its own). */
const CALENDAR_WORDS = (() => {
  const words = new Set<string>();
  for (let month = 0; month < 12; month++) {
    const date = new Date(Date.UTC(2026, month, 1));
    for (const style of ['long', 'short'] as const) words.add(new Intl.DateTimeFormat('en', { month: style, timeZone: 'UTC' }).format(date));
  }
  for (let day = 0; day < 7; day++) {
    const date = new Date(Date.UTC(2026, 0, 4 + day));
    for (const style of ['long', 'short'] as const) words.add(new Intl.DateTimeFormat('en', { weekday: style, timeZone: 'UTC' }).format(date));
  }
  for (const word of ['AM', 'PM', 'UTC']) words.add(word);
  return [...words].sort((a, b) => b.length - a.length);
})();

/** What is left of one text once catalogue messages (⟦…⟧, nested too) are taken out. */
export function outsideCatalogue(text: string): string[] {
  let rest = text;
  for (let previous = ''; previous !== rest; ) {
    previous = rest;
    rest = rest.replace(/⟦[^⟦⟧]*⟧/g, '¦');
  }
  return rest
    .split(/¦|\n/)
    .map((piece) => piece.trim())
    .filter((piece) => /\p{L}/u.test(piece));
}

/** A piece of text is data when the site stores it, or it is only a date, time or number. */
function isData(piece: string, corpus: string, vocabulary?: Set<string>): boolean {
  if (corpus.includes(piece)) return true;
  // A macro's content (project language): every word is a word of the backend's English messages or data.
  if (vocabulary && (piece.match(/\p{L}[\p{L}'’-]*/gu) ?? []).every((word) => vocabulary.has(word.toLowerCase()) || corpus.includes(word))) return true;
  let rest = piece;
  for (const word of CALENDAR_WORDS) rest = rest.split(word).join(' ');
  if (!/\p{L}/u.test(rest)) return true;
  // Several data strings side by side ("PAY 2.2 · PAY-101"): each part must be data.
  const parts = piece.split(/\s*[·•|,;:()]\s*|\s+[–—-]\s+/).filter((p) => /\p{L}/u.test(p));
  return parts.length > 1 && parts.every((p) => isData(p, corpus, vocabulary));
}

/**
 * Untranslated pieces on the page, each with the frame it was found in. `macroCorpus` is what a
 * macro may also show: a macro's content is in its project's language (like the page it sits on),
 * so text from the backend's English page catalogue is data there, while its controls follow the
 * reader's language.
 */
export async function untranslatedOnPage(page: Page, corpus: string, macroCorpus = ''): Promise<string[]> {
  const found = new Set<string>();
  const vocabulary = new Set((macroCorpus.match(/\p{L}[\p{L}'’-]*/gu) ?? []).map((word) => word.toLowerCase()));
  for (const frame of appFrames(page)) {
    const module = decodeURIComponent(new URL(frame.url()).pathname.split('/')[2] ?? frame.url());
    const macro = module.endsWith('-macro');
    for (const text of await readableTexts(frame)) {
      for (const piece of outsideCatalogue(text)) if (!isData(piece, corpus, macro ? vocabulary : undefined)) found.add(`${module}: "${piece}"`);
    }
  }
  return [...found];
}

/** The English messages of the backend's catalogues, their placeholders cut out: what a macro of an English project shows. */
export function englishServerText(messagesDir: string): string {
  return readdirSync(messagesDir)
    .filter((file) => file.endsWith('.en.json'))
    .flatMap((file) => Object.values(JSON.parse(readFileSync(join(messagesDir, file), 'utf8')) as Record<string, string>))
    .flatMap((message) => message.split(/\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}/))
    .join('\n');
}
