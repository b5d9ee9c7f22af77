import type { ChecklistMacroView, MacroConfig } from '../shared/macros';
import { getRelease } from './get-release';
import type { MacroDeps } from './macro-deps';

/**
 * The release checklist macro: exactly the release panel's view (phases, gates, checklist,
 * sign-offs), read-only. The macro's resolver offers no write at all, so nothing here changes a
 * release; `me.readOnlyReason` is set so a shared component shows it read-only.
 */
export async function getChecklistMacro(deps: MacroDeps, accountId: string, config: Pick<MacroConfig, 'projectKey' | 'versionId'>): Promise<ChecklistMacroView> {
  const project = await deps.macroReads.project(config.projectKey);
  const release = await getRelease(deps, { accountId, project }, config.versionId);
  return { release: { ...release, me: { ...release.me, canOverride: false, readOnlyReason: 'The checklist on a Confluence page is read-only; change the release in its panel in Jira.' } } };
}
