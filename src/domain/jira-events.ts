import { day } from '../i18n/server-translator';
import { auditLine } from './audit-line';
import { gateNameText, phaseNameText } from './default-names';
import { blockingGates, type GateResult } from './gates';
import { snapshotOf, type AuditEventDraft, type Change, type ReleaseRecord, type Transition } from './release';

/**
 * What Jira's own events (a version released, unreleased, changed or deleted in Jira; an issue
 * added to a version) do to a release record, pure. Each function is idempotent: applied to the
 * record it produced, it returns no events and the record unchanged, because Forge may deliver an
 * event more than once.
 */

const unchanged = (record: ReleaseRecord): Change => ({ record, events: [] });

/** The index of the phase whose exit gates include "version released in Jira"; -1 when none does. */
export function releasePhaseIndex(record: ReleaseRecord): number {
  return record.phases.findIndex((p) => p.gates.some((g) => g.kind === 'auto' && g.check === 'version-released'));
}

/**
 * The version was released in Jira by `by`. When Preflight released it itself (same release date)
 * nothing changes. Otherwise the release moves on to the phase after the one that waits for the
 * Jira release, as it would have; if any gate from the current phase up to that one blocked
 * (`results` evaluated with the version released), the move is recorded as "released outside
 * Preflight" with the gate snapshot, else plainly as the version released by that person.
 * A release already past that phase, or complete, only notes the release.
 */
export function recordReleasedInJira(
  record: ReleaseRecord,
  results: ReadonlyMap<string, GateResult>,
  args: { by: string; at: string; releaseDate: string; versionName: string },
): Change {
  const { by, at, releaseDate } = args;
  if (record.jiraRelease?.releaseDate === releaseDate) return unchanged(record);
  const jiraRelease = { by, at, releaseDate, via: 'jira' as const };
  const plain = (line: ReturnType<typeof auditLine>): Change => ({
    record: { ...record, jiraRelease, updatedAt: at },
    events: [{ type: 'version-released', by, at, ...line, data: { releaseDate, via: 'jira' } }],
  });
  const target = releasePhaseIndex(record);
  const current = record.phases.findIndex((p) => p.id === record.currentPhaseId);
  if (record.completedAt || target < 0 || current > target) return plain(auditLine('audit.releasedLate', { date: day(releaseDate) }));

  const spanned = record.phases.slice(current, target + 1);
  const gateResults = spanned.flatMap((p) => p.gates.map((g) => results.get(g.id)).filter((r): r is GateResult => r !== undefined));
  const failing = blockingGates(gateResults.filter((r) => !isVersionReleasedGate(record, r.gateId)));
  const snapshot = snapshotOf(record, gateResults);
  const from = record.phases[current]!;
  const next = record.phases[target + 1];
  const toId = next?.id ?? 'complete';
  const transition: Transition = {
    from: from.id,
    to: toId,
    by,
    at,
    snapshot,
    ...(failing.length > 0 && { releasedOutside: { failingGateIds: failing.map((g) => g.gateId) } }),
  };
  const phaseDates = { ...record.phaseDates };
  for (const p of spanned) phaseDates[p.id] = { ...phaseDates[p.id], ...(p.id === from.id ? {} : { actualStart: phaseDates[p.id]?.actualStart ?? at }), actualEnd: at };
  if (next) phaseDates[next.id] = { ...phaseDates[next.id], actualStart: at };
  const moved: ReleaseRecord = {
    ...record,
    jiraRelease,
    currentPhaseId: next?.id ?? record.currentPhaseId,
    phaseDates,
    transitions: [...record.transitions, transition],
    ...(!next && { completedAt: at }),
    ...(failing.length > 0 && {
      releasedOutside: { by, at, releaseDate, fromPhaseId: from.id, toPhaseId: toId, failingGates: failing.map((g) => g.name) },
    }),
    updatedAt: at,
  };
  const where = next ? { from: phaseNameText(from), to: phaseNameText(next) } : {};
  const date = day(releaseDate);
  const event: AuditEventDraft =
    failing.length > 0
      ? {
          type: 'released-outside',
          by,
          at,
          ...auditLine(next ? 'audit.releasedOutsideMoved' : 'audit.releasedOutsideCompleted', {
            ...where,
            version: args.versionName,
            date,
            gates: { list: failing.map((g) => gateNameText({ id: g.gateId, name: g.name })) },
          }),
          snapshot,
          data: { releaseDate, failingGates: failing.map((g) => g.gateId).join(' ') },
        }
      : { type: 'version-released', by, at, ...auditLine(next ? 'audit.releasedInJiraMoved' : 'audit.releasedInJiraCompleted', { ...where, date }), snapshot, data: { releaseDate, via: 'jira' } };
  return { record: moved, events: [event] };
}

