import { installationOf, installedRuntime } from './forge-runtime';
import { assertPayloadWithin, jsonBytes, runWithInvocationLimit } from './invocation-limits';
import { forgeExtension } from './module-context';
import { productOfModuleType, siteAri } from './installations';

export interface InvokeResolverArgs {
  /** The function the manifest names (e.g. the export of `new Resolver().getDefinitions()`). */
  handler: (...a: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any -- Forge handlers are untyped
  functionKey: string;
  payload: unknown;
  accountId: string;
  moduleKey: string;
  /** The module's type in manifest.yml (`macro`, `jira:projectPage`, ...); default: `extension.type`. */
  moduleType?: string;
  /** The module's `extension` context (type, project, issue, macro config, ...). */
  extension: Record<string, unknown>;
  localId?: string;
  /** The caller's locale tag (Forge passes the person's profile language); default en-US. */
  locale?: string;
}

/**
 * Calls a resolver handler exactly as Forge does:
 * `handler({ call: { functionKey, payload }, context }, { principal: { accountId }, installContext, ... })`,
 * inside an invocation of `accountId` (so asUser() calls carry that user). The result crosses a
 * JSON boundary on Forge, so it is returned as its JSON round-trip; errors are thrown as they are.
 * Forge's limits apply: the handler is stopped after 25 s, and payload and answer must fit 5 MiB.
 * @throws InvocationTimeoutError past the time limit; InvocationPayloadError for an oversized
 *   payload (413) or answer (500); whatever the handler throws.
 */
export async function invokeResolver(args: InvokeResolverArgs): Promise<unknown> {
  const rt = installedRuntime();
  const moduleType = args.moduleType ?? (typeof args.extension.type === 'string' ? args.extension.type : undefined);
  const product = productOfModuleType(moduleType);
  const invocation = { accountId: args.accountId, moduleKey: args.moduleKey, ...(product && { product }) };
  // The installation the module lives in; throws when its product is not connected to the site.
  const installation = installationOf(invocation);
  // A macro's context names the Confluence site, a Jira module's the Jira site, as on Forge.
  const installContext = siteAri(installation.product, rt.cloudId);
  const extension = forgeExtension(moduleType, args.extension);
  const context = {
    accountId: args.accountId,
    cloudId: rt.cloudId,
    siteUrl: rt.siteUrl,
    moduleKey: args.moduleKey,
    localId: args.localId ?? `${args.moduleKey}-local`,
    extension,
    installContext,
    environmentId: rt.environmentId,
    environmentType: rt.environmentType,
    locale: args.locale ?? 'en-US',
    timezone: 'UTC',
  };
  const backendPayload = {
    principal: { accountId: args.accountId },
    installContext,
    installation: { id: installation.id, contexts: installation.products.map((p) => siteAri(p, rt.cloudId)) },
    license: { isActive: true },
  };
  // The front end's payload is refused before the function runs, as the platform would.
  assertPayloadWithin('resolverRequest', jsonBytes(args.payload), 413);
  return runWithInvocationLimit({ ...invocation, kind: 'ui-resolver' }, async () => {
    const result: unknown = await args.handler({ call: { functionKey: args.functionKey, payload: args.payload }, context }, backendPayload);
    if (result === undefined) return undefined;
    const text = JSON.stringify(result);
    assertPayloadWithin('resolverResponse', Buffer.byteLength(text, 'utf8'), 500);
    return JSON.parse(text) as unknown;
  });
}
