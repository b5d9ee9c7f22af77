import type { Envelope } from '../../src/shared/envelope';
import { SETTINGS_KEYS, type SettingsView } from '../../src/shared/settings';
import { createEmulatedSite, projectPageExtension } from '../../local/emulated-site';

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
