import { currentPhase, type ReleaseRecord } from '../domain/release';
import { productionDeployment } from '../domain/deployments';
import { liveSince, MONITORING_TOOL_LABELS, MONITORING_TOOLS, type Incident } from '../domain/incidents';
import { CHANGE_FAILURE_INCIDENT_LIMIT, CHANGE_FAILURE_WINDOW, changeFailureSince, latestLiveReleases, projectChangeFailureRate, releaseIncidentReport } from '../domain/incident-report';
import type { ProjectSettings } from '../shared/settings';
import { PREFLIGHT_ROLES } from '../domain/template';
import { roleText } from '../domain/gates';
import { gateNameText, phaseNameText } from '../domain/default-names';
import { auditSummary } from '../domain/audit-line';
import type { ServerTranslator } from './project-language';
import { callerTranslator, say, text, type Text } from '../i18n/server-translator';
import type { AuditEvent, EnvironmentDeployment, ReleaseCounts } from '../ports';
import { auditKindOf, type AuditEventView, type ChangeFailureRateView, type EnvironmentView, type IncidentsView, type GateView, type IssueRow, type PersonRef, type PhaseView, type ReleaseView, type Role } from '../shared/release-panel';
import { CONFLUENCE_NOT_CONNECTED } from '../shared/macros';
import type { Evaluation } from './evaluate-release';
import { observed, recordAsShown, type LoadedRelease, type ReleaseBase } from './load-release';
import type { Actor, ReleaseDeps } from './release-deps';

/** Why a person can change nothing here, or undefined when they can change something. */
export function readOnlyReason(loaded: Pick<LoadedRelease, 'roles' | 'record'>, projectKey: string): Text | undefined {
  if (loaded.roles.length === 0) return text('errors.role.none', { project: projectKey, roles: { list: PREFLIGHT_ROLES.map(roleText) } });
  if (loaded.record.completedAt) return text('errors.release.completeRecord');
  return undefined;
}

/** A name from the built-in template in the reader's language; one a person wrote, as written. */
function nameIn(tr: ReturnType<typeof callerTranslator>, name: Text | string): string {
  return typeof name === 'string' ? name : say(tr, name);
}

/** Account ids a view shows, so their names can be fetched in one call. */
function peopleIn(record: ReleaseRecord, events: AuditEvent[]): string[] {
  return [
    ...Object.values(record.checklist).map((t) => t.by),
    ...Object.values(record.signoffs).flatMap((s) => Object.values(s).map((sig) => sig!.by)),
    ...(record.buildUnderTest ? [record.buildUnderTest.by] : []),
    ...record.transitions.filter((t) => t.override).map((t) => t.by),
    ...Object.values(record.releaseItems ?? {}).map((i) => i.by),
    ...events.map((e) => e.by),
    ...Object.values(record.scopeDecisions).map((d) => d.by),
    ...(record.releasedOutside ? [record.releasedOutside.by] : []),
    ...events.flatMap((e) => (e.snapshot ?? []).flatMap((g) => (g.signatures ?? []).map((s) => s.by))),
  ];
}

/** An audit event as the panel shows it, its line in the reader's language (`tr`). */
export function toAuditView(event: AuditEvent, person: (id: string) => PersonRef, tr: ServerTranslator): AuditEventView {
  return {
    id: event.id,
    type: event.type,
    at: event.at,
    by: person(event.by),
    summary: auditSummary(tr, event),
    kind: auditKindOf(event.type),
    ...(event.snapshot && {
      snapshot: event.snapshot.map(({ gateId, name, status, reason, text: said, signatures }) => ({
        gateId,
        name: nameIn(tr, gateNameText({ id: gateId, name })),
        status,
        reason: auditSummary(tr, { summary: reason, text: said }),
        ...(signatures && { signatures: signatures.map((s) => ({ role: s.role, by: person(s.by), at: s.at })) }),
      })),
    }),
  };
}

/** The reads a view needs besides the evaluation. */
export interface ViewReads {
  audit: Promise<{ events: AuditEvent[]; nextCursor?: string }>;
  otherVersions: Promise<Array<{ id: string; name: string }>>;
  /** Summaries of the scope changes the view lists. */
  scopeRows: Promise<IssueRow[]>;
  names: Promise<Map<string, string>>;
  /** The project's environments (a KVS read, no REST). */
  environments?: Promise<EnvironmentDeployment[] | undefined>;
  /** The project's change failure rate (KVS queries, no REST). */
  changeFailureRate?: Promise<ChangeFailureRateView | undefined>;
}

/**
 * The project's change failure rate over its last CHANGE_FAILURE_WINDOW live releases: the tracked
 * releases (one KVS query), then the incidents since the oldest of them went live (one more,
 * bounded). The release shown counts as live when its Jira version says so, even before its record does.
 */
