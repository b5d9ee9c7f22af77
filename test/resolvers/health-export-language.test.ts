import { createEmulatedSite, projectPageExtension } from '../../local/emulated-site';
import { LOCAL_USERS } from '../../local/sim/users';
import { runInvocation } from '../../local/runtime/forge-runtime';
import { adfProblems } from '../../src/domain/adf/adf-kit';
import type { Envelope } from '../../src/shared/envelope';
import { HEALTH_KEYS, type ReleaseHealthView } from '../../src/shared/health';
import type { AppLocale } from '../../src/shared/i18n/locales';
import { setProjectLanguage } from '../support/project-language';
import { adfTexts } from '../support/adf-text';

/**
 * The "Release health" macro's Word/PDF export in the language of the project it shows (project
 * settings, "Language"), whoever exports it: the figures' labels, how they were counted and each
 * release's cells. English stays the default and reads as before (test/resolvers/health.test.ts).
 */
const site = createEmulatedSite();
type Node = { type: string; text?: string; content?: Node[] };
const rowsOf = (n: Node): string[][] => (n.type === 'tableRow' ? [(n.content ?? []).map((c) => adfTexts(c).join(''))] : (n.content ?? []).flatMap(rowsOf));

async function ok<T>(answer: Promise<Envelope<T>>): Promise<T> {
  const a = await answer;
  if (!a.ok) throw new Error(`${a.error.code} ${a.error.message}`);
  return a.data;
}

const setLanguage = (language: AppLocale) => setProjectLanguage(site, language);

/** The export as the release owner (an English-speaking person: the page follows the project). */
async function exported(): Promise<{ doc: Node; rows: string[][]; view: ReleaseHealthView }> {
  const owner = LOCAL_USERS.find((u) => u.persona === 'release-owner')!.accountId;
  const adf = await runInvocation({ accountId: owner, moduleKey: 'export' }, async () =>
    site.handler('health-export')({ extensionPayload: { config: { projectKey: 'PAY', releases: 10 } } }, { principal: { accountId: owner } }),
  );
  expect(adfProblems(adf as never)).toEqual([]);
  const view = await ok(
    site.invoke<Envelope<ReleaseHealthView>>({ as: 'release-owner', functionKey: HEALTH_KEYS.project, payload: { releases: 10 }, moduleKey: 'preflight-releases', extension: projectPageExtension(site, 'PAY') }),
  );
  return { doc: adf as Node, rows: rowsOf(adf as Node), view };
}

beforeAll(() => site.history);
afterEach(() => expect(site.violations).toEqual([]));
afterAll(() => setLanguage('en'));

it("a German project's health export reads in German: labels, counts, durations and cells", async () => {
  await setLanguage('de');
  const { doc, rows, view } = await exported();
  const a = view.aggregates;
  // The seeded history gives every figure a value: none of these rows reads "–" (nothing to count).
  const figure = (label: string) => rows.find((r) => r[0] === label)?.[1];
  for (const label of ['Pünktlichkeitsquote', 'Wiederherstellungszeit', 'Durchlaufzeit vom Einfrieren bis zur Produktion']) expect(figure(label)).toMatch(/^\d/);
  expect(adfTexts(doc)[0]).toBe('Release-Zustand: PAY');
  expect(rows[0]).toEqual(['Kennzahl', 'Wert', 'Wie gezählt wurde']);
  expect(rows).toContainEqual(['Pünktlichkeitsquote', `${a.onTime!.percent} %`, `${a.onTime!.onTime} von ${a.onTime!.planned} Releases mit geplantem Datum`]);
  const restore = rows.find((r) => r[0] === 'Wiederherstellungszeit')!;
  expect(restore[1]).toMatch(/^\d+ (T|Std\.|Min\.)/);
  expect(restore[2]).toMatch(/^Median von \d+ behobenen (Vorfall|Vorfällen) \(Mittel \d+ (T|Std\.|Min\.)/);
  expect(rows).toContainEqual(['Release', 'Veröffentlicht', 'Geplant', 'Verzug', 'Umfangsänderung', 'Übersteuerungen', 'Außerhalb veröffentlicht', 'QA-Ablehnungen', 'Vorfälle', 'Wiederherstellungszeit', 'Durchlaufzeit']);
  for (const row of view.rows) expect(rows.find((r) => r[0] === row.name)?.[6]).toBe(row.releasedOutside ? 'ja' : 'nein');
  expect(adfTexts(doc).join('\n')).not.toMatch(/On-time|with a planned date|resolved|on the day|no plan|\bdays?\b|\bmin\b|\byes\b|\bno\b/);
});

it("a Japanese project's health export reads in Japanese", async () => {
  await setLanguage('ja');
  const { doc, rows, view } = await exported();
  const a = view.aggregates;
  expect(adfTexts(doc)[0]).toBe('リリースの健全性: PAY');
  expect(rows).toContainEqual(['期日どおりの割合', `${a.onTime!.percent}%`, `予定日のある ${a.onTime!.planned} 件のリリースのうち ${a.onTime!.onTime} 件`]);
  const lead = rows.find((r) => r[0] === '凍結から本番までのリードタイム')!;
  expect(lead[1]).toMatch(/^\d+(日|時間|分)/);
  expect(lead[2]).toMatch(new RegExp(`^${a.leadTime!.measured} 件のリリースの中央値 \\(平均 \\d+(日|時間|分)`));
  expect(rows).toContainEqual(['リリース', 'リリース日', '予定日', '遅延', 'スコープ変動', 'オーバーライド', '外部でリリース', 'QA 却下', 'インシデント', '復旧時間', 'リードタイム']);
  expect(adfTexts(doc).join('\n').replace(/Preflight|Jira|PAY past-\d+/g, '')).not.toMatch(/[a-z]{3,}/);
});

it("an English project's export stays English", async () => {
  await setLanguage('en');
  const { rows, view } = await exported();
  const a = view.aggregates;
  expect(rows[0]).toEqual(['Figure', 'Value', 'How it was counted']);
  expect(rows).toContainEqual(['On-time rate', `${a.onTime!.percent}%`, `${a.onTime!.onTime} of ${a.onTime!.planned} releases with a planned date`]);
  expect(rows).toContainEqual(['Release', 'Released', 'Planned', 'Slip', 'Scope churn', 'Overrides', 'Released outside', 'QA rejections', 'Incidents', 'Time to restore', 'Lead time']);
  expect(rows.find((r) => r[0] === 'Time to restore')![1]).toMatch(/^\d+ (d|h|min)/);
});
