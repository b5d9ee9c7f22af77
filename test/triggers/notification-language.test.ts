import { INTEGRATION_KEYS } from '../../src/shared/notifications';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';
import { triggerSite } from './helpers';
import type { AppLocale } from '../../src/shared/i18n/locales';
import { setProjectLanguage } from '../support/project-language';

const SLACK = 'https://hooks.slack.com/services/T0000/B0000/abcdefghijkl';
const TEAMS = 'https://prod-42.westeurope.logic.azure.com:443/workflows/0a1b2c/triggers/manual/paths/invoke?sig=zzzz';

/**
 * A project's notifications speak its configured language (project settings, "Language"), for
 * everyone in the channel, whoever caused them: a German project's Slack message and Teams card.
 */
const t = triggerSite();
afterEach(() => expect(t.site.violations).toEqual([]));

const setLanguage = (language: AppLocale) => setProjectLanguage(t.site, language);

it('a German project hears about an overridden phase change in German on Slack and Teams', async () => {
  await t.ok('release-owner', INTEGRATION_KEYS.saveWebhooks, { slack: SLACK, teams: TEAMS });
  await setLanguage('de');
  const v = t.version('PAY 2.2');
  const before = t.sink.messages.length;
  // The release owner's own UI language does not matter: the message is the project's.
  const view = await t.ok<ReleaseView>('release-owner', PANEL_KEYS.get, { versionId: v.id }, 'preflight-releases');
  await t.ok('release-owner', PANEL_KEYS.advance, { versionId: v.id, revision: view.revision, override: { reason: 'Umfang im Planungsmeeting vereinbart' } }, 'preflight-releases');
  const sent = t.sink.messages.slice(before);
  expect(sent.map((m) => m.service).sort()).toEqual(['slack', 'teams']);

  const slack = sent.find((m) => m.service === 'slack')!.body as { text: string; blocks: unknown[] };
  expect(slack.text).toBe('PAY 2.2 ist jetzt in Build &amp; test, Gates wurden übersteuert');
  const blocks = JSON.stringify(slack.blocks);
  expect(blocks).toContain('Die Veröffentlichung hat');
  expect(blocks).toContain('hat fehlschlagende Gates übersteuert');
  expect(blocks).toContain('Grund: Umfang im Planungsmeeting vereinbart');
  expect(blocks).toContain('*Projekt*');
  expect(blocks).toContain('Gesendet von Preflight');
  expect(blocks).not.toMatch(/moved to|overrode|Sent by Preflight|\*Project\*/);

  const teams = JSON.stringify(sent.find((m) => m.service === 'teams')!.body);
  expect(teams).toContain('PAY 2.2 ist jetzt in Build & test, Gates wurden übersteuert');
  expect(teams).toContain('Projekt: ');
  expect(teams).toContain('Gesendet von Preflight');
  expect(teams).not.toMatch(/moved to|overrode|Sent by Preflight|Project: /);
  await setLanguage('en');
});
