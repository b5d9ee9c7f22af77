import { projectPageExtension, type EmulatedSite } from '../../local/emulated-site';
import type { Envelope } from '../../src/shared/envelope';
import { SETTINGS_KEYS, type SettingsView } from '../../src/shared/settings';
import type { AppLocale } from '../../src/shared/i18n/locales';

/** The project admin picks the language of a project's pages and notifications in its settings, as people do. */
export async function setProjectLanguage(site: EmulatedSite, language: AppLocale, project = 'PAY'): Promise<void> {
  const call = async <T>(functionKey: string, payload: unknown): Promise<T> => {
    const answer = await site.invoke<Envelope<T>>({ as: 'release-owner', functionKey, payload, moduleKey: 'preflight-settings', extension: projectPageExtension(site, project) });
    if (!answer.ok) throw new Error(`${functionKey}: ${answer.error.code} ${answer.error.message}`);
    return answer.data;
  };
  const current = await call<SettingsView>(SETTINGS_KEYS.get, {});
  await call(SETTINGS_KEYS.save, { revision: current.revision, settings: { ...current.settings, language } });
}
