import { decideScopeChange as decide, ReleaseRuleError } from '../domain/release';
import type { DecideScopePayload } from '../shared/release-panel';
import { changeRelease } from './change-release';
import type { Actor, ReleaseDeps } from './release-deps';
import { text } from '../i18n/server-translator';

/**
 * Accepts an issue added after the freeze into the release, or removes it: removing takes the
 * version off the issue in Jira (as the person, so Jira's edit permission applies) and records it.
 */
export function decideScopeChange(deps: ReleaseDeps, actor: Actor, input: DecideScopePayload) {
  return changeRelease(deps, actor, {
    versionId: input.versionId,
    revision: input.revision,
    allowedRoles: ['release-owner'],
    needsEvaluation: true,
    change: async ({ record }, evaluation, at) => {
      const issue = evaluation!.counts.addedAfterFreeze.find((i) => i.id === input.issueId);
      if (!issue) throw new ReleaseRuleError(text('errors.scope.notAdded', { issue: input.issueId }), 'issueId');
      if (input.decision === 'removed') await deps.writes.removeFromIssue(issue.id, input.versionId);
      return decide(record, issue, input.decision, actor.accountId, at);
    },
  });
}
