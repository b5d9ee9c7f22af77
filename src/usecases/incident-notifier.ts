import { MONITORING_TOOL_LABELS, type Incident } from '../domain/incidents';
import type { IncidentNotifier } from './record-alert';
import { sendNotification, type NotifyDeps } from './send-notification';

/**
 * Slack/Teams for a new severity 1-2 incident, through the same delivery, dedupe (one message per
 * incident) and retry queue as every other notification.
 */
export function incidentNotifier(deps: NotifyDeps, panelUrl?: (siteUrl: string, projectKey: string, versionId: string) => string): IncidentNotifier {
  return {
    async incidentOpened(incident: Incident, version) {
      const settings = await deps.integrations.settings(incident.projectKey);
      const now = deps.clock.now().toISOString();
      await sendNotification(deps, {
        projectKey: incident.projectKey,
        versionId: version.id,
        versionName: version.name,
        ...(settings?.siteUrl && panelUrl && { panelUrl: panelUrl(settings.siteUrl, incident.projectKey, version.id) }),
        day: now.slice(0, 10),
        at: now,
        event: { kind: 'incident-opened', incidentId: incident.key, tool: MONITORING_TOOL_LABELS[incident.tool], severity: incident.severity, title: incident.title, startedAt: incident.startedAt },
      });
    },
  };
}
