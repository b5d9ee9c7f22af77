import { withReleaseItems } from '../domain/checklist-items';
import { changeReleaseType } from '../domain/release';
import type { SetTypePayload } from '../shared/release-panel';
import { changeRelease } from './change-release';
import type { Actor, ReleaseDeps } from './release-deps';

/** Switches major/minor/hotfix (and so the template) before scope is frozen. Release owners only. */
export function setReleaseType(deps: ReleaseDeps, actor: Actor, input: SetTypePayload) {
  return changeRelease(deps, actor, {
    ...input,
    allowedRoles: ['release-owner'],
    change: ({ record, settings }, _e, at) => {
      // Items added to this release alone survive the switch; their ticks are kept like the template's.
      const carried = withReleaseItems(record, settings.template[input.releaseType]);
      const changed = changeReleaseType(record, input.releaseType, carried.phases, actor.accountId, at);
      return changed.events.length > 0 ? { ...changed, record: { ...changed.record, releaseItems: carried.releaseItems } } : changed;
    },
  });
}
