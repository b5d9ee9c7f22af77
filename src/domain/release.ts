import { z } from 'zod';
import { day, english, text, type Text } from '../i18n/server-translator';
import { auditLine, storedTextSchema } from './audit-line';
import { buildIdSchema, releaseDeploymentsSchema } from './deployments';
import { blockingGates, roleText, type GateResult } from './gates';
import { gateNameText, phaseNameText } from './default-names';
import { gateSchema, PREFLIGHT_ROLES, RELEASE_TYPES, type Gate, type PhaseTemplate, type PreflightRole, type ReleaseType } from './template';

/**
 * The release record Preflight keeps per Jira version, and the rules that change it. Every change
 * is a pure function returning the new record and the audit events it produced; use cases store
 * both with a compare-and-swap on `revision`.
 */

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as yyyy-mm-dd');
const isoInstant = z.string().datetime({ message: 'expected an ISO 8601 timestamp' });
const accountId = z.string().min(1).max(128);

const signatureSchema = z.object({ by: accountId, at: isoInstant });
const tickSchema = z.object({ by: accountId, at: isoInstant, link: z.string().url().optional() });

export const phaseDatesSchema = z.object({
  plannedStart: isoDay.optional(),
  plannedEnd: isoDay.optional(),
  actualStart: isoInstant.optional(),
  actualEnd: isoInstant.optional(),
});
export type PhaseDates = z.infer<typeof phaseDatesSchema>;

const gateResultSchema = z.object({
  gateId: z.string(),
  name: z.string(),
  kind: z.enum(['auto', 'manual', 'signoff']),
  status: z.enum(['pass', 'fail', 'warning']),
  reason: z.string(),
  /** The reason as a message id and values, worded for each reader (snapshots taken before it existed have none). */
  text: storedTextSchema.optional(),
  issues: z.enum(['not-done', 'open-blockers', 'qa-pending', 'scope-added']).optional(),
  /** Sign-off gates: who had signed in which role at that moment (names are resolved when shown). */
  signatures: z.array(z.object({ role: z.enum(PREFLIGHT_ROLES), by: accountId, at: isoInstant })).optional(),
});
/** A gate as a go/no-go snapshot keeps it: its result, and for sign-offs who had signed. */
export type SnapshotGate = z.infer<typeof gateResultSchema>;

/** The gates as they stand, with each sign-off gate's signers, for the go/no-go record. */
export function snapshotOf(record: ReleaseRecord, results: GateResult[]): SnapshotGate[] {
  // Each result keeps its English reason and its message, so a past phase's reasons read in each reader's language.
  return results.map((result) => {
    if (result.kind !== 'signoff') return result;
    const signed = Object.entries(record.signoffs[result.gateId] ?? {}) as Array<[PreflightRole, { by: string; at: string }]>;
    return { ...result, signatures: signed.map(([role, sig]) => ({ role, by: sig.by, at: sig.at })) };
  });
}

export const transitionSchema = z.object({
  from: z.string(),
  to: z.string(),
  by: accountId,
  at: isoInstant,
  /** The version was released in Jira while these gates blocked: the move followed Jira, nobody overrode. */
  releasedOutside: z.object({ failingGateIds: z.array(z.string()) }).optional(),
  /** Present when the exit gates did not all pass and an allowed person overrode them. */
  override: z.object({ reason: z.string(), failingGateIds: z.array(z.string()) }).optional(),
  /** The gates as they stood at the moment of the decision: the go/no-go record. */
  snapshot: z.array(gateResultSchema),
});
export type Transition = z.infer<typeof transitionSchema>;

export const scopeDecisionSchema = z.object({
  issueKey: z.string(),
  decision: z.enum(['accepted', 'removed']),
  by: accountId,
  at: isoInstant,
});

