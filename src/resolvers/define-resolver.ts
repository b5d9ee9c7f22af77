import { z } from 'zod';
import type { Envelope, ResolverError } from '../shared/envelope';
import { ReleaseRuleError } from '../domain/release';
import { safeDeep } from '../domain/safe-text';
import { AppError, ConflictError, ProductError, StoredDocumentError } from '../errors';

/** What @forge/resolver hands a resolver function. */
export interface ResolverRequest {
  payload: unknown;
  context: Record<string, unknown> & { accountId?: string };
}

export interface ResolverSpec<P extends z.ZodType, C extends z.ZodType, R> {
  /** The payload's schema: the single source of truth, shared with the UI from src/shared. */
  payload: P;
  /** The part of the Forge context this resolver relies on (e.g. the project of a project page). */
  context: C;
  /** Runs before `run`; throws AppError('FORBIDDEN') when the acting user may not do this. */
  authorise?: (input: z.infer<P>, context: z.infer<C>, accountId: string) => Promise<void>;
  run: (input: z.infer<P>, context: z.infer<C>, accountId: string) => Promise<R>;
  /**
   * Answer `run`'s result exactly as stored, without safeText: only for a record whose digests
   * cover the stored bytes (the evidence pack), which the UI saves as a file and never renders.
   */
  verbatim?: boolean;
}

/**
 * The one place that turns a resolver call into parse -> authorise -> run -> envelope. Resolvers
 * never throw to the bridge: the UI always gets `{ok:false, error:{code, message, fields?}}` with a
 * message a person can act on, and internals (stacks, upstream bodies) stay in the logs.
 */
export function defineResolver<P extends z.ZodType, C extends z.ZodType, R>(spec: ResolverSpec<P, C, R>) {
  return async (request: ResolverRequest): Promise<Envelope<R>> => {
    try {
      const accountId = request.context.accountId;
      if (!accountId) throw new AppError('FORBIDDEN', 'Sign in to use Preflight.');
      const context = spec.context.safeParse(request.context);
      if (!context.success) {
        throw new AppError('INVALID_INPUT', 'This Preflight view was opened outside the place it belongs to.', fieldErrors(context.error, 'context'));
      }
      const input = spec.payload.safeParse(request.payload ?? {});
      if (!input.success) {
        const fields = fieldErrors(input.error, 'payload');
        throw new AppError('INVALID_INPUT', `Invalid request: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, fields);
      }
      await spec.authorise?.(input.data, context.data, accountId);
      const data = await spec.run(input.data, context.data, accountId);
      // Every view model leaves through here: text from Jira, Confluence or a person (summaries,
      // version names, reasons, audit summaries) cannot reorder the UI's own labels around it.
      return { ok: true, data: spec.verbatim ? data : safeDeep(data) };
    } catch (error) {
      return { ok: false, error: safeDeep(toResolverError(error)) };
    }
  };
}

function fieldErrors(error: z.ZodError, root: string) {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : root,
    message: issue.message,
  }));
}

export function toResolverError(error: unknown): ResolverError {
  if (error instanceof AppError) {
    return { code: error.code, message: error.message, ...(error.fields && { fields: error.fields }) };
  }
  if (error instanceof ConflictError) return { code: 'CONFLICT', message: error.message };
  if (error instanceof ReleaseRuleError) {
    return { code: 'RULE_VIOLATION', message: error.message, ...(error.field && { fields: [{ field: error.field, message: error.message }] }) };
  }
  if (error instanceof StoredDocumentError) {
    console.error('Preflight found a damaged stored document', error);
    return { code: 'INTERNAL', message: error.message };
  }
  if (error instanceof ProductError) {
    if (error.status === 404) return { code: 'NOT_FOUND', message: error.message };
    if (error.status === 401 || error.status === 403) return { code: 'FORBIDDEN', message: error.message };
    if (error.status === 409) return { code: 'CONFLICT', message: error.message };
    return { code: 'UPSTREAM_UNAVAILABLE', message: error.message };
  }
  console.error('Preflight resolver failed', error);
  return { code: 'INTERNAL', message: 'Preflight hit an unexpected error. Try again; if it keeps happening, tell your Jira admin.' };
}