function isVersionReleasedGate(record: ReleaseRecord, gateId: string): boolean {
  return record.phases.some((p) => p.gates.some((g) => g.id === gateId && g.kind === 'auto' && g.check === 'version-released'));
}

/**
 * The version was unreleased in Jira. The record forgets the release (a later release is news
 * again) but stays in its phase: moving people's work back is theirs to decide.
 */
export function recordUnreleasedInJira(record: ReleaseRecord, args: { by: string; at: string }): Change {
  if (!record.jiraRelease) return unchanged(record);
  const { jiraRelease: _gone, ...rest } = record;
  return {
    record: { ...rest, updatedAt: args.at },
    events: [{ type: 'version-unreleased', by: args.by, at: args.at, ...auditLine('audit.unreleased') }],
  };
}

/** The version's details changed in Jira; only a moved release date is worth a line in the trail. */
export function recordVersionUpdated(record: ReleaseRecord, args: { by: string; at: string; releaseDate?: string }): Change {
  if (!args.releaseDate || record.jiraReleaseDate === args.releaseDate) return unchanged(record);
  const before = record.jiraReleaseDate;
  return {
    record: { ...record, jiraReleaseDate: args.releaseDate, updatedAt: args.at },
    events: [{ type: 'version-updated', by: args.by, at: args.at, ...(before ? auditLine('audit.releaseDateMoved', { from: day(before), to: day(args.releaseDate) }) : auditLine('audit.releaseDateSet', { date: day(args.releaseDate) })) }],
  };
}

/** The version was deleted in Jira, or merged into another: the record says so and keeps its history. */
export function recordVersionDeleted(record: ReleaseRecord, args: { by: string; at: string; mergedInto?: string }): Change {
  if (record.versionDeleted) return unchanged(record);
  return {
    record: { ...record, versionDeleted: { by: args.by, at: args.at, ...(args.mergedInto && { mergedInto: args.mergedInto }) }, updatedAt: args.at },
    events: [
      {
        type: 'version-deleted',
        by: args.by,
        at: args.at,
        ...(args.mergedInto ? auditLine('audit.versionMerged', { version: args.mergedInto }) : auditLine('audit.versionDeleted')),
      },
    ],
  };
}

/**
 * An issue joined the version after scope froze (Jira's changelog entry `changelogId`): a scope
 * change, recorded at once with who and when. The same entry twice, a release not frozen or
 * complete, or an issue already decided on, changes nothing.
 */
export function recordScopeAddition(record: ReleaseRecord, issue: { id: string; key: string; changelogId: string }, by: string, at: string): Change {
  if (!record.frozenAt || record.completedAt) return unchanged(record);
  if (record.scopeAdditions?.[issue.id]?.changelogId === issue.changelogId) return unchanged(record);
  if (record.scopeDecisions[issue.id]) return unchanged(record);
  return {
    record: { ...record, scopeAdditions: { ...record.scopeAdditions, [issue.id]: { issueKey: issue.key, by, at, changelogId: issue.changelogId } }, updatedAt: at },
    events: [{ type: 'scope-added', by, at, ...auditLine('audit.scopeAdded', { issue: issue.key }), data: { issueKey: issue.key, issueId: issue.id } }],
  };
}

/** An issue left the version again before anyone decided on it: it is no longer a scope change to decide. */
export function recordScopeWithdrawn(record: ReleaseRecord, issueId: string, at: string): Change {
  const added = record.scopeAdditions?.[issueId];
  if (!added || record.scopeDecisions[issueId]) return unchanged(record);
  const { [issueId]: _gone, ...rest } = record.scopeAdditions!;
  return { record: { ...record, scopeAdditions: rest, updatedAt: at }, events: [] };
}

/**
 * The issues added after the freeze: Jira's search (`searched`, newest first) and the additions
 * Jira's events reported (which the search may not show yet), each issue once.
 */
export function addedAfterFreeze<T extends { id: string; key: string; summary?: string }>(record: ReleaseRecord, searched: T[]): Array<T | { id: string; key: string }> {
  const seen = new Set(searched.map((i) => i.id));
  const reported = Object.entries(record.scopeAdditions ?? {})
    .filter(([id]) => !seen.has(id))
    .sort(([, a], [, b]) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .map(([id, a]) => ({ id, key: a.issueKey }));
  return [...reported, ...searched];
}
