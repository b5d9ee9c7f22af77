import { environmentKindOf, sameDeployment, type ReportedDeployment, type TagRule } from '../domain/deployments';
import { recordDeployment as recordOnRelease } from '../domain/deployment-events';
import { stampTouches } from '../domain/merge';
import { isoDay } from '../domain/release-summary';
import type { ReleaseRecord } from '../domain/release';
import { safeDeep } from '../domain/safe-text';
import { ConflictError } from '../errors';
import type { Clock, DeploymentStore, ProjectAccess, ReleaseReads, ReleaseStore, SettingsStore, VersionLookup } from '../ports';
import type { DeploymentAnswer, DeploymentReport } from '../shared/ci-gate';
import { findVersion } from './decide-gate';
import { projectSettings } from './load-release';
import { sendNotification, type NotifyDeps } from './send-notification';
import { text } from '../i18n/server-translator';

/** What recording a deployment needs; the web trigger passes the KVS adapters and Jira as the app. */
export interface DeploymentDeps {
  deployments: DeploymentStore;
  store: ReleaseStore;
  settings: SettingsStore;
  access: Pick<ProjectAccess, 'projectRoles'>;
  lookup: VersionLookup;
  reads: Pick<ReleaseReads, 'version'>;
  clock: Clock;
  /** Slack/Teams, for a failed production deployment; absent: nobody is told. */
  notify?: NotifyDeps & { panelUrl?: (siteUrl: string, projectKey: string, versionId: string) => string };
}

/** Who the audit trail says reported a deployment: CI has no Jira account. */
export const CI_REPORTER = 'ci-pipeline';

/** Saves lost to someone else's change are re-applied this many times. */
const SAVE_ATTEMPTS = 8;

/**
 * Records a deployment CI reported: the environment's kind (the project's mapping, else guessed
 * from the name), the project's "what runs where", and, when a tracked release matches, the
 * release's record (so the Deployment gate judges it) with an audit event. A failed or rolled-back
 * production deployment is sent to Slack/Teams. The same report twice records once.
 *
 * The release is the version the report names (a Jira version name, or a tag the project's tag
 * rule maps), else the open tracked release whose build under test is the reported build.
 * @throws ProductError when Jira fails; StoredDocumentError when a stored record does not parse.
 */
export async function recordDeploymentReport(deps: DeploymentDeps, report: DeploymentReport): Promise<DeploymentAnswer> {
  const { project } = report;
  const input = report.deployment;
  const { settings } = await projectSettings(deps, project);
  const { kind, source } = environmentKindOf(input.environment, settings.environments);
  const at = deps.clock.now().toISOString();
  const deployment: ReportedDeployment = {
    environment: input.environment,
    kind,
    build: input.build,
    status: input.status,
    at,
    ...(input.url && { url: input.url }),
    ...(input.pipeline && { pipeline: input.pipeline }),
  };

  // "What runs where" holds whatever CI reports, release or not; a repeat keeps the first report's time.
  const strip = (await deps.deployments.environments(project)).find((e) => e.environment.toLowerCase() === input.environment.toLowerCase());
  if (!sameDeployment(strip?.deployment, deployment)) {
    await deps.deployments.saveEnvironment(project, { environment: input.environment, deployment: { kind, build: input.build, status: input.status, at, ...(input.url && { url: input.url }), ...(input.pipeline && { pipeline: input.pipeline }) } });
  }

  const target = await releaseFor(deps, report, settings.tagRules);
  const kindNote = source === 'fallback' ? ` "${input.environment}" is not a name Preflight recognises, so it counts as ${kind}: map it in the project's Preflight settings.` : '';
  const base = { recorded: true as const, project, environment: input.environment, kind, build: input.build, status: input.status };
  if (!target.record) {
    return safeDeep({ ...base, release: null, message: `Recorded ${input.build} in ${input.environment} (${kind}). ${target.why}${kindNote}` });
  }

  const saved = await saveOnRelease(deps, target.record, deployment);
  const version = target.versionName ?? (await deps.reads.version(target.record.versionId)).name;
  if (saved.recorded && kind === 'production' && (input.status === 'failed' || input.status === 'rolled_back')) {
    await notifyFailure(deps, project, { id: target.record.versionId, name: version }, deployment, input.status);
  }
  const what = saved.recorded ? `Recorded ${input.build} in ${input.environment} (${kind}, ${input.status.replace('_', ' ')}) on ${version}.` : `${version} already has this deployment of ${input.build} to ${input.environment}; nothing changed.`;
  return safeDeep({ ...base, release: { version, versionId: target.record.versionId }, message: `${what}${saved.note ?? ''}${kindNote}` });
}

