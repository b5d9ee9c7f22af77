import api, { getAppContext, webTrigger } from '@forge/api';
import { confluencePages } from './adapters/confluence-pages';
import { confluenceNotConnected } from './adapters/confluence-not-connected';
import { forgeSiteProducts } from './adapters/forge-installation';
import { jiraMacroReads } from './adapters/jira-macro-reads';
import type { MacroDeps } from './usecases/macro-deps';
import type { JiraClient } from './adapters/jira-http';
import { kvsIntegrationStore, kvsNotificationLog } from './adapters/kvs-integrations';
import { jiraVersionLookup } from './adapters/jira-version-lookup';
import { fetchWebhookPoster } from './adapters/webhook-poster';
import { GATE_WEBTRIGGER_KEY } from './shared/ci-gate';
import type { GateDeps } from './usecases/decide-gate';
import type { DeploymentDeps } from './usecases/record-deployment';
import { kvsDeploymentStore } from './adapters/kvs-deployments';
import type { IntegrationDeps } from './usecases/integrations';
import { releaseNotifier } from './usecases/release-notifier';
import type { ReminderDeps } from './usecases/remind-project';
import type { DailyReminderDeps } from './usecases/send-reminders';
import { forgeReminderQueue } from './adapters/events-reminder-queue';
import type { NotifyDeps } from './usecases/send-notification';
import { jiraPeople, jiraProjectAccess } from './adapters/jira-access';
import { jiraQa } from './adapters/jira-qa';
import { kvsQaStore } from './adapters/kvs-qa-store';
import { jiraCatalog } from './adapters/jira-catalog';
import { jiraReleaseReads } from './adapters/jira-release-reads';
import { jiraVersionWrites } from './adapters/jira-version-writes';
import { jiraVersionsAsUser } from './adapters/jira-versions';
import { kvsReleaseStore } from './adapters/kvs-release-store';
import { kvsSettingsStore } from './adapters/kvs-settings-store';
import { jiraStatuses } from './adapters/jira-statuses';
import type { TransitionDeps } from './usecases/validate-transition';
import type { Clock, EvaluationQueue, ProjectCatalog, ReleaseStore, SiteProducts } from './ports';
import type { ReleaseDeps } from './usecases/release-deps';
import type { ListReleasesDeps } from './usecases/list-releases';
import type { BackgroundEvaluationDeps } from './usecases/evaluate-in-background';
import { forgeEvaluationQueue } from './adapters/events-evaluation-queue';
import type { JiraEventDeps } from './usecases/jira-event-deps';
import { kvsIncidentStore, kvsMonitoringSecrets } from './adapters/kvs-incidents';
import { jiraIncidentIssues, jiraIncidentReads } from './adapters/jira-incidents';
import { MONITORING_WEBTRIGGER_KEY } from './shared/monitoring';
import type { RecordAlertDeps } from './usecases/record-alert';
import type { MonitoringSettingsDeps } from './usecases/monitoring-secret';
import { incidentNotifier } from './usecases/incident-notifier';
import type { CalendarDeps } from './usecases/get-calendar';
import { jiraVisibleProjects } from './adapters/jira-calendar-projects';
import { kvsTrainStore } from './adapters/kvs-trains';

const systemClock: Clock = { now: () => new Date() };

/**
 * Builds the adapters a request needs. Reads go as the acting user so Jira's own permissions
 * apply; app-owned data lives in the KVS and is written only after a role check.
 */
export function releaseDeps(siteUrl: string): ReleaseDeps & { catalog: ProjectCatalog; products: SiteProducts } {
  return {
    reads: jiraReleaseReads(api.asUser()),
    writes: jiraVersionWrites(),
    store: kvsReleaseStore(),
    settings: kvsSettingsStore(),
    access: jiraProjectAccess(),
    people: jiraPeople(),
    catalog: jiraCatalog(),
    clock: systemClock,
    panelUrl: (project, versionId) => releasePanelUrl(siteUrl, project.key, versionId, project.type),
    qaChecks: { jira: jiraQa(api.asUser()), store: kvsQaStore() },
    notifier: releaseNotifier({ ...notifyDeps(), people: jiraPeople() }),
    incidents: kvsIncidentStore(),
    products: forgeSiteProducts(),
    deployments: kvsDeploymentStore(),
    changeFailures: { releases: kvsDeploymentStore(), incidents: kvsIncidentStore() },
  };
}

