import { LOCAL_USERS, type LocalUser } from '../users';
import { ROLE_PERMISSIONS, statusById, type StatusCategoryKey } from './catalog';
import type { JiraChangeItem, JiraIssue, JiraProject, JiraState, JiraVersion } from './types';

/** Who is asking: a local user, or the app itself (which may do whatever its scopes allow). */
export interface Caller {
  accountId: string | null;
  asApp: boolean;
}

/**
 * The state plus the lookups that make searches over thousands of issues cheap. The state is
 * mutated in place (the composer persists the same object); every mutation goes through this class
 * so the indexes never drift from the data.
 */
export class JiraDb {
  private readonly issuesById = new Map<string, JiraIssue>();
  private readonly issuesByKey = new Map<string, JiraIssue>();
  private readonly issuesByProject = new Map<string, Set<JiraIssue>>();
  private readonly issuesByVersion = new Map<string, Set<JiraIssue>>();
  private readonly versionsById = new Map<string, JiraVersion>();

  constructor(readonly state: JiraState) {
    for (const v of state.versions) this.versionsById.set(v.id, v);
    for (const issue of state.issues) this.indexIssue(issue);
  }

  // ---- lookups -------------------------------------------------------------------------------

  /** Project by key (case-insensitive, as Jira) or numeric id. */
  project(idOrKey: string): JiraProject | undefined {
    const upper = idOrKey.toUpperCase();
    return this.state.projects.find((p) => p.id === idOrKey || p.key === upper);
  }

  projectById(id: string): JiraProject | undefined {
    return this.state.projects.find((p) => p.id === id);
  }

  version(id: string): JiraVersion | undefined {
    return this.versionsById.get(id);
  }

  versionsOf(projectId: string): JiraVersion[] {
    return this.state.versions.filter((v) => v.projectId === projectId).sort((a, b) => a.sequence - b.sequence);
  }

  /** Issue by key (case-insensitive) or numeric id. */
  issue(idOrKey: string): JiraIssue | undefined {
    return this.issuesById.get(idOrKey) ?? this.issuesByKey.get(idOrKey.toUpperCase());
  }

  issueById(id: string): JiraIssue | undefined {
    return this.issuesById.get(id);
  }

  issuesInProject(projectId: string): ReadonlySet<JiraIssue> {
    return this.issuesByProject.get(projectId) ?? new Set();
  }

  issuesInVersion(versionId: string): ReadonlySet<JiraIssue> {
    return this.issuesByVersion.get(versionId) ?? new Set();
  }

  statusCategoryOf(issue: JiraIssue): StatusCategoryKey {
    return statusById(issue.statusId)?.category ?? 'new';
  }

  // ---- permissions ---------------------------------------------------------------------------

  /** Project permission keys the caller holds in a project (the app holds all of them). */
  permissionsIn(caller: Caller, projectId: string): Set<string> {
    if (caller.asApp) return new Set(Object.values(ROLE_PERMISSIONS).flat());
    const granted = new Set<string>();
    if (!caller.accountId) return granted;
    for (const role of this.state.roles) {
      if (!(role.actors[projectId] ?? []).includes(caller.accountId)) continue;
      for (const p of ROLE_PERMISSIONS[role.name] ?? []) granted.add(p);
    }
    return granted;
  }

  can(caller: Caller, projectId: string, permission: string): boolean {
    return this.permissionsIn(caller, projectId).has(permission);
  }

  /** Projects the caller may browse, in key order. */
  visibleProjects(caller: Caller): JiraProject[] {
    return this.state.projects
      .filter((p) => this.can(caller, p.id, 'BROWSE_PROJECTS'))
      .sort((a, b) => a.key.localeCompare(b.key));
  }

  // ---- mutations -----------------------------------------------------------------------------

  addVersion(version: JiraVersion): void {
    this.state.versions.push(version);
    this.versionsById.set(version.id, version);
  }

  /** A new issue (POST /issue), indexed at once so JQL and version counts see it. */
  addIssue(issue: JiraIssue): void {
    this.state.issues.push(issue);
    this.indexIssue(issue);
  }

  /** Removes a version (its issues must have left it first: see setFixVersions). */
  removeVersion(id: string): void {
    const index = this.state.versions.findIndex((v) => v.id === id);
    if (index >= 0) this.state.versions.splice(index, 1);
    this.versionsById.delete(id);
    this.issuesByVersion.delete(id);
  }

  nextId(counter: keyof JiraState['counters']): string {
    const id = this.state.counters[counter];
    this.state.counters[counter] = id + 1;
    return String(id);
  }

  /**
   * Replaces an issue's fix versions and records the change in its changelog the way Jira does:
   * one item per version removed or added, ids in from/to and names in fromString/toString.
   */
  setFixVersions(issue: JiraIssue, versionIds: string[], authorAccountId: string, at: Date): void {
    const before = new Set(issue.fixVersionIds);
    const after = new Set(versionIds);
    const items: JiraChangeItem[] = [];
    for (const id of before) {
      if (!after.has(id)) items.push(fixVersionItem(id, this.version(id)?.name ?? id, null));
    }
    for (const id of after) {
      if (!before.has(id)) items.push(fixVersionItem(null, null, { id, name: this.version(id)?.name ?? id }));
    }
    if (items.length === 0) return;
    for (const id of before) this.issuesByVersion.get(id)?.delete(issue);
    issue.fixVersionIds = [...after];
    for (const id of after) this.bucket(this.issuesByVersion, id).add(issue);
    const created = at.toISOString();
    issue.changelog.push({ id: this.nextId('changelogId'), authorAccountId, created, items });
    issue.updated = created;
  }

  private indexIssue(issue: JiraIssue): void {
    this.issuesById.set(issue.id, issue);
    this.issuesByKey.set(issue.key.toUpperCase(), issue);
    this.bucket(this.issuesByProject, issue.projectId).add(issue);
    for (const v of issue.fixVersionIds) this.bucket(this.issuesByVersion, v).add(issue);
  }

  private bucket(map: Map<string, Set<JiraIssue>>, key: string): Set<JiraIssue> {
    let set = map.get(key);
    if (!set) {
      set = new Set();
      map.set(key, set);
    }
    return set;
  }
}

function fixVersionItem(fromId: string | null, fromName: string | null, to: { id: string; name: string } | null): JiraChangeItem {
  return {
    field: 'Fix Version',
    fieldId: 'fixVersions',
    fieldtype: 'jira',
    from: fromId,
    fromString: fromName,
    to: to?.id ?? null,
    toString: to?.name ?? null,
  };
}

/** Counts a version's issues by status category, as `expand=issuesstatus` reports them. */
export function countByCategory(db: JiraDb, versionId: string): Record<StatusCategoryKey, number> {
  const counts: Record<StatusCategoryKey, number> = { new: 0, indeterminate: 0, done: 0 };
  for (const issue of db.issuesInVersion(versionId)) counts[db.statusCategoryOf(issue)] += 1;
  return counts;
}

export function localUser(accountId: string): LocalUser | undefined {
  return LOCAL_USERS.find((u) => u.accountId === accountId);
}
