import { z } from 'zod';

/** Resolver keys are `noun/verb`; the UI imports them from here, never spells them itself. */
export const RELEASE_KEYS = {
  list: 'releases/list',
} as const;

/** `releases/list`: the project comes from the Forge context of the project page, not the payload. */
export const listReleasesPayload = z.object({
  /** Opaque cursor from a previous answer's `nextCursor`; absent for the first page. */
  cursor: z.string().regex(/^\d{1,9}$/, 'expected the nextCursor of a previous answer').optional(),
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
  /** Preflight's phase; absent for a version Preflight has not started yet (it starts in Planning). */
  phase?: { id: string; name: string };
  /** The gates as last evaluated, absent until the panel has been opened once. */
  gateSummary?: { pass: number; warning: number; fail: number; evaluatedAt: string };
}

export interface ListReleasesResult {
  project: { id: string; key: string };
  releases: ReleaseSummary[];
  nextCursor?: string;
}