/**
 * A release panel's address on the site. A Jira project page lives at
 * /jira/{projectType}/projects/{key}/apps/{appId}/{environmentId}; the panel's router path follows.
 */
export function releasePanelUrl(siteUrl: string, projectKey: string, versionId: string, projectType = 'software'): string {
  const { appAri, environmentAri } = getAppContext();
  // Jira's path names the project type; a type we cannot vouch for falls back to software.
  const type = /^[a-z_]{1,40}$/.test(projectType) ? projectType : 'software';
  return `${siteUrl.replace(/\/$/, '')}/jira/${type}/projects/${encodeURIComponent(projectKey)}/apps/${appAri.appId}/${environmentAri.environmentId}/${versionId}`;
}

export function listDeps(): ListReleasesDeps {
  return { versions: jiraVersionsAsUser(), store: kvsReleaseStore(), settings: kvsSettingsStore(), incidents: kvsIncidentStore(), clock: systemClock, queue: forgeEvaluationQueue() };
}

/** What Jira's events and the daily run need to queue a re-evaluation of the versions they touched. */
export function reevaluationDeps(): { store: ReleaseStore; queue: EvaluationQueue; clock: Clock } {
  return { store: kvsReleaseStore(), queue: forgeEvaluationQueue(), clock: systemClock };
}

/** The background evaluation (queue consumer): Jira as the app, since a queued event has no user. */
export function backgroundEvaluationDeps(jira: JiraClient): BackgroundEvaluationDeps {
  return {
    reads: jiraReleaseReads(jira),
    store: kvsReleaseStore(),
    settings: kvsSettingsStore(),
    access: jiraProjectAccess(),
    qaChecks: { jira: jiraQa(jira), store: kvsQaStore() },
    incidents: kvsIncidentStore(),
    clock: systemClock,
  };
}

// ---- CI gate and notifications (issue 6) -------------------------------------------------------

/** Slack/Teams delivery: webhook URLs from the KVS secret store, posts through Forge's egress-checked fetch. */
export function notifyDeps(): NotifyDeps {
  // The settings give each project's language: messages are worded in it when sent.
  return { integrations: kvsIntegrationStore(), log: kvsNotificationLog(), poster: fetchWebhookPoster(), clock: systemClock, settings: kvsSettingsStore() };
}

/**
 * The CI gate's reads. `jira` is `api.asApp()`, which the web trigger passes only after the
 * project's secret matched: a pipeline has no Jira user, and the answer carries no issue content.
 */
export function gateDeps(jira: JiraClient): GateDeps {
  return {
    lookup: jiraVersionLookup(jira),
    reads: jiraReleaseReads(jira),
    store: kvsReleaseStore(),
    settings: kvsSettingsStore(),
    access: jiraProjectAccess(),
    clock: systemClock,
    qaChecks: { jira: jiraQa(jira), store: kvsQaStore() },
    incidents: kvsIncidentStore(),
  };
}

/**
 * Deployment reports (issue 13), after the project's secret matched: Jira as the app (no user),
 * the KVS stores, and Slack/Teams for a failed production deployment.
 */
export function deploymentDeps(jira: JiraClient): DeploymentDeps {
  return {
    deployments: kvsDeploymentStore(),
    store: kvsReleaseStore(),
    settings: kvsSettingsStore(),
    access: jiraProjectAccess(),
    lookup: jiraVersionLookup(jira),
    reads: jiraReleaseReads(jira),
    clock: systemClock,
    notify: { ...notifyDeps(), panelUrl: releasePanelUrl },
  };
}

/** The daily job fans the projects out on Forge's async events queue and retries the outbox. */
export function dailyReminderDeps(): DailyReminderDeps {
  return { ...notifyDeps(), queue: forgeReminderQueue() };
}

