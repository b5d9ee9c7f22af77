import { z } from 'zod';
import type { Envelope, ResolverError } from '../shared/envelope';
import { ReleaseRuleError } from '../domain/release';
import { safeDeep } from '../domain/safe-text';
import { AppError, ConflictError, invalidInput, ProductError, StoredDocumentError } from '../errors';
import { callerTranslator, say, text, type ServerMessageId, type Text } from '../i18n/server-translator';
import { issueProblem } from './field-problems';
import type { Translator } from '../shared/i18n/translator';

/** What @forge/resolver hands a resolver function. */
export interface ResolverRequest {
  payload: unknown;
  context: Record<string, unknown> & { accountId?: string; locale?: unknown; timezone?: unknown };
}

/**
 * Who called, as far as language goes: Forge's `locale` ("de-DE", the person's profile language)
 * and `timezone`. Resolvers hand it to the use cases whose views compose text.
 */
export interface Caller {
  locale?: string;
  timeZone?: string;
}

export interface ResolverSpec<P extends z.ZodType, C extends z.ZodType, R> {
  /** The payload's schema: the single source of truth, shared with the UI from src/shared. */
  payload: P;
  /** The part of the Forge context this resolver relies on (e.g. the project of a project page). */
  context: C;
  /** Runs before `run`; throws AppError('FORBIDDEN') when the acting user may not do this. */
  authorise?: (input: z.infer<P>, context: z.infer<C>, accountId: string) => Promise<void>;
  run: (input: z.infer<P>, context: z.infer<C>, accountId: string, caller: Caller) => Promise<R>;
  /**
   * Answer `run`'s result exactly as stored, without safeText: only for a record whose digests
   * cover the stored bytes (the evidence pack), which the UI saves as a file and never renders.
   */
  verbatim?: boolean;
}

/**
 * The one place that turns a resolver call into parse -> authorise -> run -> envelope. Resolvers
 * never throw to the bridge: the UI always gets `{ok:false, error:{code, message, fields?}}` with a
 * message a person can act on, in their language, and internals (stacks, upstream bodies) stay in the logs.
 */
export function defineResolver<P extends z.ZodType, C extends z.ZodType, R>(spec: ResolverSpec<P, C, R>) {
  return async (request: ResolverRequest): Promise<Envelope<R>> => {
    const caller = callerOf(request);
    try {
      const accountId = request.context.accountId;
      if (!accountId) throw new AppError('FORBIDDEN', text('errors.request.signIn'));
      const context = spec.context.safeParse(request.context);
      if (!context.success) {
        throw new AppError('INVALID_INPUT', text('errors.request.wrongPlace'), context.error.issues.map((issue) => issueProblem(issue, 'context', request.context)));
      }
      const input = spec.payload.safeParse(request.payload ?? {});
      if (!input.success) {
        throw invalidInput('errors.request.invalid', input.error.issues.map((issue) => issueProblem(issue, 'payload', request.payload ?? {})));
      }
      await spec.authorise?.(input.data, context.data, accountId);
      const data = await spec.run(input.data, context.data, accountId, caller);
      // Every view model leaves through here: text from Jira, Confluence or a person (summaries,
      // version names, reasons, audit summaries) cannot reorder the UI's own labels around it.
      return { ok: true, data: spec.verbatim ? data : safeDeep(data) };
    } catch (error) {
      return { ok: false, error: safeDeep(toResolverError(error, callerTranslator(caller.locale, caller.timeZone))) };
    }
  };
}

function callerOf(request: ResolverRequest): Caller {
  const { locale, timezone } = request.context ?? {};
  return { ...(typeof locale === 'string' && { locale }), ...(typeof timezone === 'string' && { timeZone: timezone }) };
}

/**
 * The envelope's error, in the caller's language (English without a translator). Errors raised
 * with a message id are translated; a ProductError's detail comes from Jira or Confluence in
 * English, so another language gets a sentence of its own that says what happened.
 */
export function toResolverError(error: unknown, translator?: Translator<ServerMessageId>): ResolverError {
  const tr = translator ?? callerTranslator('en');
  const english = tr.locale === 'en';
  const message = (e: { message: string; text?: Text }) => (e.text ? say(tr, e.text) : e.message);
  if (error instanceof AppError) {
    // English reads as written (zod's and the schemas' own English); other languages translate.
    const said = english && error.asWritten !== undefined ? error.asWritten : message(error);
    const texts = english ? undefined : error.fieldTexts;
    const fields = error.fields?.map((f, i) => {
      const wording = texts?.[i];
      return wording ? { field: f.field, message: say(tr, wording) } : f;
    });
    return { code: error.code, message: said, ...(fields && { fields }) };
  }
  if (error instanceof ConflictError) return { code: 'CONFLICT', message: message(error) };
  if (error instanceof ReleaseRuleError) {
    const said = message(error);
    return { code: 'RULE_VIOLATION', message: said, ...(error.field && { fields: [{ field: error.field, message: said }] }) };
  }
  if (error instanceof StoredDocumentError) {
    console.error('Preflight found a damaged stored document', error);
    return { code: 'INTERNAL', message: message(error) };
  }
  if (error instanceof ProductError) {
    const product = error.product === 'jira' ? 'Jira' : 'Confluence';
    const upstream = (id: ServerMessageId) => (english ? error.message : say(tr, text(id, { product })));
    if (error.status === 404) return { code: 'NOT_FOUND', message: upstream('errors.product.notFound') };
    if (error.status === 401 || error.status === 403) return { code: 'FORBIDDEN', message: upstream('errors.product.forbidden') };
    if (error.status === 409) return { code: 'CONFLICT', message: upstream('errors.product.conflict') };
    return { code: 'UPSTREAM_UNAVAILABLE', message: upstream('errors.product.unavailable') };
  }
  console.error('Preflight resolver failed', error);
  return { code: 'INTERNAL', message: say(tr, text('errors.unexpected')) };
}
