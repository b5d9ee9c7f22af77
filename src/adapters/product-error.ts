import { ProductError } from '../errors';

// ProductError moved to src/errors.ts; adapters that import it from here keep working.
export { ProductError };

const PRODUCT_NAMES = { jira: 'Jira', confluence: 'Confluence' } as const;

/**
 * Whether an answer is Forge's refusal of a call the app's scopes do not cover: 401 with
 * `{"code":401,"message":"Unauthorized; scope does not match"}`, sent by the platform before the
 * product sees the call. A person lacking access gets the product's own 401/403/404 instead.
 */
export function isScopeMismatch(status: number, text: string): boolean {
  if (status !== 401) return false;
  try {
    const body = JSON.parse(text) as { message?: unknown } | null;
    return typeof body?.message === 'string' && /scope does not match/i.test(body.message);
  } catch {
    return false;
  }
}

/**
 * The error for a scope refusal, or undefined when the answer is something else. Its message says
 * that the app lacks a permission (not the person, and not "not found"), and who can fix it: an
 * app version that needs new scopes waits for a site admin to accept them.
 */
export function scopeMismatchError(product: 'jira' | 'confluence', describe: string, status: number, text: string): ProductError | undefined {
  if (!isScopeMismatch(status, text)) return undefined;
  return new ProductError(
    `Could not ${describe}: the Preflight app is missing a permission (scope) it needs in ${PRODUCT_NAMES[product]}. ` +
      `This is about the app, not your own access: a site admin can fix it by updating Preflight in Manage apps and accepting its permissions.`,
    status,
    product,
    { cause: text },
  );
}