/** The reminders' consumer has no user either: Jira reads go as the app and touch versions Preflight tracks only. */
export function reminderDeps(jira: JiraClient): ReminderDeps {
  return {
    ...notifyDeps(),
    reads: jiraReleaseReads(jira),
    store: kvsReleaseStore(),
    settings: kvsSettingsStore(),
    access: jiraProjectAccess(),
    qaChecks: { jira: jiraQa(jira), store: kvsQaStore() },
    panelUrl: releasePanelUrl,
    incidents: kvsIncidentStore(),
  };
}

/**
 * Jira's product events (issue 13) have no user either: Jira reads go as the app, and only
 * releases Preflight already tracks are touched. Stakeholders hear through the release notifier.
 */
export function jiraEventDeps(jira: JiraClient): JiraEventDeps {
  return {
    ...notifyDeps(),
    reads: jiraReleaseReads(jira),
    store: kvsReleaseStore(),
    settings: kvsSettingsStore(),
    access: jiraProjectAccess(),
    qaChecks: { jira: jiraQa(jira), store: kvsQaStore() },
    notifier: releaseNotifier({ ...notifyDeps(), people: jiraPeople() }),
    panelUrl: releasePanelUrl,
  };
}

/** The settings page's integrations section and the panel's delivery status. */
export function integrationDeps(siteUrl: string | undefined): IntegrationDeps {
  return {
    access: jiraProjectAccess(),
    integrations: kvsIntegrationStore(),
    log: kvsNotificationLog(),
    clock: systemClock,
    gateUrl: () => webTrigger.getUrl(GATE_WEBTRIGGER_KEY),
    ...(siteUrl && { siteUrl }),
  };
}

/**
 * The macros' adapters, per request: the release panel's (reads as the person) plus the notes'
 * Jira reads and Confluence pages, both as the person too.
 */
export function macroDeps(siteUrl: string): MacroDeps {
  const deps = releaseDeps(siteUrl);
  // Confluence is optional (app.compatibility): without it, publishing says so instead of failing.
  const pages = deps.products.confluenceConnected() ? confluencePages(siteUrl || undefined) : confluenceNotConnected();
  return { ...deps, macroReads: jiraMacroReads(api.asUser()), pages, siteUrl };
}

/**
 * The workflow validator's reads (issue 13): Jira calls it with no user, so Jira reads go as the
 * app; it reads and never writes.
 */
export function validatorDeps(): TransitionDeps {
  const jira = api.asApp();
  return { issues: jiraQa(jira), statuses: jiraStatuses(jira), store: kvsReleaseStore(), qa: kvsQaStore(), settings: kvsSettingsStore(), access: jiraProjectAccess() };
}

// ---- Bedding-in health from monitoring (issue 13) -----------------------------------------------

/**
 * The monitoring web trigger: secrets and incidents in the KVS; Jira as the app (an alert has no
 * user), only after the project's monitoring credential matched.
 */
export function monitoringDeps(): RecordAlertDeps & { secrets: ReturnType<typeof kvsMonitoringSecrets> } {
  const jira = api.asApp();
  return {
    secrets: kvsMonitoringSecrets(),
    incidents: kvsIncidentStore(),
    store: kvsReleaseStore(),
    settings: kvsSettingsStore(),
    versions: jiraIncidentReads(jira),
    issues: jiraIncidentIssues(jira),
    notifier: incidentNotifier(notifyDeps(), releasePanelUrl),
    clock: systemClock,
  };
}

/** The settings page's monitoring section. */
export function monitoringSettingsDeps(): MonitoringSettingsDeps {
  return { access: jiraProjectAccess(), secrets: kvsMonitoringSecrets(), clock: systemClock, url: () => webTrigger.getUrl(MONITORING_WEBTRIGGER_KEY) };
}

// ---- The release calendar (issue 14) ------------------------------------------------------------

/**
 * The calendar's reads: projects and versions as the person (Jira decides what they see), release
 * records, settings and trains from the KVS. `siteUrl` links each release to its panel.
 */
export function calendarDeps(siteUrl: string): CalendarDeps {
  return {
    projects: jiraVisibleProjects(),
    versions: jiraVersionsAsUser(),
    records: kvsDeploymentStore(),
    settings: kvsSettingsStore(),
    trains: kvsTrainStore(),
    clock: systemClock,
    ...(siteUrl && { panelUrl: (project, versionId) => releasePanelUrl(siteUrl, project.key, versionId, project.type) }),
  };
}
