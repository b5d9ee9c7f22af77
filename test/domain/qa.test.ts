import { auditSummary } from '../../src/domain/audit-line';
import { serverTranslator } from '../../src/i18n/server-translator';
import { compareQaApprovals, mirrorState, nextQaRecord, propertyApproves, qaAuditEvent, type QaEntry, type QaRecord } from '../../src/domain/qa';
import { decideQaPayload } from '../../src/shared/qa';

const AT = '2026-05-04T10:00:00.000Z';
const entry = (over: Partial<QaEntry> = {}): QaEntry => ({ status: 'approved', build: '1.4.0-rc2', by: 'quinn', at: AT, note: '', versionId: '10004', ...over });
const issue = { id: '101', key: 'PAY-1', projectKey: 'PAY' };
const record = (over: Partial<QaEntry> = {}): QaRecord => nextQaRecord(undefined, issue, entry(over));
const i = (n: number) => ({ id: String(n), key: `PAY-${n}` });

describe('comparing the property with Preflight’s record for a build', () => {
  it.each([
    {
      name: 'both agree: no mismatch, no correction',
      propertyApproved: [i(1), i(2)],
      appApprovedInScope: [i(1), i(2)],
      app: { '1': 'approved', '2': 'approved' },
      mismatches: [],
      correction: 0,
    },
    {
      name: 'an approval written through REST only: still pending (+1)',
      propertyApproved: [i(1), i(3)],
      appApprovedInScope: [i(1)],
      app: { '1': 'approved', '3': 'rejected' },
      mismatches: [{ issueKey: 'PAY-3', property: 'approved', app: { status: 'rejected', build: '1.4.0-rc2' } }],
      correction: 1,
    },
    {
      name: 'a property written with no decision at all',
      propertyApproved: [i(4)],
      appApprovedInScope: [],
      app: {},
      mismatches: [{ issueKey: 'PAY-4', property: 'approved', app: undefined }],
      correction: 1,
    },
    {
      name: 'a deleted property under a Preflight approval: not pending (-1)',
      propertyApproved: [],
      appApprovedInScope: [i(5)],
      app: { '5': 'approved' },
      mismatches: [{ issueKey: 'PAY-5', property: 'not approved', app: { status: 'approved', build: '1.4.0-rc2' } }],
      correction: -1,
    },
    {
      name: 'both kinds at once cancel in the count but are both listed, in key order',
      propertyApproved: [i(10)],
      appApprovedInScope: [i(9)],
      app: { '9': 'approved' },
      mismatches: [
        { issueKey: 'PAY-9', property: 'not approved' },
        { issueKey: 'PAY-10', property: 'approved', app: undefined },
      ],
      correction: 0,
    },
  ])('$name', ({ propertyApproved, appApprovedInScope, app, mismatches, correction }) => {
    const appDecisions = new Map(Object.entries(app).map(([id, status]) => [id, { status: status as 'approved' | 'rejected', build: '1.4.0-rc2' }]));
    const result = compareQaApprovals({ propertyApproved, appApprovedInScope, appDecisions });
    expect(result.pendingCorrection).toBe(correction);
    expect(result.mismatches).toMatchObject(mismatches);
    expect(result.mismatches).toHaveLength(mismatches.length);
  });
});

describe('the mirror state an issue shows', () => {
  it.each([
    ['no decision, no property', undefined, undefined, 'in-sync'],
    ['no decision, a property someone wrote', undefined, { status: 'approved', build: '1' }, 'differs'],
    ['a decision, no property', record(), undefined, 'missing'],
    ['a decision and its mirror', record(), { status: 'approved', build: '1.4.0-rc2', by: 'quinn', at: AT }, 'in-sync'],
    ['a decision and another build in the property', record(), { status: 'approved', build: '1.4.0-rc3' }, 'differs'],
    ['a decision and a property that is not an object', record(), 'approved', 'differs'],
  ] as const)('%s', (_name, rec, property, expected) => {
    expect(mirrorState(rec, property)).toBe(expected);
  });

  it('reads "approved for this build" as the gate’s JQL does', () => {
    expect(propertyApproves({ status: 'approved', build: 'b1' }, 'b1')).toBe(true);
    expect(propertyApproves({ status: 'approved', build: 'b2' }, 'b1')).toBe(false);
    expect(propertyApproves({ status: 'rejected', build: 'b1' }, 'b1')).toBe(false);
    expect(propertyApproves(null, 'b1')).toBe(false);
  });
});

describe('a decision', () => {
  it('counts up the record’s sequence, which guards it with a compare-and-swap', () => {
    const first = record();
    const second = nextQaRecord(first, issue, entry({ status: 'rejected' }));
    expect([first.seq, second.seq]).toEqual([1, 2]);
    expect(second.latest.status).toBe('rejected');
  });

  it('is an audit event with the data the retrospective counts', () => {
    expect(qaAuditEvent(entry({ status: 'rejected' }), 'PAY-1', undefined)).toMatchObject({
      type: 'qa-decision',
      by: 'quinn',
      at: AT,
      summary: 'QA rejected build 1.4.0-rc2 on PAY-1',
      data: { kind: 'qa-decision', issueKey: 'PAY-1', build: '1.4.0-rc2', decision: 'rejected' },
    });
    expect(qaAuditEvent(entry(), 'PAY-1', 'PAY 2.2').summary).toBe('QA approved build 1.4.0-rc2 on PAY-1 (decided on PAY 2.2)');
    // The same line in a German reader's trail.
    expect(auditSummary(serverTranslator('de'), qaAuditEvent(entry(), 'PAY-1', 'PAY 2.2'))).toBe('QA hat Build 1.4.0-rc2 für PAY-1 freigegeben (entschieden in PAY 2.2)');
  });
});

describe('the decision payload', () => {
  const base = { versionId: '10004', build: '1.4.0-rc2', decision: 'approved' };
  it.each([
    ['a 64-character build id', { build: 'a'.repeat(64) }, true],
    ['every allowed character', { build: 'A-z_0.9+x' }, true],
    ['a 65-character build id', { build: 'a'.repeat(65) }, false],
    ['a slash in the build id', { build: '1.4/rc2' }, false],
    ['a note of 2,000 characters', { note: 'n'.repeat(2000) }, true],
    ['a note of 2,001 characters', { note: 'n'.repeat(2001) }, false],
    ['an unknown field', { issueId: '1' }, false],
  ])('%s', (_name, over, ok) => {
    expect(decideQaPayload.safeParse({ ...base, ...over }).success).toBe(ok);
  });
});
