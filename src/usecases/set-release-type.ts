import { changeReleaseType } from '../domain/release';
import type { SetTypePayload } from '../shared/release-panel';
import { changeRelease } from './change-release';
import type { Actor, ReleaseDeps } from './release-deps';

/** Switches major/minor/hotfix (and so the template) before scope is frozen. Release owners only. */
export function setReleaseType(deps: ReleaseDeps, actor: Actor, input: SetTypePayload) {
  return changeRelease(deps, actor, {
    ...input,
    allowedRoles: ['release-owner'],
    change: ({ record, settings }, _e, at) => changeReleaseType(record, input.releaseType, settings.template[input.releaseType], actor.accountId, at),
  });
}
