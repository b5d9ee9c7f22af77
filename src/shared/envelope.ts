import { z } from 'zod';

/**
 * Every resolver answers with this envelope, so the UI branches on a fixed set of codes instead of
 * parsing messages. `fields` names the payload fields that were wrong and what was expected.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  /** The request was well-formed but a release rule refuses it (e.g. a gate blocks the advance). */
  'RULE_VIOLATION',
  'UPSTREAM_UNAVAILABLE',
  /** The site lacks the product the request needs (Confluence is optional for Preflight). */
  'NOT_CONNECTED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldError {
  /** Dotted path of the payload field, e.g. `phases.2.name`. */
  field: string;
  message: string;
}

export interface ResolverError {
  code: ErrorCode;
  message: string;
  fields?: FieldError[];
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ResolverError };

export const resolverErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
