import { setAnnouncementDate as setDate } from '../domain/release';
import type { SetAnnouncementPayload } from '../shared/release-panel';
import { changeRelease } from './change-release';
import type { Actor, ReleaseDeps } from './release-deps';

/** Plans (or clears) the go-to-market announcement; the panel flags one before bedding-in ends. */
export function setAnnouncementDate(deps: ReleaseDeps, actor: Actor, input: SetAnnouncementPayload) {
  return changeRelease(deps, actor, {
    ...input,
    allowedRoles: ['release-owner'],
    touches: ['announcement'],
    change: ({ record }, _e, at) => setDate(record, input.announcementDate ?? undefined, actor.accountId, at),
  });
}
