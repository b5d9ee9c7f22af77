import { installedRuntime } from './forge-runtime';
import { assertPayloadWithin, jsonBytes, manifestFunctionOf, runWithInvocationLimit } from './invocation-limits';

/** A web trigger request as Forge serialises it for the function. */
export interface WebTriggerRequest {
  method: string;
  path: string;
  headers: Record<string, string[]>;
  queryParameters: Record<string, string[]>;
  body: string;
}

type Handler = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any -- Forge handlers are untyped

/**
 * Calls a web trigger function as Forge does, `handler(request, context)`, in an invocation with
 * no user (asUser() fails there, as on Forge). The answer crosses a JSON boundary, as it would.
 * Forge's limits apply: 55 s, and request and response (body, headers and all) within 5 MiB.
 * @throws InvocationTimeoutError (504) past the time limit; InvocationPayloadError for an
 *   oversized request (413) or response (500); whatever the handler throws.
 */
export async function invokeWebTrigger(args: { handler: Handler; moduleKey: string; request: WebTriggerRequest }): Promise<unknown> {
  const rt = installedRuntime();
  const context = { installContext: `ari:cloud:jira::site/${rt.cloudId}`, workspaceId: rt.cloudId };
  assertPayloadWithin('webTriggerRequest', jsonBytes(args.request), 413);
  return runWithInvocationLimit({ kind: 'web-trigger', accountId: null, moduleKey: args.moduleKey }, async () => {
    const result: unknown = await args.handler(args.request, context);
    if (result === undefined) return undefined;
    const text = JSON.stringify(result);
    assertPayloadWithin('webTriggerResponse', Buffer.byteLength(text, 'utf8'), 500);
    return JSON.parse(text) as unknown;
  });
}

/**
 * Calls a scheduled trigger function as Forge does: `handler({ context, contextToken }, context)`,
 * with no user, stopped after 55 s or the function's `timeoutSeconds` (up to 900 s).
 * @throws InvocationTimeoutError past the time limit; whatever the handler throws.
 */
export async function invokeScheduledTrigger(args: { handler: Handler; moduleKey: string; functionKey?: string }): Promise<unknown> {
  const rt = installedRuntime();
  const event = { context: { cloudId: rt.cloudId, moduleKey: args.moduleKey }, contextToken: 'local-context-token' };
  const functionKey = args.functionKey ?? manifestFunctionOf(args.moduleKey);
  return runWithInvocationLimit({ kind: 'scheduled-trigger', functionKey, accountId: null, moduleKey: args.moduleKey }, async () => {
    const result: unknown = await args.handler(event, { installContext: `ari:cloud:jira::site/${rt.cloudId}` });
    return result === undefined ? undefined : (JSON.parse(JSON.stringify(result)) as unknown);
  });
}
