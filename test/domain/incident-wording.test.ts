import { adfProblems } from '../../src/domain/adf/adf-kit';
import { retrospectiveAdf } from '../../src/domain/adf/retrospective-adf';
import { releaseIncidentReport } from '../../src/domain/incident-report';
import { changeFailureText, durationText, incidentTimingText, relativeText, timeToRestoreText } from '../../src/domain/incident-wording';
import { formatMinutes, relativeToDeployment } from '../../src/domain/incidents';
import { serverTranslator } from '../../src/i18n/server-translator';
import type { RetrospectiveView } from '../../src/shared/macros';
import { changeFailureLine, incidentTiming, timeToRestoreLine, type IncidentsView } from '../../src/shared/release-panel';
import { adfBlocks, adfTexts } from '../support/adf-text';
import { incident } from '../support/incident';

/**
 * Incident durations in the reader's language: the views keep minutes as numbers, pages word them
 * in the project's language and screens in the person's, and English reads exactly as before.
 */

const LIVE = '2026-03-02T00:00:00.000Z';
const INCIDENTS = [
  incident({ key: 'a', resolvedAt: '2026-03-02T02:50:00.000Z' }),
  incident({ key: 'b', startedAt: '2026-03-03T00:00:00.000Z', resolvedAt: '2026-03-03T02:00:00.000Z', severity: 4, tool: 'sentry' }),
  incident({ key: 'c', startedAt: '2026-03-04T00:00:00.000Z' }),
];
const CFR = { failed: 2, total: 4, rate: 0.5, percent: 50, window: 10 };


function retro(monitoring: IncidentsView): Omit<RetrospectiveView, 'canPublish' | 'published'> {
  return {
    project: { id: '1', key: 'PAY' },
    version: { id: '10', name: 'PAY 2.2', released: true },
    phases: [],
    scope: { atRelease: 3, addedAfterFreeze: [], slipped: [] },
    overrides: [],
    qaRejections: [],
    incidents: { logged: false },
    monitoring,
    verifiedLinks: [],
    sections: [],
  };
}
const monitoring = (language = 'en'): IncidentsView => ({ ...releaseIncidentReport(INCIDENTS, LIVE, serverTranslator(language)), changeFailureRate: CFR, dashboards: [] });

describe('incident durations in English', () => {
  it.each([0, 1, 40, 59, 60, 130, 1439, 1440, 1500, 2880, 4560])('%i minutes read as formatMinutes says', (minutes) => {
    expect(durationText(minutes)).toBe(formatMinutes(minutes));
  });

  it.each([
    ['2026-12-01T12:10:00Z', '+2 h 10 min after deployment'],
    ['2026-12-01T09:55:00Z', '-5 min before deployment'],
    ['2026-12-03T10:00:00Z', '+2 d after deployment'],
    ['2026-12-01T10:00:00Z', '+0 min after deployment'],
  ])('an incident started %s reads "%s", as relativeToDeployment says', (at, words) => {
    const minutes = Math.round((Date.parse(at) - Date.parse('2026-12-01T10:00:00Z')) / 60_000);
    expect(relativeText(minutes)).toBe(words);
    expect(relativeToDeployment(at, '2026-12-01T10:00:00Z')).toBe(words);
  });

  it('the report keeps the minutes as numbers beside the same English words as before', () => {
    const report = releaseIncidentReport(INCIDENTS, LIVE);
    expect(report.incidents.map((i) => [i.key, i.startedAfterMinutes, i.startedRelative, i.restoredMinutes, i.restoredAfter])).toEqual([
      ['a', 130, '+2 h 10 min after deployment', 40, '40 min'],
      ['b', 1440, '+1 d after deployment', 120, '2 h'],
      ['c', 2880, '+2 d after deployment', undefined, undefined],
    ]);
    expect(report.incidents.map((i) => incidentTimingText(i))).toEqual(report.incidents.map(incidentTiming));
    expect(timeToRestoreText(report.timeToRestore!)).toBe(timeToRestoreLine(report.timeToRestore!));
    expect(changeFailureText(CFR)).toBe(changeFailureLine(CFR));
    expect(changeFailureText({ ...CFR, failed: 1, total: 1, percent: 100 })).toBe(changeFailureLine({ ...CFR, failed: 1, total: 1, percent: 100 }));
  });

  it('the English retrospective page reads as before', () => {
    const adf = retrospectiveAdf('Retrospective: PAY 2.2', retro(monitoring()));
    expect(adfProblems(adf)).toEqual([]);
    const lines = adfBlocks(adf, 'paragraph');
    expect(lines).toContain('Severity 2 · Datadog: checkout-api error rate above 5% (+2 h 10 min after deployment, resolved after 40 min)');
    expect(lines).toContain('Severity 4 · Sentry: checkout-api error rate above 5% (+1 d after deployment, resolved after 2 h)');
    expect(lines).toContain('Severity 2 · Datadog: checkout-api error rate above 5% (+2 d after deployment, still open)');
    expect(lines).toContain('Time to restore: 1 h 20 min on average (median 1 h 20 min, 2 incidents resolved)');
    expect(lines).toContain('Change failure rate: 50% (2 of the last 4 releases had an incident during bedding-in)');
    expect(adfTexts(adf)).toContain('Verified, with links (0)');
  });
});

