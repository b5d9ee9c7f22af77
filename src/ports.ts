import type { AuditEventDraft, ReleaseRecord } from './domain/release';
import type { Deployment } from './domain/deployments';
import type { QaEntry, QaPropertyValue, QaRecord } from './domain/qa';
import type { PreflightRole } from './domain/template';
import type { ProjectSettings } from './shared/settings';
import type { IssueList, IssueRow } from './shared/release-panel';
import type { NoteIssue } from './domain/release-notes';
import type { ScopeFacts } from './domain/retrospective';
import type { Incident } from './domain/incidents';

/**
 * The small interfaces use cases need. Adapters implement them over Forge APIs; tests pass plain
 * fakes. Nothing here imports @forge/*.
 */

/** One Jira version as the domain sees it (dates are ISO yyyy-mm-dd strings, as Jira gives them). */
export interface JiraVersion {
  id: string;
  name: string;
  description?: string;
  released: boolean;
  archived: boolean;
  releaseDate?: string;
  startDate?: string;
  /** Counts by status category, from `expand=issuesstatus` (one call, whatever the size). */
  issuesStatus: { toDo: number; inProgress: number; done: number; unmapped: number };
}

export interface Page<T> {
  values: T[];
  /** Where the next page starts, or undefined on the last page. */
  nextStartAt?: number;
}

export interface VersionApi {
  /**
   * A page of a project's versions, newest first unless `orderBy` says otherwise; `query` (name
   * contains) and `status` narrow them in Jira, so a page is always a full page of matches.
   * @throws ProductError
   */
  listVersions(projectKey: string, page: VersionListQuery): Promise<Page<JiraVersion>>;
}

export interface VersionListQuery {
  startAt: number;
  maxResults: number;
  query?: string;
  status?: Array<'released' | 'unreleased' | 'archived'>;
  orderBy?: 'releaseDate' | '-releaseDate' | 'name' | '-name' | 'sequence' | '-sequence';
}

export interface Clock {
  now(): Date;
}

// ---- Release panel ----------------------------------------------------------------------------


/** A stored audit event: the draft plus where it sits in the trail. */
export interface AuditEvent extends AuditEventDraft {
  id: string;
  versionId: string;
}

export interface ReleaseStore {
  /** @throws StoredDocumentError when the stored record does not parse. */
  get(versionId: string): Promise<ReleaseRecord | undefined>;
  /**
   * Saves `record` if the stored revision is still `expectedRevision` (undefined: nothing stored
   * yet), appending `events` to the audit trail in the same transaction.
   * @throws ConflictError when someone else changed the release first.
   */
  save(record: ReleaseRecord, expectedRevision: number | undefined, events: AuditEventDraft[]): Promise<ReleaseRecord>;
  /** Newest first. */
  audit(versionId: string, page: { cursor?: string; limit: number }): Promise<{ events: AuditEvent[]; nextCursor?: string }>;
  /**
   * The record and every audit event exactly as stored (unparsed; events oldest first), for the
   * evidence pack: what is digested must be what is stored, not what a schema kept of it.
   */
  stored(versionId: string): Promise<{ record: unknown; events: Array<{ id: string; event: unknown }> }>;
  /**
   * The audit events saved after `revision`, oldest first, at most `limit` (what changed since a
   * person loaded the release); `more` says whether there were more than that.
   */
  eventsSince(versionId: string, revision: number, limit: number): Promise<{ events: AuditEvent[]; more: boolean }>;
  /** Phase and gate summary per version for the releases list, one query per project. */
  summaries(projectKey: string): Promise<Map<string, ReleaseListEntry>>;
  saveSummary(projectKey: string, versionId: string, entry: ReleaseListEntry): Promise<void>;
  /** The project of a version that has a list summary (one KVS get), for Jira events that name only the version. */
  summaryProject(versionId: string): Promise<string | undefined>;
}

