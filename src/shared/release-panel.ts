import { z } from 'zod';

/**
 * The release panel's resolver contract: payload schemas (the single source of truth, used by the
 * resolvers to validate and by the UI for types) and the view the resolvers answer with.
 * Imports only zod, so the Custom UI can import it.
 */

export const PANEL_KEYS = {
  get: 'release/get',
  issues: 'release/issues',
  audit: 'release/audit',
  setDates: 'release/set-dates',
  setType: 'release/set-type',
  advance: 'release/advance',
  tick: 'release/tick',
  signOff: 'release/sign-off',
  setBuild: 'release/set-build',
  decideScope: 'release/decide-scope',
  setAnnouncement: 'release/set-announcement',
  releaseVersion: 'release/release-version',
  /** The whole record and audit trail as one JSON document with SHA-256 digests. */
  evidencePack: 'release/evidence-pack',
  /** Checks an evidence pack against its digests and against what is stored now. */
  verifyEvidence: 'release/verify-evidence',
  /** Add, rename or remove a checklist item of this release only (not the project's template). */
  editChecklistItem: 'release/edit-checklist-item',
} as const;

export const ROLES = ['release-owner', 'engineering-lead', 'qa'] as const;
export type Role = (typeof ROLES)[number];
export const RELEASE_TYPE_VALUES = ['major', 'minor', 'hotfix'] as const;
export const ISSUE_LISTS = ['not-done', 'open-blockers', 'qa-pending', 'scope-added'] as const;
export type IssueList = (typeof ISSUE_LISTS)[number];

const versionId = z.string().regex(/^\d{1,18}$/, 'expected a Jira version id (digits)');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as yyyy-mm-dd');
const gateId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'expected a gate id');
/** The revision the UI last saw: a write against an older one is refused as "changed by someone else". */
const revision = z.number().int().nonnegative();
const write = { versionId, revision };
const cursor = z.string().regex(/^[A-Za-z0-9_=-]{1,200}$/, 'expected the nextCursor of a previous answer');

export const getReleasePayload = z.object({ versionId }).strict();
export const releaseIssuesPayload = z.object({ versionId, list: z.enum(ISSUE_LISTS), cursor: cursor.optional() }).strict();
/**
 * Kinds of decision the audit trail can be filtered by; every event type maps to one.
 * (`gates` are phase changes, whose go/no-go snapshot is the record of the gates at that moment.)
 */
export const AUDIT_KINDS = ['scope', 'signoff', 'override', 'qa', 'gates', 'checklist', 'plan', 'publishing', 'release', 'incidents'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];
export const AUDIT_KIND_LABELS: Record<AuditKind, string> = {
  scope: 'Scope changes',
  signoff: 'Sign-offs',
  override: 'Overrides',
  qa: 'QA decisions',
  gates: 'Phase changes (gate snapshots)',
  checklist: 'Checklist',
  plan: 'Plan and dates',
  publishing: 'Publishing',
  release: 'Release',
  incidents: 'Incidents (monitoring)',
};
const KIND_OF_TYPE: Record<string, AuditKind> = {
  'scope-accepted': 'scope',
  'scope-removed': 'scope',
  'signed-off': 'signoff',
  'signoff-withdrawn': 'signoff',
  'phase-overridden': 'override',
  'qa-decision': 'qa',
  'phase-advanced': 'gates',
  'checklist-ticked': 'checklist',
  'checklist-unticked': 'checklist',
  'dates-set': 'plan',
  'announcement-set': 'plan',
  'type-changed': 'plan',
  'build-set': 'qa',
  'page-published': 'publishing',
  'release-started': 'release',
  'version-released': 'release',
  'deployment-reported': 'release',
  // Jira events (issue 13): a release made in Jira while gates blocked walks around them, like an override.
  'released-outside': 'override',
  'version-unreleased': 'release',
  'version-deleted': 'release',
  'version-updated': 'plan',
  'scope-added': 'scope',
  // Monitoring (issue 13): what Datadog, New Relic or Sentry reported during bedding-in.
  'incident-opened': 'incidents',
  'incident-updated': 'incidents',
  'incident-resolved': 'incidents',
};
/** The kind of an audit event's type; types added later without a kind count as checklist or release changes. */
export function auditKindOf(type: string): AuditKind {
  return KIND_OF_TYPE[type] ?? (type.startsWith('checklist-') ? 'checklist' : 'release');
}

const accountIdFilter = z.string().regex(/^[A-Za-z0-9:_-]{1,128}$/, 'expected an Atlassian account id');
export const releaseAuditPayload = z
  .object({
    versionId,
    cursor: cursor.optional(),
    /** Only events of this kind. */
    kind: z.enum(AUDIT_KINDS).optional(),
    /** Only events by this person. */
    by: accountIdFilter.optional(),
  })
  .strict();
