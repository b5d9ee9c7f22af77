import type { ErrorCode, FieldError } from '../shared/envelope';

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
