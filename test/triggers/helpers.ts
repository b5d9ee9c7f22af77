import { join } from 'node:path';
import { REPO_ROOT } from '../../local/contracts/spec-files';
import { createEmulatedSite, projectPageExtension, type EmulatedSite } from '../../local/emulated-site';
import { egressHostsFromManifest, installExternalFetch } from '../../local/runtime/external-fetch';
import { invokeScheduledTrigger, invokeWebTrigger } from '../../local/runtime/invoke-trigger';
import { createWebhookSink, type WebhookSink } from '../../local/site/webhook-sink';
import type { Envelope } from '../../src/shared/envelope';
import { INTEGRATION_KEYS, type IntegrationsView, type RotatedSecret } from '../../src/shared/notifications';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';

type Persona = 'release-owner' | 'developer' | 'qa' | 'viewer';

export interface TriggerSite {
  site: EmulatedSite;
  sink: WebhookSink;
  ok<T>(as: Persona, functionKey: string, payload: unknown, moduleKey?: string): Promise<T>;
  call<T>(as: Persona, functionKey: string, payload: unknown, moduleKey?: string): Promise<Envelope<T>>;
  gate(query: Record<string, string>, headers?: Record<string, string>, method?: string, body?: string): Promise<{ statusCode: number; headers: Record<string, string[]>; body: string }>;
  reminders(): Promise<{ statusCode: number; body: string }>;
  retries(): Promise<{ statusCode: number; body: string }>;
  /** Generates PAY's gate secret as the project admin. */
  secret(project?: string): Promise<string>;
  version(name: string): { id: string; name: string };
  /** Moves a release through phases with overrides, as the release owner. */
  advance(versionId: string, times: number, project?: string): Promise<ReleaseView>;
}

/**
 * The emulated site with the web and scheduled triggers the manifest names, and egress to Slack
 * and Teams routed to a webhook sink (hosts from manifest.yml, as Forge would allow them).
 */
/** `history: false` leaves out the seeded past releases, for tests whose figures count only their own releases. */
export function triggerSite(opts: { issues?: number; eventRedelivery?: { rate: number; random: () => number }; history?: boolean } = {}): TriggerSite {
  const site = createEmulatedSite({ issues: opts.issues ?? 200, ...(opts.eventRedelivery && { eventRedelivery: opts.eventRedelivery }), ...(opts.history === false && { history: false }) });
  const sink = createWebhookSink();
  installExternalFetch({ allowedHosts: egressHostsFromManifest(join(REPO_ROOT, 'manifest.yml')), route: sink.handle });
  const call = <T>(as: Persona, functionKey: string, payload: unknown, moduleKey = 'preflight-settings', project = 'PAY') =>
    site.invoke<Envelope<T>>({ as, functionKey, payload, moduleKey, extension: projectPageExtension(site, project) });
  const ok = async <T>(as: Persona, functionKey: string, payload: unknown, moduleKey?: string, project?: string): Promise<T> => {
    const answer = await call<T>(as, functionKey, payload, moduleKey, project);
    if (!answer.ok) throw new Error(`${functionKey} as ${as}: ${answer.error.code} ${answer.error.message}`);
    return answer.data;
  };
  return {
    site,
    sink,
    ok,
    call,
    gate: async (query, headers = {}, method = 'GET', body = '') =>
      (await invokeWebTrigger({
        handler: site.handler('ci-gate'),
        moduleKey: 'preflight-ci-gate',
        request: {
          method,
          path: '/',
          headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
          queryParameters: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])),
          body,
        },
      })) as never,
    reminders: async () => (await invokeScheduledTrigger({ handler: site.handler('daily-reminders'), moduleKey: 'preflight-daily-reminders' })) as never,
    retries: async () => (await invokeScheduledTrigger({ handler: site.handler('retry-notifications'), moduleKey: 'preflight-retry-notifications' })) as never,
    secret: async (project = 'PAY') => (await ok<RotatedSecret>('release-owner', INTEGRATION_KEYS.rotateGateSecret, {}, 'preflight-settings', project)).secret,
    version: (name) => {
      const v = site.jira.versions.find((x) => x.name === name);
      if (!v) throw new Error(`No version ${name} in the seed`);
      return { id: v.id, name: v.name };
    },
    advance: async (versionId, times, project = 'PAY') => {
      let view = await ok<ReleaseView>('release-owner', PANEL_KEYS.get, { versionId }, 'preflight-releases', project);
      for (let i = 0; i < times; i++) {
        view = await ok<ReleaseView>('release-owner', PANEL_KEYS.advance, { versionId, revision: view.revision, override: { reason: 'Moving on for the test of the CI gate' } }, 'preflight-releases', project);
      }
      return view;
    },
  };
}

export type { IntegrationsView };

/**
 * Makes Preflight track a release the way people do: a change saved on its panel (the first
 * phase's plan). Opening a panel stores nothing, so it no longer makes a release tracked.
 */
export async function trackRelease(site: EmulatedSite, projectKey: string, versionId: string): Promise<void> {
  // Revision 0 and the template's first phase: what an untracked release's panel shows.
  const payload = { versionId, revision: 0, phaseId: 'planning' };
  const as = { as: 'release-owner' as const, moduleKey: 'preflight-releases', extension: projectPageExtension(site, projectKey) };
  const saved = await site.invoke<Envelope<ReleaseView>>({ ...as, functionKey: PANEL_KEYS.setDates, payload });
  if (!saved.ok) throw new Error(`release/set-dates of ${versionId}: ${saved.error.code} ${saved.error.message}`);
}
