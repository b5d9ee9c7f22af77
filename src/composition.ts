import api, { getAppContext } from '@forge/api';
import { jiraPeople, jiraProjectAccess } from './adapters/jira-access';
import { jiraCatalog } from './adapters/jira-catalog';
import { jiraReleaseReads } from './adapters/jira-release-reads';
import { jiraVersionWrites } from './adapters/jira-version-writes';
import { jiraVersionsAsUser } from './adapters/jira-versions';
import { kvsReleaseStore } from './adapters/kvs-release-store';
import { kvsSettingsStore } from './adapters/kvs-settings-store';
import type { Clock, ProjectCatalog, ReleaseStore, VersionApi } from './ports';
import type { ReleaseDeps } from './usecases/release-deps';

const systemClock: Clock = { now: () => new Date() };

/**
 * Builds the adapters a request needs. Reads go as the acting user so Jira's own permissions
 * apply; app-owned data lives in the KVS and is written only after a role check.
 */
export function releaseDeps(siteUrl: string): ReleaseDeps & { catalog: ProjectCatalog } {
  return {
    reads: jiraReleaseReads(api.asUser()),
    writes: jiraVersionWrites(),
    store: kvsReleaseStore(),
    settings: kvsSettingsStore(),
    access: jiraProjectAccess(),
    people: jiraPeople(),
    catalog: jiraCatalog(),
    clock: systemClock,
    panelUrl: (projectKey, versionId) => releasePanelUrl(siteUrl, projectKey, versionId),
  };
}

/**
 * A release panel's address on the site. A Jira project page lives at
 * /jira/{projectType}/projects/{key}/apps/{appId}/{environmentId}; the panel's router path follows.
 */
export function releasePanelUrl(siteUrl: string, projectKey: string, versionId: string): string {
  const { appAri, environmentAri } = getAppContext();
  return `${siteUrl.replace(/\/$/, '')}/jira/software/projects/${encodeURIComponent(projectKey)}/apps/${appAri.appId}/${environmentAri.environmentId}/${versionId}`;
}

export function listDeps(): { versions: VersionApi; store: ReleaseStore; clock: Clock } {
  return { versions: jiraVersionsAsUser(), store: kvsReleaseStore(), clock: systemClock };
}
