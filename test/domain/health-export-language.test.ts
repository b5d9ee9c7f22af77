import { releaseHealthAdf } from '../../src/domain/adf/health-adf';
import { adfProblems } from '../../src/domain/adf/adf-kit';
import { HEALTH_COLUMNS, healthCells, healthCsv, healthSummary } from '../../src/domain/health-table';
import { healthCellWords, healthColumnWords, healthSummaryWords } from '../../src/domain/health-wording';
import { serverTranslator } from '../../src/i18n/server-translator';
import type { HealthAggregates, HealthRow, ReleaseHealthView } from '../../src/shared/health';
import { adfTexts } from '../support/adf-text';

/**
 * The "Release health" macro's Word/PDF export in the project's language: the figures' labels,
 * how they were counted and the per-release cells. English reads as the CSV (which stays English).
 */
type Node = { type: string; text?: string; content?: Node[] };
const rowsOf = (n: Node): string[][] => (n.type === 'tableRow' ? [(n.content ?? []).map((c) => adfTexts(c).join(''))] : (n.content ?? []).flatMap(rowsOf));

// Counts above one, so the English plural matches health-table's fixed plural wording.
const aggregates: HealthAggregates = {
  releases: 5,
  tracked: 4,
  onTime: { onTime: 3, planned: 5, percent: 60 },
  slip: { meanDays: 2, maxDays: 4, planned: 5 },
  scopeChurn: { added: 3, atFreeze: 20, percent: 15, releases: 2 },
  overrides: 2,
  releasedOutside: 1,
  qaRejections: 3,
  changeFailureRate: { failed: 2, total: 4, percent: 50 },
  timeToRestore: { meanMinutes: 150, medianMinutes: 130, restored: 2 },
  leadTime: { meanMinutes: 16_560, medianMinutes: 4_380, measured: 3 },
  deploymentFrequency: { deployments: 4, weeks: 12, perWeek: 0.33 },
};
const late: HealthRow = {
  versionId: '1', name: 'PAY 1.0', releasedOn: '2026-09-12', tracked: true, plannedOn: '2026-09-10', slipDays: 2, addedAfterFreeze: 3, churnPercent: 15,
  overrides: 1, releasedOutside: true, qaRejections: 2, incidents: 1, restoreMinutes: 130, leadTimeMinutes: 16_560,
};
const onTheDay: HealthRow = { versionId: '2', name: 'PAY 1.1', releasedOn: '2026-10-01', tracked: true, slipDays: 0, addedAfterFreeze: 2, overrides: 0, releasedOutside: false, qaRejections: 0, incidents: 0 };
const untracked: HealthRow = { versionId: '3', name: 'PAY 1.2', releasedOn: '2026-10-20', tracked: false, overrides: 0, releasedOutside: false, qaRejections: 0, incidents: 0 };
const view: ReleaseHealthView = { subject: { kind: 'project', projectKey: 'PAY' }, window: 5, asOf: '2026-12-01T00:00:00.000Z', rows: [late, onTheDay, untracked], aggregates };
const none: HealthAggregates = { releases: 1, tracked: 0, overrides: 0, releasedOutside: 0, qaRejections: 0 };

describe('English', () => {
  const en = serverTranslator('en');

  it('words the figures, the columns and the cells as the CSV does', () => {
    expect(healthSummaryWords(aggregates, en)).toEqual(healthSummary(aggregates));
    expect(healthSummaryWords(none, en)).toEqual(healthSummary(none));
    expect(healthColumnWords(en)).toEqual([...HEALTH_COLUMNS]);
    for (const row of view.rows) expect(healthCellWords(row, en)).toEqual(healthCells(row));
    expect(healthCellWords({ ...late, slipDays: -1, addedAfterFreeze: 1, churnPercent: undefined }, en)).toEqual(healthCells({ ...late, slipDays: -1, addedAfterFreeze: 1, churnPercent: undefined }));
  });

  it('the export reads as before: same tables, English words, and the CSV keeps its English columns', () => {
    const doc = releaseHealthAdf('Release health: PAY', view) as unknown as Node;
    const rows = rowsOf(doc);
    expect(rows).toContainEqual(['On-time rate', '60%', '3 of 5 releases with a planned date']);
    expect(rows).toContainEqual(['Time to restore', '2 h 10 min', 'median of 2 resolved incidents (mean 2 h 30 min)']);
    expect(rows).toContainEqual([...HEALTH_COLUMNS]);
    expect(rows).toContainEqual(['PAY 1.0', '2026-09-12', '2026-09-10', '+2 days', '3 added (15%)', '1', 'yes', '2', '1', '2 h 10 min', '11 d 12 h']);
    expect(rows).toContainEqual(['PAY 1.1', '2026-10-01', 'no plan', 'on the day', '2 added', '0', 'no', '0', '0', '–', '–']);
    expect(healthCsv([untracked]).split('\r\n')[0]).toBe('Release,Released,Planned,Slip,Scope churn,Overrides,Released outside,QA rejections,Incidents,Time to restore,Lead time');
  });
});

