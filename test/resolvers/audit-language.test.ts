import { auditSummary } from '../../src/domain/audit-line';
import { verifyEvidencePack, type EvidencePack } from '../../src/domain/evidence';
import { serverTranslator } from '../../src/i18n/server-translator';
import type { Envelope } from '../../src/shared/envelope';
import { PANEL_KEYS, type AuditPage, type ReleaseView } from '../../src/shared/release-panel';
import { createEmulatedSite, projectPageExtension } from '../../local/emulated-site';

/**
 * The audit trail reads in each person's language: every event keeps its line as a message id and
 * values beside the English summary, and the panel words it for the reader. Nothing translated is
 * stored, an older event without a message reads as it was stored, and the evidence pack still
 * verifies with the messages inside it.
 */
const site = createEmulatedSite({ issues: 60 });
const ACTIVE = () => site.jira.versions.find((v) => v.name === 'PAY 2.2')!;

function call<T>(functionKey: string, payload: unknown, locale?: string): Promise<Envelope<T>> {
  return site.invoke<Envelope<T>>({ as: 'release-owner', functionKey, payload, moduleKey: 'preflight-releases', extension: projectPageExtension(site, 'PAY'), ...(locale && { locale }) });
}
async function ok<T>(answer: Promise<Envelope<T>>): Promise<T> {
  const a = await answer;
  if (!a.ok) throw new Error(`${a.error.code} ${a.error.message}`);
  return a.data;
}
const view = (locale?: string) => ok(call<ReleaseView>(PANEL_KEYS.get, { versionId: ACTIVE().id }, locale));

afterEach(() => expect(site.violations).toEqual([]));

it('a German reader sees the trail in German, a Japanese one in Japanese, and English stays English', async () => {
  const { revision } = await view();
  const ticked = await ok(call<ReleaseView>(PANEL_KEYS.tick, { versionId: ACTIVE().id, revision, gateId: 'dependencies', done: true }));
  await ok(call<ReleaseView>(PANEL_KEYS.setDates, { versionId: ACTIVE().id, revision: ticked.revision, phaseId: 'planning', plannedStart: '2026-12-03', plannedEnd: '2026-12-10' }));

  const german = (await view('de-DE')).audit.events.map((e) => e.summary);
  expect(german[0]).toBe('Planung geplant: 3. Dez. 2026 bis 10. Dez. 2026');
  expect(german[1]).toBe('„Abhängigkeiten ermittelt“ abgehakt');
  const english = (await view()).audit.events.map((e) => e.summary);
  expect(english[0]).toBe('Planned Planning: Dec 3, 2026 to Dec 10, 2026');
  expect(english[1]).toBe('Ticked "Dependencies identified"');

  // Older pages of the trail (the "Show more" list) read in the same language.
  const page = await ok(call<AuditPage>(PANEL_KEYS.audit, { versionId: ACTIVE().id }, 'ja-JP'));
  expect(page.events[1]?.summary).toBe('「依存関係を特定済み」にチェック');
});

it('keeps the English summary stored with the message, and the evidence pack verifies with it', async () => {
  const pack = await ok(call<EvidencePack>(PANEL_KEYS.evidencePack, { versionId: ACTIVE().id }));
  const tick = pack.events.find((e) => e.type === 'checklist-ticked')!;
  expect(tick).toMatchObject({ summary: 'Ticked "Dependencies identified"', text: { id: 'audit.checklistTicked' } });
  expect(verifyEvidencePack(pack)).toMatchObject({ valid: true, problems: [] });
  // An event stored before messages existed reads as it was stored, in every language.
  const older = { summary: 'Ticked "Dependencies identified"' };
  expect(auditSummary(serverTranslator('ja'), older)).toBe('Ticked "Dependencies identified"');
  // So does one whose message this build does not know.
  expect(auditSummary(serverTranslator('de'), { summary: 'Did something new', text: { id: 'audit.fromLaterBuild' as never } })).toBe('Did something new');
});

it('a phase left behind shows the reasons it was left with in the reader\'s language, and its go/no-go snapshot too', async () => {
  const { revision } = await view();
  await ok(call<ReleaseView>(PANEL_KEYS.advance, { versionId: ACTIVE().id, revision, override: { reason: 'Agreed in the planning call' } }));
  const german = await view('de-DE');
  const planning = german.phases.find((p) => p.id === 'planning')!;
  const auto = planning.gates.find((g) => g.gateId === 'has-issues')!;
  expect(auto.reason).toMatch(/^Als Planung endete: /);
  expect(auto.reason).not.toMatch(/issues in the version/);
  const advanced = german.audit.events.find((e) => e.type === 'phase-overridden')!;
  expect(advanced.summary).toMatch(/übergangen und von Planung zu Build & Test gewechselt\. Begründung: Agreed in the planning call$/);
  expect(advanced.snapshot?.find((g) => g.gateId === 'has-issues')?.reason).toMatch(/in der Version/);
});

it('a clash names the other change in the reader\'s language, quoting its line', async () => {
  const { revision } = await view();
  await ok(call<ReleaseView>(PANEL_KEYS.tick, { versionId: ACTIVE().id, revision, gateId: 'risk-assessment', done: true }));
  // The same person, from a screen loaded before that tick, unticks it: a clash on the same item.
  const stale = { versionId: ACTIVE().id, revision, gateId: 'risk-assessment', done: false };
  const german = await call<ReleaseView>(PANEL_KEYS.tick, stale, 'de-DE');
  expect(german).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/dieses Release geändert: „Risikobewertung erledigt“ abgehakt\.$/) } });
  const english = await call<ReleaseView>(PANEL_KEYS.tick, stale);
  expect(english).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/^You ticked "Risk assessment done" in another tab or window at /) } });
});
