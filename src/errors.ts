/** Errors the use cases raise and the resolvers map to codes; adapters throw the store ones. */
import { english, text, type Text } from './i18n/server-translator';
import type { ErrorCode, FieldError } from './shared/envelope';

/**
 * What an error says: a message id with its values (translated at the resolver boundary into the
 * caller's language), or plain English where the text comes from elsewhere (an upstream answer).
 * `message` is always the English form, for logs and callers without a locale.
 */
export type ErrorText = string | Text;

const englishOf = (message: ErrorText) => (typeof message === 'string' ? message : english(message));
const textOf = (message: ErrorText) => (typeof message === 'string' ? undefined : message);

/**
 * A field's problem as a use case or the request check raises it: its field path and what is wrong,
 * as a message id or plain English. `asWritten` is English that a Text only translates (zod's own
 * field messages): English callers and logs read it exactly as written, other languages the Text.
 */
export interface FieldProblem {
  field: string;
  message: ErrorText;
  asWritten?: string;
}

/** An error a use case or resolver raises on purpose; its message is safe to show the user. */
export class AppError extends Error {
  readonly code: ErrorCode;
  /** The message as an id and values, when it has one (the boundary translates it). */
  readonly text?: Text;
  /** The fields' problems in English (logs, callers without a locale); `fieldTexts` word them in other languages. */
  readonly fields?: FieldError[];
  readonly fieldTexts?: ReadonlyArray<Text | undefined>;
  /** The English sentence exactly as written, when it is not the English of `text` (see FieldProblem). */
  readonly asWritten?: string;
  constructor(code: ErrorCode, message: ErrorText, fields?: ReadonlyArray<FieldError | FieldProblem>, options?: { asWritten?: string }) {
    super(options?.asWritten ?? englishOf(message));
    this.name = 'AppError';
    this.code = code;
    this.text = textOf(message);
    if (options?.asWritten !== undefined) this.asWritten = options.asWritten;
    if (fields) {
      this.fields = fields.map((f) => ({ field: f.field, message: 'asWritten' in f && f.asWritten !== undefined ? f.asWritten : englishOf(f.message) }));
      if (fields.some((f) => typeof f.message !== 'string')) this.fieldTexts = fields.map((f) => textOf(f.message));
    }
  }
}

/**
 * The refusal of a request whose fields are wrong: one sentence ("Invalid request: name: …; …")
 * around the fields' problems, each translated where it has a message id.
 */
export function invalidInput(id: 'errors.request.invalid' | 'errors.settings.invalid', problems: readonly FieldProblem[]): AppError {
  const sentence = text(id, { problems: joined(problems.map((p) => text('errors.field.problem', { field: p.field, message: p.message }))) });
  const written = problems.map((p) => `${p.field}: ${p.asWritten ?? englishOf(p.message)}`).join('; ');
  return new AppError('INVALID_INPUT', sentence, problems, { asWritten: english(text(id, { problems: written })) });
}

/** "a; b; c" in the reader's language, as nested Texts (a Text list would say "a, b and c"). */
function joined(parts: readonly Text[]): Text | string {
  if (parts.length === 0) return '';
  return parts.slice(0, -1).reduceRight<Text>((rest, first) => text('errors.field.more', { first, rest }), parts[parts.length - 1]!);
}

/**
 * Someone else changed the record between this person's read and write. The message is one
 * sentence the person reads as it is (the panel adds nothing to it); release changes that clash
 * say who changed what (src/domain/merge.ts).
 */
export class ConflictError extends Error {
  readonly text?: Text;
  constructor(message: ErrorText = text('errors.conflict.sameMoment')) {
    super(englishOf(message));
    this.name = 'ConflictError';
    this.text = textOf(message);
  }
}

/**
 * A failed call to Jira or Confluence, typed so resolvers can map it to an error code without
 * parsing messages. `cause` keeps the original error or response text for logs. Adapters raise it;
 * use cases and resolvers only read its status, so it lives here with the other errors.
 */
export class ProductError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly product: 'jira' | 'confluence',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ProductError';
  }
}

/**
 * A stored document failed to parse: reported with where it is, never crashed on silently. `what`
 * names it ("settings of PAY"), as a message id (errors.stored.*) or plain English.
 */
export class StoredDocumentError extends Error {
  readonly text: Text;
  constructor(what: ErrorText, options?: { cause?: unknown }) {
    const message = text('errors.stored.damaged', { what });
    super(english(message), options);
    this.name = 'StoredDocumentError';
    this.text = message;
  }
}
