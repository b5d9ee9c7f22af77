/**
 * Ports of the Confluence macros and publishing (issue 5). Kept beside ports.ts rather than in it
 * while other helpers edit that file; same rules: no @forge/*, adapters implement, tests fake.
 */
import type { NoteIssue } from './domain/release-notes';
import type { ScopeFacts } from './domain/retrospective';

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
  scopeFacts(q: { versionId: string; versionName: string; frozenAt?: string }): Promise<ScopeFacts>;
}

/** A Confluence page as publishing sees it. */
export interface PageRef {
  id: string;
  title: string;
  spaceId: string;
  version: number;
  url: string;
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