export const releaseRecordSchema = z.object({
  schemaVersion: z.literal(1),
  versionId: z.string().regex(/^\d+$/),
  projectKey: z.string(),
  releaseType: z.enum(RELEASE_TYPES),
  /** A copy of the template's phases when the release started: later template edits don't move the goalposts. */
  phases: z.array(z.object({ id: z.string(), name: z.string(), gates: z.array(gateSchema) })).min(1),
  currentPhaseId: z.string(),
  completedAt: isoInstant.optional(),
  phaseDates: z.record(z.string(), phaseDatesSchema),
  checklist: z.record(z.string(), tickSchema),
  /**
   * Checklist items added to this release alone (not the template), by gate id, with who added
   * them: only these can be renamed or removed (see checklist-items.ts).
   */
  releaseItems: z.record(z.string(), signatureSchema).optional(),
  signoffs: z.record(z.string(), z.partialRecord(z.enum(PREFLIGHT_ROLES), signatureSchema)),
  buildUnderTest: z.object({ id: z.string(), by: accountId, at: isoInstant }).optional(),
  frozenAt: isoInstant.optional(),
  /** How many issues the version held when scope froze: the retrospective's "scope at freeze". */
  frozenIssueCount: z.number().int().nonnegative().optional(),
  scopeDecisions: z.record(z.string(), scopeDecisionSchema),
  announcementDate: isoDay.optional(),
  /** Confluence pages published for this release (release notes, retrospective). */
  published: z
    .object({
      releaseNotes: z
        .object({
          pageId: z.string(),
          url: z.string(),
          at: isoInstant,
          /** SHA-256 over the sorted ids of the version's done issues when the notes were published. */
          digest: z.string().optional(),
          /** How many of the version's issues were done then: the gate's constant-cost staleness check. */
          doneIssues: z.number().int().nonnegative().optional(),
          /** Published before the version was released: the page says "Planned for …". */
          planned: z.boolean().optional(),
        })
        .optional(),
      retrospective: z.object({ pageId: z.string(), url: z.string(), at: isoInstant }).optional(),
    })
    .default({}),
  /** When the link to this panel was added to the Jira version's related work. */
  panelLinkedAt: isoInstant.optional(),
  /**
   * The Jira version's release as Preflight learned it (its own Release action, or Jira's event):
   * the release date keys the event, so a second delivery changes nothing (see jira-events.ts).
   */
  jiraRelease: z.object({ by: accountId, at: isoInstant, releaseDate: isoDay, via: z.enum(['preflight', 'jira']) }).optional(),
  /** The version was released in Jira while gates blocked: who, when, and the gates that blocked. */
  releasedOutside: z
    .object({ by: accountId, at: isoInstant, releaseDate: isoDay, fromPhaseId: z.string(), toPhaseId: z.string(), failingGates: z.array(z.string()) })
    .optional(),
  /**
   * Issues added to the version after the freeze as Jira's events reported them, by issue id, keyed
   * by the changelog entry that added them: the scope changes count them before Jira's search does.
   */
  scopeAdditions: z.record(z.string(), z.object({ issueKey: z.string(), by: accountId, at: isoInstant, changelogId: z.string() })).optional(),
  /** The Jira version was deleted (or merged into another): the record stays for the audit trail. */
  versionDeleted: z.object({ by: accountId, at: isoInstant, mergedInto: z.string().optional() }).optional(),
  /** The version's release date as Jira's last update event gave it (to tell a moved date from a repeat). */
  jiraReleaseDate: isoDay.optional(),
  /** The latest deployment CI reported per environment name for this release's builds (see deployments.ts). */
  deployments: releaseDeploymentsSchema.optional(),
  transitions: z.array(transitionSchema),
  revision: z.number().int().nonnegative(),
  createdAt: isoInstant,
  updatedAt: isoInstant,
});
export type ReleaseRecord = z.infer<typeof releaseRecordSchema>;

/** Something that happened to a release, for the append-only audit trail. */
export interface AuditEventDraft {
  type:
    | 'release-started'
    | 'dates-set'
    | 'phase-advanced'
    | 'phase-overridden'
    | 'checklist-ticked'
    | 'checklist-unticked'
    | 'checklist-item-added'
    | 'checklist-item-renamed'
    | 'checklist-item-removed'
    | 'signed-off'
    | 'signoff-withdrawn'
    | 'build-set'
    | 'scope-accepted'
    | 'scope-removed'
    | 'announcement-set'
    | 'type-changed'
    | 'version-released'
    | 'qa-decision'
    | 'page-published'
    | 'incident-opened'
    | 'incident-updated'
    | 'incident-resolved'
    | 'deployment-reported'
    | 'released-outside'
    | 'version-unreleased'
    | 'version-updated'
    | 'version-deleted'
    | 'scope-added';
  by: string;
  at: string;
  /** One line a person reads in the audit trail, in English (see auditLine). */
  summary: string;
  /** The same line as a message id and values, said in each reader's language (absent on older events). */
  text?: Text;
  snapshot?: SnapshotGate[];
  /** Structured details reports read (e.g. a QA decision's issue, build and verdict for the retrospective). */
  data?: Record<string, string>;
}