export async function readChangeFailureRate(
  deps: Pick<ReleaseDeps, 'changeFailures' | 'clock'>,
  projectKey: string,
  shown?: Pick<ReleaseBase, 'record' | 'version'>,
): Promise<ChangeFailureRateView | undefined> {
  if (!deps.changeFailures) return undefined;
  const records = await deps.changeFailures.releases.trackedReleases(projectKey);
  const current = shown && { versionId: shown.version.id, liveSince: liveSince(productionDeployment(shown.record), shown.version) };
  const releases = latestLiveReleases(records, deps.clock.now().toISOString(), CHANGE_FAILURE_WINDOW, current?.liveSince ? { versionId: current.versionId, liveSince: current.liveSince } : undefined);
  const since = changeFailureSince(releases);
  if (!since) return undefined;
  const incidents = await deps.changeFailures.incidents.ofProject(projectKey, since, CHANGE_FAILURE_INCIDENT_LIMIT);
  return projectChangeFailureRate(releases, incidents);
}

/** The project's dashboards (settings), https only: the links people open during bedding-in. */
export function monitoringDashboards(settings: Pick<ProjectSettings, 'monitoring'>): IncidentsView['dashboards'] {
  const links = settings.monitoring?.links ?? {};
  return MONITORING_TOOLS.flatMap((tool) => {
    const url = links[tool];
    return url && url.startsWith('https://') ? [{ tool, label: MONITORING_TOOL_LABELS[tool], url }] : [];
  });
}

/** The panel's incidents section: the release's incidents (the gates' own read), its time to restore and the project's rate. */
export function incidentsView(
  loaded: Pick<ReleaseBase, 'record' | 'version' | 'settings'>,
  incidents: readonly Incident[],
  beddingInEndsAt: string | undefined,
  changeFailureRate: ChangeFailureRateView | undefined,
  /** Words the timings: the reader's language on the panel, the project's in the retrospective. */
  tr: ServerTranslator,
): IncidentsView {
  const live = liveSince(productionDeployment(loaded.record), loaded.version);
  const phaseId = monitoringPhaseId(loaded.record);
  return {
    ...releaseIncidentReport(incidents, live, tr),
    ...(beddingInEndsAt && { beddingInEndsAt }),
    ...(changeFailureRate && { changeFailureRate }),
    ...(phaseId && { phaseId }),
    dashboards: monitoringDashboards(loaded.settings),
  };
}

const INCIDENT_CHECKS: readonly string[] = ['no-open-severe-incident', 'bedding-in-clean'];

/** Where the dashboards show: the phase with the incident gates, else the template's Post-release review, else the last phase. */
function monitoringPhaseId(record: ReleaseRecord): string | undefined {
  const withGates = record.phases.find((p) => p.gates.some((g) => g.kind === 'auto' && INCIDENT_CHECKS.includes(g.check)));
  return (withGates ?? record.phases.find((p) => p.id === 'post-release') ?? record.phases.at(-1))?.id;
}

/**
 * The scope changes the view lists: pending ones (Jira's search, up to 50), then every decision
 * the record keeps, newest first (up to 100). Decided rows come from the record, not the search:
 * a removed issue has left the version and an accepted one may have moved on after the release,
 * and neither decision may disappear from the panel.
 */
