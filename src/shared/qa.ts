import { z } from 'zod';
// Pure domain constants (the module imports only zod), so the Custom UI pulls in nothing else.
import { RELEASE_NOTE_MAX } from '../domain/issue-release-note';
import { BUILD_ID_MESSAGE, BUILD_ID_PATTERN, QA_DECISIONS, QA_NOTE_MAX, type MirrorState, type QaDecision } from '../domain/qa';

/**
 * The QA build approvals contract: the issue module (one issue, every release it belongs to) and
 * the release panel's bulk view (many issues of one release). Imports only zod and pure domain.
 */

export const QA_KEYS = {
  /** The issue module's view: releases, builds under test, latest decision and history. */
  issue: 'qa/issue',
  /** Approve or reject the build under test of one release on the issue the module is open on. */
  decide: 'qa/decide',
  /** From the release panel: the same decision on several issues of the release at once. */
  decideMany: 'qa/decide-many',
  /** The issue module's release note (text and internal flag), read by anyone who sees the issue. */
  releaseNote: 'qa/release-note',
  /** Saves it; people with a Preflight role in the project, as themselves in Jira. */
  saveReleaseNote: 'qa/save-release-note',
} as const;

export { QA_DECISIONS, QA_NOTE_MAX };
export type { QaDecision, MirrorState };

/** Issues the bulk view sends at once: each is its own transaction, so a request stays well inside Forge's time limit. */
export const BULK_QA_MAX = 25;

const versionId = z.string().regex(/^\d{1,18}$/, 'expected a Jira version id (digits)');
const issueId = z.string().regex(/^\d{1,18}$/, 'expected a Jira issue id (digits)');
const build = z.string().regex(BUILD_ID_PATTERN, BUILD_ID_MESSAGE);
const note = z.string().max(QA_NOTE_MAX, `expected a note of at most ${QA_NOTE_MAX.toLocaleString('en')} characters`);
const decision = z.enum(QA_DECISIONS, { message: 'expected "approved" or "rejected"' });

export const issueQaPayload = z.object({}).strict();

/** A rejection tells the developer what failed; an approval may go without a word. */
function rejectionNeedsNote(value: { decision: string; note: string }, ctx: z.RefinementCtx): void {
  if (value.decision === 'rejected' && value.note.trim() === '') {
    ctx.addIssue({ code: 'custom', path: ['note'], message: 'expected a note saying what failed, when rejecting a build' });
  }
}

export const decideQaPayload = z
  .object({
    versionId,
    /** The build the person saw; a different build under test now means they must look again. */
    build,
    decision,
    note: note.default(''),
  })
  .strict()
  .superRefine(rejectionNeedsNote);
export const decideManyQaPayload = z
  .object({
    versionId,
    build,
    decision,
    note: note.default(''),
    issueIds: z
      .array(issueId)
      .min(1, 'expected at least one issue')
      .max(BULK_QA_MAX, `expected at most ${BULK_QA_MAX} issues at once`)
      .refine((ids) => new Set(ids).size === ids.length, 'expected each issue once'),
  })
  .strict()
  .superRefine(rejectionNeedsNote);

export { RELEASE_NOTE_MAX };
export const releaseNotePayload = z.object({}).strict();
export const saveReleaseNotePayload = z
  .object({
    /** Plain text customers read instead of the summary; empty falls back to the summary. */
    text: z.string().max(RELEASE_NOTE_MAX, `expected a release note of at most ${RELEASE_NOTE_MAX.toLocaleString('en')} characters`),
    /** Keeps the issue out of customer-facing notes. */
    internal: z.boolean(),
  })
  .strict();
export type SaveReleaseNotePayload = z.infer<typeof saveReleaseNotePayload>;

/** The issue module's release-note editor. */
export interface IssueReleaseNoteView {
  issue: { id: string; key: string };
  text: string;
  internal: boolean;
  me: { canEdit: boolean; readOnlyReason?: string };
}

export type DecideQaPayload = z.input<typeof decideQaPayload>;
export type DecideManyQaPayload = z.input<typeof decideManyQaPayload>;

export interface PersonRefView {
  accountId: string;
  displayName: string;
}

export interface QaEntryView {
  status: QaDecision;
  build: string;
  by: PersonRefView;
  at: string;
  note: string;
  versionId: string;
  versionName?: string;
}

export interface IssueReleaseQa {
  versionId: string;
  versionName: string;
  released: boolean;
  /** False when Preflight is not tracking this version yet (no build can be under test). */
  tracked: boolean;
  completed: boolean;
  phase?: { id: string; name: string };
  buildUnderTest?: string;
  /** The latest decision, when it was about this release's current build. */
  decisionForBuild?: { status: QaDecision; by: PersonRefView; at: string };
  /** Why this release's build cannot be decided on here, when it cannot (no build yet, complete, ...). */
  blockedReason?: string;
}

export interface IssueQaView {
  issue: { id: string; key: string; issueType: string; projectKey: string };
  /** Whether the project's settings ask QA to approve builds on this issue type. */
  needsQa: boolean;
  qaIssueTypes: string[];
  releases: IssueReleaseQa[];
  latest?: QaEntryView;
  /** Newest first, at most the last 50 decisions. */
  history: QaEntryView[];
  /** How Jira's issue property compares with Preflight's record (Preflight's record wins). */
  mirror: { state: MirrorState; property?: { status: string; build: string } };
  me: { canDecide: boolean; readOnlyReason?: string };
}

/** What the issue module gets back after a decision. */
export interface DecideQaResult {
  view: IssueQaView;
  /** Set when the decision is saved but Jira's issue property could not be updated. */
  mirrorWarning?: string;
}

export interface DecideManyQaResult {
  decided: Array<{ issueId: string; issueKey: string }>;
  failed: Array<{ issueId: string; issueKey?: string; message: string }>;
  /** Issues whose decision is saved but whose Jira property could not be updated. */
  mirrorWarnings: string[];
}

/** An issue where Jira's property and Preflight's record disagree about the build under test. */
export interface QaMismatchView {
  issueId: string;
  issueKey: string;
  property: 'approved' | 'not approved';
  app?: { status: QaDecision; build: string };
}