export interface Change {
  record: ReleaseRecord;
  events: AuditEventDraft[];
}

/** The first line of a release's trail, written with its first save: "Started tracking PAY 2.2 as a minor release". */
export function releaseStartedLine(versionName: string, releaseType: ReleaseType): ReturnType<typeof auditLine> {
  return auditLine('audit.releaseStarted', { version: versionName, type: text(`audit.type.${releaseType}`) });
}

/** A rule of the release was broken; the message says which and what would be allowed. */
export class ReleaseRuleError extends Error {
  /** The message as an id and values: the resolver boundary says it in the caller's language. */
  readonly text?: Text;
  constructor(
    message: string | Text,
    readonly field?: string,
  ) {
    super(typeof message === 'string' ? message : english(message));
    this.name = 'ReleaseRuleError';
    if (typeof message !== 'string') this.text = message;
  }
}

export function startRelease(args: {
  versionId: string;
  projectKey: string;
  releaseType: ReleaseType;
  phases: PhaseTemplate[];
  at: string;
  /** When work on the release began, when known (the Jira version's start date): the first phase's actual start. */
  startedAt?: string;
}): ReleaseRecord {
  const first = args.phases[0];
  if (!first) throw new ReleaseRuleError(text('errors.release.noPhases'), 'phases');
  return {
    schemaVersion: 1,
    versionId: args.versionId,
    projectKey: args.projectKey,
    releaseType: args.releaseType,
    phases: args.phases,
    currentPhaseId: first.id,
    phaseDates: { [first.id]: { actualStart: args.startedAt ?? args.at } },
    checklist: {},
    signoffs: {},
    scopeDecisions: {},
    published: {},
    transitions: [],
    revision: 0,
    createdAt: args.at,
    updatedAt: args.at,
  };
}

export function currentPhase(record: ReleaseRecord): PhaseTemplate {
  const phase = record.phases.find((p) => p.id === record.currentPhaseId);
  if (!phase) throw new ReleaseRuleError(text('errors.release.unknownPhase', { phase: record.currentPhaseId }));
  return phase;
}

function findGate(record: ReleaseRecord, gateId: string): Gate {
  const gate = record.phases.flatMap((p) => p.gates).find((g) => g.id === gateId);
  if (!gate) throw new ReleaseRuleError(text('errors.release.noGate', { gate: gateId }), 'gateId');
  return gate;
}

function touched(record: ReleaseRecord, at: string, patch: Partial<ReleaseRecord>): ReleaseRecord {
  return { ...record, ...patch, updatedAt: at };
}

function assertOpen(record: ReleaseRecord) {
  if (record.completedAt) throw new ReleaseRuleError(text('errors.release.complete'));
}

export function setPhaseDates(record: ReleaseRecord, phaseId: string, dates: { plannedStart?: string; plannedEnd?: string }, by: string, at: string): Change {
  assertOpen(record);
  const phase = record.phases.find((p) => p.id === phaseId);
  if (!phase) throw new ReleaseRuleError(text('errors.release.noPhase', { phase: phaseId }), 'phaseId');
  if (dates.plannedStart && dates.plannedEnd && dates.plannedEnd < dates.plannedStart) {
    throw new ReleaseRuleError(text('errors.release.endBeforeStart'), 'plannedEnd');
  }
  const previous = record.phaseDates[phaseId] ?? {};
  const next: PhaseDates = { ...previous };
  if (dates.plannedStart !== undefined) next.plannedStart = dates.plannedStart;
  else delete next.plannedStart;
  if (dates.plannedEnd !== undefined) next.plannedEnd = dates.plannedEnd;
  else delete next.plannedEnd;
  const end = (date: string | undefined) => (date ? day(date) : text('audit.dateOpen'));
  return {
    record: touched(record, at, { phaseDates: { ...record.phaseDates, [phaseId]: next } }),
    events: [{ type: 'dates-set', by, at, ...auditLine('audit.datesSet', { phase: phaseNameText(phase), start: end(dates.plannedStart), end: end(dates.plannedEnd) }) }],
  };
}

/**
 * Leaves the current phase for the next. Refused while a gate blocks, unless `override` carries a
 * written reason (the resolver has already checked the person may override). Leaving the first
 * phase freezes scope; leaving the last completes the release.
 */
