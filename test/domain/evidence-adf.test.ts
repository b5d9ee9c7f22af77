import { adfProblems } from '../../src/domain/adf/adf-kit';
import { EVIDENCE_BLOCK, VERIFY_COMMAND, decisionSummary, evidenceAdf } from '../../src/domain/adf/evidence-adf';
import { ownedIds, type AnyNode } from '../../src/domain/adf/owned-blocks';
import { buildEvidencePack, type StoredAuditEvent } from '../../src/domain/evidence';
import { serverTranslator } from '../../src/i18n/server-translator';

const signoff = { gateId: 'go', name: 'Go/no-go', kind: 'signoff', status: 'pass', reason: 'All signed', signatures: [{ role: 'qa', by: 'acc-qa', at: '2026-05-01T09:00:00.000Z' }] };
const failing = { gateId: 'tests', name: 'Tests green', kind: 'auto', status: 'fail', reason: '2 issues not done', issues: 'not-done' };
const hostile = '<script>alert(1)</script> {"type":"doc"} <ac:structured-macro/>';

const record = (transitions: unknown[]) => ({ schemaVersion: 1, versionId: '10001', revision: 3, transitions });
const event = (seq: number, type: string, by: string, summary: string): StoredAuditEvent => ({ id: `10001:00000000${seq}:00`, type, by, at: `2026-05-0${seq}T09:00:00.000Z`, summary });
const packOf = (transitions: unknown[], events: StoredAuditEvent[]) =>
  buildEvidencePack({ project: { key: 'PAY' }, version: { id: '10001', name: 'PAY 2.2' }, record: record(transitions), events, people: { 'acc-qa': 'Quinn Adams', 'acc-owner': 'Olive Owner' }, exportedAt: '2026-06-01T00:00:00.000Z', exportedBy: 'acc-owner' });

/** Every text node, in document order, joined: what a reader of the page sees. */
function textOf(node: AnyNode): string {
  const inner = (node.text ?? '') + (node.content ?? []).map(textOf).join('');
  return node.type === 'paragraph' || node.type === 'heading' || node.type === 'codeBlock' ? `${inner}\n` : inner;
}
/** The rows of every table, each as its cells' text. */
function rowsOf(node: AnyNode): string[][] {
  if (node.type === 'tableRow') return [(node.content ?? []).map((c) => textOf(c).trim().replace(/\n/g, ' '))];
  return (node.content ?? []).flatMap(rowsOf);
}
const links = (node: AnyNode): unknown[] => [...((node.marks ?? []) as Array<{ type: string }>).filter((m) => m.type === 'link'), ...(node.content ?? []).flatMap(links)];

describe('the evidence page', () => {
  const cases: Array<{ name: string; transitions: unknown[]; events: StoredAuditEvent[]; rows: string[][]; says: string[] }> = [
    {
      name: 'a release with nothing decided yet says so',
      transitions: [],
      events: [],
      rows: [],
      says: ['Decisions (0)', 'No decision is recorded yet.', 'Go/no-go snapshots (0)', 'No phase was left yet'],
    },
    {
      name: 'every decision in a row: when, kind, who (name and account id), what',
      transitions: [],
      events: [event(1, 'scope-accepted', 'acc-owner', 'Accepted PAY-7 into the frozen scope'), event(2, 'signed-off', 'acc-qa', 'Signed off "Go/no-go" as QA lead')],
      rows: [
        ['When', 'Kind', 'Who', 'What', 'Event'],
        ['2026-05-01T09:00:00.000Z', 'Scope changes', 'Olive Owner (acc-owner)', 'Accepted PAY-7 into the frozen scope', '10001:000000001:00'],
        ['2026-05-02T09:00:00.000Z', 'Sign-offs', 'Quinn Adams (acc-qa)', 'Signed off "Go/no-go" as QA lead', '10001:000000002:00'],
      ],
      says: ['Decisions (2)'],
    },
    {
      name: 'a go/no-go snapshot lists each gate with status, reason and signers, and the override reason',
      transitions: [
        { from: 'planning', to: 'release-preparation', by: 'acc-owner', at: '2026-05-03T10:00:00.000Z', override: { reason: 'Hotfix for a customer outage', failingGateIds: ['tests'] }, snapshot: [signoff, failing] },
      ],
      events: [],
      rows: [
        ['Gate', 'Status', 'Reason', 'Signed by'],
        ['Go/no-go', 'Pass', 'All signed', 'Quinn Adams (acc-qa) as QA lead at 2026-05-01T09:00:00.000Z'],
        ['Tests green', 'FAIL', '2 issues not done', '—'],
      ],
      says: ['1. Planning → Release preparation', 'Decided by Olive Owner (acc-owner) at 2026-05-03T10:00:00.000Z.', 'Overridden: Hotfix for a customer outage (past tests)'],
    },
    {
      name: 'stored text that looks like markup stays text',
      transitions: [],
      events: [event(1, 'checklist-ticked', 'acc-unknown', hostile)],
      rows: [
        ['When', 'Kind', 'Who', 'What', 'Event'],
        ['2026-05-01T09:00:00.000Z', 'Checklist', 'acc-unknown', hostile, '10001:000000001:00'],
      ],
      says: [],
    },
  ];

  it.each(cases)('$name', ({ transitions, events, rows, says }) => {
    const pack = packOf(transitions, events);
    const adf = evidenceAdf('Evidence: PAY 2.2', pack) as unknown as AnyNode;
    expect(adfProblems(adf)).toEqual([]);
    const text = textOf(adf);
    expect(text).toContain(`SHA-256 digest of the record: ${pack.integrity.digest}`);
    expect(text).toContain(VERIFY_COMMAND);
    for (const sentence of says) expect(text).toContain(sentence);
    expect(rowsOf(adf)).toEqual(rows);
    // Everything Preflight generates is in its one owned block, so people may write beside it.
    expect(ownedIds(adf)).toEqual([`preflight-${EVIDENCE_BLOCK}`]);
    expect((adf.content ?? []).length).toBe(1);
    expect(links(adf)).toEqual([]);
  });
});

