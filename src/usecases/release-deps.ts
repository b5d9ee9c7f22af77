import type { QaChecks } from './qa-reconcile';
import type { Clock, DeploymentStore, IncidentStore, People, ProjectAccess, ReleaseNotifier, ReleaseReads, ReleaseStore, SettingsStore, SiteProducts, VersionWrites } from '../ports';

/** Everything the release panel's use cases need, passed in (tests pass fakes or the emulator). */
export interface ReleaseDeps {
  reads: ReleaseReads;
  writes: VersionWrites;
  store: ReleaseStore;
  settings: SettingsStore;
  access: ProjectAccess;
  people: People;
  clock: Clock;
  /** Where this release's panel lives, for the link in Jira's related work. */
  panelUrl: (project: { key: string; type?: string }, versionId: string) => string;
  /** QA build approvals: holds Jira's QA property to Preflight's own record in the QA gate (absent: JQL count only). */
  qaChecks?: QaChecks;
  /** Optional: told about every saved change (Slack/Teams notifications); never fails the change. */
  notifier?: ReleaseNotifier;
  /** Which products the installation reaches (absent: both, as on a site with Jira and Confluence). */
  products?: SiteProducts;
  /** What CI reported per environment (issue 13), for the panel's strip; absent: no strip. */
  deployments?: Pick<DeploymentStore, 'environments'>;
  /** Incidents from monitoring (issue 13): the Post-release gates read a release's in one query (absent: no incident facts). */
  incidents?: Pick<IncidentStore, 'ofVersion'>;
  /**
   * The project's tracked releases and incident history (KVS queries, no REST), for the change
   * failure rate the panel and the retrospective show (absent: no rate).
   */
  changeFailures?: { releases: Pick<DeploymentStore, 'trackedReleases'>; incidents: Pick<IncidentStore, 'ofProject'> };
}

/** The project the request comes from (the Forge context), and who is acting. */
export interface Actor {
  accountId: string;
  /** `type` is Jira's project type (software, business, service_desk) when the page's context says. */
  project: { id: string; key: string; type?: string };
  /** The person's Forge locale ("de-DE") and time zone: the language views compose their text in. */
  locale?: string;
  timeZone?: string;
}