export const evidencePackPayload = z.object({ versionId }).strict();
/** The pack is checked by the domain's verifier, which names what is wrong with it; here only its size is bounded. */
export const verifyEvidencePayload = z.object({ versionId, pack: z.record(z.string(), z.unknown()) }).strict();
export const setDatesPayload = z
  .object({ ...write, phaseId: gateId, plannedStart: day.optional(), plannedEnd: day.optional() })
  .strict();
export const setTypePayload = z.object({ ...write, releaseType: z.enum(RELEASE_TYPE_VALUES) }).strict();
export const advancePayload = z
  .object({
    ...write,
    /** Present only to override failing gates; the reason is kept in the audit trail. */
    override: z.object({ reason: z.string().trim().min(10, 'expected a reason of at least 10 characters').max(2000, 'expected at most 2,000 characters') }).strict().optional(),
  })
  .strict();
export const tickPayload = z
  .object({
    ...write,
    gateId,
    done: z.boolean(),
    link: z
      .string()
      .max(2000)
      .url('expected a link starting with https://')
      .refine((u) => u.startsWith('https://'), 'expected a link starting with https://')
      .optional(),
  })
  .strict();
export const signOffPayload = z.object({ ...write, gateId, role: z.enum(ROLES), signed: z.boolean() }).strict();
export const setBuildPayload = z
  .object({ ...write, buildId: z.string().regex(/^[A-Za-z0-9._+-]{1,64}$/, 'expected 1 to 64 letters, digits, ".", "-", "_" or "+"') })
  .strict();
export const decideScopePayload = z
  .object({ ...write, issueId: z.string().regex(/^\d{1,18}$/, 'expected a Jira issue id'), decision: z.enum(['accepted', 'removed']) })
  .strict();
export const setAnnouncementPayload = z.object({ ...write, announcementDate: day.nullable() }).strict();
export const releaseVersionPayload = z
  .object({
    ...write,
    releaseDate: day,
    /** Where unresolved issues go; absent leaves them in the released version, as Jira allows. */
    moveUnfixedIssuesTo: versionId.optional(),
  })
  .strict();

const itemName = z.string().trim().min(1, 'expected a name').max(120, 'expected at most 120 characters');
export const editChecklistItemPayload = z.discriminatedUnion('action', [
  z.object({ ...write, action: z.literal('add'), phaseId: gateId, name: itemName, requiresLink: z.boolean().default(false) }).strict(),
  z.object({ ...write, action: z.literal('rename'), gateId, name: itemName }).strict(),
  z.object({ ...write, action: z.literal('remove'), gateId }).strict(),
]);

export type GetReleasePayload = z.infer<typeof getReleasePayload>;
export type ReleaseIssuesPayload = z.infer<typeof releaseIssuesPayload>;
export type ReleaseAuditPayload = z.infer<typeof releaseAuditPayload>;
export type EvidencePackPayload = z.infer<typeof evidencePackPayload>;
export type VerifyEvidencePayload = z.infer<typeof verifyEvidencePayload>;
export type SetDatesPayload = z.infer<typeof setDatesPayload>;
export type SetTypePayload = z.infer<typeof setTypePayload>;
export type AdvancePayload = z.infer<typeof advancePayload>;
export type TickPayload = z.infer<typeof tickPayload>;
export type SignOffPayload = z.infer<typeof signOffPayload>;
export type SetBuildPayload = z.infer<typeof setBuildPayload>;
export type DecideScopePayload = z.infer<typeof decideScopePayload>;
export type SetAnnouncementPayload = z.infer<typeof setAnnouncementPayload>;
export type ReleaseVersionPayload = z.infer<typeof releaseVersionPayload>;
export type EditChecklistItemPayload = z.infer<typeof editChecklistItemPayload>;

export interface PersonRef {
  accountId: string;
  displayName: string;
}

export interface GateView {
  gateId: string;
  name: string;
  kind: 'auto' | 'manual' | 'signoff';
  status: 'pass' | 'fail' | 'warning';
  reason: string;
  /** Auto gates: the issue list behind the gate, loadable with release/issues. */
  issues?: IssueList;
  /** Manual gates. */
  requiresLink?: boolean;
  ticked?: { by: PersonRef; at: string; link?: string };
  /** Added to this release alone (not from the template): the release owner may rename or remove it. */
  releaseItem?: { by: PersonRef; at: string };
  /** Sign-off gates: the roles asked for, and who signed in each. */
  roles?: Role[];
  signatures?: Array<{ role: Role; by: PersonRef; at: string }>;
}

