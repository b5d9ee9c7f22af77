import { recordScopeAddition, recordScopeWithdrawn } from '../domain/jira-events';
import { isoDay } from '../domain/release-summary';
import { safeDeep } from '../domain/safe-text';
import type { Change } from '../domain/release';
import { applyToRelease, panelUrlOf, type JiraEventDeps } from './jira-event-deps';
import { sendNotification } from './send-notification';
import { UNKNOWN_JIRA_USER } from './record-version-event';

/** An issue's fix versions changed in Jira (one changelog entry of an `avi:jira:updated:issue` event). */
export interface FixVersionChange {
  issue: { id: string; key: string };
  changelogId: string;
  /** Version ids the entry added to the issue, and the ones it took off. */
  added: string[];
  removed: string[];
  by?: string;
}

const DAY_MS = 86_400_000;

/**
 * Records, at once, each frozen release the issue was added to as a scope change (who, when),
 * so the panel's list and the scope gate see it before anyone opens the panel; an issue that
 * left a version again before anyone decided is no longer one. When the release date is within
 * the project's reminder window, stakeholders hear of the addition (without the issue's key or
 * summary: a channel's audience is wider than the project's).
 * Idempotent: the same changelog entry twice records one scope change and notifies once.
 * @returns the changes saved, per version id.
 */
export async function recordScopeChange(deps: JiraEventDeps, input: FixVersionChange): Promise<Map<string, Change>> {
  const by = input.by ?? UNKNOWN_JIRA_USER;
  const at = deps.clock.now().toISOString();
  const saved = new Map<string, Change>();
  for (const versionId of input.removed) {
    const change = await applyToRelease(deps, versionId, (record) => recordScopeWithdrawn(record, input.issue.id, at));
    if (change) saved.set(versionId, change);
  }
  for (const versionId of input.added) {
    const change = await applyToRelease(deps, versionId, (record) => recordScopeAddition(record, { ...input.issue, changelogId: input.changelogId }, by, at));
    if (!change || change.events.length === 0) continue;
    saved.set(versionId, change);
    await notifyWithinWindow(deps, versionId, change, input.changelogId);
  }
  return saved;
}

async function notifyWithinWindow(deps: JiraEventDeps, versionId: string, change: Change, changelogId: string): Promise<void> {
  const { projectKey } = change.record;
  const integration = await deps.integrations.settings(projectKey);
  if (!integration || integration.channels.length === 0) return;
  const version = await deps.reads.version(versionId);
  if (!version.releaseDate || version.released) return;
  const today = isoDay(deps.clock.now());
  const daysLeft = Math.round((Date.parse(`${version.releaseDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
  // The reminders' window (settings: "remind N days before the release date"), as the daily reminders decide it.
  if (daysLeft < 0 || daysLeft > integration.reminderDays) return;
  const pending = Object.keys(change.record.scopeAdditions ?? {}).filter((id) => !change.record.scopeDecisions[id]).length;
  const panelUrl = await panelUrlOf(deps, projectKey, versionId);
  try {
    await sendNotification(
      deps,
      safeDeep({
        projectKey,
        versionId,
        versionName: version.name,
        releaseDate: version.releaseDate,
        ...(panelUrl && { panelUrl }),
        day: today,
        at: change.events[0]!.at,
        event: { kind: 'scope-added' as const, additionId: changelogId, daysLeft, pending },
      }),
    );
  } catch (error) {
    console.warn('Preflight could not notify about a scope change', error);
  }
}
