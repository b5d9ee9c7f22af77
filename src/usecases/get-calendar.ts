import { mapLimited } from '../domain/map-limited';
import { calendarOrder, calendarWindow, overlapsWindow, releaseOnCalendar, releaseSpan, trainOnCalendar } from '../domain/calendar';
import { isoDay } from '../domain/release-summary';
import type { ReleaseRecord } from '../domain/release';
import { DEFAULT_TEMPLATE } from '../domain/template';
import type { Clock, JiraVersion, SettingsStore, VersionApi } from '../ports';
import {
  CALENDAR_MAX_PROJECTS,
  type CalendarMacroConfig,
  type CalendarRelease,
  type CalendarView,
  type CalendarWindow,
  type GlobalCalendarPayload,
  type ProjectCalendarPayload,
} from '../shared/calendar';
import type { TrainSummary } from '../shared/trains';

// ---- Ports (the calendar's own; see src/ports.ts for the shared ones) -------------------------

export interface CalendarProject {
  id: string;
  key: string;
  name: string;
  /** Jira's project type (software, business, ...): part of the project page's address. */
  type?: string;
}

/** The projects a person can see, as Jira answers the person (never as the app). */
export interface VisibleProjects {
  /**
   * Every project the person can browse, key order, or only those of `keys` they can browse.
   * At most `limit`; `more` says there were more.
   * @throws ProductError
   */
  list(query: { keys?: string[]; limit: number }): Promise<{ projects: CalendarProject[]; more: boolean }>;
}

/** A project's tracked releases (stored records), one KVS query through the by-project index. */
export interface CalendarRecords {
  trackedReleases(projectKey: string): Promise<ReleaseRecord[]>;
}

/** The release trains the calendar draws as one bar each (the train store, src/adapters/kvs-trains.ts). */
export interface CalendarTrainSource {
  list(): Promise<TrainSummary[]>;
}

export interface CalendarDeps {
  projects: VisibleProjects;
  versions: VersionApi;
  records: CalendarRecords;
  settings: Pick<SettingsStore, 'get'>;
  trains: CalendarTrainSource;
  clock: Clock;
  /** The release panel's address on the project page, for calendars outside it (global page, macro). */
  panelUrl?: (project: CalendarProject, versionId: string) => string;
}

/** Jira's page size for versions, and how far back a release that ended may still have bars on the view (post-release review). */
const VERSION_PAGE = 100;
const TAIL_DAYS = 45;
/** Projects read at once: fast, yet gentle on Jira's per-second limits. */
const PROJECT_CONCURRENCY = 20;

/**
 * A project's released and unreleased versions that can reach the view: newest release date
 * first, stopping at the first page that ends well before the window (Jira's versions endpoint has
 * no date filter, so older ones are left out by reading no further). One call for most projects.
 */
async function versionsForWindow(versions: VersionApi, projectKey: string, window: CalendarWindow): Promise<JiraVersion[]> {
  const cutoff = isoDay(new Date(Date.parse(`${window.from}T00:00:00Z`) - TAIL_DAYS * 86_400_000));
  const out: JiraVersion[] = [];
  let startAt: number | undefined = 0;
  while (startAt !== undefined) {
    const page = await versions.listVersions(projectKey, { startAt, maxResults: VERSION_PAGE, status: ['unreleased', 'released'], orderBy: '-releaseDate' });
    out.push(...page.values);
    const last = page.values.at(-1)?.releaseDate;
    startAt = last !== undefined && last < cutoff ? undefined : page.nextStartAt;
  }
  return out;
}

/** Every release of one project (all the person can see), on the calendar, before the window cuts. */
async function projectReleases(deps: CalendarDeps, project: CalendarProject, window: CalendarWindow, today: Date, link: boolean): Promise<CalendarRelease[]> {
  const [versions, records, stored] = await Promise.all([
    versionsForWindow(deps.versions, project.key, window),
    deps.records.trackedReleases(project.key),
    deps.settings.get(project.key),
  ]);
  const template = stored?.settings.template ?? DEFAULT_TEMPLATE;
  const phases = template[stored?.settings.defaultReleaseType ?? 'minor'];
  const byVersion = new Map(records.map((r) => [r.versionId, r]));
  return versions.map((v) => {
    const release = releaseOnCalendar(project.key, v, byVersion.get(v.id), phases, today);
    return link && deps.panelUrl ? { ...release, panelUrl: deps.panelUrl(project, v.id) } : release;
  });
}

async function calendarOf(deps: CalendarDeps, projects: CalendarProject[], window: CalendarWindow, options: { link: boolean; truncated?: boolean }): Promise<CalendarView> {
  const today = deps.clock.now();
  const [perProject, trains] = await Promise.all([
    mapLimited(projects, PROJECT_CONCURRENCY, (p) => projectReleases(deps, p, window, today, options.link)),
    deps.trains.list(),
  ]);
  const all = perProject.flat();
  const visible = new Map(all.map((r) => [r.versionId, r]));
  return {
    window,
    today: isoDay(today),
    projects: projects.map((p) => ({ key: p.key, name: p.name })),
    releases: calendarOrder(all.filter((r) => overlapsWindow(releaseSpan(r), window))),
    trains: trains
      .map((t) => trainOnCalendar(t, visible))
      .filter((t): t is NonNullable<typeof t> => t !== undefined && overlapsWindow(t, window))
      .sort((a, b) => a.start.localeCompare(b.start) || a.name.localeCompare(b.name)),
    ...(options.truncated && { truncated: true }),
  };
}

/**
 * The project page's Calendar view: the project's releases and the trains with a member in it.
 * Cost: one Jira call (versions) for most projects, two KVS queries and one KVS get; no per-version calls.
 * @throws ProductError when Jira cannot be read.
 */
export async function getProjectCalendar(deps: CalendarDeps, project: CalendarProject, input: ProjectCalendarPayload): Promise<CalendarView> {
  const window = calendarWindow(input.zoom ?? 'quarter', input.month, deps.clock.now());
  return calendarOf(deps, [project], window, { link: false });
}

/**
 * The Jira global page's calendar: every project the person can see (or those of the filter they
 * can see), at most CALENDAR_MAX_PROJECTS of them. Cost: one Jira call to list the projects plus
 * one per project in parallel, and KVS queries; never a call per version or issue.
 * @throws ProductError when Jira cannot be read.
 */
export async function getGlobalCalendar(deps: CalendarDeps, input: GlobalCalendarPayload): Promise<CalendarView> {
  const window = calendarWindow(input.zoom ?? 'quarter', input.month, deps.clock.now());
  const { projects, more } = await deps.projects.list({ ...(input.projectKeys && { keys: input.projectKeys }), limit: CALENDAR_MAX_PROJECTS });
  return calendarOf(deps, projects, window, { link: true, truncated: more });
}

/**
 * The "Release calendar" macro: the projects its config names that the viewing person can see
 * (the others are left out, as Jira hides them), in the config's zoom.
 * @throws ProductError when Jira cannot be read.
 */
export async function getMacroCalendar(deps: CalendarDeps, config: CalendarMacroConfig, month?: string): Promise<CalendarView> {
  const window = calendarWindow(config.zoom, month, deps.clock.now());
  const { projects } = await deps.projects.list({ keys: config.projectKeys, limit: CALENDAR_MAX_PROJECTS });
  return calendarOf(deps, projects, window, { link: true });
}
