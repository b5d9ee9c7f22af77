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

/** An error a use case or resolver raises on purpose; its message is safe to show the user. */
export class AppError extends Error {
  /** The message as an id and values, when it has one (the boundary translates it). */
  readonly text?: Text;
  constructor(
    readonly code: ErrorCode,
    message: ErrorText,
    readonly fields?: FieldError[],
  ) {
    super(englishOf(message));
    this.name = 'AppError';
    this.text = textOf(message);
  }
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

/** A stored document failed to parse: reported with where it is, never crashed on silently. */
export class StoredDocumentError extends Error {
  readonly text: Text;
  constructor(what: string, options?: { cause?: unknown }) {
    const message = text('errors.stored.damaged', { what });
    super(english(message), options);
    this.name = 'StoredDocumentError';
    this.text = message;
  }
}
