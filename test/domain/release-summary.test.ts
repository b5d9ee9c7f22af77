import { attentionReasons, isOverdue, orderForReleasesList, toReleaseSummary, untrackedPhase } from '../../src/domain/release-summary';
import { DEFAULT_TEMPLATE } from '../../src/domain/template';
import type { JiraVersion } from '../../src/ports';

const today = new Date('2026-11-26T09:00:00Z');

function version(over: Partial<JiraVersion>): JiraVersion {
  return {
    id: '1',
    name: '1.0.0',
    released: false,
    archived: false,
    issuesStatus: { toDo: 0, inProgress: 0, done: 0, unmapped: 0 },
    ...over,
  };
}

describe('overdue releases', () => {
  it.each`
    released | releaseDate     | overdue  | why
    ${false} | ${'2026-11-25'} | ${true}  | ${'date passed, still unreleased'}
    ${false} | ${'2026-11-26'} | ${false} | ${'due today is not late yet'}
    ${false} | ${'2026-12-01'} | ${false} | ${'date in the future'}
    ${false} | ${undefined}     | ${false} | ${'no date, nothing to be late for'}
    ${true}  | ${'2026-01-01'} | ${false} | ${'released versions are never overdue'}
  `('$why', ({ released, releaseDate, overdue }) => {
    expect(isOverdue({ released, releaseDate }, today)).toBe(overdue);
  });
});

describe('release summary', () => {
  it('counts unmapped statuses as still to do, so a gate never passes on them', () => {
    const summary = toReleaseSummary(version({ issuesStatus: { toDo: 3, inProgress: 2, done: 5, unmapped: 1 } }), today);
    expect(summary.issueCounts).toEqual({ toDo: 4, inProgress: 2, done: 5 });
  });

  it('lists unreleased first, then released, archived last, keeping Jira order within each group', () => {
    const list = [
      version({ id: 'a', released: true }),
      version({ id: 'b', archived: true }),
      version({ id: 'c' }),
      version({ id: 'd', released: true }),
      version({ id: 'e' }),
    ].map((v) => toReleaseSummary(v, today));
    expect(orderForReleasesList(list).map((r) => r.versionId)).toEqual(['c', 'e', 'a', 'd', 'b']);
  });
});

describe('where a version nobody started stands', () => {
  const phases = DEFAULT_TEMPLATE.minor;
  it('is in its template\'s first phase while unreleased, and its last once released', () => {
    expect(untrackedPhase({ released: false }, phases)).toEqual({ id: 'planning', name: 'Planning' });
    expect(untrackedPhase({ released: true }, phases)).toEqual({ id: 'post-release', name: 'Post-release review' });
  });
});

describe('needs attention', () => {
  const gates = (fail: number) => ({ pass: 3, warning: 0, fail, evaluatedAt: '2026-11-26T08:00:00Z', source: 'background' as const });
  const base = { released: false, archived: false, overdue: false };

  it.each`
    releaseDate     | fail | codes                    | why
    ${'2026-12-03'} | ${2} | ${['failing-near-date']} | ${'failing gates, due in 7 days'}
    ${'2026-12-04'} | ${2} | ${[]}                    | ${'failing gates, due in 8 days: not yet'}
    ${'2026-11-26'} | ${1} | ${['failing-near-date']} | ${'failing gates, due today'}
    ${'2026-12-01'} | ${0} | ${[]}                    | ${'due soon, every gate passes'}
    ${undefined}    | ${3} | ${[]}                    | ${'failing gates, no date to be close to'}
  `('$why', ({ releaseDate, fail, codes }) => {
    const reasons = attentionReasons({ ...base, ...(releaseDate && { releaseDate }), gateSummary: gates(fail) }, today);
    expect(reasons.map((r) => r.code)).toEqual(codes);
  });

  it('says how many gates fail and when the release is due', () => {
    expect(attentionReasons({ ...base, releaseDate: '2026-11-28', gateSummary: gates(2) }, today)).toEqual([
      { code: 'failing-near-date', message: '2 gates fail and the release is due in 2 days' },
    ]);
    expect(attentionReasons({ ...base, releaseDate: '2026-11-26', gateSummary: gates(1) }, today)[0]!.message).toBe('1 gate fails and the release is due today');
  });

  it('an overdue version says by how many days, and is not also "near its date"', () => {
    expect(attentionReasons({ ...base, overdue: true, releaseDate: '2026-11-22', gateSummary: gates(2) }, today)).toEqual([
      { code: 'overdue', message: 'Unreleased 4 days after its release date (2026-11-22)' },
    ]);
  });

  it('names scope changes waiting for a decision and an open severe incident, most urgent first', () => {
    expect(attentionReasons({ ...base, releaseDate: '2026-12-20' }, today, { scopePending: 1, openIncident: true })).toEqual([
      { code: 'open-incident', message: 'An incident of severity 1-2 is open against this version' },
      { code: 'scope-pending', message: '1 scope change waits for a decision' },
    ]);
  });

  it('a released version needs attention only for an open incident', () => {
    const released = { ...base, released: true, releaseDate: '2026-11-20', gateSummary: gates(4) };
    expect(attentionReasons(released, today, { scopePending: 2 })).toEqual([]);
    expect(attentionReasons(released, today, { openIncident: true }).map((r) => r.code)).toEqual(['open-incident']);
  });
});