describe('incident durations in the reader\'s language', () => {
  it('German and Japanese durations', () => {
    const de = serverTranslator('de');
    const ja = serverTranslator('ja');
    expect([40, 120, 130, 1440, 1500].map((m) => durationText(m, de))).toEqual(['40 Min.', '2 Std.', '2 Std. 10 Min.', '1 T', '1 T 1 Std.']);
    expect([40, 120, 130, 1440, 1500].map((m) => durationText(m, ja))).toEqual(['40分', '2時間', '2時間10分', '1日', '1日1時間']);
    expect(relativeText(-5, de)).toBe('5 Min. vor der Bereitstellung');
    expect(relativeText(130, ja)).toBe('デプロイの2時間10分後');
  });

  it('a screen\'s view worded for a German reader (the caller\'s translator) carries German strings and the same minutes', () => {
    const report = releaseIncidentReport(INCIDENTS, LIVE, serverTranslator('de'));
    expect(report.incidents[0]).toMatchObject({ startedAfterMinutes: 130, startedRelative: '2 Std. 10 Min. nach der Bereitstellung', restoredMinutes: 40, restoredAfter: '40 Min.' });
    expect(report.timeToRestore).toEqual({ meanMinutes: 80, medianMinutes: 80, restored: 2, mean: '1 Std. 20 Min.', median: '1 Std. 20 Min.' });
  });

  it('the German retrospective page words each incident\'s timing, the time to restore and the change failure rate in German', () => {
    // The view may have been made for someone else (an English macro reader): the page words the minutes itself.
    const adf = retrospectiveAdf('Retrospektive: PAY 2.2', retro(monitoring('en')), serverTranslator('de'));
    expect(adfProblems(adf)).toEqual([]);
    const lines = adfBlocks(adf, 'paragraph');
    expect(lines).toContain('Schweregrad 2 · Datadog: checkout-api error rate above 5% (2 Std. 10 Min. nach der Bereitstellung, behoben nach 40 Min.)');
    expect(lines).toContain('Schweregrad 4 · Sentry: checkout-api error rate above 5% (1 T nach der Bereitstellung, behoben nach 2 Std.)');
    expect(lines).toContain('Schweregrad 2 · Datadog: checkout-api error rate above 5% (2 T nach der Bereitstellung, noch offen)');
    expect(lines).toContain('Zeit bis zur Wiederherstellung: durchschnittlich 1 Std. 20 Min. (Median 1 Std. 20 Min., 2 Incidents behoben)');
    expect(lines).toContain('Änderungsfehlerrate: 50 % (2 von den letzten 4 Releases hatten einen Incident in der Einschwingphase)');
    expect(adfTexts(adf)).toContain('Geprüft, mit Links (0)');
    for (const english of ['after deployment', 'resolved after', 'still open', 'Time to restore', 'Change failure rate', ' min', ' h ']) expect(lines.join('\n')).not.toContain(english);
  });

  it('the Japanese retrospective page words them in Japanese', () => {
    const lines = adfBlocks(retrospectiveAdf('振り返り: PAY 2.2', retro(monitoring('en')), serverTranslator('ja')), 'paragraph');
    expect(lines).toContain('重大度 2 · Datadog: checkout-api error rate above 5% (デプロイの2時間10分後、40分後に解決)');
    expect(lines).toContain('重大度 2 · Datadog: checkout-api error rate above 5% (デプロイの2日後、未解決)');
    expect(lines).toContain('復旧までの時間: 平均 1時間20分（中央値 1時間20分、解決済みインシデント 2 件）');
    expect(lines).toContain('変更失敗率: 50%（直近 4 件のリリースのうち 2 件で安定化期間中にインシデントが発生）');
  });

  it('without a live time, the start reads as an instant in the page\'s language', () => {
    const report = releaseIncidentReport([incident({})], undefined);
    const lines = adfBlocks(retrospectiveAdf('Retrospektive: PAY 2.2', retro({ ...report, dashboards: [] }), serverTranslator('de')), 'paragraph');
    expect(lines.find((l) => l.startsWith('Schweregrad 2'))).toMatch(/\(begonnen am 2\. März 2026, 02:10 UTC, noch offen\)$/);
  });
});
