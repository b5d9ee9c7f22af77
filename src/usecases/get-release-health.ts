import type { AuditEventDraft, ReleaseRecord } from '../domain/release';
import { memberLabel } from '../domain/trains';
import { incidentsSince, releaseHealth, windowOf, type ReleasedVersion } from '../domain/release-health';
import { AppError, ProductError } from '../errors';
import type { Clock, DeploymentStore, IncidentStore, ReleaseStore, VersionApi } from '../ports';
import { DEFAULT_HEALTH_WINDOW, type HealthWindow, type ReleaseHealthView } from '../shared/health';
import type { TrainStore } from './train-deps';
import { text } from '../i18n/server-translator';

export interface ReleaseHealthDeps {
  /** Jira versions as the person: only projects and versions they can see. */
  versions: VersionApi;
  /** The project's stored records (one KVS query through the by-project index). */
  releases: Pick<DeploymentStore, 'trackedReleases'>;
  incidents: Pick<IncidentStore, 'ofProject'>;
  audit: Pick<ReleaseStore, 'audit'>;
  clock: Clock;
}

/** The most incidents one release may bring into the figures (a runaway alert storm stays bounded). */
const INCIDENTS_PER_RELEASE = 50;
/** Enough of a release's audit trail for its QA decisions; a bound keeps a runaway trail from timing out. */
const AUDIT_PAGES = 10;
const AUDIT_PAGE_SIZE = 100;
/** Extra versions asked for in the one Jira call, for archived versions that were never released. */
const SPARE = 10;

async function auditOf(deps: Pick<ReleaseHealthDeps, 'audit'>, versionId: string): Promise<AuditEventDraft[]> {
  const events: AuditEventDraft[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < AUDIT_PAGES; page++) {
    const answer = await deps.audit.audit(versionId, { limit: AUDIT_PAGE_SIZE, ...(cursor && { cursor }) });
    events.push(...answer.events);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return events;
}

/**
 * A project's release health over its last `window` released versions (definitions:
 * src/domain/release-health.ts). Cost: ONE Jira call (the project's released versions, newest
 * release date first, released or archived, one page), whatever the number of issues; the rest is stored
 * records: the project's releases (one KVS query), its incidents since the oldest release went
 * live (one query) and each tracked release's audit trail (one query each, for QA decisions).
 * Records of versions the person cannot see in Jira are never read into the answer.
 * @throws ProductError when Jira cannot be read (404: no such project, or the person cannot see it).
 */
export async function getProjectHealth(deps: ReleaseHealthDeps, projectKey: string, window: HealthWindow = DEFAULT_HEALTH_WINDOW): Promise<ReleaseHealthView> {
  const [page, stored] = await Promise.all([
    // Archived versions shipped too (Jira's "released" leaves them out); a few spare places absorb
    // archived versions that never shipped, which the filter below drops.
    deps.versions.listVersions(projectKey, { startAt: 0, maxResults: window + SPARE, status: ['released', 'archived'], orderBy: '-releaseDate' }),
    deps.releases.trackedReleases(projectKey),
  ]);
  const versions: ReleasedVersion[] = page.values
    .filter((v) => v.released)
    .slice(0, window)
    .map((v) => ({ id: v.id, name: v.name, ...(v.releaseDate && { releaseDate: v.releaseDate }) }));
  return healthOf(deps, { kind: 'project', projectKey }, [{ projectKey, versions, records: stored }], window);
}

/** The most versions of one project a train's health looks through for its members (one page). */
const TRAIN_VERSION_PAGE = 50;

/**
 * A release train's health: its member versions that shipped, across their projects, as one
 * window (definitions: src/domain/release-health.ts). Cost: ONE Jira call per member project (its
 * released and archived versions, newest first, one page of 50: a member older than that is not
 * found) plus the stored records, incidents and audit trails. Members in projects the person
 * cannot see are left out and counted in `hiddenMembers`, never shown.
 * @throws AppError NOT_FOUND when there is no such train.
 * @throws ProductError when Jira cannot be read (other than a project hidden from the person).
 */
export async function getTrainHealth(deps: ReleaseHealthDeps & { trains: Pick<TrainStore, 'get'> }, trainId: string): Promise<ReleaseHealthView> {
  const train = await deps.trains.get(trainId);
  if (!train) throw new AppError('NOT_FOUND', text('errors.train.notFound', { train: trainId }));
  const byProject = new Map<string, Set<string>>();
  for (const m of train.members) byProject.set(m.projectKey, (byProject.get(m.projectKey) ?? new Set()).add(m.versionId));
  let hidden = 0;
  const projects = await Promise.all(
    [...byProject].map(async ([projectKey, members]) => {
      try {
        const [page, records] = await Promise.all([
          deps.versions.listVersions(projectKey, { startAt: 0, maxResults: TRAIN_VERSION_PAGE, status: ['released', 'archived'], orderBy: '-releaseDate' }),
          deps.releases.trackedReleases(projectKey),
        ]);
        const versions = page.values.filter((v) => v.released && members.has(v.id)).map((v) => ({ id: v.id, name: memberLabel(projectKey, v.name), ...(v.releaseDate && { releaseDate: v.releaseDate }) }));
        return [{ projectKey, versions, records }];
      } catch (error) {
        if (!(error instanceof ProductError) || ![403, 404].includes(error.status)) throw error;
        hidden += members.size;
        return [];
      }
    }),
  );
  const window = HEALTH_WINDOW_FOR_TRAINS;
  const view = await healthOf(deps, { kind: 'train', trainId: train.id, name: train.name }, projects.flat(), window);
  return { ...view, ...(hidden > 0 && { hiddenMembers: hidden }) };
}

/** A train has at most this many members that count (the largest window). */
const HEALTH_WINDOW_FOR_TRAINS: HealthWindow = 50;

/**
 * The figures over releases already chosen (a project's, or a train's members across projects):
 * each project's incidents in one query, each tracked release's audit trail.
 */
export async function healthOf(
  deps: Pick<ReleaseHealthDeps, 'incidents' | 'audit' | 'clock'>,
  subject: ReleaseHealthView['subject'],
  projects: ReadonlyArray<{ projectKey: string; versions: readonly ReleasedVersion[]; records: readonly ReleaseRecord[] }>,
  window: HealthWindow,
): Promise<ReleaseHealthView> {
  const records = new Map<string, ReleaseRecord>();
  for (const p of projects) {
    const visible = new Set(p.versions.map((v) => v.id));
    for (const r of p.records) if (visible.has(r.versionId)) records.set(r.versionId, r);
  }
  const chosen = windowOf(projects.flatMap((p) => p.versions), records, window);
  const chosenIds = new Set(chosen.map((v) => v.id));
  const [incidents, audits] = await Promise.all([
    Promise.all(
      projects.map((p) => {
        const mine = p.versions.filter((v) => chosenIds.has(v.id));
        const since = incidentsSince(mine, records);
        return since ? deps.incidents.ofProject(p.projectKey, since, INCIDENTS_PER_RELEASE * Math.max(1, mine.length)) : Promise.resolve([]);
      }),
    ),
    Promise.all(chosen.filter((v) => records.has(v.id)).map(async (v) => [v.id, await auditOf(deps, v.id)] as const)),
  ]);
  const now = deps.clock.now().toISOString();
  const { rows, aggregates } = releaseHealth({ versions: chosen, records, incidents: incidents.flat(), audits: new Map(audits), window, now });
  return { subject, window, rows, aggregates, asOf: now };
}
