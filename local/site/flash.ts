import { randomUUID } from 'node:crypto';

/**
 * One-time messages a local page shows after a redirect (Jira's refusal of a Release or transition
 * button). The redirect carries only an id the server made, never the text: a crafted link cannot
 * make a page show words Jira never said, as `?error=<text>` could.
 */
const waiting = new Map<string, string>();
/** Enough for every tab of one person; the oldest go first. */
const LIMIT = 200;

/** Keeps the message and answers the query suffix for the redirect: `?notice=<id>`. */
export function flashQuery(message: string): string {
  const id = randomUUID();
  waiting.set(id, message);
  if (waiting.size > LIMIT) waiting.delete(waiting.keys().next().value!);
  return `?notice=${id}`;
}

/** The message behind a notice id, once; unknown or used ids show nothing. */
export function takeFlash(id: string | null | undefined): string | undefined {
  if (!id) return undefined;
  const message = waiting.get(id);
  waiting.delete(id);
  return message;
}