export interface ReleaseListEntry {
  phase: { id: string; name: string };
  gateSummary: { pass: number; warning: number; fail: number; evaluatedAt: string };
  /** Who evaluated: the panel and the writes ('panel', also when absent: entries stored before) or the background job. */
  source?: 'panel' | 'background';
  /** False when written by the background job for a version nobody started; absent (older entries) means tracked. */
  tracked?: boolean;
  releaseType?: 'major' | 'minor' | 'hotfix';
  /** Scope changes after the freeze still waiting for a decision, when the evaluation knew. */
  scopePending?: number;
}

export interface SettingsStore {
  /** The project's settings and their revision; undefined when never saved (defaults apply). */
  get(projectKey: string): Promise<{ settings: ProjectSettings; revision: number } | undefined>;
  /** @throws ConflictError when someone else saved first. */
  save(projectKey: string, settings: ProjectSettings, expectedRevision: number): Promise<number>;
}

/** A Jira version with what the panel needs beyond the list's fields. */
export interface VersionDetails extends JiraVersion {
  projectId: string;
}

/** The counts behind the auto gates, each one JQL count, whatever the release's size. */
export interface ReleaseCountsQuery {
  versionId: string;
  versionName: string;
  /** When the question is asked (ISO): "added after the freeze" is counted back from here. */
  asOf: string;
  blockerPriorities: string[];
  qaIssueTypes: string[];
  buildUnderTest?: string;
  frozenAt?: string;
}

export interface ReleaseCounts {
  openBlockers: number;
  /** Undefined when no build is set. */
  qaPending: number | undefined;
  /**
   * Issues that joined the version after the freeze, newest first, at most 5,000; the first 100
   * with their summaries (so the panel can list them without another round of calls).
   */
  addedAfterFreeze: Array<{ id: string; key: string; summary?: string }>;
}

export interface ReleaseReads {
  /** @throws ProductError (404 when the version does not exist or the user cannot see it). */
  version(versionId: string): Promise<VersionDetails>;
  counts(query: ReleaseCountsQuery): Promise<ReleaseCounts>;
  /** A page of the issues behind an auto gate. */
  issues(query: ReleaseCountsQuery & { list: IssueList; cursor?: string; limit: number }): Promise<{ issues: IssueRow[]; nextCursor?: string }>;
  /** Summaries of a few issues by id (for scope changes). */
  issuesById(ids: string[]): Promise<IssueRow[]>;
  unreleasedVersions(projectKey: string): Promise<Array<{ id: string; name: string }>>;
  /** The id of the project with this key, or undefined when there is none the caller can see. */
  projectId(projectKey: string): Promise<string | undefined>;
}

export interface VersionWrites {
  /** Marks the version released in Jira, as the acting user (Jira's own permission check applies). */
  release(versionId: string, releaseDate: string, moveUnfixedIssuesTo?: string): Promise<void>;
  /** Adds a link to the version's related work unless one with that URL is there already. */
  ensureRelatedWork(versionId: string, link: { title: string; url: string; category: string }): Promise<'added' | 'present'>;
  /** Takes the version off an issue's fix versions (a scope change that was removed). */
  removeFromIssue(issueId: string, versionId: string): Promise<void>;
}

export interface ProjectAccess {
  /** The Preflight roles a person holds in a project, from its Jira project roles and settings. */
  rolesOf(accountId: string, projectKey: string, settings: ProjectSettings): Promise<PreflightRole[]>;
  projectRoles(projectKey: string): Promise<Array<{ id: string; name: string }>>;
  /** Project admins edit Preflight's settings: they decide who holds which role. */
  isProjectAdmin(projectKey: string): Promise<boolean>;
}

/** Issue types and priorities a project offers, for the settings page's choices. */
export interface ProjectCatalog {
  issueTypes(projectKey: string): Promise<string[]>;
  priorities(): Promise<string[]>;
}

export interface People {
  /** Display names by account id; unknown ids map to themselves. */
  names(accountIds: string[]): Promise<Map<string, string>>;
}

