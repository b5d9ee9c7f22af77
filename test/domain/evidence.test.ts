import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/verify-evidence';
import { buildEvidencePack, canonicalJson, sha256, verifyAgainstStored, verifyEvidencePack, type StoredAuditEvent } from '../../src/domain/evidence';

const record = { schemaVersion: 1, versionId: '10001', revision: 3, transitions: [{ from: 'planning', to: 'build', by: 'acc-owner', at: '2026-05-01T10:00:00.000Z', snapshot: [{ gateId: 'go', name: 'Go/no-go', kind: 'signoff', status: 'pass', reason: 'All signed', signatures: [{ role: 'qa', by: 'acc-qa', at: '2026-05-01T09:00:00.000Z' }] }] }] };
const events: StoredAuditEvent[] = [
  { id: '10001:000000002:00', type: 'signed-off', by: 'acc-qa', at: '2026-05-01T09:00:00.000Z', summary: 'Signed off "Go/no-go" as QA lead' },
  { id: '10001:000000001:00', type: 'scope-accepted', by: 'acc-owner', at: '2026-04-30T09:00:00.000Z', summary: 'Accepted PAY-7 into the frozen scope' },
  { id: '10001:000000003:00', type: 'phase-advanced', by: 'acc-owner', at: '2026-05-01T10:00:00.000Z', summary: 'Moved from Planning to Build', snapshot: record.transitions[0]!.snapshot },
];
const pack = () =>
  buildEvidencePack({ project: { key: 'PAY' }, version: { id: '10001', name: 'PAY 2.2' }, record, events, people: { 'acc-qa': 'Quinn Adams' }, exportedAt: '2026-06-01T00:00:00.000Z', exportedBy: 'acc-owner' });
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('canonical JSON', () => {
  it('serialises the same value the same way whatever order its keys were written in', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
    expect(sha256({ x: 1, y: 2 })).toBe(sha256({ y: 2, x: 1 }));
    expect(sha256({ x: 1, y: undefined })).toBe(sha256({ x: 1 }));
  });
});

describe('an evidence pack', () => {
  it('lists every decision oldest first with its kind, and every go/no-go snapshot with its signers', () => {
    const p = pack();
    expect(p.decisions.map((d) => `${d.kind} ${d.by} ${d.summary}`)).toEqual([
      'scope acc-owner Accepted PAY-7 into the frozen scope',
      'signoff acc-qa Signed off "Go/no-go" as QA lead',
      'gates acc-owner Moved from Planning to Build',
    ]);
    expect(p.snapshots[0]!.gates).toEqual([expect.objectContaining({ signatures: [{ role: 'qa', by: 'acc-qa', at: '2026-05-01T09:00:00.000Z' }] })]);
  });

  it('has the same digest on every export of the same stored state', () => {
    const later = buildEvidencePack({ project: { key: 'PAY' }, version: { id: '10001', name: 'PAY 2.2' }, record: clone(record), events: [...events].reverse(), people: {}, exportedAt: '2027-01-01T00:00:00.000Z', exportedBy: 'acc-auditor' });
    expect(later.integrity.digest).toBe(pack().integrity.digest);
    expect(later.integrity.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies as exported, also after a round trip through JSON', () => {
    expect(verifyEvidencePack(clone(pack()))).toMatchObject({ valid: true, problems: [] });
  });

  it('names the event that was edited inside the pack, and the overall digest', () => {
    const edited = clone(pack());
    edited.events[0]!.summary = 'Accepted PAY-8 into the frozen scope';
    const result = verifyEvidencePack(edited);
    expect(result.valid).toBe(false);
    expect(result.problems).toEqual([
      'Audit event 10001:000000001:00 ("Accepted PAY-8 into the frozen scope") does not match its digest.',
      expect.stringMatching(/^The pack's digest [0-9a-f]{64} does not match its contents \([0-9a-f]{64}\)\.$/),
      'The decision list does not match the audit events.',
    ]);
  });

  it('names an event dropped from the pack and a readable decision that was reworded', () => {
    const dropped = clone(pack());
    dropped.events.splice(1, 1);
    expect(verifyEvidencePack(dropped).problems).toContain('Audit event 10001:000000002:00 was taken out of the pack.');
    const reworded = clone(pack());
    reworded.decisions[0]!.summary = 'Nothing happened';
    expect(verifyEvidencePack(reworded).problems).toEqual(['The decision list does not match the audit events.']);
  });

  it('refuses something that is not a pack, saying why', () => {
    expect(verifyEvidencePack({ hello: 'world' })).toMatchObject({ valid: false, problems: [expect.stringMatching(/^This is not a Preflight evidence pack: /)] });
  });
});

describe('a pack against what is stored now', () => {
  it('accepts later events and a record that moved on, and says so', () => {
    const more = [...events, { id: '10001:000000004:00', type: 'checklist-ticked', by: 'acc-dev', at: '2026-05-02T09:00:00.000Z', summary: 'Ticked "Docs"' }];
    expect(verifyAgainstStored(clone(pack()), { record: { ...record, revision: 4 }, events: more })).toEqual({
      valid: true,
      digest: pack().integrity.digest,
      problems: [],
      notes: ['1 audit event was added after the export.', 'The release record moved on from revision 3 to 4 after the export.'],
    });
  });

  it('names a stored event changed or deleted after the export, and a record changed without a new revision', () => {
    const changed = clone(events);
    changed[0]!.by = 'acc-someone-else';
    const result = verifyAgainstStored(clone(pack()), { record: { ...record, schemaVersion: 2 }, events: changed.slice(0, 2) });
    expect(result.valid).toBe(false);
    expect(result.problems).toEqual([
      'Audit event 10001:000000002:00 ("Signed off "Go/no-go" as QA lead") was changed after the pack was exported.',
      'Audit event 10001:000000003:00 is no longer stored: it was deleted after the pack was exported.',
      'The release record was changed after the export without a new revision (still revision 3).',
    ]);
  });
});

describe('the verify-evidence command', () => {
  it('says a downloaded pack is intact, or names what was altered, with exit codes 0 and 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evidence-'));
    const lines: string[] = [];
    writeFileSync(join(dir, 'ok.json'), JSON.stringify(pack(), null, 2));
    expect(main([join(dir, 'ok.json')], (l) => lines.push(l), (l) => lines.push(l))).toBe(0);
    const altered = clone(pack());
    altered.events[2]!.at = '2026-05-03T10:00:00.000Z';
    writeFileSync(join(dir, 'altered.json'), JSON.stringify(altered));
    expect(main([join(dir, 'altered.json')], (l) => lines.push(l), (l) => lines.push(l))).toBe(1);
    expect(lines[0]).toBe(`intact: SHA-256 ${pack().integrity.digest}`);
    expect(lines[1]).toBe('ALTERED: Audit event 10001:000000003:00 ("Moved from Planning to Build") does not match its digest.');
  });
});
