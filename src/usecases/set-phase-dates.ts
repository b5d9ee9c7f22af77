import { setPhaseDates as setDates } from '../domain/release';
import type { SetDatesPayload } from '../shared/release-panel';
import { changeRelease } from './change-release';
import type { Actor, ReleaseDeps } from './release-deps';

/** Plans a phase's start and end. Release owners only. */
export function setPhaseDates(deps: ReleaseDeps, actor: Actor, input: SetDatesPayload) {
  return changeRelease(deps, actor, {
    ...input,
    allowedRoles: ['release-owner'],
    touches: [`phaseDates:${input.phaseId}`],
    change: ({ record }, _e, at) =>
      setDates(record, input.phaseId, { ...(input.plannedStart && { plannedStart: input.plannedStart }), ...(input.plannedEnd && { plannedEnd: input.plannedEnd }) }, actor.accountId, at),
  });
}