// ---- CI gate and notifications (issue 6) -------------------------------------------------------

/** Finds a project's versions by name for callers that have no project page (the CI gate). */
export interface VersionLookup {
  /** The project's id, or undefined when there is no such project (or the app cannot see it). */
  projectId(projectKey: string): Promise<string | undefined>;
  /** The project's version with this name (exact, else case-insensitive), or undefined. */
  versionByName(projectKey: string, name: string): Promise<{ id: string } | undefined>;
}

export type NotificationChannel = 'slack' | 'teams';

/** A project's integrations that are not secret: safe to list and to show. */
export interface IntegrationSettings {
  reminderDays: number;
  /** Channels with a webhook URL in the secret store. */
  channels: NotificationChannel[];
  gateSecretCreatedAt?: string;
  /** The site the project lives on, remembered from the settings page so the daily job can link panels. */
  siteUrl?: string;
  /** Masked hints of the webhook URLs (host and last characters), for the settings page. */
  hints: Partial<Record<NotificationChannel, string>>;
}

/** Integration settings, with the gate secret's digest and the webhook URLs in the KVS secret store. */
export interface IntegrationStore {
  settings(projectKey: string): Promise<IntegrationSettings | undefined>;
  saveSettings(projectKey: string, settings: IntegrationSettings): Promise<void>;
  /** Every project with at least one notification channel (for the daily reminders). */
  projectsWithChannels(): Promise<Array<{ projectKey: string; settings: IntegrationSettings }>>;
  /** The SHA-256 digest (hex) of the project's gate secret; the secret itself is never stored. */
  gateSecretDigest(projectKey: string): Promise<string | undefined>;
  saveGateSecretDigest(projectKey: string, digest: string): Promise<void>;
  webhooks(projectKey: string): Promise<Partial<Record<NotificationChannel, string>>>;
  saveWebhooks(projectKey: string, urls: Partial<Record<NotificationChannel, string>>): Promise<void>;
}

/** Something stakeholders hear about; rendered per channel (Slack Block Kit, Teams Adaptive Card). */
export type ReleaseNotificationEvent =
  | DeploymentFailedEvent
  | { kind: 'phase-changed'; from: string; to: string; toPhaseId: string; override?: { reason: string; gates: string[]; /** Who overrode (display name), when known. */ by?: string } }
  | { kind: 'gate-failing'; daysLeft: number; phase: string; failingGates: string[] }
  | { kind: 'overdue'; daysLate: number; phase: string }
  | { kind: 'released'; releaseDate: string }
  /** The version was released in Jira while gates blocked (issue 13). `by`: display name, when known. */
  | { kind: 'released-outside'; releaseDate: string; failingGates: string[]; to: string; by?: string }
  /** An issue joined the frozen scope within the reminder window; `pending`: scope changes awaiting a decision. */
  | { kind: 'scope-added'; additionId: string; daysLeft: number; pending: number }
  | { kind: 'incident-opened'; incidentId: string; tool: string; severity: number; title: string; startedAt: string };

/** A production deployment failed or was rolled back (issue 13): the Deployment gate turned red. */
export type DeploymentFailedEvent = { kind: 'deployment-failed'; environment: string; build: string; status: 'failed' | 'rolled_back'; pipeline?: string; url?: string };

export interface ReleaseNotification {
  projectKey: string;
  versionId: string;
  versionName: string;
  releaseDate?: string;
  /** The release panel, for the message's button. */
  panelUrl?: string;
  /** The day (yyyy-mm-dd) the notification is for: part of its dedupe key. */
  day: string;
  at: string;
  event: ReleaseNotificationEvent;
}

/** A delivery that failed and waits for the daily job to try again. */
export interface PendingDelivery {
  id: string;
  channel: NotificationChannel;
  notification: ReleaseNotification;
  attempts: number;
  lastError: string;
  lastAttemptAt: string;
  /** Undefined once Preflight has given up (it stays listed on the panel). */
  nextAttemptAt?: string;
}

