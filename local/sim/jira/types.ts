import type { JiraWorkflowRule } from './workflow-rules';
/**
 * The simulated Jira's whole world as plain JSON, so the composer can persist it with one atomic
 * write and a restart reads it back unchanged. Fixed catalogues (issue types, statuses, priorities)
 * live in catalog.ts instead: they never change at runtime, so storing them would only bloat the file.
 */
export interface JiraState {
  /** Bumped when the shape changes, so a persisted file from an older build can be re-seeded. */
  schemaVersion: 1;
  projects: JiraProject[];
  versions: JiraVersion[];
  issues: JiraIssue[];
  /** Issue properties: issue id -> property key -> JSON value. */
  properties: Record<string, Record<string, unknown>>;
  roles: JiraRole[];
  /** Validators added to workflow transitions (workflow-rules.ts); absent in state saved before they existed. */
  workflowRules?: JiraWorkflowRule[];
  /** Next numeric ids; Jira ids are numbers rendered as strings. */
  counters: { projectId: number; versionId: number; issueId: number; changelogId: number; componentId: number };
}

export interface JiraComponent {
  id: string;
  name: string;
  description: string;
}

export interface JiraProject {
  id: string;
  key: string;
  name: string;
  description: string;
  leadAccountId: string;
  components: JiraComponent[];
  /** Next issue number for keys (PAY-<n>). */
  nextIssueNumber: number;
}

export interface JiraRelatedWork {
  relatedWorkId: string;
  category: string;
  title?: string;
  url?: string;
  issueId?: number;
}

export interface JiraVersion {
  id: string;
  projectId: string;
  name: string;
  description: string;
  /** YYYY-MM-DD or null. */
  startDate: string | null;
  /** YYYY-MM-DD or null. */
  releaseDate: string | null;
  released: boolean;
  archived: boolean;
  /** Position in the project's version list (Jira's "sequence"). */
  sequence: number;
  driverAccountId: string | null;
  relatedWork: JiraRelatedWork[];
}

/** One change of one field, as Jira's changelog records it (ids in from/to, names in the strings). */
export interface JiraChangeItem {
  field: string;
  fieldId: string;
  fieldtype: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface JiraChangelogEntry {
  id: string;
  authorAccountId: string;
  /** ISO instant. */
  created: string;
  items: JiraChangeItem[];
}

export interface JiraIssue {
  id: string;
  key: string;
  projectId: string;
  /** Ids into catalog.ts. */
  issueTypeId: string;
  statusId: string;
  priorityId: string;
  resolutionId: string | null;
  summary: string;
  /** Plain text; rendered as a one-paragraph ADF document. */
  description: string | null;
  labels: string[];
  componentIds: string[];
  fixVersionIds: string[];
  assigneeAccountId: string | null;
  reporterAccountId: string;
  parentId: string | null;
  /** ISO instants. */
  created: string;
  updated: string;
  resolutionDate: string | null;
  changelog: JiraChangelogEntry[];
}

export interface JiraRole {
  id: number;
  name: string;
  description: string;
  /** project id -> account ids of the role's user actors. */
  actors: Record<string, string[]>;
}
