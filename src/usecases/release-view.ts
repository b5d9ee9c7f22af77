import { currentPhase, type ReleaseRecord } from '../domain/release';
import { ROLE_LABELS } from '../domain/template';
import type { AuditEvent } from '../ports';
import type { AuditEventView, GateView, IssueRow, PersonRef, PhaseView, ReleaseView, Role } from '../shared/release-panel';
import type { Evaluation } from './evaluate-release';
import type { LoadedRelease } from './load-release';
import type { Actor, ReleaseDeps } from './release-deps';

/** Why a person can change nothing here, or undefined when they can change something. */
export function readOnlyReason(loaded: Pick<LoadedRelease, 'roles' | 'record'>, projectKey: string): string | undefined {
  if (loaded.roles.length === 0) {
    return `You have no Preflight role in ${projectKey} (${Object.values(ROLE_LABELS).join(', ')}). A project admin can map your Jira project role in the Preflight project settings.`;
  }
  if (loaded.record.completedAt) return 'This release is complete; its record can no longer change.';
  return undefined;
}

/** Account ids a view shows, so their names can be fetched in one call. */
function peopleIn(record: ReleaseRecord, events: AuditEvent[]): string[] {
  return [
    ...Object.values(record.checklist).map((t) => t.by),
    ...Object.values(record.signoffs).flatMap((s) => Object.values(s).map((sig) => sig!.by)),
    ...(record.buildUnderTest ? [record.buildUnderTest.by] : []),
    ...events.map((e) => e.by),
  ];
}

export function toAuditView(event: AuditEvent, person: (id: string) => PersonRef): AuditEventView {
  return {
    id: event.id,
    type: event.type,
    at: event.at,
    by: person(event.by),
    summary: event.summary,
    ...(event.snapshot && { snapshot: event.snapshot.map(({ gateId, name, status, reason }) => ({ gateId, name, status, reason })) }),
  };
}

/**
 * Everything the panel shows for one release. Reads the audit trail's first page, the other
 * unreleased versions and the pending scope changes' summaries alongside, then names in one call.
 */
export async function buildReleaseView(deps: ReleaseDeps, actor: Actor, loaded: LoadedRelease, evaluation: Evaluation): Promise<ReleaseView> {
  const { record, version, settings, roles } = loaded;
  const pendingAdds = evaluation.counts.addedAfterFreeze.filter((i) => record.scopeDecisions[i.id] === undefined).slice(0, 50);
  // Accepted ones, and removed ones Jira's search still returns for a moment after the edit.
  const decidedAdds = evaluation.counts.addedAfterFreeze.filter((i) => record.scopeDecisions[i.id] !== undefined).slice(0, 50);
  const noAudit: { events: AuditEvent[]; nextCursor?: string } = { events: [] };
  const [audit, otherVersions, scopeRows] = await Promise.all([
    loaded.storedRevision === undefined ? Promise.resolve(noAudit) : deps.store.audit(version.id, { limit: 25 }),
    deps.reads.unreleasedVersions(actor.project.key),
    deps.reads.issuesById([...pendingAdds, ...decidedAdds].map((i) => i.id)),
  ]);
  const names = await deps.people.names([...new Set(peopleIn(record, audit.events))]);
  const person = (accountId: string): PersonRef => ({ accountId, displayName: names.get(accountId) ?? accountId });
  const rowsById = new Map<string, IssueRow>(scopeRows.map((r) => [r.id, r]));
  const currentIndex = record.phases.findIndex((p) => p.id === currentPhase(record).id);

  const phases: PhaseView[] = record.phases.map((phase, index) => {
    const dates = record.phaseDates[phase.id] ?? {};
    const state = record.completedAt || index < currentIndex ? 'done' : index === currentIndex ? 'current' : 'upcoming';
    // A finished phase's automatic gates show what they said when the phase was left (the go/no-go
    // record), not what Jira says today: issues moved on after the release must not repaint history.
    const leftWith = new Map((record.transitions.filter((t) => t.from === phase.id).at(-1)?.snapshot ?? []).map((r) => [r.gateId, r]));
    const gates: GateView[] = phase.gates.map((gate) => {
      const live = evaluation.results.get(gate.id)!;
      const then = state === 'done' && gate.kind === 'auto' ? leftWith.get(gate.id) : undefined;
      const result = then ? { status: then.status, reason: `When ${phase.name} ended: ${then.reason}` } : live;
      const view: GateView = { gateId: gate.id, name: gate.name, kind: gate.kind, status: result.status, reason: result.reason, ...(!then && live.issues && { issues: live.issues }) };
      if (gate.kind === 'manual') {
        const tick = record.checklist[gate.id];
        view.requiresLink = gate.requiresLink;
        if (tick) view.ticked = { by: person(tick.by), at: tick.at, ...(tick.link && { link: tick.link }) };
      }
      if (gate.kind === 'signoff') {
        view.roles = gate.roles;
        view.signatures = (Object.entries(record.signoffs[gate.id] ?? {}) as Array<[Role, { by: string; at: string }]>).map(([role, sig]) => ({ role, by: person(sig.by), at: sig.at }));
      }
      return view;
    });
    return { id: phase.id, name: phase.name, state, ...dates, gates };
  });

  const reason = readOnlyReason(loaded, actor.project.key);
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
    scopeChanges: [...pendingAdds, ...decidedAdds].map((i) => {
      const decision = record.scopeDecisions[i.id]?.decision;
      return { issueId: i.id, issueKey: i.key, summary: rowsById.get(i.id)?.summary ?? '', ...(decision && { decision }) };
    }),
    ...(record.announcementDate && { announcementDate: record.announcementDate }),
    published: record.published,
    beddingInDays: settings.beddingInDays,
    flags: evaluation.flags,
    otherVersions: otherVersions.filter((v) => v.id !== version.id),
    issueCounts: { total: evaluation.facts.issueCount, done: evaluation.facts.doneCount },
    ...(evaluation.qaMismatches && { qaMismatches: evaluation.qaMismatches }),
    me: {
      accountId: actor.accountId,
      roles,
      ...(reason && { readOnlyReason: reason }),
      canOverride: !reason && roles.includes('release-owner'),
    },
    audit: { events: audit.events.map((e) => toAuditView(e, person)), ...(audit.nextCursor && { nextCursor: audit.nextCursor }) },
  };
}
