/**
 * Jira's fixed vocabularies as a company-managed (classic) software project sees them. Ids follow
 * Jira Cloud's defaults where they are well known (status categories 2/4/3, priorities 1..5) so that
 * code written against the simulator keeps working against a real site.
 */

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export interface StatusCategoryDef {
  id: number;
  key: StatusCategoryKey;
  name: string;
  colorName: string;
}

export const STATUS_CATEGORIES: readonly StatusCategoryDef[] = [
  { id: 2, key: 'new', name: 'To Do', colorName: 'blue-gray' },
  { id: 4, key: 'indeterminate', name: 'In Progress', colorName: 'yellow' },
  { id: 3, key: 'done', name: 'Done', colorName: 'green' },
];

export interface StatusDef {
  id: string;
  name: string;
  description: string;
  category: StatusCategoryKey;
}

export const STATUSES: readonly StatusDef[] = [
  { id: '10000', name: 'To Do', description: 'Work that has not started.', category: 'new' },
  { id: '3', name: 'In Progress', description: 'Someone is working on it.', category: 'indeterminate' },
  { id: '10001', name: 'In Review', description: 'Waiting for code review or QA.', category: 'indeterminate' },
  { id: '10002', name: 'Done', description: 'Work is finished.', category: 'done' },
];

export interface IssueTypeDef {
  id: string;
  name: string;
  description: string;
  subtask: boolean;
  hierarchyLevel: number;
}

export const ISSUE_TYPES: readonly IssueTypeDef[] = [
  { id: '10000', name: 'Epic', description: 'A big user story that needs to be broken down.', subtask: false, hierarchyLevel: 1 },
  { id: '10001', name: 'Story', description: 'Functionality or a feature expressed as a user goal.', subtask: false, hierarchyLevel: 0 },
  { id: '10002', name: 'Task', description: 'A small, distinct piece of work.', subtask: false, hierarchyLevel: 0 },
  { id: '10003', name: 'Bug', description: 'A problem or error.', subtask: false, hierarchyLevel: 0 },
  { id: '10004', name: 'Sub-task', description: 'A small piece of work that is part of a larger task.', subtask: true, hierarchyLevel: -1 },
];

export interface PriorityDef {
  id: string;
  name: string;
  statusColor: string;
  /** 1 = most urgent; JQL `priority > Medium` means "more urgent than Medium". */
  rank: number;
}

export const PRIORITIES: readonly PriorityDef[] = [
  { id: '1', name: 'Highest', statusColor: '#d04437', rank: 1 },
  { id: '2', name: 'High', statusColor: '#f15c75', rank: 2 },
  { id: '3', name: 'Medium', statusColor: '#f79232', rank: 3 },
  { id: '4', name: 'Low', statusColor: '#707070', rank: 4 },
  { id: '5', name: 'Lowest', statusColor: '#999999', rank: 5 },
];

export const DEFAULT_PRIORITY_ID = '3';

export interface ResolutionDef {
  id: string;
  name: string;
  description: string;
}

export const RESOLUTIONS: readonly ResolutionDef[] = [
  { id: '10000', name: 'Done', description: 'Work has been completed on this issue.' },
  { id: '10001', name: "Won't Do", description: 'This issue won\'t be actioned.' },
  { id: '10002', name: 'Duplicate', description: 'The problem is a duplicate of an existing issue.' },
];

/** Project permissions the simulator knows, with Jira's display names. */
export const PROJECT_PERMISSIONS: Readonly<Record<string, string>> = {
  ADMINISTER_PROJECTS: 'Administer Projects',
  BROWSE_PROJECTS: 'Browse Projects',
  CREATE_ISSUES: 'Create Issues',
  EDIT_ISSUES: 'Edit Issues',
  TRANSITION_ISSUES: 'Transition Issues',
  RESOLVE_ISSUES: 'Resolve Issues',
  SCHEDULE_ISSUES: 'Schedule Issues',
  ASSIGN_ISSUES: 'Assign Issues',
  ASSIGNABLE_USER: 'Assignable User',
  DELETE_ISSUES: 'Delete Issues',
  LINK_ISSUES: 'Link Issues',
  ADD_COMMENTS: 'Add Comments',
  MANAGE_WATCHERS: 'Manage Watchers',
  VIEW_READONLY_WORKFLOW: 'View Read-Only Workflow',
};

/** Global permissions; no local user holds them (the release owner is a project admin only). */
export const GLOBAL_PERMISSIONS: Readonly<Record<string, string>> = {
  ADMINISTER: 'Administer Jira',
  SYSTEM_ADMIN: 'Administer Jira system',
  USER_PICKER: 'Browse users and groups',
};

const DEVELOPER_PERMISSIONS = [
  'BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES', 'TRANSITION_ISSUES', 'RESOLVE_ISSUES',
  'SCHEDULE_ISSUES', 'ASSIGN_ISSUES', 'ASSIGNABLE_USER', 'LINK_ISSUES', 'ADD_COMMENTS',
  'MANAGE_WATCHERS', 'VIEW_READONLY_WORKFLOW',
];

/**
 * What each project role grants, by role name. The seed's roles use these names; the simulator
 * derives a user's permissions in a project from the roles they are an actor of.
 */
export const ROLE_PERMISSIONS: Readonly<Record<string, readonly string[]>> = {
  Administrators: Object.keys(PROJECT_PERMISSIONS),
  Developers: DEVELOPER_PERMISSIONS,
  QA: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES', 'TRANSITION_ISSUES', 'RESOLVE_ISSUES', 'ASSIGNABLE_USER', 'LINK_ISSUES', 'ADD_COMMENTS', 'VIEW_READONLY_WORKFLOW'],
  Viewers: ['BROWSE_PROJECTS', 'VIEW_READONLY_WORKFLOW'],
};

export function statusById(id: string): StatusDef | undefined {
  return STATUSES.find((s) => s.id === id);
}
export function issueTypeById(id: string): IssueTypeDef | undefined {
  return ISSUE_TYPES.find((t) => t.id === id);
}
export function priorityById(id: string): PriorityDef | undefined {
  return PRIORITIES.find((p) => p.id === id);
}
export function resolutionById(id: string): ResolutionDef | undefined {
  return RESOLUTIONS.find((r) => r.id === id);
}
export function statusCategoryByKey(key: StatusCategoryKey): StatusCategoryDef {
  // The three categories are a closed set, so the lookup cannot miss.
  return STATUS_CATEGORIES.find((c) => c.key === key)!;
}
