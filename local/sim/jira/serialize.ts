import { LOCAL_USERS } from '../users';
import {
  ISSUE_TYPES,
  issueTypeById,
  priorityById,
  resolutionById,
  statusById,
  statusCategoryByKey,
  type IssueTypeDef,
  type PriorityDef,
  type StatusCategoryDef,
  type StatusDef,
} from './catalog';
import { countByCategory, type JiraDb } from './db';
import type { JiraChangeItem, JiraChangelogEntry, JiraComponent, JiraIssue, JiraProject, JiraRelatedWork, JiraVersion } from './types';

/**
 * REST representations, shaped after the published Jira Cloud v3 schemas (which mostly forbid
 * extra properties, so nothing is added that the schema lacks). `base` is the site URL that
 * `self` links point at.
 */

/** Jira's timestamp style: 2024-05-01T10:20:30.000+0000. */
export function jiraDateTime(iso: string): string {
  return new Date(iso).toISOString().replace('Z', '+0000');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Jira's short user-facing date: 6/Jul/10. */
function userDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `${Number(d)}/${MONTHS[Number(m) - 1]}/${y!.slice(2)}`;
}

function avatarUrls(base: string, kind: 'user' | 'project', id: string): Record<string, string> {
  const path = kind === 'user' ? `/secure/useravatar?ownerId=${encodeURIComponent(id)}` : `/secure/projectavatar?pid=${id}`;
  return { '48x48': `${base}${path}&size=large`, '24x24': `${base}${path}&size=small`, '16x16': `${base}${path}&size=xsmall`, '32x32': `${base}${path}&size=medium` };
}

/**
 * The app's own Atlassian account: what Jira records as the author of the app's `asApp()` writes
 * (e.g. the reporter of an issue the app creates). Same id as the Confluence simulator's app user,
 * as a Forge app has one account across products.
 */
export const JIRA_APP_ACCOUNT_ID = '557058:preflight-app';

/** The User schema (myself, /user, role actors' details, project lead). */
export function userJson(base: string, accountId: string): Record<string, unknown> {
  if (accountId === JIRA_APP_ACCOUNT_ID) {
    return { self: `${base}/rest/api/3/user?accountId=${encodeURIComponent(accountId)}`, accountId, accountType: 'app', avatarUrls: avatarUrls(base, 'user', accountId), displayName: 'Preflight', active: true, timeZone: 'Etc/UTC', locale: 'en_US' };
  }
  const user = LOCAL_USERS.find((u) => u.accountId === accountId);
  return {
    self: `${base}/rest/api/3/user?accountId=${encodeURIComponent(accountId)}`,
    accountId,
    accountType: 'atlassian',
    ...(user ? { emailAddress: user.emailAddress } : {}),
    avatarUrls: avatarUrls(base, 'user', accountId),
    displayName: user?.displayName ?? 'Former user',
    active: Boolean(user),
    timeZone: 'Etc/UTC',
    locale: 'en_US',
  };
}

/** The smaller UserDetails schema used inside issues and changelogs. */
export function userDetailsJson(base: string, accountId: string): Record<string, unknown> {
  const { locale: _locale, ...details } = userJson(base, accountId);
  return details;
}

export function statusCategoryJson(base: string, c: StatusCategoryDef): Record<string, unknown> {
  return { self: `${base}/rest/api/3/statuscategory/${c.id}`, id: c.id, key: c.key, colorName: c.colorName, name: c.name };
}

export function statusJson(base: string, s: StatusDef): Record<string, unknown> {
  return {
    self: `${base}/rest/api/3/status/${s.id}`,
    description: s.description,
    iconUrl: `${base}/images/icons/statuses/generic.png`,
    name: s.name,
    id: s.id,
    statusCategory: statusCategoryJson(base, statusCategoryByKey(s.category)),
  };
}