describe('the evidence page in the project language', () => {
  const transitions = [
    { from: 'planning', to: 'release-prep', by: 'acc-owner', at: '2026-05-03T10:00:00.000Z', override: { reason: 'Hotfix für einen Kundenausfall', failingGateIds: ['tests'] }, snapshot: [signoff, failing, { ...failing, gateId: 'warn', name: 'Risk noted', status: 'warning', reason: 'Risiko' }] },
  ];
  const events = [event(1, 'scope-accepted', 'acc-owner', hostile), event(2, 'signed-off', 'acc-qa', 'Signed off "Go/no-go" as QA lead')];

  it('German: headings, table headers, status words, roles, kinds and phases read in German; digest, instants, ids and the command stay as the pack has them', () => {
    const pack = packOf(transitions, events);
    const adf = evidenceAdf('Nachweise: PAY 2.2', pack, serverTranslator('de')) as unknown as AnyNode;
    expect(adfProblems(adf)).toEqual([]);
    const text = textOf(adf);
    for (const sentence of [
      'Projekt PAY, Version PAY 2.2 (10001). Exportiert am 2026-06-01T00:00:00.000Z von Olive Owner (acc-owner).',
      'Integrität',
      `SHA-256-Prüfsumme des Datensatzes: ${pack.integrity.digest}`,
      'alle 2 Prüfprotokoll-Ereignisse',
      VERIFY_COMMAND,
      'Entscheidungen (2)',
      'Go/No-Go-Stände (1)',
      '1. Planung → Release-Vorbereitung',
      'Entschieden von Olive Owner (acc-owner) am 2026-05-03T10:00:00.000Z.',
      'Übersteuert: Hotfix für einen Kundenausfall (trotz tests)',
    ]) expect(text).toContain(sentence);
    expect(rowsOf(adf)).toEqual([
      ['Wann', 'Art', 'Wer', 'Was', 'Ereignis'],
      ['2026-05-01T09:00:00.000Z', 'Umfangsänderungen', 'Olive Owner (acc-owner)', hostile, '10001:000000001:00'],
      ['2026-05-02T09:00:00.000Z', 'Freigaben', 'Quinn Adams (acc-qa)', 'Signed off "Go/no-go" as QA lead', '10001:000000002:00'],
      ['Gate', 'Status', 'Begründung', 'Freigegeben von'],
      ['Go/no-go', 'Bestanden', 'All signed', 'Quinn Adams (acc-qa) als QA-Lead am 2026-05-01T09:00:00.000Z'],
      ['Tests green', 'FEHLGESCHLAGEN', '2 issues not done', '—'],
      ['Risk noted', 'Warnung', 'Risiko', '—'],
    ]);
    for (const english of ['Decisions', 'Integrity', 'Decided by', 'Overridden', 'Signed by', 'Pass', 'Warning', 'Scope changes']) expect(text).not.toContain(english);
    // Stored text that looks like markup is still one text node, whatever the language.
    expect(ownedIds(adf)).toEqual([`preflight-${EVIDENCE_BLOCK}`]);
    expect(links(adf)).toEqual([]);
  });

  it('Japanese: headings, table headers and status words read in Japanese', () => {
    const pack = packOf(transitions, events);
    const adf = evidenceAdf('エビデンス: PAY 2.2', pack, serverTranslator('ja')) as unknown as AnyNode;
    expect(adfProblems(adf)).toEqual([]);
    const text = textOf(adf);
    for (const sentence of ['完全性', `記録の SHA-256 ダイジェスト: ${pack.integrity.digest}`, '判断（2）', 'Go/No-Go のスナップショット（1）', '1. 計画 → リリース準備', '2026-05-03T10:00:00.000Z に Olive Owner (acc-owner) が決定。', VERIFY_COMMAND]) {
      expect(text).toContain(sentence);
    }
    const rows = rowsOf(adf);
    expect(rows[0]).toEqual(['日時', '種類', '実行者', '内容', 'イベント']);
    expect(rows[1]).toEqual(['2026-05-01T09:00:00.000Z', 'スコープ変更', 'Olive Owner (acc-owner)', hostile, '10001:000000001:00']);
    expect(rows[3]).toEqual(['ゲート', '状態', '理由', '承認者']);
    expect(rows.slice(4).map((r) => r[1])).toEqual(['合格', '不合格', '警告']);
    expect(rows[4]![3]).toBe('Quinn Adams (acc-qa)（QA リード、2026-05-01T09:00:00.000Z）');
  });

  it('an empty record says so in the project language', () => {
    const text = textOf(evidenceAdf('Nachweise: PAY 2.2', packOf([], []), serverTranslator('de')) as unknown as AnyNode);
    expect(text).toContain('Noch ist keine Entscheidung erfasst.');
    expect(text).toContain('Noch wurde keine Phase abgeschlossen, daher gibt es keinen Go/No-Go-Stand.');
    expect(text).toContain('und alle 0 Prüfprotokoll-Ereignisse');
  });

  it('the "What" of a decision is the stored summary (decisionSummary)', () => {
    expect(decisionSummary({ summary: hostile }, serverTranslator('ja'))).toBe(hostile);
  });
});
