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
