import { doc, heading, link, p, strong, text } from '@atlaskit/adf-utils/builders';
import { validator } from '@atlaskit/adf-utils/validator';
import { safeText } from '../safe-text';

/**
 * Small helpers over @atlaskit/adf-utils' builders. Every piece of issue or user text goes into
 * an ADF text node, never into markup, so HTML, storage XML, ADF-looking JSON or a script tag in
 * a summary shows as those characters and nothing else. ADF forbids empty text nodes; these
 * helpers drop them instead.
 */

// Types come from the builders themselves: adf-utils carries its own copy of @atlaskit/adf-schema.
export type AdfDoc = ReturnType<typeof doc>;
export type AdfInline = Exclude<Parameters<typeof p>[number], string>;
type Paragraph = ReturnType<typeof p>;
type Heading = ReturnType<ReturnType<typeof heading>>;

/**
 * One line of safe text: ADF text nodes hold no line breaks, and safeText drops bidi controls (so
 * a summary cannot reverse the page's own words after it) and replaces lone surrogates.
 */
function line(value: string): string {
  return safeText(value).replace(/[\r\n]+/g, ' ');
}

/** Text, flattened to one line, or nothing when empty. */
export function plain(value: string): AdfInline[] {
  const flat = line(value);
  return flat === '' ? [] : [text(flat)];
}

export function bold(value: string): AdfInline[] {
  const flat = line(value);
  return flat === '' ? [] : [strong(flat) as AdfInline];
}

/** A link; only http(s) addresses become links, anything else stays text. */
export function linked(value: string, href: string): AdfInline[] {
  const flat = line(value);
  if (flat === '') return [];
  return /^https?:\/\//i.test(href) ? [link({ href: safeText(href) })(flat) as AdfInline] : plain(value);
}

/**
 * A link a person typed (a verified gate's document or dashboard): only an https address becomes
 * a link mark; anything else (http, javascript:, garbage) stays visible as text.
 */
export function httpsLinked(value: string, href: string): AdfInline[] {
  return /^https:\/\/[^\s]+$/i.test(href) ? linked(value, href) : plain(value);
}

export function para(...parts: AdfInline[][]): Paragraph {
  return p(...parts.flat());
}

export function title(level: 1 | 2 | 3 | 4, value: string): Heading {
  return heading({ level })(...plain(value));
}

export function document(...content: Parameters<typeof doc>): AdfDoc {
  return doc(...content);
}

let validate: ReturnType<typeof validator> | undefined;

/**
 * The problems @atlaskit/adf-utils' validator finds in a document ([] when valid). With an error
 * callback the validator keeps going and still says "valid", so the callback's errors are the verdict.
 */
export function adfProblems(adf: unknown): string[] {
  validate ??= validator();
  const problems: string[] = [];
  validate(adf as Parameters<typeof validate>[0], (entity, error) => {
    problems.push(`${error.code}: ${error.message}`);
    return entity;
  });
  return problems;
}
