import { z } from 'zod';

/** Resolver keys are `noun/verb`; the UI imports them from here, never spells them itself. */
export const RELEASE_KEYS = {
  list: 'releases/list',
} as const;

export const RELEASE_STATUSES = ['released', 'unreleased', 'archived'] as const;
export type ReleaseStatusFilter = (typeof RELEASE_STATUSES)[number];
export const RELEASE_ORDERS = ['releaseDate', '-releaseDate', 'name', '-name', 'sequence', '-sequence'] as const;
export type ReleaseOrder = (typeof RELEASE_ORDERS)[number];

/** `releases/list`: the project comes from the Forge context of the project page, not the payload. */
export const listReleasesPayload = z.object({
  /** Opaque cursor from a previous answer's `nextCursor`; absent for the first page. */
  cursor: z.string().regex(/^\d{1,9}$/, 'expected the nextCursor of a previous answer').optional(),
  /** Versions whose name contains this text (Jira matches it case-insensitively). */
  query: z.string().trim().min(1, 'query: expected 1 to 100 characters').max(100, 'query: expected 1 to 100 characters').optional(),
  /** Which versions; default unreleased and released (archived ones only when asked for). */
  status: z
    .array(z.enum(['released', 'unreleased', 'archived'], 'status: expected released, unreleased or archived'))
    .min(1, 'status: expected at least one of released, unreleased, archived')
    .max(3, 'status: expected at most three values')
    .optional(),
  /** Jira's order; default newest first ('-sequence'). A leading '-' reverses it. */
  orderBy: z
    .enum(RELEASE_ORDERS, `orderBy: expected one of ${RELEASE_ORDERS.join(', ')}`)
    .optional(),
}).strict();
export type ListReleasesPayload = z.infer<typeof listReleasesPayload>;

export interface IssueCounts {
  toDo: number;
  inProgress: number;
  done: number;
}

export interface ReleaseSummary {
  versionId: string;
  name: string;
  description?: string;
  released: boolean;
  archived: boolean;
  releaseDate?: string;
  startDate?: string;
  overdue: boolean;
  issueCounts: IssueCounts;
  /** 'tracked' once someone started the release in Preflight; before that its state is derived. */
  tracking: 'tracked' | 'untracked';
  /**
   * Always present. Tracked: the record's phase. Untracked: the project's default release type's
   * first phase while unreleased, its last phase once Jira says released.
   */
  phase: { id: string; name: string };
  /** Tracked: the record's type; untracked: the project's default type. */
  releaseType?: 'major' | 'minor' | 'hotfix';
  /**
   * The current phase's gates as last evaluated: by the panel ('panel') or by the background
   * evaluation of versions nobody opened ('background'). Absent until either has run.
   */
  gateSummary?: { pass: number; warning: number; fail: number; evaluatedAt: string; source: 'panel' | 'background' };
  /** Why the version needs someone's attention; empty when fine. */
  attention: AttentionReason[];
}

export type AttentionCode = 'failing-near-date' | 'overdue' | 'open-incident' | 'scope-pending';
export interface AttentionReason {
  code: AttentionCode;
  message: string;
}

export interface ListReleasesResult {
  project: { id: string; key: string };
  releases: ReleaseSummary[];
  nextCursor?: string;
}