export interface NotificationLog {
  /** Claims a dedupe key; false when it was claimed before (the notification went out already). */
  claim(key: string, at: string): Promise<boolean>;
  saveFailure(delivery: PendingDelivery): Promise<void>;
  /** Deliveries that failed and are still retried, across projects. */
  pending(): Promise<PendingDelivery[]>;
  /** Failed deliveries of one release (retried or given up), for its panel. */
  failuresOf(versionId: string): Promise<PendingDelivery[]>;
  delivered(id: string): Promise<void>;
}

/** One event of the daily reminders' fan-out: which projects to remind, for which day. */
export interface ReminderBatch {
  /** The day (yyyy-mm-dd) the daily job ran for: the reminders' dedupe keys carry it. */
  day: string;
  projectKeys: string[];
}

/** Why the queue refused a push: too many events this minute, or a push too big or too deep. */
export type QueueRefusal = 'rate-limited' | 'too-large' | 'cyclic-limit' | 'other';

/** Versions of one project whose list state (phase, gate counts) the background job evaluates. */
export interface EvaluationBatch {
  projectKey: string;
  versionIds: string[];
  /** Evaluate even when the stored counts are fresh: something changed in Jira (an event). */
  force?: boolean;
}

/** The background evaluations' queue: one event per batch; the consumer evaluates each batch. */
export interface EvaluationQueue {
  /** Most versions one event carries (the consumer's time budget), and most events one push carries. */
  readonly maxVersionsPerEvent: number;
  readonly maxPerPush: number;
  /** Queues one event per batch, in one push. Never throws. */
  push(batches: EvaluationBatch[]): Promise<{ ok: true } | { ok: false; reason: QueueRefusal; error: string }>;
}

/** Forge's async events queue, as the daily job uses it: work that does not fit one invocation. */
export interface ReminderQueue {
  /** Most events one push may carry (Forge: 50). */
  readonly maxPerPush: number;
  /** Queues one event per batch, in one push; a refused push queues none of them. Never throws. */
  push(batches: ReminderBatch[]): Promise<{ ok: true } | { ok: false; reason: QueueRefusal; error: string }>;
}

/**
 * What a notification says, independent of the channel (src/usecases/notification-content.ts
 * writes it). Every string in it may carry text people typed (version names, override reasons):
 * the channel's renderer makes each one safe for its format.
 */
export interface MessageContent {
  /** One line; also the notification text phones show. */
  title: string;
  /** A sentence or two of plain text. */
  text: string;
  facts: Array<{ label: string; value: string }>;
  /** Whether this is bad news (a channel may colour it). */
  tone: 'good' | 'attention' | 'neutral';
  link?: { label: string; url: string };
  /** The message's sign-off ("Sent by Preflight"), in the project's language; absent: English. */
  footer?: string;
}

/** Delivers a notification to a channel's webhook; the adapter renders it (Slack Block Kit, Teams Adaptive Card). */
export interface WebhookPoster {
  /**
   * Renders and POSTs; never throws: a failure comes back with a reason fit for the panel, and
   * `final` when trying again cannot help (the destination refused it, e.g. egress not allowed).
   */
  post(channel: NotificationChannel, url: string, content: MessageContent): Promise<{ ok: true } | { ok: false; error: string; final?: boolean }>;
}

/** What changeRelease tells the notifier after a save (the extension point for notifications). */
export interface ReleaseChangeNotice {
  projectKey: string;
  version: { id: string; name: string; releaseDate?: string };
  record: ReleaseRecord;
  events: AuditEventDraft[];
  panelUrl?: string;
}

export interface ReleaseNotifier {
  /** Called after a release change is saved. Must not throw; failures are queued and reported. */
  afterChange(notice: ReleaseChangeNotice): Promise<void>;
}

