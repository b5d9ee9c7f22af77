import { parseAlert } from '../../src/domain/alert-payloads';
import { changeFailureRate, foldAlert, relativeToDeployment, releaseForAlert, timeToRestore, type AlertSignal } from '../../src/domain/incidents';

const target = { key: 'PAY:datadog:k', projectKey: 'PAY', versionId: '10021' };
const signal = (action: AlertSignal['action'], at: string, extra: Partial<AlertSignal> = {}): AlertSignal => ({ tool: 'datadog', alertId: 'cycle-1', action, at, severity: 3, title: 'Error rate', ...extra });

describe('foldAlert: notifications of one alert fold into one incident', () => {
  it('opens, keeps the worst severity, resolves, ignores repeats and reopens when it fires again', () => {
    const opened = foldAlert(undefined, signal('trigger', '2026-12-01T10:00:00.000Z'), target);
    expect(opened).toMatchObject({ change: 'opened', incident: { severity: 3, startedAt: '2026-12-01T10:00:00.000Z', notifications: 1 } });
    const inc = opened.incident!;
    expect(foldAlert(inc, signal('trigger', '2026-12-01T10:00:00.000Z'), target).change).toBe('unchanged');
    const worse = foldAlert(inc, signal('update', '2026-12-01T10:05:00.000Z', { severity: 1 }), target);
    expect(worse).toMatchObject({ change: 'updated', incident: { severity: 1 } });
    const milder = foldAlert(worse.incident, signal('update', '2026-12-01T10:06:00.000Z', { severity: 4 }), target);
    expect(milder.change).toBe('unchanged');
    const resolved = foldAlert(worse.incident, signal('resolve', '2026-12-01T10:30:00.000Z'), target);
    expect(resolved).toMatchObject({ change: 'resolved', incident: { severity: 1, resolvedAt: '2026-12-01T10:30:00.000Z' } });
    expect(foldAlert(resolved.incident, signal('resolve', '2026-12-01T10:31:00.000Z'), target).change).toBe('unchanged');
    const reopened = foldAlert(resolved.incident, signal('trigger', '2026-12-01T11:00:00.000Z'), target);
    expect(reopened.change).toBe('updated');
    expect(reopened.incident?.resolvedAt).toBeUndefined();
    // An older notification arriving late changes nothing.
    expect(foldAlert(resolved.incident, signal('update', '2026-12-01T10:10:00.000Z', { severity: 1, title: 'late' }), target).change).toBe('unchanged');
  });

  it('does not open an incident from a resolution, a "No Data" or an alert outside every window', () => {
    expect(foldAlert(undefined, signal('resolve', '2026-12-01T10:00:00.000Z'), target).change).toBe('unchanged');
    expect(foldAlert(undefined, signal('ignore', '2026-12-01T10:00:00.000Z'), target).change).toBe('unchanged');
    expect(foldAlert(undefined, signal('trigger', '2026-12-01T10:00:00.000Z'), undefined).change).toBe('unchanged');
  });
});

describe('severity from each tool\'s priority', () => {
  const at = { receivedAt: '2026-12-01T12:00:00.000Z' };
  it.each([
    ['datadog', { alertCycleKey: 'c', transition: 'Triggered', priority: 'P1', date: '1764590400000' }, 1],
    ['datadog', { alertCycleKey: 'c', transition: 'Triggered', priority: 'P5', date: 1764590400000 }, 5],
    ['datadog', { alertCycleKey: 'c', transition: 'Warn', priority: '', date: '1764590400000' }, 4],
    ['newrelic', { id: 'i', priority: 'CRITICAL', state: 'ACTIVATED', createdAt: 1764590400000 }, 1],
    ['newrelic', { id: 'i', priority: 'LOW', state: 'ACTIVATED', createdAt: 1764590400000 }, 4],
  ] as const)('%s %j is severity %i', (tool, body, severity) => {
    const parsed = parseAlert(tool, body, at);
    expect(parsed.ok && parsed.signal.severity).toBe(severity);
  });

  it.each([
    ['fatal', 1],
    ['error', 2],
    ['warning', 3],
    ['info', 4],
  ] as const)('a Sentry issue alert at level %s is severity %i', (level, severity) => {
    const body = { action: 'triggered', data: { event: { issue_id: '1170820242', title: 'ReferenceError', datetime: '2026-12-01T10:00:00Z', level } } };
    const parsed = parseAlert('sentry', body, { ...at, sentryResource: 'event_alert' });
    expect(parsed.ok && parsed.signal).toMatchObject({ severity, alertId: 'issue:1170820242', action: 'trigger' });
  });

  it('keeps only https links', () => {
    const parsed = parseAlert('datadog', { alertCycleKey: 'c', transition: 'Triggered', date: '1764590400000', link: 'javascript:alert(1)' }, at);
    expect(parsed.ok && parsed.signal.link).toBeUndefined();
  });
});

describe('which release an alert belongs to', () => {
  const releases = [
    { versionId: 'old', liveSince: '2026-11-01T00:00:00.000Z' },
    { versionId: 'prev', liveSince: '2026-11-27T09:00:00.000Z' },
    { versionId: 'new', liveSince: '2026-11-30T15:00:00.000Z' },
  ];
  it('is the last release live when the alert started, while it is still bedding in', () => {
    expect(releaseForAlert(releases, '2026-11-30T16:00:00.000Z', 7)).toBe('new');
    expect(releaseForAlert(releases, '2026-11-30T14:00:00.000Z', 7)).toBe('prev');
    expect(releaseForAlert(releases, '2026-11-20T00:00:00.000Z', 7)).toBeUndefined();
    expect(releaseForAlert(releases, '2026-12-07T15:00:00.000Z', 7)).toBeUndefined();
  });
});

describe('metrics', () => {
  it('change failure rate: the share of releases with at least one incident', () => {
    expect(changeFailureRate([{ versionId: 'a', incidents: 0 }, { versionId: 'b', incidents: 2 }, { versionId: 'c', incidents: 0 }, { versionId: 'd', incidents: 1 }])).toEqual({ failed: 2, total: 4, rate: 0.5 });
    expect(changeFailureRate([])).toBeUndefined();
  });

  it('time to restore: mean and median minutes of the resolved incidents', () => {
    const incidents = [
      { startedAt: '2026-12-01T10:00:00Z', resolvedAt: '2026-12-01T10:30:00Z' },
      { startedAt: '2026-12-01T10:00:00Z', resolvedAt: '2026-12-01T11:00:00Z' },
      { startedAt: '2026-12-01T10:00:00Z', resolvedAt: '2026-12-01T13:00:00Z' },
      { startedAt: '2026-12-01T10:00:00Z' },
    ];
    expect(timeToRestore(incidents)).toEqual({ meanMinutes: 90, medianMinutes: 60, restored: 3 });
    expect(timeToRestore([{ startedAt: '2026-12-01T10:00:00Z' }])).toBeUndefined();
  });

  it('times relative to the deployment read as people say them', () => {
    expect(relativeToDeployment('2026-12-01T12:10:00Z', '2026-12-01T10:00:00Z')).toBe('+2 h 10 min after deployment');
    expect(relativeToDeployment('2026-12-01T09:55:00Z', '2026-12-01T10:00:00Z')).toBe('-5 min before deployment');
    expect(relativeToDeployment('2026-12-03T10:00:00Z', '2026-12-01T10:00:00Z')).toBe('+2 d after deployment');
  });
});
