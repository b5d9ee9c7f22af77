/** Someone else changed the record between this person's read and write. */
export class ConflictError extends Error {
  constructor(message = 'This release was changed by someone else. The latest state has been loaded; check it and try again.') {
    super(message);
    this.name = 'ConflictError';
  }
}

/** A stored document failed to parse: reported with where it is, never crashed on silently. */
export class StoredDocumentError extends Error {
  constructor(what: string, options?: { cause?: unknown }) {
    super(`Preflight's stored ${what} is damaged and could not be read. Ask a project admin to reset it.`, options);
    this.name = 'StoredDocumentError';
  }
}

/** KVS answers a failed transaction condition with 409; branch on the status, not the code string. */
export function isConditionFailure(error: unknown): boolean {
  const status = (error as { responseDetails?: { status?: number } } | undefined)?.responseDetails?.status;
  return status === 409;
}
