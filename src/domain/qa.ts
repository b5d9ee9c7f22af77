import { z } from 'zod';
import { auditLine } from './audit-line';
import type { AuditEventDraft } from './release';

/**
 * QA build approvals: a QA engineer approves or rejects the build under test on an issue. The
 * app's own record (latest decision + history) is authoritative; an indexed issue property mirrors
 * the latest decision so Jira can count approvals with JQL. Everything here is pure.
 */

export const QA_DECISIONS = ['approved', 'rejected'] as const;
export type QaDecision = (typeof QA_DECISIONS)[number];

/** The same rule the release panel applies when a build under test is set. */
export const BUILD_ID_PATTERN = /^[A-Za-z0-9._+-]{1,64}$/;
export const BUILD_ID_MESSAGE = 'expected 1 to 64 letters, digits, ".", "-", "_" or "+"';
export const QA_NOTE_MAX = 2000;

const isoInstant = z.string().datetime({ message: 'expected an ISO 8601 timestamp' });
const accountId = z.string().min(1).max(128);

/** One decision, as kept in the history and as the latest decision of an issue. */
export const qaEntrySchema = z.object({
  status: z.enum(QA_DECISIONS),
  build: z.string().regex(BUILD_ID_PATTERN, BUILD_ID_MESSAGE),
  by: accountId,
  at: isoInstant,
  note: z.string().max(QA_NOTE_MAX),
  /** The release whose build under test was decided on. */
  versionId: z.string().regex(/^\d+$/),
});
export type QaEntry = z.infer<typeof qaEntrySchema>;

/** Preflight's record of an issue's QA state: the latest decision; history items live beside it. */
export const qaRecordSchema = z.object({
  schemaVersion: z.literal(1),
  issueId: z.string().regex(/^\d+$/),
  issueKey: z.string(),
  projectKey: z.string(),
  latest: qaEntrySchema,
  /** How many decisions were made; guards the record with a compare-and-swap. */
  seq: z.number().int().positive(),
});
export type QaRecord = z.infer<typeof qaRecordSchema>;

/** The value mirrored into the `preflight-qa` issue property (indexed by jira:entityProperty). */
export interface QaPropertyValue {
  status: QaDecision;
  build: string;
  by: string;
  at: string;
}

/** Reads a property value loosely: anyone with edit rights can PUT anything there. */
export const qaPropertySchema = z.looseObject({ status: z.string(), build: z.string() });

export function propertyValueOf(entry: QaEntry): QaPropertyValue {
  return { status: entry.status, build: entry.build, by: entry.by, at: entry.at };
}

/** The record after one more decision. */
export function nextQaRecord(previous: QaRecord | undefined, issue: { id: string; key: string; projectKey: string }, entry: QaEntry): QaRecord {
  return { schemaVersion: 1, issueId: issue.id, issueKey: issue.key, projectKey: issue.projectKey, latest: entry, seq: (previous?.seq ?? 0) + 1 };
}

/**
 * The audit event each release the issue belongs to records. `data` is what reports count
 * (the retrospective counts QA rejections); the note stays in the issue's own history.
 */
export function qaAuditEvent(entry: QaEntry, issueKey: string, versionName: string | undefined): AuditEventDraft {
  const approved = entry.status === 'approved';
  const line = versionName
    ? auditLine(approved ? 'audit.qaApprovedElsewhere' : 'audit.qaRejectedElsewhere', { build: entry.build, issue: issueKey, version: versionName })
    : auditLine(approved ? 'audit.qaApproved' : 'audit.qaRejected', { build: entry.build, issue: issueKey });
  return {
    type: 'qa-decision',
    by: entry.by,
    at: entry.at,
    ...line,
    data: { kind: 'qa-decision', issueKey, build: entry.build, decision: entry.status },
  };
}

/** Whether a property value says "approved" for `build`, the way the gate's JQL reads it. */
export function propertyApproves(value: unknown, build: string): boolean {
  const parsed = qaPropertySchema.safeParse(value);
  return parsed.success && parsed.data.status === 'approved' && parsed.data.build === build;
}

export type MirrorState = 'in-sync' | 'missing' | 'differs';

/** How the issue property compares with Preflight's latest decision (status and build). */
export function mirrorState(record: QaRecord | undefined, property: unknown): MirrorState {
  if (!record) return property === undefined ? 'in-sync' : 'differs';
  if (property === undefined) return 'missing';
  const parsed = qaPropertySchema.safeParse(property);
  return parsed.success && parsed.data.status === record.latest.status && parsed.data.build === record.latest.build ? 'in-sync' : 'differs';
}

/** An issue of the release's QA scope where Jira's property and Preflight's record disagree about the build. */
export interface QaMismatch {
  issueId: string;
  issueKey: string;
  /** What the property claims for the build under test. */
  property: 'approved' | 'not approved';
  /** What Preflight recorded: the latest decision, or none. */
  app: { status: QaDecision; build: string } | undefined;
}

/**
 * Compares, for one release and its build under test, the issues whose property approves the
 * build (from JQL, already limited to the release's QA scope) with the issues Preflight recorded
 * as approved for that build (limited to the QA scope too). Preflight's record wins:
 * - approved only by the property (someone wrote it through REST): still pending, +1;
 * - approved only by Preflight (the mirror is missing or was overwritten): not pending, -1.
 * `pendingCorrection` is what to add to the JQL count of pending issues.
 */
export function compareQaApprovals(args: {
  propertyApproved: Array<{ id: string; key: string }>;
  appApprovedInScope: Array<{ id: string; key: string }>;
  /** Preflight's latest decision per issue id, where it has one. */
  appDecisions: Map<string, { status: QaDecision; build: string }>;
}): { mismatches: QaMismatch[]; pendingCorrection: number } {
  const byProperty = new Set(args.propertyApproved.map((i) => i.id));
  const byApp = new Set(args.appApprovedInScope.map((i) => i.id));
  const appOf = (id: string) => args.appDecisions.get(id);
  const forged = args.propertyApproved.filter((i) => !byApp.has(i.id));
  const unmirrored = args.appApprovedInScope.filter((i) => !byProperty.has(i.id));
  const mismatches: QaMismatch[] = [
    ...forged.map((i) => ({ issueId: i.id, issueKey: i.key, property: 'approved' as const, app: appOf(i.id) })),
    ...unmirrored.map((i) => ({ issueId: i.id, issueKey: i.key, property: 'not approved' as const, app: appOf(i.id) })),
  ].sort((a, b) => a.issueKey.localeCompare(b.issueKey, 'en', { numeric: true }));
  return { mismatches, pendingCorrection: forged.length - unmirrored.length };
}