export function issueTypeJson(base: string, t: IssueTypeDef): Record<string, unknown> {
  return {
    self: `${base}/rest/api/3/issuetype/${t.id}`,
    id: t.id,
    description: t.description,
    iconUrl: `${base}/images/icons/issuetypes/${t.name.toLowerCase().replace(/[^a-z]/g, '')}.svg`,
    name: t.name,
    subtask: t.subtask,
    avatarId: 10300 + Number(t.id.slice(-1)),
    hierarchyLevel: t.hierarchyLevel,
  };
}

export function priorityJson(base: string, p: PriorityDef): Record<string, unknown> {
  return { self: `${base}/rest/api/3/priority/${p.id}`, iconUrl: `${base}/images/icons/priorities/${p.name.toLowerCase()}.svg`, name: p.name, id: p.id };
}

export function componentJson(base: string, project: JiraProject, c: JiraComponent): Record<string, unknown> {
  return {
    self: `${base}/rest/api/3/component/${c.id}`,
    id: c.id,
    name: c.name,
    description: c.description,
    assigneeType: 'PROJECT_DEFAULT',
    realAssigneeType: 'PROJECT_DEFAULT',
    isAssigneeTypeValid: false,
    project: project.key,
    projectId: Number(project.id),
  };
}

/** Today's date (YYYY-MM-DD, UTC) for the `overdue` flag. */
function dayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** The Version schema; `expand` may contain `issuesstatus`. */
export function versionJson(db: JiraDb, base: string, v: JiraVersion, now: Date, expand: ReadonlySet<string> = new Set()): Record<string, unknown> {
  const json: Record<string, unknown> = {
    self: `${base}/rest/api/3/version/${v.id}`,
    id: v.id,
    description: v.description,
    name: v.name,
    archived: v.archived,
    released: v.released,
  };
  if (v.startDate) {
    json.startDate = v.startDate;
    json.userStartDate = userDate(v.startDate);
  }
  if (v.releaseDate) {
    json.releaseDate = v.releaseDate;
    json.overdue = !v.released && v.releaseDate < dayOf(now);
    json.userReleaseDate = userDate(v.releaseDate);
  }
  json.projectId = Number(v.projectId);
  if (v.driverAccountId) json.driver = v.driverAccountId;
  if (expand.has('issuesstatus')) {
    const counts = countByCategory(db, v.id);
    json.issuesStatusForFixVersion = { unmapped: 0, toDo: counts.new, inProgress: counts.indeterminate, done: counts.done };
  }
  return json;
}

export function relatedWorkJson(w: JiraRelatedWork): Record<string, unknown> {
  return {
    relatedWorkId: w.relatedWorkId,
    category: w.category,
    ...(w.title !== undefined ? { title: w.title } : {}),
    ...(w.url !== undefined ? { url: w.url } : {}),
    ...(w.issueId !== undefined ? { issueId: w.issueId } : {}),
  };
}

export interface ProjectJsonOptions {
  /** Full detail (GET project) vs the summary that project search lists. */
  full: boolean;
  expand: ReadonlySet<string>;
}

export function projectJson(db: JiraDb, base: string, p: JiraProject, now: Date, opts: ProjectJsonOptions): Record<string, unknown> {
  const json: Record<string, unknown> = {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    self: `${base}/rest/api/3/project/${p.id}`,
    id: p.id,
    key: p.key,
    name: p.name,
    avatarUrls: avatarUrls(base, 'project', p.id),
    projectTypeKey: 'software',
    simplified: false,
    style: 'classic',
    isPrivate: false,
    properties: {},
  };
  if (opts.full || opts.expand.has('description')) json.description = p.description;
  if (opts.full || opts.expand.has('lead')) json.lead = userJson(base, p.leadAccountId);
  if (opts.full || opts.expand.has('issuetypes')) json.issueTypes = ISSUE_TYPES.map((t) => issueTypeJson(base, t));
  if (opts.full) {
    json.assigneeType = 'UNASSIGNED';
    json.components = p.components.map((c) => componentJson(base, p, c));
    json.versions = db.versionsOf(p.id).map((v) => versionJson(db, base, v, now));
    json.roles = Object.fromEntries(db.state.roles.map((r) => [r.name, `${base}/rest/api/3/project/${p.id}/role/${r.id}`]));
  }
  if (opts.expand.has('insight')) {
    const issues = [...db.issuesInProject(p.id)];
    const last = issues.reduce((m, i) => (i.updated > m ? i.updated : m), '1970-01-01T00:00:00.000Z');
    json.insight = { totalIssueCount: issues.length, lastIssueUpdateTime: jiraDateTime(last) };
  }
  return json;
}

