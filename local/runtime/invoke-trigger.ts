import { installedRuntime, runInvocation } from './forge-runtime';

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
 */
export async function invokeWebTrigger(args: { handler: Handler; moduleKey: string; request: WebTriggerRequest }): Promise<unknown> {
  const rt = installedRuntime();
  const context = { installContext: `ari:cloud:jira::site/${rt.cloudId}`, workspaceId: rt.cloudId };
  return runInvocation({ accountId: null, moduleKey: args.moduleKey }, async () => {
    const result: unknown = await args.handler(args.request, context);
    return result === undefined ? undefined : (JSON.parse(JSON.stringify(result)) as unknown);
  });
}

/** Calls a scheduled trigger function as Forge does: `handler({ context, contextToken }, context)`, with no user. */
export async function invokeScheduledTrigger(args: { handler: Handler; moduleKey: string }): Promise<unknown> {
  const rt = installedRuntime();
  const event = { context: { cloudId: rt.cloudId, moduleKey: args.moduleKey }, contextToken: 'local-context-token' };
  return runInvocation({ accountId: null, moduleKey: args.moduleKey }, async () => {
    const result: unknown = await args.handler(event, { installContext: `ari:cloud:jira::site/${rt.cloudId}` });
    return result === undefined ? undefined : (JSON.parse(JSON.stringify(result)) as unknown);
  });
}
