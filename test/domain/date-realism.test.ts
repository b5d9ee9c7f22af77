import { announcementFlags, planFlags, scheduleFlags } from '../../src/domain/date-realism';

describe('date realism', () => {
  const base = { today: '2026-11-26', released: false, releaseDate: '2026-12-10', startDate: '2026-11-01', issueCount: 100, doneCount: 80 };
  it.each`
    change                                               | kinds
    ${{}}                                                | ${[]}
    ${{ releaseDate: '2026-11-20' }}                     | ${['overdue']}
    ${{ releaseDate: '2026-11-20', released: true }}     | ${[]}
    ${{ doneCount: 10 }}                                 | ${['at-risk']}
    ${{ doneCount: 0 }}                                  | ${['at-risk']}
    ${{ doneCount: 0, startDate: '2026-11-24' }}         | ${[]}
    ${{ releaseDate: undefined }}                        | ${[]}
  `('with $change flags $kinds', ({ change, kinds }) => {
    expect(scheduleFlags({ ...base, ...change }).map((f) => f.kind)).toEqual(kinds);
  });

  it('explains the pace behind an at-risk flag', () => {
    const [flag] = scheduleFlags({ ...base, doneCount: 10 });
    expect(flag!.message).toBe('At the current pace (0.4 issues a day) the 90 remaining issues need about 225 days; 14 days are left');
  });
});

describe('announcement after bedding-in', () => {
  it.each`
    announcementDate | releaseDate     | released | kinds
    ${undefined}     | ${'2026-12-01'} | ${false} | ${[]}
    ${'2026-12-03'}  | ${'2026-12-01'} | ${false} | ${['announcement-too-early']}
    ${'2026-12-08'}  | ${'2026-12-01'} | ${false} | ${['announcement-before-ship']}
    ${'2026-12-08'}  | ${'2026-12-01'} | ${true}  | ${[]}
    ${'2026-12-05'}  | ${'2026-12-01'} | ${true}  | ${['announcement-too-early']}
    ${'2026-12-08'}  | ${undefined}    | ${false} | ${['announcement-before-ship']}
  `('announcing $announcementDate for a release on $releaseDate (released $released) flags $kinds', ({ announcementDate, releaseDate, released, kinds }) => {
    expect(announcementFlags({ announcementDate, releaseDate, released, beddingInDays: 7 }).map((f) => f.kind)).toEqual(kinds);
  });
});

describe('the plan against the release date', () => {
  const phase = (name: string, over: object = {}) => ({ name, current: false, releasesVersion: false, ...over });
  const base = {
    today: '2026-11-26',
    released: false,
    releaseDate: '2026-12-12',
    phases: [
      phase('Planning', { plannedEnd: '2026-11-20' }),
      phase('Build & test', { current: true, plannedStart: '2026-11-20', plannedEnd: '2026-12-05' }),
      phase('Release preparation', { plannedStart: '2026-12-05', plannedEnd: '2026-12-10' }),
      phase('Deployment', { releasesVersion: true, plannedStart: '2026-12-11', plannedEnd: '2026-12-12' }),
      phase('Post-release review', { plannedStart: '2026-12-12', plannedEnd: '2026-12-30' }),
    ],
  };
  const withPhase = (index: number, over: object) => ({ ...base, phases: base.phases.map((p, i) => (i === index ? { ...p, ...over } : p)) });

  it.each`
    facts                                                       | messages
    ${base}                                                     | ${[]}
    ${withPhase(2, { plannedEnd: '2026-12-20' })}               | ${['Release preparation is planned to end on 2026-12-20, after the release date 2026-12-12']}
    ${withPhase(3, { plannedStart: '2026-12-14' })}             | ${['Deployment is planned to start on 2026-12-14, after the release date 2026-12-12']}
    ${withPhase(1, { plannedEnd: '2026-11-25' })}               | ${['Build & test was planned to end on 2026-11-25, 1 day ago']}
    ${{ ...withPhase(2, { plannedEnd: '2026-12-20' }), released: true }} | ${[]}
  `('flags $messages', ({ facts, messages }) => {
    expect(planFlags(facts).map((f) => f.message)).toEqual(messages);
  });
});