/** The tracked release a report belongs to, or why there is none. */
async function releaseFor(
  deps: DeploymentDeps,
  report: DeploymentReport,
  tagRules: readonly TagRule[] | undefined,
): Promise<{ record?: ReleaseRecord; versionName?: string; why: string }> {
  const { project, deployment } = report;
  if (deployment.version) {
    const found = await findVersion(deps, project, deployment.version, async () => tagRules);
    if (!found) return { why: `${project} has no version "${deployment.version}"${tagRules?.length ? ' and no tag rule maps it to one' : ' (add a tag rule in the project settings to map tags to versions)'}.` };
    const record = await deps.store.get(found.version.id);
    if (!record) return { why: `Preflight does not track ${found.version.name} yet, so only the environment was recorded.` };
    return { record, versionName: found.version.name, why: '' };
  }
  const tracked = (await deps.deployments.trackedReleases(project)).filter((r) => !r.completedAt && r.buildUnderTest?.id === deployment.build);
  // Two open releases testing the same build is unusual; the one changed last is the one people work on.
  const record = tracked.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  return record ? { record, why: '' } : { why: `No open release of ${project} has ${deployment.build} as its build under test; send "version" to name the release.` };
}

/** Saves the deployment on the release under a compare-and-swap, re-applying it when someone saved first. */
async function saveOnRelease(deps: DeploymentDeps, first: ReleaseRecord, deployment: ReportedDeployment): Promise<{ recorded: boolean; note?: string }> {
  let record = first;
  for (let attempt = 1; ; attempt++) {
    if (record.completedAt) return { recorded: false, note: ' The release is complete, so its record no longer changes.' };
    const change = recordOnRelease(record, deployment, CI_REPORTER);
    if (change.events.length === 0) return { recorded: false };
    // Declares what it touches, so a person's concurrent change elsewhere merges instead of clashing.
    const events = change.events.map((e) => ({ ...e, data: stampTouches(e.data, ['deployments']) }));
    try {
      await deps.store.save(change.record, record.revision, events);
      return { recorded: true };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= SAVE_ATTEMPTS) throw error;
    }
    const latest = await deps.store.get(record.versionId);
    if (!latest) throw new ConflictError(text('errors.deployment.recordGone'));
    record = latest;
  }
}

/** Slack/Teams about a failed production deployment; a webhook's trouble never fails the report. */
async function notifyFailure(deps: DeploymentDeps, projectKey: string, version: { id: string; name: string }, d: ReportedDeployment, status: 'failed' | 'rolled_back'): Promise<void> {
  if (!deps.notify) return;
  try {
    const integration = await deps.notify.integrations.settings(projectKey);
    const panelUrl = integration?.siteUrl && deps.notify.panelUrl?.(integration.siteUrl, projectKey, version.id);
    await sendNotification(deps.notify, {
      projectKey,
      versionId: version.id,
      versionName: version.name,
      ...(panelUrl && { panelUrl }),
      day: isoDay(new Date(d.at)),
      at: d.at,
      event: { kind: 'deployment-failed', environment: d.environment, build: d.build, status, ...(d.pipeline && { pipeline: d.pipeline }), ...(d.url && { url: d.url }) },
    });
  } catch (error) {
    console.warn('Preflight could not notify about a failed production deployment', error);
  }
}
