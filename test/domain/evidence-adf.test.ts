import { adfProblems } from '../../src/domain/adf/adf-kit';
import { EVIDENCE_BLOCK, VERIFY_COMMAND, evidenceAdf } from '../../src/domain/adf/evidence-adf';
import { ownedIds, type AnyNode } from '../../src/domain/adf/owned-blocks';
import { buildEvidencePack, type StoredAuditEvent } from '../../src/domain/evidence';

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