export function changelogJson(base: string, entry: JiraChangelogEntry): Record<string, unknown> {
  return {
    id: entry.id,
    author: userDetailsJson(base, entry.authorAccountId),
    created: jiraDateTime(entry.created),
    items: entry.items.map(changeItemJson),
  };
}

/**
 * The published ChangeDetails schema types from/to as non-null strings. So an empty side's id is
 * left out rather than sent as null (real Jira sends null; read both the same), and its display
 * string is '' as in Jira's own example. `toString` must always be present: a schema validator
 * would otherwise see Object.prototype.toString, a function, where a string belongs.
 */
function changeItemJson(item: JiraChangeItem): Record<string, unknown> {
  return {
    field: item.field,
    fieldtype: item.fieldtype,
    fieldId: item.fieldId,
    ...(item.from !== null ? { from: item.from } : {}),
    fromString: item.fromString ?? '',
    ...(item.to !== null ? { to: item.to } : {}),
    toString: item.toString ?? '',
  };
}

/** Every field the simulator knows for an issue; `*all` and `*navigable` both mean all of these. */
export const ISSUE_FIELDS = [
  'summary', 'issuetype', 'status', 'priority', 'labels', 'components', 'fixVersions', 'versions', 'project',
  'created', 'updated', 'resolution', 'resolutiondate', 'assignee', 'reporter', 'parent', 'description', 'statuscategorychangedate',
] as const;

