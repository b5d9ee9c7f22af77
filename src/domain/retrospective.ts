import type { AuditEventDraft, ReleaseRecord } from './release';
import { RETRO_SECTIONS, type PhaseDatesView, type RetrospectiveView } from '../shared/macros';

/**
 * The facts of a retrospective, from the release record, its audit trail and what Jira says about
 * the version's scope. Pure: counts and lists come in already read.
 */

/** What Jira says about the release's scope. */
export interface ScopeFacts {
  /** Issues in the version now. */
  inVersion: number;
  /** Keys of issues that joined after the freeze. */
  addedAfterFreeze: string[];
  /** Issues that were in the version at the freeze and left it since. */
  removedAfterFreeze: number;
  /** Issues that left this version for another one. */
  slipped: Array<{ issueKey: string; to: string }>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from a planned end (yyyy-mm-dd, end of that day in UTC) to an actual end. */
export function slipDays(plannedEnd: string, actualEnd: string): number {
  const planned = Date.parse(`${plannedEnd}T23:59:59.999Z`);
  const actual = Date.parse(actualEnd);
  const diff = actual - planned;
  // Finishing any time on the planned day is on time; each later (or earlier) day counts one.
  if (diff > 0) return Math.ceil(diff / DAY_MS);
  const early = Math.floor(-diff / DAY_MS);
  return early === 0 ? 0 : -early;
}

export function phaseDates(record: ReleaseRecord): PhaseDatesView[] {
  return record.phases.map((phase) => {
    const d = record.phaseDates[phase.id] ?? {};
    return {
      phaseId: phase.id,
      name: phase.name,
      ...d,
      ...(d.plannedEnd && d.actualEnd && { endSlipDays: slipDays(d.plannedEnd, d.actualEnd) }),
    };
  });
}

/**
 * Everything the retrospective shows but the project, version and publishing state.
 * `name` turns an account id into a display name; `line` words an audit event (its stored English by default).
 */
export function retrospectiveFacts(
  record: ReleaseRecord,
  events: readonly AuditEventDraft[],
  scope: ScopeFacts,
  name: (accountId: string) => string,
  line: (event: AuditEventDraft) => string = (event) => event.summary,
): Pick<RetrospectiveView, 'phases' | 'scope' | 'overrides' | 'qaRejections' | 'incidents' | 'verifiedLinks' | 'sections'> {
  const gateName = (id: string) => record.phases.flatMap((p) => p.gates).find((g) => g.id === id)?.name ?? id;
  const phaseName = (id: string) => (id === 'complete' ? 'Complete' : (record.phases.find((p) => p.id === id)?.name ?? id));
  const incidents = record.checklist['incidents'];
  return {
    phases: phaseDates(record),
    scope: {
      ...(record.frozenAt && {
        frozenAt: record.frozenAt,
        // Counted when scope froze; older records estimate it from what joined and left since.
        atFreeze: record.frozenIssueCount ?? Math.max(0, scope.inVersion - scope.addedAfterFreeze.length + scope.removedAfterFreeze),
      }),
      atRelease: scope.inVersion,
      addedAfterFreeze: scope.addedAfterFreeze,
      slipped: scope.slipped,
    },
    overrides: record.transitions
      .filter((t) => t.override)
      .map((t) => ({ from: phaseName(t.from), to: phaseName(t.to), by: name(t.by), at: t.at, reason: t.override!.reason, gates: t.override!.failingGateIds.map(gateName) })),
    qaRejections: events
      .filter((e) => e.data?.['kind'] === 'qa-decision' && e.data['decision'] === 'rejected')
      .map((e) => ({ issueKey: e.data?.['issueKey'] ?? e.data?.['issue'] ?? '', ...(e.data?.['build'] && { build: e.data['build'] }), by: name(e.by), at: e.at, summary: line(e) }))
      .sort((a, b) => a.at.localeCompare(b.at)),
    incidents: incidents ? { logged: true, by: name(incidents.by), at: incidents.at, ...(incidents.link && { link: incidents.link }) } : { logged: false },
    // In phase and checklist order, as the release went: the evidence behind each "verified" tick.
    verifiedLinks: record.phases.flatMap((phase) =>
      phase.gates.flatMap((gate) => {
        const tick = gate.kind === 'manual' ? record.checklist[gate.id] : undefined;
        return tick?.link ? [{ gateId: gate.id, name: gate.name, phase: phase.name, link: tick.link, by: name(tick.by), at: tick.at }] : [];
      }),
    ),
    sections: [...RETRO_SECTIONS],
  };
}
