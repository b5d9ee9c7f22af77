import { setBuildUnderTest as setBuild } from '../domain/release';
import type { SetBuildPayload } from '../shared/release-panel';
import { changeRelease } from './change-release';
import type { Actor, ReleaseDeps } from './release-deps';

/** Names the build QA is testing; approvals of earlier builds stop counting. Release owner or QA. */
export function setBuildUnderTest(deps: ReleaseDeps, actor: Actor, input: SetBuildPayload) {
  return changeRelease(deps, actor, {
    ...input,
    allowedRoles: ['release-owner', 'qa'],
    touches: ['build'],
    change: ({ record }, _e, at) => setBuild(record, input.buildId, actor.accountId, at),
  });
}