function adf(text: string): Record<string, unknown> {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

function fieldValue(db: JiraDb, base: string, issue: JiraIssue, field: string, now: Date): unknown {
  switch (field) {
    case 'summary':
      return issue.summary;
    case 'issuetype':
      return issueTypeJson(base, issueTypeById(issue.issueTypeId) ?? ISSUE_TYPES[1]!);
    case 'status':
      return statusJson(base, statusById(issue.statusId)!);
    case 'priority':
      return priorityJson(base, priorityById(issue.priorityId)!);
    case 'labels':
      return [...issue.labels];
    case 'components': {
      const project = db.projectById(issue.projectId)!;
      return issue.componentIds.flatMap((id) => {
        const c = project.components.find((x) => x.id === id);
        return c ? [{ self: `${base}/rest/api/3/component/${c.id}`, id: c.id, name: c.name, description: c.description }] : [];
      });
    }
    case 'fixVersions':
      return issue.fixVersionIds.flatMap((id) => {
        const v = db.version(id);
        return v ? [versionJson(db, base, v, now)] : [];
      });
    case 'versions':
      return [];
    case 'project': {
      const p = db.projectById(issue.projectId)!;
      return { self: `${base}/rest/api/3/project/${p.id}`, id: p.id, key: p.key, name: p.name, projectTypeKey: 'software', simplified: false, avatarUrls: avatarUrls(base, 'project', p.id) };
    }
    case 'created':
      return jiraDateTime(issue.created);
    case 'updated':
      return jiraDateTime(issue.updated);
    case 'statuscategorychangedate':
      return jiraDateTime(issue.resolutionDate ?? issue.updated);
    case 'resolution': {
      const r = issue.resolutionId ? resolutionById(issue.resolutionId) : undefined;
      return r ? { self: `${base}/rest/api/3/resolution/${r.id}`, id: r.id, description: r.description, name: r.name } : null;
    }
    case 'resolutiondate':
      return issue.resolutionDate ? jiraDateTime(issue.resolutionDate) : null;
    case 'assignee':
      return issue.assigneeAccountId ? userDetailsJson(base, issue.assigneeAccountId) : null;
    case 'reporter':
      return userDetailsJson(base, issue.reporterAccountId);
    case 'parent': {
      const parent = issue.parentId ? db.issueById(issue.parentId) : undefined;
      if (!parent) return undefined;
      return {
        id: parent.id,
        key: parent.key,
        self: `${base}/rest/api/3/issue/${parent.id}`,
        fields: {
          summary: parent.summary,
          status: statusJson(base, statusById(parent.statusId)!),
          priority: priorityJson(base, priorityById(parent.priorityId)!),
          issuetype: issueTypeJson(base, issueTypeById(parent.issueTypeId)!),
        },
      };
    }
    case 'description':
      return issue.description ? adf(issue.description) : null;
    default:
      return undefined;
  }
}

/**
 * Resolves a `fields` request (`*all`, `*navigable`, names, `-name` exclusions, comma lists,
 * repeated params) to the field names to render. `fallback` applies when nothing is asked.
 */
export function selectFields(requested: readonly string[], fallback: readonly string[]): Set<string> {
  const parts = requested.flatMap((r) => r.split(',')).map((s) => s.trim()).filter(Boolean);
  const list = parts.length ? parts : [...fallback];
  const out = new Set<string>();
  const known = new Set<string>(ISSUE_FIELDS);
  for (const p of list) {
    if (p === '*all' || p === '*navigable') ISSUE_FIELDS.forEach((f) => out.add(f));
    else if (p.startsWith('-')) continue;
    else out.add(p);
  }
  // Exclusions apply after everything was added; `-description` alone means "navigable minus".
  const exclusions = list.filter((p) => p.startsWith('-')).map((p) => p.slice(1));
  if (exclusions.length && [...out].every((f) => !known.has(f))) ISSUE_FIELDS.forEach((f) => out.add(f));
  for (const e of exclusions) out.delete(e);
  return out;
}

export interface IssueJsonOptions {
  fields: ReadonlySet<string>;
  expand: ReadonlySet<string>;
  /** Issue property keys to include. */
  properties: readonly string[];
  /** Search results with `fields=id` carry only the id (and the key when asked). */
  idOnly?: boolean;
}

/** The IssueBean schema. */
export function issueJson(db: JiraDb, base: string, issue: JiraIssue, now: Date, opts: IssueJsonOptions): Record<string, unknown> {
  const renderable = [...opts.fields].filter((f) => (ISSUE_FIELDS as readonly string[]).includes(f));
  const wantsProps = opts.properties.length > 0;
  if (opts.idOnly && renderable.length === 0 && !wantsProps && opts.expand.size === 0) {
    return opts.fields.has('key') ? { id: issue.id, key: issue.key } : { id: issue.id };
  }
  const fields: Record<string, unknown> = {};
  for (const f of renderable) {
    const value = fieldValue(db, base, issue, f, now);
    if (value !== undefined) fields[f] = value;
  }
  const json: Record<string, unknown> = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${base}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
    fields,
  };
  if (wantsProps) {
    const stored = db.state.properties[issue.id] ?? {};
    json.properties = Object.fromEntries(opts.properties.filter((k) => k in stored).map((k) => [k, stored[k]]));
  }
  if (opts.expand.has('changelog')) {
    // Jira lists the most recent changes first and caps the embedded page at 100.
    const histories = [...issue.changelog].reverse().slice(0, 100).map((c) => changelogJson(base, c));
    json.changelog = { startAt: 0, maxResults: histories.length, total: issue.changelog.length, histories };
  }
  if (opts.expand.has('names')) {
    json.names = Object.fromEntries(Object.keys(fields).map((f) => [f, FIELD_NAMES[f] ?? f]));
  }
  return json;
}

const FIELD_NAMES: Record<string, string> = {
  summary: 'Summary', issuetype: 'Issue Type', status: 'Status', priority: 'Priority', labels: 'Labels',
  components: 'Components', fixVersions: 'Fix versions', versions: 'Affects versions', project: 'Project',
  created: 'Created', updated: 'Updated', resolution: 'Resolution', resolutiondate: 'Resolved',
  assignee: 'Assignee', reporter: 'Reporter', parent: 'Parent', description: 'Description',
  statuscategorychangedate: 'Status Category Changed',
};
