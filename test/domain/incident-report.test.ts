import { changeFailureSince, latestLiveReleases, projectChangeFailureRate, recordLiveSince, releaseIncidentReport } from '../../src/domain/incident-report';
import { changeFailureLine, incidentTiming, timeToRestoreLine } from '../../src/shared/release-panel';
import { incident } from '../support/incident';

describe('a release\'s incident report', () => {
  it('says each incident\'s time after the deployment, how long it took to restore, and the mean and median time to restore', () => {
    const report = releaseIncidentReport(
      [
        incident({ key: 'b', startedAt: '2026-03-03T00:00:00.000Z', resolvedAt: '2026-03-03T02:00:00.000Z', severity: 4, tool: 'sentry' }),
        incident({ key: 'a', resolvedAt: '2026-03-02T02:50:00.000Z' }),
        incident({ key: 'c', startedAt: '2026-03-04T00:00:00.000Z', link: 'javascript:alert(1)' }),
      ],
      '2026-03-02T00:00:00.000Z',
    );
    expect(report.incidents.map((i) => [i.key, i.startedRelative, i.restoredAfter, i.severe])).toEqual([
      ['a', '+2 h 10 min after deployment', '40 min', true],
      ['b', '+1 d after deployment', '2 h', false],
      ['c', '+2 d after deployment', undefined, true],
    ]);
    // A link that is not https is dropped: the views render it as a link.
    expect(report.incidents[2]!.link).toBeUndefined();
    expect(report.open).toBe(1);
    expect(report.timeToRestore).toEqual({ meanMinutes: 80, medianMinutes: 80, restored: 2, mean: '1 h 20 min', median: '1 h 20 min' });
    expect(timeToRestoreLine(report.timeToRestore!)).toBe('Time to restore: 1 h 20 min on average (median 1 h 20 min, 2 incidents resolved)');
    expect(report.incidents.map(incidentTiming)).toEqual([
      '+2 h 10 min after deployment, resolved after 40 min',
      '+1 d after deployment, resolved after 2 h',
      '+2 d after deployment, still open',
    ]);
  });

  it('without a live time, gives the start as an instant', () => {
    const report = releaseIncidentReport([incident({})], undefined);
    expect(report.liveSince).toBeUndefined();
    expect(incidentTiming(report.incidents[0]!)).toBe('started 2026-03-02 02:10 UTC, still open');
  });
});

describe('the project\'s change failure rate', () => {
  const record = (versionId: string, over: { deployedAt?: string; releaseDate?: string }) => ({
    versionId,
    ...(over.deployedAt && { deployments: { production: { kind: 'production' as const, build: versionId, status: 'successful' as const, at: over.deployedAt } } }),
    ...(over.releaseDate && { jiraRelease: { by: 'a', at: `${over.releaseDate}T10:00:00.000Z`, releaseDate: over.releaseDate, via: 'jira' as const } }),
  });

  it('counts the last N releases that went live (production deployment first, else the Jira release day), newest first', () => {
    expect(recordLiveSince(record('1', { deployedAt: '2026-03-01T09:00:00.000Z', releaseDate: '2026-02-28' }))).toBe('2026-03-01T09:00:00.000Z');
    expect(recordLiveSince(record('1', { releaseDate: '2026-02-28' }))).toBe('2026-02-28T00:00:00.000Z');
    const records = Array.from({ length: 12 }, (_, i) => record(String(i + 1), { releaseDate: `2026-01-${String(i + 1).padStart(2, '0')}` }));
    const releases = latestLiveReleases([...records, record('99', {})], '2026-02-01T00:00:00.000Z', 10, { versionId: '50', liveSince: '2026-03-01T00:00:00.000Z' });
    // Not live yet (no deployment, no release) and live only in the future (after now) do not count.
    expect(releases.map((r) => r.versionId)).toEqual(['12', '11', '10', '9', '8', '7', '6', '5', '4', '3']);
    expect(changeFailureSince(releases)).toBe('2026-01-02T23:59:59.999Z');
  });

  it('is the share of those releases with at least one incident', () => {
    const releases = [{ versionId: '1' }, { versionId: '2' }, { versionId: '3' }, { versionId: '4' }];
    const cfr = projectChangeFailureRate(releases, [{ versionId: '2' }, { versionId: '2' }, { versionId: '4' }, { versionId: 'other' }]);
    expect(cfr).toEqual({ failed: 2, total: 4, rate: 0.5, percent: 50, window: 10 });
    expect(changeFailureLine(cfr!)).toBe('Change failure rate: 50% (2 of the last 4 releases had an incident during bedding-in)');
    expect(projectChangeFailureRate([], [])).toBeUndefined();
  });
});
