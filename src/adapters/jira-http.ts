import type api from '@forge/api';
import type { z } from 'zod';
import { ProductError, scopeMismatchError } from './product-error';
import { requestWithRetry, type CallTarget, type ProductResponse } from './request-with-retry';

/**
 * Who a product call goes as: `api.asUser()` (the default: Jira applies the person's own
 * permissions) or `api.asApp()` (only after Preflight has checked the caller itself, e.g. the CI
 * web trigger's secret). Adapters take it as a parameter and call `jira.requestJira(route...)`.
 */
export type JiraClient = Pick<ReturnType<typeof api.asUser>, 'requestJira'>;

/** Headers for a JSON exchange with Jira. */
export const JSON_HEADERS = { Accept: 'application/json', 'Content-Type': 'application/json' } as const;

/**
 * Each adapter calls `api.asUser().requestJira(route`...`, { method: ... })` itself and hands the
 * call to these helpers as a thunk. Keeping the call literal at the call site is deliberate: the
 * actor (asUser by default; asApp only after a role check) is visible where it is chosen, and
 * @forge/lint can read the path and method to check the manifest's scopes.
 */
export type SendJira = () => Promise<ProductResponse>;

async function send(describe: string, call: SendJira, target?: CallTarget): Promise<{ status: number; text: string }> {
  const response = await requestWithRetry('jira', describe, call, undefined, target);
  return { status: response.status, text: await response.text() };
}

/**
 * Sends the call (retrying 429/5xx per Jira's rate limit; `target` names the endpoint and, for a
 * write to one issue, the issue, so a limit slows down only those) and parses a 2xx JSON answer.
 * @throws ProductError for any other status, with Jira's own error messages when it gave some.
 */
export async function jiraJson<S extends z.ZodType>(describe: string, schema: S, call: SendJira, target?: CallTarget): Promise<z.infer<S>> {
  const { status, text } = await send(describe, call, target);
  if (status < 200 || status >= 300) throw jiraError(describe, status, text);
  let json: unknown;
  try {
    json = text === '' ? {} : JSON.parse(text);
  } catch (cause) {
    throw new ProductError(`Jira sent an answer Preflight could not read while trying to ${describe}.`, status, 'jira', { cause });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ProductError(`Jira's answer had an unexpected shape while Preflight was trying to ${describe}.`, status, 'jira', { cause: parsed.error });
  }
  return parsed.data;
}

/** Like jiraJson for calls whose success has no body we need (204s, PUTs). */
export async function jiraExpectOk(describe: string, call: SendJira, target?: CallTarget): Promise<void> {
  const { status, text } = await send(describe, call, target);
  if (status < 200 || status >= 300) throw jiraError(describe, status, text);
}

export function jiraError(describe: string, status: number, text: string): ProductError {
  const refused = scopeMismatchError('jira', describe, status, text);
  if (refused) return refused;
  const messages = jiraMessages(text);
  const what =
    status === 404
      ? 'it was not found, or you cannot see it'
      : status === 401 || status === 403
        ? 'you do not have permission in Jira'
        : `Jira answered ${status}`;
  return new ProductError(`Could not ${describe}: ${what}${messages ? ` (${messages})` : ''}.`, status, 'jira', { cause: text });
}

function jiraMessages(text: string): string {
  try {
    const body = JSON.parse(text) as { errorMessages?: unknown; errors?: unknown };
    const list = [
      ...(Array.isArray(body.errorMessages) ? body.errorMessages.map(String) : []),
      ...(body.errors && typeof body.errors === 'object' ? Object.values(body.errors as Record<string, unknown>).map(String) : []),
    ];
    return list.join('; ').slice(0, 300);
  } catch {
    return '';
  }
}

/**
 * "Since this instant" for JQL, as a relative period ("-95m"): Jira reads absolute JQL dates in
 * the searcher's time zone (the person's, or the app's in a trigger), but a relative period means
 * the same everywhere. Rounded up to whole minutes, Jira's finest grain, so nothing is missed.
 */
export function jqlSince(iso: string, now: Date): string {
  const minutes = Math.max(1, Math.ceil((now.getTime() - Date.parse(iso)) / 60_000));
  return `"-${minutes}m"`;
}

/** Quotes a value for JQL: double quotes, with backslashes and quotes escaped. */
export function jqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
