import type { AuditEventDraft } from '../domain/release';
import { retrospectiveFacts } from '../domain/retrospective';
import type { MacroConfig, RetrospectiveView } from '../shared/macros';
import type { IncidentsView } from '../shared/release-panel';
import { productionDeployment } from '../domain/deployments';
import { beddingInWindow, liveSince } from '../domain/incidents';
import { incidentsView, readChangeFailureRate } from './release-view';
import { recordAsShown, type LoadedRelease } from './load-release';
import { loadMacroRelease, publishedOf, versionRef } from './macro-release';
import type { MacroDeps } from './macro-deps';
import { auditSummary } from '../domain/audit-line';
import { projectTranslator } from './project-language';
import type { Actor } from './release-deps';

/** Enough of the audit trail for any real release; a bound keeps a runaway trail from timing out. */
const AUDIT_PAGES = 10;
const AUDIT_PAGE_SIZE = 100;

async function auditTrail(deps: MacroDeps, loaded: LoadedRelease): Promise<AuditEventDraft[]> {
  if (loaded.storedRevision === undefined) return [];
  const events: AuditEventDraft[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < AUDIT_PAGES; page++) {
    const answer = await deps.store.audit(loaded.version.id, { limit: AUDIT_PAGE_SIZE, ...(cursor && { cursor }) });
    events.push(...answer.events);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return events;
}

/**
 * The retrospective's incidents from stored records only (KVS, no REST): the release's incidents,
 * its bedding-in window and the project's change failure rate.
 */
async function monitoringFacts(deps: MacroDeps, loaded: LoadedRelease): Promise<IncidentsView | undefined> {
  if (!deps.incidents) return undefined;
  const record = recordAsShown(loaded);
  const [incidents, rate] = await Promise.all([deps.incidents.ofVersion(loaded.version.id), readChangeFailureRate(deps, record.projectKey, { record, version: loaded.version })]);
  const live = liveSince(productionDeployment(record), loaded.version);
  return incidentsView({ record, version: loaded.version, settings: loaded.settings }, incidents, live && beddingInWindow(live, loaded.settings.beddingInDays).end, rate, projectTranslator(loaded.settings));
}

const RETRO_SECTION_IDS = ['pages.retro.section.wentWell', 'pages.retro.section.didNot', 'pages.retro.section.actions'] as const;

export async function retrospectiveView(deps: MacroDeps, actor: Actor, loaded: LoadedRelease): Promise<RetrospectiveView> {
  const { version } = loaded;
  const record = recordAsShown(loaded);
  const [events, scope, monitoring] = await Promise.all([
    auditTrail(deps, loaded),
    deps.macroReads.scopeFacts({
      projectKey: record.projectKey,
      versionId: version.id,
      versionName: version.name,
      ...(record.frozenAt && { frozenAt: record.frozenAt }),
      asOf: deps.clock.now().toISOString(),
    }),
    monitoringFacts(deps, loaded),
  ]);
  const ids = [...record.transitions.map((t) => t.by), ...events.map((e) => e.by), ...Object.values(record.checklist).map((t) => t.by)];
  const names = await deps.people.names([...new Set(ids)]);
  const published = publishedOf(loaded, 'retrospective');
  // The retrospective reads in the project's language, on the page and in the macro alike.
  const tr = projectTranslator(loaded.settings);
  return {
    project: actor.project,
    version: versionRef(loaded),
    ...retrospectiveFacts(record, events, scope, (id) => names.get(id) ?? id, (event) => auditSummary(tr, event)),
    sections: RETRO_SECTION_IDS.map((id) => tr.t(id)),
    ...(monitoring && { monitoring }),
    ...(published && { published }),
  };
}

/**
 * The retrospective's facts for a macro: dates per phase, scope at freeze and at release, issues
 * added after the freeze and slipped to other versions, overrides, QA rejections and incidents.
 */
export async function getRetrospective(deps: MacroDeps, accountId: string, config: MacroConfig): Promise<RetrospectiveView> {
  const { actor, loaded } = await loadMacroRelease(deps, accountId, config, { withRoles: false });
  return retrospectiveView(deps, actor, loaded);
}
