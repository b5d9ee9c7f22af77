import { isOverdue, orderForReleasesList, toReleaseSummary } from '../../src/domain/release-summary';
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
