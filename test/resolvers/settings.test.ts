import type { Envelope } from '../../src/shared/envelope';
import { SETTINGS_KEYS, type SettingsView } from '../../src/shared/settings';
import { createEmulatedSite, projectPageExtension } from '../../local/emulated-site';
import { join } from 'node:path';
import { REPO_ROOT } from '../../local/contracts/spec-files';
import { egressHostsFromManifest, installExternalFetch } from '../../local/runtime/external-fetch';
import { createWebhookSink } from '../../local/site/webhook-sink';
import { INTEGRATION_KEYS, type TestMessageResult } from '../../src/shared/notifications';

/** The settings page's resolvers as Forge runs them, over the simulated Jira and the local KVS. */
const site = createEmulatedSite();
type Persona = 'release-owner' | 'qa';

async function call<T>(as: Persona, functionKey: string, payload: unknown): Promise<Envelope<T>> {
  return site.invoke<Envelope<T>>({ as, functionKey, payload, moduleKey: 'preflight-settings', extension: projectPageExtension(site, 'PAY') });
}
async function ok<T>(as: Persona, functionKey: string, payload: unknown): Promise<T> {
  const answer = await call<T>(as, functionKey, payload);
  if (!answer.ok) throw new Error(`${functionKey} as ${as}: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}

afterEach(() => expect(site.violations).toEqual([]));

describe('the language of pages and notifications', () => {
  it('is English until an admin chooses another, which then stays chosen', async () => {
    const current = await ok<SettingsView>('release-owner', SETTINGS_KEYS.get, {});
    expect(current.settings.language).toBe('en');
    const saved = await ok<SettingsView>('release-owner', SETTINGS_KEYS.save, { revision: current.revision, settings: { ...current.settings, language: 'de' } });
    expect(saved.settings.language).toBe('de');
    expect((await ok<SettingsView>('qa', SETTINGS_KEYS.get, {})).settings.language).toBe('de');
  });

  it('reads settings saved before the choice existed as English', async () => {
    const current = await ok<SettingsView>('release-owner', SETTINGS_KEYS.get, {});
    const { language: _omitted, ...older } = current.settings;
    const saved = await ok<SettingsView>('release-owner', SETTINGS_KEYS.save, { revision: current.revision, settings: older });
    expect(saved.settings.language).toBe('en');
  });

  it('refuses a language Preflight does not speak, naming the field', async () => {
    const current = await ok<SettingsView>('release-owner', SETTINGS_KEYS.get, {});
    const answer = await call('release-owner', SETTINGS_KEYS.save, { revision: current.revision, settings: { ...current.settings, language: 'tlh' } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ field: 'settings.language', message: 'expected one of the languages en, de, fr, ja' }] } });
  });
});

describe('a test message per webhook', () => {
  const SLACK = 'https://hooks.slack.com/services/T0TEST/B0TEST/settingsSecret';
  const sink = createWebhookSink();
  beforeAll(() => installExternalFetch({ allowedHosts: egressHostsFromManifest(join(REPO_ROOT, 'manifest.yml')), route: sink.handle }));
  beforeEach(() => sink.clear());

  it('arrives at the configured Slack webhook and says so', async () => {
    await ok('release-owner', INTEGRATION_KEYS.saveWebhooks, { slack: SLACK });
    const answer = await ok<TestMessageResult>('release-owner', INTEGRATION_KEYS.sendTestMessage, { channel: 'slack' });
    expect(answer).toEqual({ channel: 'slack', ok: true });
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]).toMatchObject({ service: 'slack', url: SLACK, status: 200 });
    expect(JSON.stringify(sink.messages[0]!.body)).toContain('Preflight test message for PAY');
  });

  it('answers the reason when the webhook refuses it, without queueing a retry', async () => {
    sink.failNext(1, 404);
    const answer = await ok<TestMessageResult>('release-owner', INTEGRATION_KEYS.sendTestMessage, { channel: 'slack' });
    expect(answer).toEqual({ channel: 'slack', ok: false, error: expect.stringContaining('The webhook answered 404') });
  });

  it('is refused for a channel without a webhook and for people who are not project admins', async () => {
    const none = await call('release-owner', INTEGRATION_KEYS.sendTestMessage, { channel: 'teams' });
    expect(none).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('No Microsoft Teams webhook is set for PAY') } });
    const other = await call('qa', INTEGRATION_KEYS.sendTestMessage, { channel: 'slack' });
    expect(other).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(sink.messages).toEqual([]);
  });
});
