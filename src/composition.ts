import { jiraVersionsAsUser } from './adapters/jira-versions';
import type { Clock, VersionApi } from './ports';

/**
 * Builds the adapters a request needs. Reads go as the acting user so Jira's own permissions
 * apply; app-owned writes (KVS) will be added here behind explicit role checks.
 */
export interface Services {
  versions: VersionApi;
  clock: Clock;
}

export function servicesForRequest(): Services {
  return {
    versions: jiraVersionsAsUser(),
    clock: { now: () => new Date() },
  };
}
