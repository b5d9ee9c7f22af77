import type { AuditEventDraft, ReleaseRecord } from './domain/release';
import type { PreflightRole } from './domain/template';
import type { ProjectSettings } from './shared/settings';
import type { IssueList, IssueRow } from './shared/release-panel';

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
  /** A page of a project's versions, newest first. @throws ProductError */
  listVersions(projectKey: string, page: { startAt: number; maxResults: number }): Promise<Page<JiraVersion>>;
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
  /** Phase and gate summary per version for the releases list, one query per project. */
  summaries(projectKey: string): Promise<Map<string, ReleaseListEntry>>;
  saveSummary(projectKey: string, versionId: string, entry: ReleaseListEntry): Promise<void>;
}

export interface ReleaseListEntry {
  phase: { id: string; name: string };
  gateSummary: { pass: number; warning: number; fail: number; evaluatedAt: string };
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
  blockerPriorities: string[];
  qaIssueTypes: string[];
  buildUnderTest?: string;
  frozenAt?: string;
}

export interface ReleaseCounts {
  openBlockers: number;
  /** Undefined when no build is set. */
  qaPending: number | undefined;
  /** Issues that joined the version after the freeze (ids and keys), newest first, at most 5,000. */
  addedAfterFreeze: Array<{ id: string; key: string }>;
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