describe("the project's language", () => {
  it('German: labels, counts, durations and cells', () => {
    const doc = releaseHealthAdf('Release-Zustand: PAY', view, serverTranslator('de')) as unknown as Node;
    expect(adfProblems(doc as never)).toEqual([]);
    const rows = rowsOf(doc);
    expect(rows[0]).toEqual(['Kennzahl', 'Wert', 'Wie gezählt wurde']);
    expect(rows).toContainEqual(['Pünktlichkeitsquote', '60 %', '3 von 5 Releases mit geplantem Datum']);
    expect(rows).toContainEqual(['Mittlerer Verzug', '2 Tage', 'höchstens 4 Tage zu spät']);
    expect(rows).toContainEqual(['Wiederherstellungszeit', '2 Std. 10 Min.', 'Median von 2 behobenen Vorfällen (Mittel 2 Std. 30 Min.)']);
    expect(rows).toContainEqual(['Bereitstellungshäufigkeit', '0,33 pro Woche', '4 Produktionsbereitstellungen in 12 Wochen']);
    expect(rows).toContainEqual(['Release', 'Veröffentlicht', 'Geplant', 'Verzug', 'Umfangsänderung', 'Übersteuerungen', 'Außerhalb veröffentlicht', 'QA-Ablehnungen', 'Vorfälle', 'Wiederherstellungszeit', 'Durchlaufzeit']);
    expect(rows).toContainEqual(['PAY 1.0', '2026-09-12', '2026-09-10', '+2 Tage', '3 hinzugefügt (15 %)', '1', 'ja', '2', '1', '2 Std. 10 Min.', '11 T 12 Std.']);
    expect(rows).toContainEqual(['PAY 1.1', '2026-10-01', 'kein Plan', 'am Tag selbst', '2 hinzugefügt', '0', 'nein', '0', '0', '–', '–']);
    expect(rows).toContainEqual(['PAY 1.2', '2026-10-20', 'nicht verfolgt', '–', '–', '0', 'nein', '0', '0', '–', '–']);
    expect(adfTexts(doc).join('\n')).not.toMatch(/releases with|resolved|on the day|no plan|\bdays?\b|\bmin\b|\byes\b/);
  });

  it('Japanese: labels, counts, durations and cells', () => {
    const doc = releaseHealthAdf('リリースの健全性: PAY', view, serverTranslator('ja')) as unknown as Node;
    expect(adfProblems(doc as never)).toEqual([]);
    const rows = rowsOf(doc);
    expect(rows[0]).toEqual(['指標', '値', '集計方法']);
    expect(rows).toContainEqual(['期日どおりの割合', '60%', '予定日のある 5 件のリリースのうち 3 件']);
    expect(rows).toContainEqual(['復旧時間', '2時間10分', '解決済み 2 件のインシデントの中央値 (平均 2時間30分)']);
    expect(rows).toContainEqual(['凍結から本番までのリードタイム', '3日1時間', '3 件のリリースの中央値 (平均 11日12時間)']);
    expect(rows).toContainEqual(['リリース', 'リリース日', '予定日', '遅延', 'スコープ変動', 'オーバーライド', '外部でリリース', 'QA 却下', 'インシデント', '復旧時間', 'リードタイム']);
    expect(rows).toContainEqual(['PAY 1.0', '2026-09-12', '2026-09-10', '+2 日', '3 件追加 (15%)', '1', 'はい', '2', '1', '2時間10分', '11日12時間']);
    expect(rows).toContainEqual(['PAY 1.1', '2026-10-01', '予定なし', '当日', '2 件追加', '0', 'いいえ', '0', '0', '–', '–']);
    // Only product names stay in Latin letters.
    expect(adfTexts(doc).join('\n').replace(/Preflight|Jira/g, '')).not.toMatch(/[a-z]{3,}/);
  });

  it('French and German word the figures with no data too', () => {
    expect(healthSummaryWords(none, serverTranslator('fr')).map((f) => f.detail)).toContain('aucune version n’avait de date prévue');
    expect(healthSummaryWords(none, serverTranslator('de')).find((f) => f.label === 'Änderungsfehlerrate')).toEqual({ label: 'Änderungsfehlerrate', value: '–', detail: 'kein Release ging live' });
  });
});
