import { callerTranslator, say } from '../i18n/server-translator';
import { attentionReasons, orderForReleasesList, toReleaseSummary, untrackedPhase } from '../domain/release-summary';
import { DEFAULT_TEMPLATE, type ReleaseType } from '../domain/template';
import { SEVERE } from '../domain/incidents';
import type { Clock, EvaluationQueue, IncidentStore, ReleaseStore, SettingsStore, VersionApi, VersionListQuery } from '../ports';
import { needsEvaluation, queueEvaluations } from './evaluate-in-background';
import type { ListReleasesPayload, ListReleasesResult, ReleaseSummary } from '../shared/releases';

export const RELEASES_PAGE_SIZE = 50;

export interface ListReleasesDeps {
  versions: VersionApi;
  store: Pick<ReleaseStore, 'summaries'>;
  settings: Pick<SettingsStore, 'get'>;
  incidents: Pick<IncidentStore, 'ofProject'>;
  clock: Clock;
  /** Where versions nobody evaluated yet are queued for the background job (optional in tests). */
  queue?: EvaluationQueue;
}

/** How far back the list looks for incidents still open, and how many it reads (one KVS query). */
const INCIDENT_LOOKBACK_DAYS = 90;
const INCIDENT_LIMIT = 100;

/** Jira's default when the person picked no status: what is being worked on and what shipped. */
const DEFAULT_STATUS: NonNullable<VersionListQuery['status']> = ['unreleased', 'released'];

/**
 * The project's versions as releases, a page at a time, each with its real state whether or not
 * anyone opened it: the phase (tracked: the record's; untracked: the project's default release
 * type's first phase, its last once released), gate counts as last evaluated by the panel or the
 * background job, and why it needs attention. Search, status and order are Jira's, so a page is a
 * full page of matches. Cost: one Jira call, plus three KVS queries (summaries, settings,
 * incidents) whatever the number of versions. The cursor is Jira's startAt, kept opaque to the UI.
 * @throws ProductError when Jira cannot be read.
 */
export async function listReleases(
  deps: ListReleasesDeps,
  project: { id: string; key: string },
  input: ListReleasesPayload = {},
  caller: { locale?: string; timeZone?: string } = {},
): Promise<ListReleasesResult> {
  const tr = callerTranslator(caller.locale, caller.timeZone);
  const startAt = input.cursor === undefined ? 0 : Number.parseInt(input.cursor, 10);
  const today = deps.clock.now();
  const since = new Date(today.getTime() - INCIDENT_LOOKBACK_DAYS * 24 * 60 * 60 * 1000).toISOString();
  const [page, summaries, stored, incidents] = await Promise.all([
    deps.versions.listVersions(project.key, {
      startAt,
      maxResults: RELEASES_PAGE_SIZE,
      status: input.status ?? DEFAULT_STATUS,
      ...(input.query !== undefined && { query: input.query }),
      ...(input.orderBy !== undefined && { orderBy: input.orderBy }),
    }),
    deps.store.summaries(project.key),
    // Settings never saved: the default template and type, without the call defaultSettings makes
    // for role names (the list needs no roles).
    deps.settings.get(project.key),
    deps.incidents.ofProject(project.key, since, INCIDENT_LIMIT),
  ]);
  const template = stored?.settings.template ?? DEFAULT_TEMPLATE;
  const defaultType: ReleaseType = stored?.settings.defaultReleaseType ?? 'minor';
  const openIncident = new Set(incidents.filter((i) => !i.resolvedAt && i.severity <= SEVERE).map((i) => i.versionId));

  const releases = page.values.map((v): ReleaseSummary => {
    const facts = toReleaseSummary(v, today);
    const entry = summaries.get(v.id);
    const tracked = entry !== undefined && entry.tracked !== false;
    const releaseType = (tracked ? entry.releaseType : undefined) ?? defaultType;
    // An untracked version's phase follows Jira's released flag, even when the background job
    // evaluated it while it was still unreleased.
    const phase = tracked ? entry.phase : untrackedPhase(v, template[releaseType]);
    // Counts are for the phase shown: an untracked version's background counts were for its first
    // phase, so once Jira says it is released they no longer describe it.
    const current = entry && (tracked || entry.phase.id === phase.id);
    const gateSummary = current ? { ...entry.gateSummary, source: entry.source ?? 'panel' } : undefined;
    return {
      ...facts,
      tracking: tracked ? 'tracked' : 'untracked',
      phase,
      // A tracked entry stored before the type was kept says nothing: better no type than a guess.
      ...((!tracked || entry.releaseType !== undefined) && { releaseType }),
      ...(gateSummary && { gateSummary }),
      attention: attentionReasons({ ...facts, ...(gateSummary && { gateSummary }) }, today, {
        ...(entry?.scopePending !== undefined && { scopePending: entry.scopePending }),
        openIncident: openIncident.has(v.id),
      }, (message) => say(tr, message)),
    };
  });
  // Versions of this page with no counts yet (or a day old) are evaluated on the queue, so the next look has them.
  // Pushing an event is not a write to anyone's record: the consumer writes only derived summaries.
  const unevaluated = page.values.filter((v) => !v.released && !v.archived && needsEvaluation(summaries.get(v.id), today)).map((v) => v.id);
  if (deps.queue && unevaluated.length > 0) {
    const queued = await queueEvaluations(deps.queue, project.key, unevaluated);
    if (!queued.ok) console.warn(`Preflight could not queue the evaluation of ${unevaluated.length} versions of ${project.key}: ${queued.error}`);
  }
  return {
    project,
    // Jira's order when the person chose one; otherwise unreleased first, then released, then archived.
    releases: input.orderBy === undefined ? orderForReleasesList(releases) : releases,
    ...(page.nextStartAt !== undefined && { nextCursor: String(page.nextStartAt) }),
  };
}
