import { advancePhase as advance } from '../domain/release';
import { AppError } from '../errors';
import type { AdvancePayload } from '../shared/release-panel';
import { changeRelease } from './change-release';
import { currentPhaseResults } from './evaluate-release';
import type { Actor, ReleaseDeps } from './release-deps';
import { text } from '../i18n/server-translator';
import { roleText } from '../domain/gates';

/**
 * Leaves the current phase when its gates pass. An override of failing gates needs a written
 * reason and the release owner role; the gate snapshot is kept as the go/no-go record.
 */
export function advancePhase(deps: ReleaseDeps, actor: Actor, input: AdvancePayload) {
  return changeRelease(deps, actor, {
    versionId: input.versionId,
    revision: input.revision,
    allowedRoles: ['release-owner'],
    needsEvaluation: true,
    // The go/no-go is decided on the gates the person saw: any change since (a gate may have turned red) is a clash.
    touches: ['phase'],
    reads: ['*'],
    change: ({ record, roles }, evaluation, at) => {
      if (input.override && !roles.includes('release-owner')) throw new AppError('FORBIDDEN', text('errors.role.overrideOwner', { role: roleText('release-owner') }));
      return advance(record, currentPhaseResults(record, evaluation!), actor.accountId, at, input.override, evaluation!.facts.issueCount);
    },
  });
}
