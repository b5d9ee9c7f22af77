import api, { type Route } from '@forge/api';
import type { z } from 'zod';
import { ProductError } from './product-error';
import { requestWithRetry } from './request-with-retry';

/**
 * Who a Jira call goes as. `user`: the person using the app, so Jira's own permissions apply (the
 * default for reads). `app`: only after the resolver has checked the person's Preflight role, and
 * only where the user's own permissions cannot do the job (reading project role membership).
 */
export type Actor = 'user' | 'app';

export interface JiraCall {
  as: Actor;
  /** What Preflight was doing, in words for error messages: "read version 10001". */
  describe: string;
  route: Route;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
}

/** Sends the call (retrying 429/5xx) and returns the status and raw text. */
export async function jiraSend(call: JiraCall): Promise<{ status: number; text: string }> {
  const client = call.as === 'user' ? api.asUser() : api.asApp();
  const response = await requestWithRetry('jira', call.describe, () =>
    client.requestJira(call.route, {
      method: call.method ?? 'GET',
      headers: { Accept: 'application/json', ...(call.body !== undefined && { 'Content-Type': 'application/json' }) },
      ...(call.body !== undefined && { body: JSON.stringify(call.body) }),
    }),
  );
  return { status: response.status, text: await response.text() };
}

/**
 * Sends the call and parses a 2xx JSON answer with a loose schema.
 * @throws ProductError for any other status, with Jira's own error messages when it gave some.
 */
export async function jiraJson<S extends z.ZodType>(call: JiraCall, schema: S): Promise<z.infer<S>> {
  const { status, text } = await jiraSend(call);
  if (status < 200 || status >= 300) throw jiraError(call, status, text);
  let json: unknown;
  try {
    json = text === '' ? {} : JSON.parse(text);
  } catch (cause) {
    throw new ProductError(`Jira sent an answer Preflight could not read while trying to ${call.describe}.`, status, 'jira', { cause });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ProductError(`Jira's answer had an unexpected shape while Preflight was trying to ${call.describe}.`, status, 'jira', { cause: parsed.error });
  }
  return parsed.data;
}

/** Like jiraJson for calls whose success has no body we need (204s, PUTs). */
export async function jiraExpectOk(call: JiraCall): Promise<void> {
  const { status, text } = await jiraSend(call);
  if (status < 200 || status >= 300) throw jiraError(call, status, text);
}

export function jiraError(call: JiraCall, status: number, text: string): ProductError {
  const messages = jiraMessages(text);
  const what =
    status === 404
      ? 'it was not found, or you cannot see it'
      : status === 401 || status === 403
        ? 'you do not have permission in Jira'
        : `Jira answered ${status}`;
  return new ProductError(`Could not ${call.describe}: ${what}${messages ? ` (${messages})` : ''}.`, status, 'jira', { cause: text });
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

/** Quotes a value for JQL: double quotes, with backslashes and quotes escaped. */
export function jqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