export interface PhaseView {
  id: string;
  name: string;
  state: 'done' | 'current' | 'upcoming';
  plannedStart?: string;
  plannedEnd?: string;
  actualStart?: string;
  actualEnd?: string;
  gates: GateView[];
  /** Present when the phase was left with failing gates: who overrode them, when, why, and which gates failed. */
  override?: { by: PersonRef; at: string; reason: string; failingGates: string[] };
}

/**
 * "Overridden by <name> on <date> (failing: ...): <reason>", the line every view of an overridden
 * phase carries (panel, checklist macro, its export): without it a finished phase reads "done"
 * beside its FAILs, as if it had passed.
 */
export function overrideLine(override: NonNullable<PhaseView['override']>): string {
  const gates = override.failingGates.length > 0 ? ` (failing: ${override.failingGates.join(', ')})` : '';
  return `Overridden by ${override.by.displayName} on ${override.at.slice(0, 10)}${gates}: ${override.reason}`;
}

export interface ReleaseFlagView {
  kind: 'overdue' | 'at-risk' | 'announcement-too-early' | 'announcement-before-ship' | 'plan-after-release' | 'phase-overrun';
  message: string;
}

export interface ScopeChangeView {
  issueId: string;
  issueKey: string;
  summary: string;
  decision?: 'accepted' | 'removed';
  /** Who decided, and when: decided rows stay listed after the release. */
  decidedBy?: PersonRef;
  decidedAt?: string;
}

export interface AuditEventView {
  id: string;
  type: string;
  at: string;
  by: PersonRef;
  summary: string;
  kind: AuditKind;
  /** The gates at that moment, for phase changes and overrides (the go/no-go record), with who had signed each sign-off. */
  snapshot?: Array<{ gateId: string; name: string; status: 'pass' | 'fail' | 'warning'; reason: string; signatures?: Array<{ role: Role; by: PersonRef; at: string }> }>;
}

export interface ReleaseView {
  project: { id: string; key: string };
  version: { id: string; name: string; description?: string; released: boolean; releaseDate?: string; startDate?: string };
  releaseType: 'major' | 'minor' | 'hotfix';
  revision: number;
  currentPhaseId: string;
  completed: boolean;
  phases: PhaseView[];
  buildUnderTest?: { id: string; by: PersonRef; at: string };
  frozenAt?: string;
  /** The version was released in Jira while these gates blocked (issue 13): the panel shows a banner. */
  releasedOutside?: { by: PersonRef; at: string; releaseDate: string; failingGates: string[] };
  /** The Jira version was deleted or merged away; the record stays for its history. */
  versionDeleted?: { by: PersonRef; at: string; mergedInto?: string };
  scopeChanges: ScopeChangeView[];
  announcementDate?: string;
  /**
   * Whether the site's Confluence is connected to Preflight (it is optional): without it the panel
   * shows why publishing is unavailable instead of offering it.
   */
  confluence: { connected: true } | { connected: false; reason: string };
  /** Confluence pages published for this release. */
  published: {
    /** `stale`: the page no longer reflects the shipped scope (the gate says the same). */
    releaseNotes?: { pageId: string; url: string; at: string; stale?: { changed: number; message: string } };
    retrospective?: { pageId: string; url: string; at: string };
  };
  beddingInDays: number;
  flags: ReleaseFlagView[];
  /** Other unreleased versions of the project, for "move unfinished issues to". */
  otherVersions: Array<{ id: string; name: string }>;
  issueCounts: { total: number; done: number };
  /**
   * Issues where Jira's QA property disagrees with Preflight's record about the build under test
   * (e.g. the property was written through REST). The QA gate counts Preflight's record.
   */
  qaMismatches?: Array<{ issueId: string; issueKey: string; property: 'approved' | 'not approved'; app?: { status: 'approved' | 'rejected'; build: string } }>;
  me: {
    accountId: string;
    roles: Role[];
    /** Why the person can change nothing, when that is so (shown on disabled controls). */
    readOnlyReason?: string;
    canOverride: boolean;
  };
  audit: { events: AuditEventView[]; nextCursor?: string };
  /**
   * The project's environments with the latest deployment CI reported to each (issue 13), in
   * pipeline order (development, testing, staging, production); absent when the app has no store.
   */
  environments?: EnvironmentView[];
  /**
   * Bedding-in health from monitoring (issue 13): the release's incidents, its time to restore and
   * the project's change failure rate; absent when the app has no incident store.
   */
  incidents?: IncidentsView;
}

