import { signOff as sign } from '../domain/release';
import type { SignOffPayload } from '../shared/release-panel';
import { changeRelease } from './change-release';
import type { Actor, ReleaseDeps } from './release-deps';

/** Signs (or withdraws) a sign-off; a person signs only in a role they hold. */
export function signOff(deps: ReleaseDeps, actor: Actor, input: SignOffPayload) {
  return changeRelease(deps, actor, {
    versionId: input.versionId,
    revision: input.revision,
    allowedRoles: [input.role],
    // Another role's (or gate's) sign-off merges; a sign-off is refused once the phase moved on.
    touches: [`signoff:${input.gateId}:${input.role}`],
    reads: ['phase'],
    change: ({ record }, _e, at) => sign(record, input.gateId, input.role, input.signed, actor.accountId, at),
  });
}
