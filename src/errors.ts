/** Errors the use cases raise and the resolvers map to codes; adapters throw the store ones. */
import type { ErrorCode, FieldError } from './shared/envelope';

/** An error a use case or resolver raises on purpose; its message is safe to show the user. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * Someone else changed the record between this person's read and write. The message is one
 * sentence the person reads as it is (the panel adds nothing to it); release changes that clash
 * say who changed what (src/domain/merge.ts).
 */
export class ConflictError extends Error {
  constructor(message = 'This was changed by someone else at the same moment; reload to see it and try again.') {
    super(message);
    this.name = 'ConflictError';
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
  constructor(what: string, options?: { cause?: unknown }) {
    super(`Preflight's stored ${what} is damaged and could not be read. Ask a project admin to reset it.`, options);
    this.name = 'StoredDocumentError';
  }
}
