import { createHash } from 'node:crypto';
import { kvs } from '@forge/kvs';
import { deploymentSchema } from '../domain/deployments';
import { releaseRecordSchema, type ReleaseRecord } from '../domain/release';
import type { DeploymentStore, EnvironmentDeployment } from '../ports';

interface EnvironmentItem {
  projectKey: string;
  environment: string;
  deployment: unknown;
}

interface ReleaseItem {
  projectKey: string;
  versionId: string;
  record: unknown;
}

/**
 * KVS keys allow only [A-Za-z0-9:._\s-#] (up to 500 characters) and an environment name may hold
 * other letters ("Prüfung"), so the key carries a digest of the name; names differing only in case
 * are one environment.
 */
const environmentKey = (projectKey: string, environment: string) => `${projectKey}:${createHash('sha256').update(environment.trim().toLowerCase(), 'utf8').digest('hex')}`;

/** The most environments a project's strip lists (one page of the index). */
const MAX_ENVIRONMENTS = 100;

/**
 * The project's "what runs where" in the `environment-deployment` entity (one item per project and
 * environment, queried by project), and the project's tracked releases through the `release`
 * entity's by-project index. Items that do not parse are skipped: a damaged entry costs the strip
 * one row, never the panel.
 */
export function kvsDeploymentStore(): DeploymentStore {
  return {
    async environments(projectKey) {
      const page = await kvs.entity<EnvironmentItem>('environment-deployment').query().index('by-project', { partition: [projectKey] }).limit(MAX_ENVIRONMENTS).getMany();
      const out: EnvironmentDeployment[] = [];
      for (const r of page.results) {
        const parsed = deploymentSchema.safeParse(r.value.deployment);
        if (parsed.success) out.push({ environment: r.value.environment, deployment: parsed.data });
      }
      return out;
    },

    async saveEnvironment(projectKey, entry) {
      await kvs
        .entity<EnvironmentItem>('environment-deployment')
        .set(environmentKey(projectKey, entry.environment), { projectKey, environment: entry.environment, deployment: entry.deployment });
    },

    async trackedReleases(projectKey) {
      const records: ReleaseRecord[] = [];
      let cursor: string | undefined;
      do {
        let query = kvs.entity<ReleaseItem>('release').query().index('by-project', { partition: [projectKey] }).limit(100);
        if (cursor) query = query.cursor(cursor);
        const page = await query.getMany();
        for (const r of page.results) {
          const parsed = releaseRecordSchema.safeParse(r.value.record);
          if (parsed.success) records.push(parsed.data);
        }
        cursor = page.nextCursor;
      } while (cursor);
      return records;
    },
  };
}
