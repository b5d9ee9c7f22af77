import { consumerAnswer, MAX_REMINDER_RETRIES, reminderRetryAfter } from '../../src/triggers/notifications';
import type { ProjectReminderReport, ReminderFailure } from '../../src/usecases/remind-project';
import { reminderBatches } from '../../src/usecases/send-reminders';

/**
 * What the reminders consumer tells Forge after a batch: done, or "run me again later" (an
 * InvocationError, which @forge/events serialises as `{ _retry: true, retryOptions }`).
 */

const report = (failed: ReminderFailure[]): ProjectReminderReport => ({ projects: 1, skipped: 0, releases: 1, outcomes: { sent: 1, duplicate: 0, failed: 0, 'no-channels': 0 }, failed });
const outage: ReminderFailure = { projectKey: 'PAY', versionId: '10001', retryable: true, status: 503, error: 'Jira answered 503' };
const throttled: ReminderFailure = { ...outage, status: 429, error: 'Jira is rate-limiting Preflight' };
const refused: ReminderFailure = { ...outage, retryable: false, status: 403, error: 'Jira answered 403' };

beforeEach(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
afterEach(() => jest.restoreAllMocks());

describe('the reminders consumer answers Forge', () => {
  it.each([
    ['every release checked', [], 0, 'done'],
    ['only refusals (retrying cannot help)', [refused], 0, 'done'],
    ['an outage, first run', [outage], 0, { retryAfter: 30, retryReason: 'FUNCTION_RETRY_REQUEST' }],
    ['an outage, third retry', [outage, refused], 3, { retryAfter: 240, retryReason: 'FUNCTION_RETRY_REQUEST' }],
    ['Jira rate-limiting', [throttled], 1, { retryAfter: 60, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' }],
    ['an outage past the last retry', [outage], MAX_REMINDER_RETRIES, 'done'],
  ] as const)('%s', (_name, failed, retryCount, expected) => {
    const answer = consumerAnswer(report([...failed]), retryCount);
    if (expected === 'done') expect(answer).toEqual(report([...failed]));
    else expect(answer).toEqual({ _retry: true, retryOptions: { ...expected, retryData: { releases: failed.filter((f) => f.retryable).length } } });
  });

  it('waits at most Forge’s 900 s between retries', () => {
    expect([0, 1, 2, 3, 4, 5].map(reminderRetryAfter)).toEqual([30, 60, 120, 240, 480, 900]);
  });
});

describe('the daily fan-out', () => {
  it('sends one event per project, and spreads any number of projects over at most 250 events', () => {
    expect(reminderBatches('2026-12-01', ['MOB', 'PAY'])).toEqual([
      { day: '2026-12-01', projectKeys: ['MOB'] },
      { day: '2026-12-01', projectKeys: ['PAY'] },
    ]);
    const many = Array.from({ length: 1001 }, (_, i) => `P${i}`);
    const batches = reminderBatches('2026-12-01', many);
    expect(batches.length).toBeLessThanOrEqual(250);
    expect(batches.flatMap((b) => b.projectKeys).sort()).toEqual([...many].sort());
    expect(Math.max(...batches.map((b) => b.projectKeys.length))).toBe(5);
  });
});
