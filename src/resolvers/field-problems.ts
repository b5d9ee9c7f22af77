import type { z } from 'zod';
import type { CompiledMessage } from '@lingui/message-utils/compileMessage';
import type { FieldProblem } from '../errors';
import { SERVER_CATALOGUES, text, type ServerMessageId, type Text, type TextValue } from '../i18n/server-translator';
import { compileCatalogues } from '../shared/i18n/catalogue';

/**
 * A zod issue as a field problem a person can read in their language. English stays exactly as
 * zod or the schema wrote it (`asWritten`); other languages get a Text:
 * - the app's own messages in the schemas ('expected a train name such as "2026.12"') are the
 *   English of `errors.field.app.*` entries, found by their English text (with `{name}` and
 *   `{name, number}` parts read back from the message), so a schema keeps plain English and
 *   the Custom UI, which validates with the same schemas, keeps showing it as it is;
 * - zod's own messages are worded from the issue's code and parameters (`errors.field.*`);
 * - a message of the app's that no entry matches stays as written, except where the issue's
 *   code says all it says (a size, a type, a choice of values): then it is worded from the code.
 * zod's global configuration is left alone: one process answers people of every language.
 */
export function issueProblem(issue: z.core.$ZodIssue, root: string, input: unknown): FieldProblem {
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : root;
  const wording = issueText(issue, input);
  return wording ? { field, message: wording, asWritten: issue.message } : { field, message: issue.message };
}

/** Codes whose parameters say everything an app's own message for them says. */
const SELF_EXPLAINING = new Set(['too_big', 'too_small', 'invalid_value', 'invalid_type']);

function issueText(issue: z.core.$ZodIssue, input: unknown): Text | undefined {
  const own = appMessage(issue.message);
  if (own) return own;
  // zod's own English starts with a capital ("Invalid input: …", "Too big: …"); the app's
  // messages start in lower case ("expected …", "projectKeys: …"), as the schemas write them.
  const zodsOwn = issue.code !== 'custom' && /^[A-Z]/.test(issue.message);
  if (!zodsOwn && !SELF_EXPLAINING.has(issue.code)) return undefined;
  switch (issue.code) {
    case 'invalid_type':
      if (valueAt(input, issue.path) === undefined) return text('errors.field.required');
      return text('errors.field.type', { expected: issue.expected });
    case 'too_big':
      return sizeText(issue.origin, 'max', issue.maximum, issue.inclusive !== false);
    case 'too_small':
      return sizeText(issue.origin, 'min', issue.minimum, issue.inclusive !== false);
    case 'invalid_value':
      if (issue.values.length === 1) return text('errors.field.exactly', { value: quoted(issue.values[0]) });
      return text('errors.field.oneOf', { values: { list: issue.values.map(quoted), type: 'disjunction' } });
    case 'invalid_format':
      return text('errors.field.format', { format: issue.format });
    case 'unrecognized_keys':
      return text('errors.field.unknownKeys', { count: issue.keys.length, keys: { list: issue.keys.map(quoted) } });
    case 'not_multiple_of':
      return text('errors.field.multipleOf', { divisor: Number(issue.divisor) });
    default:
      return text('errors.field.invalid');
  }
}

function sizeText(origin: string, bound: 'min' | 'max', limit: number | bigint, inclusive: boolean): Text {
  const value = Number(limit);
  const at = bound === 'max' ? 'max' : 'min';
  if (origin === 'string') return text(bound === 'max' ? 'errors.field.tooLong' : 'errors.field.tooShort', { [at]: value });
  if (origin === 'array' || origin === 'set') return text(bound === 'max' ? 'errors.field.tooMany' : 'errors.field.tooFew', { [at]: value });
  if (origin === 'number' || origin === 'int' || origin === 'bigint') {
    return text(bound === 'max' ? 'errors.field.tooBig' : 'errors.field.tooSmall', { [at]: value, inclusive: inclusive ? 'yes' : 'no' });
  }
  return text('errors.field.invalid');
}

const quoted = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(value));

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The app's own field messages, read back from their English: a pattern per catalogue entry. */
interface Matcher {
  id: ServerMessageId;
  pattern: RegExp;
  names: { name: string; number: boolean }[];
}

let matchers: Matcher[] | undefined;

function appMatchers(): Matcher[] {
  if (matchers) return matchers;
  const own = Object.fromEntries(Object.entries(SERVER_CATALOGUES.en.errors!).filter(([id]) => id.startsWith('errors.field.app.')));
  matchers = Object.entries(compileCatalogues('en', [own])).flatMap(([id, message]) => {
    const matcher = matcherOf(id as ServerMessageId, message);
    return matcher ? [matcher] : [];
  });
  return matchers;
}

function matcherOf(id: ServerMessageId, message: CompiledMessage): Matcher | undefined {
  const parts = typeof message === 'string' ? [message] : message;
  const names: Matcher['names'] = [];
  let source = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      source += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      continue;
    }
    const [name, type] = part as [string, string?];
    if (type !== undefined && type !== 'number') return undefined;
    names.push({ name, number: type === 'number' });
    source += type === 'number' ? '(\\d[\\d,]*)' : '(.+?)';
  }
  return { id, pattern: new RegExp(`^${source}$`, 's'), names };
}

/** The app's message as a Text, when an `errors.field.app.*` entry reads as it; a nested `problem` is read the same way. */
function appMessage(message: string): Text | undefined {
  for (const matcher of appMatchers()) {
    const found = matcher.pattern.exec(message);
    if (!found) continue;
    const values: Record<string, TextValue> = {};
    matcher.names.forEach(({ name, number }, i) => {
      const captured = found[i + 1] ?? '';
      values[name] = number ? Number(captured.replace(/,/g, '')) : name === 'problem' ? (appMessage(captured) ?? captured) : captured;
    });
    return text(matcher.id, values);
  }
  return undefined;
}