// ---- QA build approvals (issue 4) ----------------------------------------------------------------

/** A release write that rides along in a QA decision's transaction (its audit event). */
export interface ReleaseAppend {
  record: ReleaseRecord;
  expectedRevision: number;
  events: AuditEventDraft[];
}

export interface QaStore {
  /** @throws StoredDocumentError when the stored record does not parse. */
  get(issueId: string): Promise<QaRecord | undefined>;
  /** Newest first. */
  history(issueId: string, limit: number): Promise<QaEntry[]>;
  /** Issues Preflight recorded as approved for `build` in the project (their latest decision). */
  approvedFor(projectKey: string, build: string): Promise<Array<{ id: string; key: string }>>;
  /** Issues whose latest decision rejected `build` in the project, with that decision (the bulk QA list marks them). */
  rejectedFor(projectKey: string, build: string): Promise<QaRecord[]>;
  /**
   * Saves the issue's new record (if its stored seq is still `record.seq - 1`), its history entry
   * and the releases' audit events (each release on its revision) in ONE transaction.
   * @throws ConflictError when the issue or one of the releases changed meanwhile.
   */
  saveDecision(record: QaRecord, entry: QaEntry, releases: ReleaseAppend[]): Promise<void>;
}

/** An issue as the QA module needs it. */
export interface QaIssue {
  id: string;
  key: string;
  projectKey: string;
  issueType: string;
  fixVersions: Array<{ id: string; name: string; released: boolean }>;
}

/**
 * An issue's release-note property (text and internal flag), read and written as the person:
 * Jira checks they may see the issue, and may edit it to write.
 */
export interface IssueNotesProperty {
  /** The property's value; undefined when the issue has none. */
  read(issueId: string): Promise<unknown>;
  write(issueId: string, value: unknown): Promise<void>;
}

export interface QaJira {
  /** Issues by id, read as the person (Jira hides what they cannot see). At most 100. */
  issues(ids: string[]): Promise<QaIssue[]>;
  /** The mirrored issue property, read as the person; undefined when absent. */
  readProperty(issueId: string): Promise<unknown>;
  /** Writes the mirror as the app: only after Preflight checked the person's QA role. */
  writeProperty(issueId: string, value: QaPropertyValue): Promise<void>;
  /** Issues of the version's QA scope whose property approves the build (ids and keys, all pages). */
  propertyApproved(q: ReleaseCountsQuery): Promise<Array<{ id: string; key: string }>>;
  /** Which of `ids` are in the version's QA scope. */
  inScope(q: ReleaseCountsQuery, ids: string[]): Promise<Array<{ id: string; key: string }>>;
}

// ---- Confluence macros and published pages ---------------------------------------------------
/**
 * Ports of the Confluence macros and publishing (issue 5). Kept beside ports.ts rather than in it
 * while other helpers edit that file; same rules: no @forge/*, adapters implement, tests fake.
 */

/** Jira reads the macros need beyond the release panel's, as the person viewing the macro. */
export interface MacroReads {
  /** @throws ProductError 404 when there is no such project or the person cannot see it. */
  project(projectKey: string): Promise<{ id: string; key: string }>;
  projects(): Promise<Array<{ id: string; key: string; name: string }>>;
  versions(projectKey: string): Promise<Array<{ id: string; name: string; released: boolean; releaseDate?: string }>>;
  /**
   * Every issue of the version, with what release notes need: id pages of up to 5,000 from JQL,
   * then bulk fetches of 100 under a concurrency limit.
   */
  notesIssues(versionId: string): Promise<NoteIssue[]>;
  /** Scope facts for the retrospective, from JQL counts and the fix-version history. */
  scopeFacts(q: { projectKey: string; versionId: string; versionName: string; frozenAt?: string; asOf: string }): Promise<ScopeFacts>;
}

/** A Confluence page as publishing sees it. */
export interface PageRef {
  id: string;
  title: string;
  spaceId: string;
  version: number;
  url: string;
  /** The page's current body as ADF, when it was read (get and findByTitle read it; writes do not). */
  adf?: unknown;
}

