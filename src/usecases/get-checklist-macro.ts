import type { ChecklistMacroView, MacroConfig } from '../shared/macros';
import { getRelease } from './get-release';
import type { MacroDeps } from './macro-deps';
import { storedProjectTranslator } from './project-language';

/**
 * The release checklist macro: exactly the release panel's view (phases, gates, checklist,
 * sign-offs), read-only. The macro's resolver offers no write at all, so nothing here changes a
 * release; `me.readOnlyReason` is set so a shared component shows it read-only.
 */
export async function getChecklistMacro(deps: MacroDeps, accountId: string, config: Pick<MacroConfig, 'projectKey' | 'versionId'>): Promise<ChecklistMacroView> {
  const project = await deps.macroReads.project(config.projectKey);
  // The macro sits on a Confluence page: like the published checklist, it reads in the project's language.
  const tr = await storedProjectTranslator(deps.settings, config.projectKey);
  const release = await getRelease(deps, { accountId, project, locale: tr.locale }, config.versionId);
  const readOnlyReason = tr.t('views.checklistMacro.readOnly');
  return { release: { ...release, me: { ...release.me, canOverride: false, readOnlyReason } } };
}