export function advancePhase(
  record: ReleaseRecord,
  results: GateResult[],
  by: string,
  at: string,
  override?: { reason: string },
  /** The version's issue count now; kept when this advance freezes scope. */
  issueCount?: number,
): Change {
  assertOpen(record);
  const index = record.phases.findIndex((p) => p.id === record.currentPhaseId);
  const phase = currentPhase(record);
  const next = record.phases[index + 1];
  const blocking = blockingGates(results);
  if (blocking.length > 0 && !override) {
    throw new ReleaseRuleError(
      text('errors.release.blocked', {
        phase: phaseNameText(phase),
        gates: { list: blocking.map((g) => text('errors.release.blockingGate', { gate: gateNameText({ id: g.gateId, name: g.name }), reason: g.text ?? g.reason })) },
      }),
    );
  }
  const reason = override?.reason.trim();
  if (override && blocking.length > 0 && (!reason || reason.length < 10)) {
    throw new ReleaseRuleError(text('errors.release.overrideReason'), 'reason');
  }
  const overridden = blocking.length > 0 && reason ? { reason, failingGateIds: blocking.map((g) => g.gateId) } : undefined;
  const snapshot = snapshotOf(record, results);
  const transition: Transition = {
    from: phase.id,
    to: next?.id ?? 'complete',
    by,
    at,
    snapshot,
    ...(overridden && { override: overridden }),
  };
  const phaseDates = { ...record.phaseDates, [phase.id]: { ...record.phaseDates[phase.id], actualEnd: at } };
  if (next) phaseDates[next.id] = { ...record.phaseDates[next.id], actualStart: at };
  const freezesNow = index === 0 && !record.frozenAt;
  const updated = touched(record, at, {
    currentPhaseId: next?.id ?? record.currentPhaseId,
    phaseDates,
    transitions: [...record.transitions, transition],
    ...(freezesNow && { frozenAt: at, ...(issueCount !== undefined && { frozenIssueCount: issueCount }) }),
    ...(!next && { completedAt: at }),
  });
  const where = next ? { from: phaseNameText(phase), to: phaseNameText(next) } : { phase: phaseNameText(phase) };
  const gates = { list: blocking.map((g) => gateNameText({ id: g.gateId, name: g.name })) };
  const events: AuditEventDraft[] = [
    overridden
      ? { type: 'phase-overridden', by, at, ...auditLine(next ? 'audit.overrodeMoved' : 'audit.overrodeCompleted', { ...where, gates, reason: overridden.reason }), snapshot }
      : { type: 'phase-advanced', by, at, ...auditLine(next ? 'audit.phaseMoved' : 'audit.phaseCompleted', where), snapshot },
  ];
  return { record: updated, events };
}

export function tickChecklistItem(record: ReleaseRecord, gateId: string, done: boolean, by: string, at: string, link?: string): Change {
  assertOpen(record);
  const gate = findGate(record, gateId);
  if (gate.kind !== 'manual') throw new ReleaseRuleError(text('errors.release.notChecklistItem', { gate: gateNameText(gate) }), 'gateId');
  if (!done) {
    if (!record.checklist[gateId]) return { record, events: [] };
    const { [gateId]: _removed, ...rest } = record.checklist;
    return { record: touched(record, at, { checklist: rest }), events: [{ type: 'checklist-unticked', by, at, ...auditLine('audit.checklistUnticked', { gate: gateNameText(gate) }) }] };
  }
  if (gate.requiresLink && !link) throw new ReleaseRuleError(text('errors.release.needsLink', { gate: gateNameText(gate) }), 'link');
  const tick = { by, at, ...(link && { link }) };
  return {
    record: touched(record, at, { checklist: { ...record.checklist, [gateId]: tick } }),
    events: [{ type: 'checklist-ticked', by, at, ...(link ? auditLine('audit.checklistTickedLink', { gate: gateNameText(gate), link }) : auditLine('audit.checklistTicked', { gate: gateNameText(gate) })) }],
  };
}

/** Signs (or withdraws) a sign-off in one of the acting person's roles that the gate asks for. */
export function signOff(record: ReleaseRecord, gateId: string, role: PreflightRole, signed: boolean, by: string, at: string): Change {
  assertOpen(record);
  const gate = findGate(record, gateId);
  if (gate.kind !== 'signoff') throw new ReleaseRuleError(text('errors.release.notSignoff', { gate: gateNameText(gate) }), 'gateId');
  if (!gate.roles.includes(role)) throw new ReleaseRuleError(text('errors.release.roleNotAsked', { gate: gateNameText(gate), role: roleText(role) }), 'role');
  const current = { ...record.signoffs[gateId] };
  if (signed) current[role] = { by, at };
  else if (current[role]) delete current[role];
  else return { record, events: [] };
  return {
    record: touched(record, at, { signoffs: { ...record.signoffs, [gateId]: current } }),
    events: [{ type: signed ? 'signed-off' : 'signoff-withdrawn', by, at, ...auditLine(signed ? 'audit.signedOff' : 'audit.signoffWithdrawn', { gate: gateNameText(gate), role: text(`audit.role.${role}`) }) }],
  };
}

