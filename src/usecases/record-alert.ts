import { createHash } from 'node:crypto';
import { productionDeployment } from '../domain/deployments';
import { foldAlert, liveSince, MONITORING_TOOL_LABELS, releaseForAlert, SEVERE, type AlertSignal, type Incident } from '../domain/incidents';
import type { AuditEventDraft } from '../domain/release';
import { auditLine } from '../domain/audit-line';
import { stampTouches } from '../domain/merge';
import { defaultSettings } from '../domain/settings';
import { ConflictError } from '../errors';
import type { Clock, IncidentStore, JiraVersion, ReleaseStore, SettingsStore } from '../ports';

/** The project's versions as the app sees them (the web trigger has no user). */
export interface ProjectVersions {
  /** The newest versions of the project (one call), archived ones included. */
  recent(projectKey: string): Promise<JiraVersion[]>;
}

/** Files the optional Jira issue of an incident (asApp, POST /rest/api/3/issue). */
export interface IncidentIssues {
  /** The new issue's key. @throws ProductError */
  create(args: { projectKey: string; issueType: string; versionId: string; summary: string; description: string }): Promise<string>;
}

/** Told about a new severe incident (Slack/Teams); never throws. */
export interface IncidentNotifier {
  incidentOpened(incident: Incident, version: { id: string; name: string }): Promise<void>;
}

export interface RecordAlertDeps {
  incidents: IncidentStore;
  store: Pick<ReleaseStore, 'get' | 'save'>;
  settings: SettingsStore;
  versions: ProjectVersions;
  clock: Clock;
  issues?: IncidentIssues;
  notifier?: IncidentNotifier;
}

export type RecordAlertResult =
  | { recorded: true; change: 'opened' | 'updated' | 'resolved'; incident: Incident; version: { id: string; name: string } }
  | { recorded: false; message: string; incident?: Incident };

/** Where an alert folds: stable per project, tool and alert id, and a valid KVS key whatever the id holds. */
export function incidentKey(projectKey: string, signal: Pick<AlertSignal, 'tool' | 'alertId'>): string {
  return `${projectKey}:${signal.tool}:${createHash('sha256').update(signal.alertId, 'utf8').digest('hex').slice(0, 40)}`;
}

/** Audit events are written by the monitoring tool, not a person: `by` names the tool. */
const AUDIT_TOUCHES = ['incidents'];
const SAVE_ATTEMPTS = 5;

/**
 * Records one monitoring notification (the caller checked the project's secret): folds it into its
 * incident, or opens one on the release whose bedding-in window holds the alert's start. An alert
 * outside every window is answered, not stored. Each change is written to the release's audit
 * trail; a new severity 1-2 incident is notified; the project's incident issue type, when set,
 * gets one Jira issue per incident.
 * @throws ProductError when Jira cannot list the project's versions; StoredDocumentError.
 */
