import { invoke } from '@forge/bridge';
import type { Envelope, ResolverError } from '../../../../src/shared/envelope';

/** A resolver answered `{ ok: false }`; `code` lets screens branch without parsing messages. */
export class ResolverFailure extends Error {
  readonly code: ResolverError['code'];
  readonly fields: ResolverError['fields'];

  constructor(error: ResolverError) {
    super(error.message);
    this.name = 'ResolverFailure';
    this.code = error.code;
    this.fields = error.fields;
  }
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  return typeof value === 'object' && value !== null && 'ok' in value && typeof value.ok === 'boolean';
}

/**
 * Calls a resolver and unwraps the shared envelope: resolves with `data`, rejects with a
 * ResolverFailure for `{ ok: false }`, and with a plain Error when the answer is not an envelope
 * (a platform failure, such as a timeout, rather than an answer from our code).
 * The type parameter is the resolver's result type from src/shared.
 */
export async function callResolver<T>(functionKey: string, payload: Record<string, unknown>): Promise<T> {
  const answer: unknown = await invoke(functionKey, payload);
  if (!isEnvelope(answer)) throw new Error(`Resolver ${functionKey} answered something that is not a Preflight envelope`);
  if (!answer.ok) throw new ResolverFailure(answer.error);
  return answer.data as T;
}