/** One incident as people read it (panel, checklist macro, retrospective). */
export interface IncidentLineView {
  key: string;
  tool: 'datadog' | 'newrelic' | 'sentry';
  toolLabel: string;
  severity: number;
  /** Severity 1-2: it holds the Post-release gate while open. */
  severe: boolean;
  title: string;
  /** https only: it is rendered as a link. */
  link?: string;
  startedAt: string;
  resolvedAt?: string;
  /** "+2 h 10 min after deployment", when the release's live time is known (in the language the view was made for). */
  startedRelative?: string;
  /** Minutes from going live to the start (negative before), when the live time is known: to word in the reader's language. */
  startedAfterMinutes?: number;
  /** "40 min" from start to resolution (in the language the view was made for). */
  restoredAfter?: string;
  /** Minutes from start to resolution, to word in the reader's language. */
  restoredMinutes?: number;
  jiraIssueKey?: string;
}

/** A release's incidents and its time to restore. */
export interface ReleaseIncidentReport {
  /** When the release went live (its production deployment, else its release day). */
  liveSince?: string;
  /** Oldest first. */
  incidents: IncidentLineView[];
  open: number;
  /** Over the resolved incidents: minutes, and as people read it (`mean`, `median`: in the language the view was made for). */
  timeToRestore?: { meanMinutes: number; medianMinutes: number; restored: number; mean: string; median: string };
}

/** The project's change failure rate (DORA) over its last `window` live releases (`total` may be fewer). */
export interface ChangeFailureRateView {
  failed: number;
  total: number;
  /** 0 to 1. */
  rate: number;
  /** Whole percent. */
  percent: number;
  window: number;
}

/**
 * "+2 h 10 min after deployment, resolved after 40 min", in English (logs, tests). Pages and
 * screens word the same in the reader's language: src/domain/incident-wording.ts.
 */
export function incidentTiming(i: Pick<IncidentLineView, 'startedAt' | 'startedRelative' | 'resolvedAt' | 'restoredAfter'>): string {
  const started = i.startedRelative ?? `started ${i.startedAt.slice(0, 16).replace('T', ' ')} UTC`;
  return i.resolvedAt ? `${started}, resolved after ${i.restoredAfter ?? '?'}` : `${started}, still open`;
}

/** "Change failure rate: 20% (2 of the last 10 releases had an incident during bedding-in)", in English (see incidentTiming). */
export function changeFailureLine(cfr: ChangeFailureRateView): string {
  const of = cfr.total === 1 ? '1 release' : `the last ${cfr.total} releases`;
  return `Change failure rate: ${cfr.percent}% (${cfr.failed} of ${of} had an incident during bedding-in)`;
}

/** "Time to restore: 40 min on average (median 40 min, 1 incident resolved)", in English (see incidentTiming). */
export function timeToRestoreLine(ttr: NonNullable<ReleaseIncidentReport['timeToRestore']>): string {
  return `Time to restore: ${ttr.mean} on average (median ${ttr.median}, ${ttr.restored} ${ttr.restored === 1 ? 'incident' : 'incidents'} resolved)`;
}

/** What the change failure rate means, for a tooltip and the pages. */
export const CHANGE_FAILURE_MEANING =
  'The share of the project\'s last releases that went live and had at least one monitoring incident during their bedding-in period (DORA\'s change failure rate). Lower is better.';

export interface IncidentsView extends ReleaseIncidentReport {
  beddingInEndsAt?: string;
  changeFailureRate?: ChangeFailureRateView;
  /** The phase the dashboards belong to: the one holding the incident gates (Post-release review in the default template). */
  phaseId?: string;
  /** The project's monitoring dashboards (settings), https only: shown in Post-release review. */
  dashboards: Array<{ tool: 'datadog' | 'newrelic' | 'sentry'; label: string; url: string }>;
}

/** One environment of the project's "what runs where" strip. */
export interface EnvironmentView {
  name: string;
  kind: 'development' | 'testing' | 'staging' | 'production';
  build: string;
  status: 'pending' | 'in_progress' | 'successful' | 'failed' | 'rolled_back' | 'cancelled' | 'unknown';
  at: string;
  /** The pipeline run, https only. */
  url?: string;
  pipeline?: string;
}

export interface IssueRow {
  id: string;
  key: string;
  summary: string;
  status: string;
  statusCategory: 'new' | 'indeterminate' | 'done';
  issueType: string;
  priority?: string;
  /**
   * In the list of issues awaiting QA: the issue's latest decision rejected the build under test.
   * It still awaits QA (of a fixed build), but it is not simply untested.
   */
  rejection?: { build: string; by: PersonRef; at: string; note: string };
}

export interface IssuePage {
  issues: IssueRow[];
  nextCursor?: string;
}

export interface AuditPage {
  events: AuditEventView[];
  nextCursor?: string;
}

/** What release/verify-evidence answers: whether anything was altered, and if so what. */
export interface EvidenceVerificationView {
  valid: boolean;
  digest?: string;
  problems: string[];
  notes: string[];
}
