/** The local Forge runtime: what lets the unmodified @forge/* packages run in this process. */
export {
  installForgeRuntime,
  runAs,
  currentInvocation,
  installedRuntime,
  INVOCATION_TIMEOUT_MS,
  type ForgeRuntimeOptions,
  type ProductRouter,
  type InvocationContext,
} from './forge-runtime';
export { invokeResolver, type InvokeResolverArgs } from './invoke-resolver';
export {
  runWithInvocationLimit,
  limitFor,
  invocationLimitMs,
  DEFAULT_INVOCATION_LIMITS_MS,
  PAYLOAD_LIMITS_BYTES,
  InvocationLimitError,
  InvocationTimeoutError,
  InvocationPayloadError,
  DeadInvocationError,
  type InvocationKind,
  type LimitedInvocation,
} from './invocation-limits';
export { realSiteRouter } from './real-site';
export { routerFromHandler } from './product-call';
