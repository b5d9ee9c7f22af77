import { ResolverFailure } from '../bridge/call-resolver';
import { PUBLISH_BESIDE_FIELD } from '../../../../src/shared/macros';

/**
 * The refusal's message when publishing was refused because Preflight could not merge into the
 * existing page (restructured, or someone wrote inside Preflight's block): the screen then offers
 * "Publish a new page beside it", which re-sends with `beside: true` only when the person clicks.
 */
export function besideOffer(error: unknown): string | undefined {
  return error instanceof ResolverFailure && error.code === 'RULE_VIOLATION' && error.fields?.some((f) => f.field === PUBLISH_BESIDE_FIELD) ? error.message : undefined;
}