// A build id's rule lives with deployments (CI reports builds too); kept exported here for existing callers.
export { buildIdSchema };

export function setBuildUnderTest(record: ReleaseRecord, buildId: string, by: string, at: string): Change {
  assertOpen(record);
  if (!buildIdSchema.safeParse(buildId).success) throw new ReleaseRuleError(text('errors.release.buildId'), 'buildId');
  if (record.buildUnderTest?.id === buildId) return { record, events: [] };
  return {
    record: touched(record, at, { buildUnderTest: { id: buildId, by, at } }),
    events: [{ type: 'build-set', by, at, ...auditLine('audit.buildSet', { build: buildId }) }],
  };
}

export function decideScopeChange(record: ReleaseRecord, issue: { id: string; key: string }, decision: 'accepted' | 'removed', by: string, at: string): Change {
  assertOpen(record);
  if (!record.frozenAt) throw new ReleaseRuleError(text('errors.release.notFrozen'));
  return {
    record: touched(record, at, { scopeDecisions: { ...record.scopeDecisions, [issue.id]: { issueKey: issue.key, decision, by, at } } }),
    events: [{ type: decision === 'accepted' ? 'scope-accepted' : 'scope-removed', by, at, ...auditLine(decision === 'accepted' ? 'audit.scopeAccepted' : 'audit.scopeRemoved', { issue: issue.key }) }],
  };
}

export function setAnnouncementDate(record: ReleaseRecord, date: string | undefined, by: string, at: string): Change {
  const { announcementDate: _old, ...rest } = record;
  return {
    record: touched({ ...rest }, at, date ? { announcementDate: date } : {}),
    events: [{ type: 'announcement-set', by, at, ...(date ? auditLine('audit.announcementSet', { date: day(date) }) : auditLine('audit.announcementCleared')) }],
  };
}

/**
 * Switches between major, minor and hotfix while the release is still in its first phase and
 * unfrozen; ticks and sign-offs on gates the new type keeps are kept.
 */
export function changeReleaseType(record: ReleaseRecord, releaseType: ReleaseType, phases: PhaseTemplate[], by: string, at: string): Change {
  assertOpen(record);
  if (record.releaseType === releaseType) return { record, events: [] };
  if (record.frozenAt || record.transitions.length > 0) {
    throw new ReleaseRuleError(text('errors.release.typeLocked'), 'releaseType');
  }
  const first = phases[0];
  if (!first) throw new ReleaseRuleError(text('errors.release.noPhases'), 'phases');
  const kept = new Set(phases.flatMap((p) => p.gates.map((g) => g.id)));
  const keep = <T>(items: Record<string, T>) => Object.fromEntries(Object.entries(items).filter(([id]) => kept.has(id)));
  return {
    record: touched(record, at, {
      releaseType,
      phases,
      currentPhaseId: first.id,
      phaseDates: { ...record.phaseDates, [first.id]: { ...record.phaseDates[first.id], actualStart: record.phaseDates[record.currentPhaseId]?.actualStart ?? at } },
      checklist: keep(record.checklist),
      signoffs: keep(record.signoffs),
    }),
    events: [{ type: 'type-changed', by, at, ...auditLine('audit.typeChanged', { from: text(`audit.type.${record.releaseType}`), to: text(`audit.type.${releaseType}`) }) }],
  };
}

/** Records that the Jira version was released from Preflight (Jira holds the released flag itself). */
export function recordVersionReleased(record: ReleaseRecord, details: { releaseDate: string; movedTo?: string }, by: string, at: string): Change {
  assertOpen(record);
  return {
    // Remembered so Jira's "released" event for this very release is known as Preflight's own.
    record: touched(record, at, { jiraRelease: { by, at, releaseDate: details.releaseDate, via: 'preflight' } }),
    events: [
      {
        type: 'version-released',
        by,
        at,
        ...(details.movedTo ? auditLine('audit.releasedFromPreflightMoved', { date: day(details.releaseDate), version: details.movedTo }) : auditLine('audit.releasedFromPreflight', { date: day(details.releaseDate) })),
      },
    ],
  };
}
