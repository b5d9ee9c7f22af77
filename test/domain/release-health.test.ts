import { releaseHealthAdf } from '../../src/domain/adf/health-adf';
import { adfProblems } from '../../src/domain/adf/adf-kit';
import { healthCells, healthCsv, healthSummary } from '../../src/domain/health-table';
import { startRelease, type AuditEventDraft, type ReleaseRecord } from '../../src/domain/release';
import { releaseHealth } from '../../src/domain/release-health';
import { DEFAULT_TEMPLATE } from '../../src/domain/template';

/**
 * Release health from hand-built records: every expected number below is worked out by hand from
 * the records in this file (see the comments), not by calling the code under test.
 */

const NOW = '2026-12-01T00:00:00.000Z';
const base = (versionId: string): ReleaseRecord =>
  startRelease({ versionId, projectKey: 'PAY', releaseType: 'minor', phases: DEFAULT_TEMPLATE.minor, at: '2026-08-01T00:00:00.000Z' });
const by = 'acc-1';
const prod = (at: string, status: 'successful' | 'failed' = 'successful') => ({ production: { kind: 'production' as const, build: 'b1', status, at } });
const qa = (decision: 'approved' | 'rejected', issueKey: string): AuditEventDraft => ({ type: 'qa-decision', by, at: '2026-09-05T00:00:00.000Z', summary: `QA ${decision} ${issueKey}`, data: { kind: 'qa-decision', decision, issueKey, build: 'b1' } });

// A "1.0": planned (Deployment phase end) 09-10, released 09-12 -> 2 days late; frozen 09-01 with
// 20 issues; PAY-1 and PAY-2 joined after, PAY-3 was removed by a decision -> 3 distinct, 1 removed,
// churn 3/20 = 15%; one override; production 09-12 12:00 -> lead time 11.5 days = 16,560 min;
// two QA rejections (and one approval); one incident restored in 90 minutes.
const a: ReleaseRecord = {
  ...base('1'),
  phaseDates: { deployment: { plannedEnd: '2026-09-10' } },
  jiraRelease: { by, at: '2026-09-12T09:00:00.000Z', releaseDate: '2026-09-12', via: 'preflight' },
  frozenAt: '2026-09-01T00:00:00.000Z',
  frozenIssueCount: 20,
  scopeAdditions: {
    '101': { issueKey: 'PAY-1', by, at: '2026-09-02T00:00:00.000Z', changelogId: 'c1' },
    '102': { issueKey: 'PAY-2', by, at: '2026-09-02T00:00:00.000Z', changelogId: 'c2' },
  },
  scopeDecisions: {
    'PAY-2': { issueKey: 'PAY-2', decision: 'accepted', by, at: '2026-09-03T00:00:00.000Z' },
    'PAY-3': { issueKey: 'PAY-3', decision: 'removed', by, at: '2026-09-03T00:00:00.000Z' },
  },
  transitions: [{ from: 'build-test', to: 'release-prep', by, at: '2026-09-08T00:00:00.000Z', snapshot: [], override: { reason: 'Known flaky test, fixed next', failingGateIds: ['regression'] } }],
  deployments: prod('2026-09-12T12:00:00.000Z'),
};
// B "1.1": planned 10-01, released 09-30 -> one day early (on time); never frozen; released outside
// Preflight; production 10-01 00:00; no incident.
const b: ReleaseRecord = {
  ...base('2'),
  phaseDates: { deployment: { plannedEnd: '2026-10-01' } },
  jiraRelease: { by, at: '2026-09-30T09:00:00.000Z', releaseDate: '2026-09-30', via: 'jira' },
  releasedOutside: { by, at: '2026-09-30T09:00:00.000Z', releaseDate: '2026-09-30', fromPhaseId: 'build-test', toPhaseId: 'deployment', failingGates: ['qa-approved'] },
  deployments: prod('2026-10-01T00:00:00.000Z'),
};
// D "1.3": no planned end (no plan), released per Jira's date 11-01, frozen with 0 issues (no churn
// percentage), production deployment failed (not live by deployment: live from its release day);
// one incident still open.
const d: ReleaseRecord = { ...base('4'), frozenAt: '2026-10-25T00:00:00.000Z', frozenIssueCount: 0, deployments: prod('2026-11-01T10:00:00.000Z', 'failed') };

const versions = [
  { id: '4', name: '1.3', releaseDate: '2026-11-01' },
  { id: '3', name: '1.2', releaseDate: '2026-10-20' }, // C: never tracked in Preflight
  { id: '2', name: '1.1', releaseDate: '2026-09-30' },
  { id: '1', name: '1.0', releaseDate: '2026-09-12' },
];
const incidents = [
  { versionId: '1', startedAt: '2026-09-13T00:00:00.000Z', resolvedAt: '2026-09-13T01:30:00.000Z' },
  { versionId: '4', startedAt: '2026-11-02T00:00:00.000Z' },
  { versionId: 'other', startedAt: '2026-11-02T00:00:00.000Z', resolvedAt: '2026-11-02T00:10:00.000Z' },
];
const input = {
  versions,
  records: new Map([['1', a], ['2', b], ['4', d]]),
  incidents,
  audits: new Map([['1', [qa('rejected', 'PAY-7'), qa('approved', 'PAY-8'), qa('rejected', 'PAY-9')]]]),
  window: 10 as const,
  now: NOW,
};

