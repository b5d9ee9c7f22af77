import { tickChecklistItem as tick } from '../domain/release';
import type { TickPayload } from '../shared/release-panel';
import { changeRelease } from './change-release';
import type { Actor, ReleaseDeps } from './release-deps';

/** Ticks or unticks a checklist item (a manual gate). Anyone with a Preflight role in the project. */
export function tickChecklistItem(deps: ReleaseDeps, actor: Actor, input: TickPayload) {
  return changeRelease(deps, actor, {
    ...input,
    allowedRoles: ['release-owner', 'engineering-lead', 'qa'],
    // Another item's tick merges; a tick is refused once the phase it was seen in moved on.
    touches: [`checklist:${input.gateId}`],
    reads: ['phase'],
    change: ({ record }, _e, at) => tick(record, input.gateId, input.done, actor.accountId, at, input.link),
  });
}