/** Confluence pages (REST v2), as the acting person: Confluence's own space permissions apply. */
export interface PagePublisher {
  spaces(): Promise<Array<{ id: string; key: string; name: string }>>;
  /** The current page, or undefined when it is gone (deleted, trashed or never existed). */
  get(pageId: string): Promise<PageRef | undefined>;
  findByTitle(spaceId: string, title: string): Promise<PageRef | undefined>;
  /** @throws ProductError; 400 when a page with the title exists in the space. */
  create(page: { spaceId: string; title: string; adf: unknown }): Promise<PageRef>;
  /** @throws ProductError 409 when `version` is not the page's current version + 1. */
  update(page: { id: string; spaceId: string; title: string; adf: unknown; version: number }): Promise<PageRef>;
}

/**
 * Which products of the site this installation reaches. Preflight declares Jira required and
 * Confluence optional (manifest `app.compatibility`), so a site may have no Confluence at all.
 */
export interface SiteProducts {
  /** Whether Confluence is connected to this installation (pages, spaces, macros). */
  confluenceConnected(): boolean;
}

// ---- Workflow rule: no Done without QA approval (issue 13) ----------------------------------

/** A Jira status as a workflow validator needs it: it is told only the target status's id. */
export interface StatusInfo {
  id: string;
  name: string;
  /** Jira's status category key: `new`, `indeterminate` or `done`. */
  category: string;
}

/** Jira's statuses, read as the app (a validator runs with no user). */
export interface StatusCatalog {
  /** The status with that id, or undefined when Jira has none. */
  status(id: string): Promise<StatusInfo | undefined>;
}

// ---- Bedding-in health from monitoring (issue 13) -------------------------------------------

/** Incidents opened from monitoring alerts, one item each, queried per release and per project. */
export interface IncidentStore {
  /** @throws StoredDocumentError when the stored incident does not parse. */
  get(key: string): Promise<Incident | undefined>;
  save(incident: Incident): Promise<void>;
  /** A release's incidents, oldest first: one query, whatever the release. */
  ofVersion(versionId: string): Promise<Incident[]>;
  /** The project's incidents started since `since` (ISO), oldest first, at most `limit`. */
  ofProject(projectKey: string, since: string, limit: number): Promise<Incident[]>;
}

/**
 * The monitoring web trigger's credentials, in the KVS secret store: the digest of the project's
 * monitoring secret (Datadog, New Relic) and Sentry's client secret (kept whole: Sentry signs each
 * body with it, so the signature can only be checked with the secret itself).
 */
export interface MonitoringSecrets {
  secretDigest(projectKey: string): Promise<string | undefined>;
  saveSecretDigest(projectKey: string, digest: string, createdAt: string): Promise<void>;
  sentryClientSecret(projectKey: string): Promise<string | undefined>;
  saveSentryClientSecret(projectKey: string, secret: string | null, at: string): Promise<void>;
  /** When each was set, for the settings page (nothing secret). */
  status(projectKey: string): Promise<{ secretCreatedAt?: string; sentrySetAt?: string }>;
}

// ---- Deployments per environment (issue 13) -------------------------------------------------

/** One environment's latest deployment in a project: the panel's "what runs where" strip. */
export interface EnvironmentDeployment {
  environment: string;
  deployment: Deployment;
}

/** What CI reported per environment, and the project's tracked releases a report may belong to. */
export interface DeploymentStore {
  /** The project's environments with their latest deployment, by name: one query. */
  environments(projectKey: string): Promise<EnvironmentDeployment[]>;
  saveEnvironment(projectKey: string, entry: EnvironmentDeployment): Promise<void>;
  /** The releases Preflight tracks in the project (stored records), one query through the by-project index. */
  trackedReleases(projectKey: string): Promise<ReleaseRecord[]>;
}
