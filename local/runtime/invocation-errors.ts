/**
 * The errors of Forge's invocation limits, apart from the code that enforces them so the runtime's
 * `__forge_fetch__` can refuse a dead invocation's calls without an import cycle.
 */

/** What invoked a function; each kind has its own time limit on Forge. */
export type InvocationKind = 'ui-resolver' | 'web-trigger' | 'scheduled-trigger' | 'async-event' | 'product-event' | 'workflow-validator';

/**
 * Payload limits. ASSUMED 5 MiB (5,242,880 bytes) for a resolver's answer and for a web trigger's
 * request and response: the docs page on invocation limits holds the figure but the copy we could
 * read was cut before it; developers report a "5242880 byte" GraphQL limit on what resolvers return
 * (community.developer.atlassian.com, "Improving support for long-running tasks in Forge"), and
 * the web trigger reference says its sizes are the function payload sizes.
 */
export const PAYLOAD_LIMITS_BYTES = {
  resolverRequest: 5 * 1024 * 1024,
  resolverResponse: 5 * 1024 * 1024,
  webTriggerRequest: 5 * 1024 * 1024,
  webTriggerResponse: 5 * 1024 * 1024,
} as const;

/** A platform limit stopped or refused an invocation; `httpStatus` is what the caller's edge answers. */
export abstract class InvocationLimitError extends Error {
  abstract readonly httpStatus: number;
}

/**
 * The invocation ran past its limit and was stopped. The message names the limit and carries the
 * line Forge's logs show for a stopped function (Lambda's "Task timed out after N seconds"); the
 * exact text the front end receives is not published (assumed).
 */
export class InvocationTimeoutError extends InvocationLimitError {
  /** ASSUMED: Forge does not publish the status a timed-out web trigger answers; a gateway timeout. */
  readonly httpStatus = 504;
  constructor(
    readonly kind: InvocationKind,
    readonly limitMs: number,
  ) {
    super(`Task timed out after ${(limitMs / 1000).toFixed(2)} seconds: Forge stops a ${KIND_NAMES[kind]} after ${formatSeconds(limitMs)}.`);
    this.name = 'InvocationTimeoutError';
  }
}

/** A payload over the platform's size limit; nothing past the limit reaches the other side. */
export class InvocationPayloadError extends InvocationLimitError {
  constructor(
    readonly what: keyof typeof PAYLOAD_LIMITS_BYTES,
    readonly bytes: number,
    readonly limitBytes: number,
    /** 413 for a request the platform will not pass on; 500 for an answer it cannot return (assumed). */
    readonly httpStatus: number,
  ) {
    super(`${PAYLOAD_NAMES[what]} is ${bytes} bytes; Forge's limit is ${limitBytes} bytes.`);
    this.name = 'InvocationPayloadError';
  }
}

/** A call made by an invocation that was already stopped: it never reaches the product or KVS. */
export class DeadInvocationError extends Error {
  constructor(invocationId: string, limitMs: number) {
    super(`Invocation ${invocationId} was stopped at its ${formatSeconds(limitMs)} limit; calls it makes afterwards are refused.`);
    this.name = 'DeadInvocationError';
  }
}

const KIND_NAMES: Record<InvocationKind, string> = {
  'ui-resolver': 'UI resolver',
  'web-trigger': 'web trigger',
  'scheduled-trigger': 'scheduled trigger',
  'async-event': 'async event consumer',
  'product-event': 'product event trigger',
  'workflow-validator': 'workflow validator',
};

const PAYLOAD_NAMES: Record<keyof typeof PAYLOAD_LIMITS_BYTES, string> = {
  resolverRequest: "The resolver call's payload",
  resolverResponse: "The resolver's answer",
  webTriggerRequest: 'The web trigger request',
  webTriggerResponse: "The web trigger function's response",
};

export function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

