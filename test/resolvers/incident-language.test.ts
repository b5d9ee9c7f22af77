import { runInvocation } from '../../local/runtime/forge-runtime';
import { adfProblems } from '../../src/domain/adf/adf-kit';
import { MONITORING_KEYS, type RotatedMonitoringSecret } from '../../src/shared/monitoring';
import { trackRelease, triggerSite } from '../triggers/helpers';
import { isoDay, monitoringFixture, sendAlert, yesterdaysIncident } from '../triggers/monitoring-alerts';
import type { AppLocale } from '../../src/shared/i18n/locales';
import { setProjectLanguage } from '../support/project-language';
import { adfBlocks } from '../support/adf-text';

/**
 * Incident durations on the retrospective's Word/PDF export, end to end through the emulator, in
 * the project's language: an alert sent through the monitoring web trigger, opened 2 h 10 min after
 * PAY 2.2 went live and recovered 40 min later, reads in German or Japanese on a German or Japanese
 * project's export, and as before in English.
 */
const t = triggerSite({ history: false });
const { site } = t;
const { live, started, resolved } = yesterdaysIncident();
let secret = '';
let v22 = '';

const setLanguage = (language: AppLocale) => setProjectLanguage(site, language);

/** Each paragraph's text on the retrospective's export, as the exporting viewer gets it. */
async function exportedParagraphs(): Promise<string[]> {
  const accountId = site.user('viewer').accountId;
  const event = { exportType: 'pdf', extensionPayload: { config: { projectKey: 'PAY', versionId: v22 } }, context: { siteUrl: 'http://localhost:4000' } };
  const adf = await runInvocation({ accountId, moduleKey: 'export' }, async () => site.handler('retrospective-export')(event, { principal: { accountId } }));
  expect(adfProblems(adf)).toEqual([]);
  return adfBlocks(adf, 'paragraph');
}

beforeAll(async () => {
  v22 = t.version('PAY 2.2').id;
  await trackRelease(site, 'PAY', v22);
  expect((await site.jiraRest('release-owner', 'PUT', `/rest/api/3/version/${v22}`, { released: true, releaseDate: isoDay(live) })).status).toBe(200);
  await site.events.drain();
  secret = (await t.ok<RotatedMonitoringSecret>('release-owner', MONITORING_KEYS.rotateSecret, {})).secret;
  expect((await sendAlert(site, secret, { ...monitoringFixture('datadog-triggered.json', started), title: '[Triggered] checkout-api error rate above 5%', transition: 'Triggered' })).status).toBe(200);
  expect((await sendAlert(site, secret, { ...monitoringFixture('datadog-triggered.json', resolved), title: '[Recovered] checkout-api error rate above 5%', transition: 'Recovered' })).status).toBe(200);
});
afterEach(() => expect(site.violations).toEqual([]));
afterAll(() => setLanguage('en'));

it('an English project\'s retrospective export reads as before', async () => {
  await setLanguage('en');
  const lines = await exportedParagraphs();
  expect(lines).toContain('Severity 2 · Datadog: [Recovered] checkout-api error rate above 5% (+2 h 10 min after deployment, resolved after 40 min)');
  expect(lines).toContain('Time to restore: 40 min on average (median 40 min, 1 incident resolved)');
  expect(lines).toContain('Change failure rate: 100% (1 of 1 release had an incident during bedding-in)');
});

it('a German project\'s retrospective export words the incident\'s timing, the time to restore and the change failure rate in German', async () => {
  await setLanguage('de');
  const lines = await exportedParagraphs();
  expect(lines).toContain('Schweregrad 2 · Datadog: [Recovered] checkout-api error rate above 5% (2 Std. 10 Min. nach der Bereitstellung, behoben nach 40 Min.)');
  expect(lines).toContain('Zeit bis zur Wiederherstellung: durchschnittlich 40 Min. (Median 40 Min., 1 Incident behoben)');
  expect(lines).toContain('Änderungsfehlerrate: 100 % (1 von 1 Release hatte einen Incident in der Einschwingphase)');
  expect(lines.join('\n')).not.toMatch(/after deployment|resolved after|Time to restore|Change failure rate/);
});

it('a Japanese project\'s retrospective export words them in Japanese', async () => {
  await setLanguage('ja');
  const lines = await exportedParagraphs();
  expect(lines).toContain('重大度 2 · Datadog: [Recovered] checkout-api error rate above 5% (デプロイの2時間10分後、40分後に解決)');
  expect(lines).toContain('復旧までの時間: 平均 40分（中央値 40分、解決済みインシデント 1 件）');
  expect(lines).toContain('変更失敗率: 100%（直近 1 件のリリースのうち 1 件で安定化期間中にインシデントが発生）');
});
