import { z } from 'zod';

/**
 * Release health (issue 14): figures over a project's (or a train's) last N releases, for the
 * project page's Health view, the "Release health" macro and its export. Imports only zod, so the
 * Custom UI shares these shapes. Every figure is defined in src/domain/release-health.ts.
 */

/** Resolver keys are `noun/verb`; the UI imports them from here. */
export const HEALTH_KEYS = {
  project: 'health/project',
  macro: 'health/macro',
  train: 'health/train',
} as const;

/** How many of the latest releases a person may look over; 10 unless they choose. */
export const HEALTH_WINDOWS = [5, 10, 20, 50] as const;
export type HealthWindow = (typeof HEALTH_WINDOWS)[number];
export const DEFAULT_HEALTH_WINDOW: HealthWindow = 10;

const windowField = z.literal(HEALTH_WINDOWS, { message: `releases: expected ${HEALTH_WINDOWS.join(', ')}` });

/** `health/project`: the project comes from the project page's Forge context. */
export const projectHealthPayload = z.object({ releases: windowField.optional() }).strict();
export type ProjectHealthPayload = z.infer<typeof projectHealthPayload>;

const projectKey = z.string().regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'projectKey: expected a Jira project key such as PAY');

/** What the "Release health" macro saves with view.submit({ config }). */
export const healthMacroConfigSchema = z.object({ projectKey, releases: windowField.default(DEFAULT_HEALTH_WINDOW) });
export type HealthMacroConfig = z.infer<typeof healthMacroConfigSchema>;
export type HealthMacroConfigInput = z.input<typeof healthMacroConfigSchema>;

/** `health/macro`: the macro's saved config. */
export const healthMacroPayload = z.object({ config: healthMacroConfigSchema }).strict();

/** `health/train`: a release train's members that shipped (the train panel, the global page). */
export const trainHealthPayload = z.object({ trainId: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'trainId: expected a train id such as "2026.12"') }).strict();

/** One released version's figures (absent fields: the record does not know). */
export interface HealthRow {
  versionId: string;
  name: string;
  /** The day Jira released it (yyyy-mm-dd). */
  releasedOn?: string;
  /** Whether Preflight tracked it (a stored record); untracked releases give only their date. */
  tracked: boolean;
  /** The planned day: the planned end of the phase that releases the version. */
  plannedOn?: string;
  /** Days from the planned day to the release day: positive late, negative early, 0 on the day. */
  slipDays?: number;
  onTime?: boolean;
  /** Issues in the version when scope froze. */
  scopeAtFreeze?: number;
  /** Distinct issues that joined after the freeze. */
  addedAfterFreeze?: number;
  /** Of those and the frozen scope, issues removed by a scope decision. */
  removedAfterFreeze?: number;
  /** addedAfterFreeze as a percentage of scopeAtFreeze, rounded. */
  churnPercent?: number;
  overrides: number;
  releasedOutside: boolean;
  qaRejections: number;
  incidents: number;
  /** Mean time to restore of this release's resolved incidents, in minutes. */
  restoreMinutes?: number;
  /** When the release went to production (its latest successful production deployment). */
  productionAt?: string;
  /** Freeze to production deployment, in minutes. */
  leadTimeMinutes?: number;
}

export interface HealthAggregates {
  releases: number;
  tracked: number;
  onTime?: { onTime: number; planned: number; percent: number };
  /** Mean lateness over releases with a plan; early releases count as 0 days late. */
  slip?: { meanDays: number; maxDays: number; planned: number };
  scopeChurn?: { added: number; atFreeze: number; percent: number; releases: number };
  overrides: number;
  releasedOutside: number;
  qaRejections: number;
  changeFailureRate?: { failed: number; total: number; percent: number };
  timeToRestore?: { meanMinutes: number; medianMinutes: number; restored: number };
  leadTime?: { meanMinutes: number; medianMinutes: number; measured: number };
  deploymentFrequency?: { deployments: number; weeks: number; perWeek: number };
}

export interface ReleaseHealthView {
  subject: { kind: 'project'; projectKey: string } | { kind: 'train'; trainId: string; name: string };
  window: HealthWindow;
  /** Oldest first, as the charts read left to right. */
  rows: HealthRow[];
  aggregates: HealthAggregates;
  /** When the figures were computed (ISO). */
  asOf: string;
  /** A train's members in projects the person cannot see: left out of every figure. */
  hiddenMembers?: number;
}