export async function recordAlert(deps: RecordAlertDeps, projectKey: string, signal: AlertSignal): Promise<RecordAlertResult> {
  if (signal.action === 'ignore') return { recorded: false, message: 'Nothing to record: the notification carries no alert state (e.g. "No Data", or a Sentry resource other than an alert).' };
  const key = incidentKey(projectKey, signal);
  const [existing, stored] = await Promise.all([deps.incidents.get(key), deps.settings.get(projectKey)]);
  const settings = stored?.settings ?? defaultSettings([]);

  let target: { key: string; projectKey: string; versionId: string } | undefined;
  let versionName: string | undefined;
  if (!existing && signal.action !== 'resolve') {
    const versions = (await deps.versions.recent(projectKey)).filter((v) => !v.archived);
    const records = await Promise.all(versions.map((v) => deps.store.get(v.id)));
    const candidates = versions.flatMap((v, i) => {
      const live = liveSince(records[i] ? productionDeployment(records[i]) : undefined, v);
      return live ? [{ versionId: v.id, liveSince: live }] : [];
    });
    const versionId = releaseForAlert(candidates, signal.at, settings.beddingInDays);
    if (versionId) {
      target = { key, projectKey, versionId };
      versionName = versions.find((v) => v.id === versionId)?.name;
    }
  }
  const outcome = foldAlert(existing, signal, target);
  if (outcome.change === 'unchanged') {
    const message = !existing && !target && signal.action !== 'resolve'
      ? `Not recorded: the alert started ${signal.at}, outside the bedding-in window (${settings.beddingInDays} days from the production deployment) of every release of ${projectKey}.`
      : `Not recorded: ${outcome.reason}`;
    return { recorded: false, message, ...(outcome.incident && { incident: outcome.incident }) };
  }
  let incident = outcome.incident;
  await deps.incidents.save(incident);

  const version = { id: incident.versionId, name: versionName ?? incident.versionId };
  await appendAudit(deps, incident, outcome.change);

  if (outcome.change === 'opened' && deps.issues && settings.monitoring?.incidentIssueType) {
    incident = await fileIssue(deps, incident, settings.monitoring.incidentIssueType, version.name);
  }
  if (outcome.change === 'opened' && incident.severity <= SEVERE && deps.notifier) {
    await deps.notifier.incidentOpened(incident, version).catch((error: unknown) => console.warn('Preflight could not notify about an incident', error));
  }
  return { recorded: true, change: outcome.change, incident, version };
}

function auditEvent(incident: Incident, change: 'opened' | 'updated' | 'resolved', at: string): AuditEventDraft {
  const tool = MONITORING_TOOL_LABELS[incident.tool];
  const id = ({ opened: 'audit.incidentOpened', updated: 'audit.incidentUpdated', resolved: 'audit.incidentResolved' } as const)[change];
  return {
    type: `incident-${change}`,
    by: incident.tool,
    at,
    ...auditLine(id, { tool, severity: incident.severity, title: incident.title }),
    data: stampTouches({ kind: 'incident', tool: incident.tool, severity: String(incident.severity), incident: incident.key }, AUDIT_TOUCHES),
  };
}

/**
 * Appends the incident's event to its release's audit trail when Preflight tracks that release
 * (an untracked release has no trail yet; the incident itself is stored either way). The record
 * is saved unchanged but for its timestamp, under the usual compare-and-swap. Never throws: the
 * incident stands whatever the trail does.
 */
async function appendAudit(deps: RecordAlertDeps, incident: Incident, change: 'opened' | 'updated' | 'resolved'): Promise<void> {
  const at = deps.clock.now().toISOString();
  for (let attempt = 1; attempt <= SAVE_ATTEMPTS; attempt++) {
    const record = await deps.store.get(incident.versionId);
    if (!record) return;
    try {
      await deps.store.save({ ...record, updatedAt: at }, record.revision, [auditEvent(incident, change, at)]);
      return;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt === SAVE_ATTEMPTS) {
        console.warn('Preflight could not add the incident to the audit trail', error);
        return;
      }
    }
  }
}

/** One Jira issue per incident: the key is stored on the incident before anything else can open it again. */
async function fileIssue(deps: RecordAlertDeps, incident: Incident, issueType: string, versionName: string): Promise<Incident> {
  if (incident.jiraIssueKey || !deps.issues) return incident;
  try {
    const key = await deps.issues.create({
      projectKey: incident.projectKey,
      issueType,
      versionId: incident.versionId,
      summary: `Incident (severity ${incident.severity}): ${incident.title}`.slice(0, 250),
      description: `${MONITORING_TOOL_LABELS[incident.tool]} alert during the bedding-in of ${versionName}, started ${incident.startedAt}.${incident.link ? ` ${incident.link}` : ''}`,
    });
    const filed = { ...incident, jiraIssueKey: key };
    await deps.incidents.save(filed);
    return filed;
  } catch (error) {
    console.warn('Preflight could not file the incident issue in Jira', error);
    return incident;
  }
}
