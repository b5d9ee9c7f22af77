import type { z } from 'zod';
import type { SimRequest, SimResponse } from '../http-types';
import type { Caller, JiraDb } from './db';
import type { WorkflowValidatorRunner } from './workflow-rules';

/** Everything a route needs for one request. */
export interface RouteContext {
  req: SimRequest;
  db: JiraDb;
  caller: Caller;
  /** Site URL for `self` links, without a trailing slash. */
  base: string;
  now: Date;
  /** Path parameters, percent-decoded. */
  params: Record<string, string>;
  /** Call after every mutation so the composer persists the state. */
  changed: () => void;
  /** Runs the app validators a transition carries (workflow-rules.ts); absent when no app runtime is attached. */
  validators?: WorkflowValidatorRunner;
  /**
   * Reports a product event (a payload built by events.ts, with its `eventType`) after a change;
   * the Forge runtime delivers it to the app's triggers once the request has answered.
   */
  emit: (payload: Record<string, unknown>) => void;
}

export type Route = (ctx: RouteContext) => SimResponse | Promise<SimResponse>;

/** A failure answered with Jira's error shape: `{ errorMessages: [...], errors: { field: msg } }`. */
export class JiraHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessages: string[],
    readonly errors: Record<string, string> = {},
  ) {
    super(errorMessages[0] ?? Object.values(errors)[0] ?? `HTTP ${status}`);
    this.name = 'JiraHttpError';
  }
}

export function errorBody(status: number, errorMessages: string[], errors: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: { errorMessages, errors } };
}

export function ok(body: unknown, status = 200): SimResponse {
  return { status, headers: { 'content-type': 'application/json' }, body };
}

export function noContent(): SimResponse {
  return { status: 204 };
}

export const notFound = (message: string): JiraHttpError => new JiraHttpError(404, [message]);
export const forbidden = (message: string): JiraHttpError => new JiraHttpError(403, [message]);
export const badRequest = (message: string, errors: Record<string, string> = {}): JiraHttpError =>
  new JiraHttpError(400, message ? [message] : [], errors);

/**
 * Validates a JSON body with zod; failures become a 400 whose `errors` name each field and what
 * was expected, the way Jira reports field errors.
 */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join('.') || 'body';
    errors[field] ??= issue.message;
  }
  throw new JiraHttpError(400, [], errors);
}

/** All values of a query parameter, comma lists split (`fields=a,b&fields=c`). */
export function listParam(query: URLSearchParams, name: string): string[] {
  return query.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

/** An integer query parameter; a malformed one is a 400 naming the parameter. */
export function intParam(query: URLSearchParams, name: string, fallback: number, min = 0): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw badRequest(`The '${name}' parameter must be an integer of at least ${min}; got '${raw}'.`);
  return n;
}

/** The request's own URL with some query parameters replaced (for `self` and `nextPage`). */
export function pageUrl(ctx: RouteContext, overrides: Record<string, string>): string {
  const q = new URLSearchParams(ctx.req.query);
  for (const [k, v] of Object.entries(overrides)) q.set(k, v);
  return `${ctx.base}${ctx.req.path}?${q.toString()}`;
}

/** Jira's paged list envelope (PageBean*). */
export function pageBean<T>(ctx: RouteContext, all: readonly T[], startAt: number, maxResults: number): Record<string, unknown> {
  const values = all.slice(startAt, startAt + maxResults);
  const isLast = startAt + values.length >= all.length;
  return {
    self: pageUrl(ctx, { startAt: String(startAt), maxResults: String(maxResults) }),
    ...(isLast ? {} : { nextPage: pageUrl(ctx, { startAt: String(startAt + maxResults), maxResults: String(maxResults) }) }),
    maxResults,
    startAt,
    total: all.length,
    isLast,
    values,
  };
}