function listedScopeChanges(record: ReleaseRecord, counts: ReleaseCounts): Array<{ id: string; key: string; summary?: string }> {
  const pending = counts.addedAfterFreeze.filter((i) => record.scopeDecisions[i.id] === undefined).slice(0, 50);
  const named = new Map(counts.addedAfterFreeze.map((i) => [i.id, i]));
  const decided = Object.entries(record.scopeDecisions)
    .sort(([, a], [, b]) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .slice(0, 100)
    .map(([id, d]) => ({ id, key: d.issueKey, ...(named.get(id)?.summary !== undefined && { summary: named.get(id)!.summary }) }));
  return [...pending, ...decided];
}

/**
 * Starts each of the view's reads as soon as its input is known: the other versions at once, the
 * audit trail and the names in it once the record is loaded, the scope changes' summaries once
 * the counts are in. So none of them adds a round of REST calls after the evaluation.
 */
export function startViewReads(deps: ReleaseDeps, actor: Actor, base: Promise<ReleaseBase>, counts: Promise<ReleaseCounts>): ViewReads {
  const noAudit: { events: AuditEvent[]; nextCursor?: string } = { events: [] };
  const otherVersions = observed(deps.reads.unreleasedVersions(actor.project.key));
  const audit = observed(base.then((b) => (b.storedRevision === undefined ? noAudit : deps.store.audit(b.version.id, { limit: 25 }))));
  const names = observed(Promise.all([base, audit]).then(([b, a]) => deps.people.names([...new Set(peopleIn(b.record, a.events))])));
  const scopeRows = observed(
    Promise.all([base, counts]).then(([b, c]) => {
      // The counts name most of them already; only the unnamed ones cost a call.
      const ids = listedScopeChanges(b.record, c)
        .filter((i) => i.summary === undefined)
        .map((i) => i.id);
      return deps.reads.issuesById(ids);
    }),
  );
  const environments = deps.deployments ? observed(deps.deployments.environments(actor.project.key)) : undefined;
  const changeFailureRate = deps.changeFailures ? observed(base.then((b) => readChangeFailureRate(deps, actor.project.key, b))) : undefined;
  return { audit, otherVersions, scopeRows, names, ...(environments && { environments }), ...(changeFailureRate && { changeFailureRate }) };
}

const PIPELINE_ORDER = ['development', 'testing', 'staging', 'production'] as const;

/** The strip's rows, in pipeline order then by name; a link only when it is https. */
function environmentViews(entries: EnvironmentDeployment[]): EnvironmentView[] {
  return [...entries]
    .sort((a, b) => PIPELINE_ORDER.indexOf(a.deployment.kind) - PIPELINE_ORDER.indexOf(b.deployment.kind) || a.environment.localeCompare(b.environment))
    .map(({ environment, deployment: d }) => ({
      name: environment,
      kind: d.kind,
      build: d.build,
      status: d.status,
      at: d.at,
      ...(d.url?.startsWith('https://') && { url: d.url }),
      ...(d.pipeline && { pipeline: d.pipeline }),
    }));
}

/**
 * Everything the panel shows for one release: the evaluation, with the audit trail's first page,
 * the other unreleased versions, the pending scope changes' summaries and the names of everyone
 * shown (read by `reads`, started by the caller as early as it can, or here).
 */
export async function buildReleaseView(
  deps: ReleaseDeps,
  actor: Actor,
  loaded: LoadedRelease,
  evaluation: Evaluation,
  reads: ViewReads = startViewReads(deps, actor, Promise.resolve(loaded), Promise.resolve(evaluation.counts)),
): Promise<ReleaseView> {
  const { version, settings, roles } = loaded;
  const tr = callerTranslator(actor.locale, actor.timeZone);
  const record = recordAsShown(loaded);
  const listed = listedScopeChanges(record, evaluation.counts);
  const [audit, otherVersions, scopeRows, names, environments, changeFailureRate] = await Promise.all([
    reads.audit,
    reads.otherVersions,
    reads.scopeRows,
    reads.names,
    reads.environments,
    reads.changeFailureRate,
  ]);
  const person = (accountId: string): PersonRef => ({ accountId, displayName: names.get(accountId) ?? accountId });
  const rowsById = new Map<string, IssueRow>(scopeRows.map((r) => [r.id, r]));
  const currentIndex = record.phases.findIndex((p) => p.id === currentPhase(record).id);

  const phases: PhaseView[] = record.phases.map((phase, index) => {
    const dates = record.phaseDates[phase.id] ?? {};
    const state = record.completedAt || index < currentIndex ? 'done' : index === currentIndex ? 'current' : 'upcoming';
    // A finished phase's automatic gates show what they said when the phase was left (the go/no-go
    // record), not what Jira says today: issues moved on after the release must not repaint history.
    const left = record.transitions.filter((t) => t.from === phase.id).at(-1);
    const leftWith = new Map((left?.snapshot ?? []).map((r) => [r.gateId, r]));
    const gates: GateView[] = phase.gates.map((gate) => {
      const live = evaluation.results.get(gate.id)!;
      // Except published notes that no longer match what shipped: that is about the page now, not history.
      const staleNotes = gate.kind === 'auto' && gate.check === 'release-notes-published' && evaluation.facts.releaseNotesStale !== undefined;
      const then = state === 'done' && gate.kind === 'auto' && !staleNotes ? leftWith.get(gate.id) : undefined;
      // The go/no-go record keeps its reason in English and as a message: read in the reader's language (older records as stored).
      const result = then
        ? { status: then.status, reason: say(tr, text('views.gate.whenEnded', { phase: phaseNameText(phase), reason: auditSummary(tr, { summary: then.reason, text: then.text }) })) }
        : { status: live.status, reason: live.text ? say(tr, live.text) : live.reason };
      const view: GateView = { gateId: gate.id, name: nameIn(tr, gateNameText(gate)), kind: gate.kind, status: result.status, reason: result.reason, ...(!then && live.issues && { issues: live.issues }) };
      if (gate.kind === 'manual') {
        const tick = record.checklist[gate.id];
        view.requiresLink = gate.requiresLink;
        if (tick) view.ticked = { by: person(tick.by), at: tick.at, ...(tick.link && { link: tick.link }) };
        const own = record.releaseItems?.[gate.id];
        if (own) view.releaseItem = { by: person(own.by), at: own.at };
      }
      if (gate.kind === 'signoff') {
        view.roles = gate.roles;
        view.signatures = (Object.entries(record.signoffs[gate.id] ?? {}) as Array<[Role, { by: string; at: string }]>).map(([role, sig]) => ({ role, by: person(sig.by), at: sig.at }));
      }
      return view;
    });
    // An overridden exit is part of the phase's story wherever it is shown, not only in the audit trail.
    const override = left?.override && {
      by: person(left.by),
      at: left.at,
      reason: left.override.reason,
      failingGates: left.override.failingGateIds.map((id) => {
        const name = leftWith.get(id)?.name ?? phase.gates.find((g) => g.id === id)?.name;
        return name === undefined ? id : nameIn(tr, gateNameText({ id, name }));
      }),
    };
    return { id: phase.id, name: nameIn(tr, phaseNameText(phase)), state, ...dates, gates, ...(override && { override }) };
  });

  const refusal = readOnlyReason(loaded, actor.project.key);
  const reason = refusal && say(tr, refusal);
  return {
    project: actor.project,
    version: {
      id: version.id,
      name: version.name,
      ...(version.description && { description: version.description }),
      released: version.released,
      ...(version.releaseDate && { releaseDate: version.releaseDate }),
      ...(version.startDate && { startDate: version.startDate }),
    },
    releaseType: record.releaseType,
    revision: loaded.storedRevision ?? 0,
    currentPhaseId: record.currentPhaseId,
    completed: record.completedAt !== undefined,
    phases,
    ...(record.buildUnderTest && { buildUnderTest: { id: record.buildUnderTest.id, by: person(record.buildUnderTest.by), at: record.buildUnderTest.at } }),
    ...(record.frozenAt && { frozenAt: record.frozenAt }),
    ...(record.releasedOutside && {
      releasedOutside: {
        by: person(record.releasedOutside.by),
        at: record.releasedOutside.at,
        releaseDate: record.releasedOutside.releaseDate,
        failingGates: record.releasedOutside.failingGates,
      },
    }),
    ...(record.versionDeleted && { versionDeleted: { by: person(record.versionDeleted.by), at: record.versionDeleted.at, ...(record.versionDeleted.mergedInto && { mergedInto: record.versionDeleted.mergedInto }) } }),
    scopeChanges: listed.map((i) => {
      const decided = record.scopeDecisions[i.id];
      return {
        issueId: i.id,
        issueKey: i.key,
        summary: i.summary ?? rowsById.get(i.id)?.summary ?? '',
        ...(decided && { decision: decided.decision, decidedBy: person(decided.by), decidedAt: decided.at }),
      };
    }),
    ...(record.announcementDate && { announcementDate: record.announcementDate }),
    confluence: deps.products?.confluenceConnected() === false ? { connected: false, reason: CONFLUENCE_NOT_CONNECTED } : { connected: true },
    published: {
      ...(record.published.releaseNotes && {
        releaseNotes: {
          pageId: record.published.releaseNotes.pageId,
          url: record.published.releaseNotes.url,
          at: record.published.releaseNotes.at,
          ...(evaluation.facts.releaseNotesStale && { stale: evaluation.facts.releaseNotesStale }),
        },
      }),
      ...(record.published.retrospective && { retrospective: record.published.retrospective }),
    },
    beddingInDays: settings.beddingInDays,
    flags: evaluation.flags.map((f) => ({ kind: f.kind, message: f.text ? say(tr, f.text) : f.message })),
    otherVersions: otherVersions.filter((v) => v.id !== version.id),
    issueCounts: { total: evaluation.facts.issueCount, done: evaluation.facts.doneCount },
    ...(evaluation.qaMismatches && { qaMismatches: evaluation.qaMismatches }),
    me: {
      accountId: actor.accountId,
      roles,
      ...(reason && { readOnlyReason: reason }),
      canOverride: !reason && roles.includes('release-owner'),
    },
    audit: { events: audit.events.map((e) => toAuditView(e, person, tr)), ...(audit.nextCursor && { nextCursor: audit.nextCursor }) },
    ...(environments && { environments: environmentViews(environments) }),
    ...(evaluation.incidents && { incidents: incidentsView(loaded, evaluation.incidents, evaluation.facts.incidents?.beddingInEndsAt, changeFailureRate, tr) }),
  };
}