describe('releaseHealth: figures from stored records', () => {
  const { rows, aggregates } = releaseHealth(input);

  it('lists the releases oldest first with each one\'s figures', () => {
    expect(rows.map((r) => r.name)).toEqual(['1.0', '1.1', '1.2', '1.3']);
    expect(rows[0]).toEqual({
      versionId: '1', name: '1.0', releasedOn: '2026-09-12', tracked: true, plannedOn: '2026-09-10', slipDays: 2, onTime: false,
      scopeAtFreeze: 20, addedAfterFreeze: 3, removedAfterFreeze: 1, churnPercent: 15, overrides: 1, releasedOutside: false,
      qaRejections: 2, incidents: 1, restoreMinutes: 90, productionAt: '2026-09-12T12:00:00.000Z', leadTimeMinutes: 16_560,
    });
    expect(rows[1]).toMatchObject({ slipDays: -1, onTime: true, releasedOutside: true, overrides: 0, qaRejections: 0, incidents: 0 });
    expect(rows[1]).not.toHaveProperty('leadTimeMinutes'); // never frozen
    expect(rows[1]).not.toHaveProperty('addedAfterFreeze');
    expect(rows[2]).toEqual({ versionId: '3', name: '1.2', releasedOn: '2026-10-20', tracked: false, overrides: 0, releasedOutside: false, qaRejections: 0, incidents: 0 });
    expect(rows[3]).toMatchObject({ releasedOn: '2026-11-01', scopeAtFreeze: 0, addedAfterFreeze: 0, incidents: 1 });
    for (const missing of ['plannedOn', 'slipDays', 'churnPercent', 'productionAt', 'leadTimeMinutes', 'restoreMinutes']) expect(rows[3]).not.toHaveProperty(missing);
  });

  it('aggregates over the window', () => {
    expect(aggregates).toEqual({
      releases: 4,
      tracked: 3,
      onTime: { onTime: 1, planned: 2, percent: 50 }, // A late, B early; C and D have no plan
      slip: { meanDays: 1, maxDays: 2, planned: 2 }, // (2 + 0) / 2: early counts as 0
      scopeChurn: { added: 3, atFreeze: 20, percent: 15, releases: 1 }, // D froze 0 issues: no base
      overrides: 1,
      releasedOutside: 1,
      qaRejections: 2,
      changeFailureRate: { failed: 2, total: 4, percent: 50 }, // all four went live; A and D had incidents
      timeToRestore: { meanMinutes: 90, medianMinutes: 90, restored: 1 }, // the other project's incident is not counted
      leadTime: { meanMinutes: 16_560, medianMinutes: 16_560, measured: 1 },
      // Two production deployments from 09-12 12:00 to 12-01 00:00 = 79.5 days = 11.357 weeks -> 0.176 a week.
      deploymentFrequency: { deployments: 2, weeks: 11.36, perWeek: 0.18 },
    });
  });

  it('counts only the latest `window` releases', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({ id: String(100 + i), name: `2.${i}`, releaseDate: `2026-11-0${i + 1}` }));
    const { rows: five, aggregates: agg } = releaseHealth({ ...input, versions: many, records: new Map(), incidents: [], audits: new Map(), window: 5 });
    expect(five.map((r) => r.name)).toEqual(['2.2', '2.3', '2.4', '2.5', '2.6']);
    expect(agg).toMatchObject({ releases: 5, tracked: 0, changeFailureRate: { failed: 0, total: 5, percent: 0 } });
  });

  it('no releases: zero counts and no rates', () => {
    const empty = releaseHealth({ ...input, versions: [], records: new Map(), incidents: [], audits: new Map() });
    expect(empty).toEqual({ rows: [], aggregates: { releases: 0, tracked: 0, overrides: 0, releasedOutside: 0, qaRejections: 0 } });
    expect(healthSummary(empty.aggregates).find((f) => f.label === 'On-time rate')).toEqual({ label: 'On-time rate', value: '–', detail: 'no release had a planned date' });
  });
});

describe('the table, its CSV and the export read the same figures', () => {
  const view = { subject: { kind: 'project' as const, projectKey: 'PAY' }, window: 10 as const, asOf: NOW, ...releaseHealth(input) };

  it('spells each release out', () => {
    expect(healthCells(view.rows[0]!)).toEqual(['1.0', '2026-09-12', '2026-09-10', '+2 days', '3 added (15%)', '1', 'no', '2', '1', '1 h 30 min', '11 d 12 h']);
    expect(healthCells(view.rows[2]!)).toEqual(['1.2', '2026-10-20', 'not tracked', '–', '–', '0', 'no', '0', '0', '–', '–']);
  });

  it('quotes CSV cells and never lets a version name act as a spreadsheet formula', () => {
    const csv = healthCsv([{ ...view.rows[2]!, name: '=HYPERLINK("x"), 2' }]);
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x""), 2",2026-10-20,not tracked,–,–,0,no,0,0,–,–`);
  });

  it('exports valid ADF with the figures as text', () => {
    const adf = releaseHealthAdf('Release health: PAY', view);
    expect(adfProblems(adf)).toEqual([]);
    const json = JSON.stringify(adf);
    expect(json).toContain('"text":"50%"');
    expect(json).toContain('"text":"+2 days"');
  });
});
