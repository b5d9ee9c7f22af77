import { addChecklistItem, removeChecklistItem, renameChecklistItem } from '../domain/checklist-items';
import type { EditChecklistItemPayload } from '../shared/release-panel';
import { changeRelease } from './change-release';
import type { Actor, ReleaseDeps } from './release-deps';

/**
 * Adds, renames or removes a checklist item of this release only (never the project's template).
 * Release owners only: the checklist is what the release is held to, like its dates and type.
 * @throws AppError FORBIDDEN; ConflictError; ReleaseRuleError (a done phase, a template item, a ticked item, a bad name).
 */
export function editChecklistItem(deps: ReleaseDeps, actor: Actor, input: EditChecklistItemPayload) {
  return changeRelease(deps, actor, {
    versionId: input.versionId,
    revision: input.revision,
    allowedRoles: ['release-owner'],
    change: ({ record }, _e, at) => {
      switch (input.action) {
        case 'add':
          return addChecklistItem(record, { phaseId: input.phaseId, name: input.name, requiresLink: input.requiresLink }, actor.accountId, at);
        case 'rename':
          return renameChecklistItem(record, input.gateId, input.name, actor.accountId, at);
        case 'remove':
          return removeChecklistItem(record, input.gateId, actor.accountId, at);
      }
    },
  });
}
