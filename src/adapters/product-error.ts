/**
 * A failed call to Jira or Confluence, typed so resolvers can map it to an error code without
 * parsing messages. `cause` keeps the original error or response text for logs.
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
