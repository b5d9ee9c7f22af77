import { z } from 'zod';

/**
 * Deployments per environment: what CI reports ("build 2.2.0 went to production, successfully, by
 * deploy #42"), how a free-text environment name maps to a kind, and what a release's record keeps
 * of it. Pure: no I/O.
 */

/** Atlassian's deployment states (the Jira Software deployments API), so CI tools can pass theirs through. */
export const DEPLOYMENT_STATUSES = ['pending', 'in_progress', 'successful', 'failed', 'rolled_back', 'cancelled', 'unknown'] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/** The environment kinds Preflight reasons about; a project maps its own names (UAT, SIT, qa1) onto them. */
export const ENVIRONMENT_KINDS = ['development', 'testing', 'staging', 'production'] as const;
export type EnvironmentKind = (typeof ENVIRONMENT_KINDS)[number];

export const ENVIRONMENT_KIND_LABELS: Record<EnvironmentKind, string> = {
  development: 'Development',
  testing: 'Testing',
  staging: 'Staging',
  production: 'Production',
};

const isoInstant = z.string().datetime({ message: 'expected an ISO 8601 timestamp' });

/** An environment name as teams write them: "production", "UAT", "prod-eu", "qa 1". */
export const environmentNameSchema = z
  .string()
  .trim()
  .min(1, 'expected an environment name such as "production"')
  .max(64, 'expected at most 64 characters')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._/-]*$/u, 'expected letters, digits, spaces, ".", "_", "/" or "-", starting with a letter or digit');

export const deploymentStatusSchema = z.enum(DEPLOYMENT_STATUSES, {
  message: `expected one of ${DEPLOYMENT_STATUSES.join(', ')}`,
});
export const environmentKindSchema = z.enum(ENVIRONMENT_KINDS, {
  message: `expected one of ${ENVIRONMENT_KINDS.join(', ')}`,
});

/** A pipeline run link: https only, because the panel renders it as a link. */
export const deploymentUrlSchema = z
  .string()
  .trim()
  .max(2000, 'expected at most 2000 characters')
  .url('expected an https:// link to the pipeline run')
  .refine((url) => url.startsWith('https://'), 'expected an https:// link to the pipeline run');

/** A pipeline run's label, e.g. "deploy #42". */
export const pipelineLabelSchema = z.string().trim().min(1, 'expected a pipeline run label such as "deploy #42"').max(120, 'expected at most 120 characters');

/** One environment's latest deployment, as a release record or the project's "what runs where" keeps it. */
export const deploymentSchema = z.object({
  kind: environmentKindSchema,
  build: z.string().min(1).max(64),
  status: deploymentStatusSchema,
  at: isoInstant,
  url: z.string().optional(),
  pipeline: z.string().optional(),
});
export type Deployment = z.infer<typeof deploymentSchema>;

/** A release record's deployments, by environment name (as CI reported it). */
export const releaseDeploymentsSchema = z.record(z.string(), deploymentSchema);
export type ReleaseDeployments = z.infer<typeof releaseDeploymentsSchema>;

/**
 * The latest SUCCESSFUL production deployment a release has recorded: when the release really went
 * live (the bedding-in window and the announcement date count from it). Undefined before one.
 */
export function productionDeployment(record: { deployments?: ReleaseDeployments }): { build: string; at: string } | undefined {
  const successful = Object.values(record.deployments ?? {}).filter((d) => d.kind === 'production' && d.status === 'successful');
  const latest = successful.sort((a, b) => b.at.localeCompare(a.at))[0];
  return latest && { build: latest.build, at: latest.at };
}

/**
 * The latest production deployment of `build`, whatever its status: what the Deployment gate
 * judges (a later failed or rolled-back deployment of the same build counts against it).
 */
export function latestProductionDeploymentOf(record: { deployments?: ReleaseDeployments }, build: string): Deployment | undefined {
  return Object.values(record.deployments ?? {})
    .filter((d) => d.kind === 'production' && d.build === build)
    .sort((a, b) => b.at.localeCompare(a.at))[0];
}
