import { doc, heading, link, p, strong, text } from '@atlaskit/adf-utils/builders';
import { validator } from '@atlaskit/adf-utils/validator';

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

/** Text, flattened to one line (ADF text nodes hold no line breaks), or nothing when empty. */
export function plain(value: string): AdfInline[] {
  const flat = value.replace(/[\r\n]+/g, ' ');
  return flat === '' ? [] : [text(flat)];
}

export function bold(value: string): AdfInline[] {
  return value === '' ? [] : [strong(value.replace(/[\r\n]+/g, ' ')) as AdfInline];
}

/** A link; only http(s) addresses become links, anything else stays text. */
export function linked(value: string, href: string): AdfInline[] {
  if (value === '') return [];
  return /^https?:\/\//i.test(href) ? [link({ href })(value.replace(/[\r\n]+/g, ' ')) as AdfInline] : plain(value);
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
