import { currentPhase, recordVersionReleased, ReleaseRuleError } from '../domain/release';
import type { ReleaseVersionPayload } from '../shared/release-panel';
import { changeRelease } from './change-release';
import type { Actor, ReleaseDeps } from './release-deps';
import { text } from '../i18n/server-translator';
import { phaseNameText } from '../domain/default-names';

/**
 * Releases the Jira version from the panel during the phase that waits for it, as the person
 * (Jira checks they may), optionally moving unfinished issues to another version.
 */
export function releaseVersion(deps: ReleaseDeps, actor: Actor, input: ReleaseVersionPayload) {
  return changeRelease(deps, actor, {
    versionId: input.versionId,
    revision: input.revision,
    allowedRoles: ['release-owner'],
    change: async ({ record, version }, _e, at) => {
      const phase = currentPhase(record);
      if (!phase.gates.some((g) => g.kind === 'auto' && g.check === 'version-released')) {
        throw new ReleaseRuleError(text('errors.release.releaseInDeployment', { phase: phaseNameText(phase), deployment: text('views.template.phase.deployment') }));
      }
      if (version.released) throw new ReleaseRuleError(text('errors.release.alreadyReleased'));
      if (input.moveUnfixedIssuesTo === input.versionId) throw new ReleaseRuleError(text('errors.release.moveToSelf'), 'moveUnfixedIssuesTo');
      await deps.writes.release(input.versionId, input.releaseDate, input.moveUnfixedIssuesTo);
      const target = input.moveUnfixedIssuesTo ? (await deps.reads.version(input.moveUnfixedIssuesTo)).name : undefined;
      return recordVersionReleased(record, { releaseDate: input.releaseDate, ...(target && { movedTo: target }) }, actor.accountId, at);
    },
  });
}
