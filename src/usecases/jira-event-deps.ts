import type { Change, ReleaseRecord } from '../domain/release';
import { ConflictError } from '../errors';
import type { ProjectAccess, ReleaseNotifier, ReleaseReads, ReleaseStore, SettingsStore } from '../ports';
import type { QaChecks } from './qa-reconcile';
import type { NotifyDeps } from './send-notification';

/**
 * What the Jira event use cases need. A product event has no user: Jira reads go as the app, and
 * only releases Preflight already tracks are touched.
 */
export interface JiraEventDeps extends NotifyDeps {
  reads: ReleaseReads;
  store: ReleaseStore;
  settings: SettingsStore;
  access: Pick<ProjectAccess, 'projectRoles'>;
  qaChecks?: QaChecks;
  /** Slack/Teams for the changes stakeholders hear about (released outside Preflight, ...). */
  notifier?: ReleaseNotifier;
  /** The release panel's address, when the project's site is known. */
  panelUrl?: (siteUrl: string, projectKey: string, versionId: string) => string;
}

/** How often a change is re-applied after losing the compare-and-swap to someone else's save. */
const SAVE_ATTEMPTS = 8;

/**
 * Applies a pure change to the stored record and saves it with its audit events under the
 * record's revision; when someone saved first, the change is computed again on their record
 * (the functions in domain/jira-events.ts are idempotent, so a repeat is harmless).
 * @returns the saved change, or undefined when the version is not tracked or nothing changed.
 * @throws ConflictError after repeated lost races; whatever the store throws.
 */
export async function applyToRelease(
  deps: Pick<JiraEventDeps, 'store'>,
  versionId: string,
  change: (record: ReleaseRecord) => Change | Promise<Change>,
): Promise<Change | undefined> {
  for (let attempt = 1; ; attempt++) {
    const record = await deps.store.get(versionId);
    if (!record) return undefined;
    const result = await change(record);
    if (result.record === record) return undefined;
    try {
      const saved = await deps.store.save(result.record, record.revision, result.events);
      return { record: saved, events: result.events };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= SAVE_ATTEMPTS) throw error;
    }
  }
}

/** The release panel's address for a notification, when the integration settings know the site. */
export async function panelUrlOf(deps: JiraEventDeps, projectKey: string, versionId: string): Promise<string | undefined> {
  const siteUrl = (await deps.integrations.settings(projectKey))?.siteUrl;
  return siteUrl && deps.panelUrl ? deps.panelUrl(siteUrl, projectKey, versionId) : undefined;
}
