import { ANYTHING, BUSY_CLASH, clashSentence, findClash, overlaps, stampTouches, touchesOf, UNNAMED_CLASH, type SavedEvent } from '../../src/domain/merge';
import { callerTranslator, english, say } from '../../src/i18n/server-translator';

const at = '2026-11-26T14:02:31.000Z';
const saved = (touches: string[] | undefined, summary = 'Ticked "Rollback plan verified"', type = 'checklist-ticked'): SavedEvent => ({
  type,
  by: 'rita',
  at,
  summary,
  ...(touches && { data: stampTouches(undefined, touches) }),
});

describe('which changes concern the same part of a release', () => {
  it.each`
    a                                 | b                                 | same
    ${'checklist:rollback-plan'}      | ${'checklist:rollback-plan'}      | ${true}
    ${'checklist:rollback-plan'}      | ${'checklist:stakeholders'}       | ${false}
    ${'checklist'}                    | ${'checklist:stakeholders'}       | ${true}
    ${'checklist:rollback'}           | ${'checklist:rollback-plan'}      | ${false}
    ${'signoff:go-no-go:qa'}          | ${'signoff:go-no-go:qa'}          | ${true}
    ${'signoff:go-no-go:qa'}          | ${'signoff:go-no-go:release-owner'} | ${false}
    ${'signoff:go-no-go'}             | ${'signoff:go-no-go:qa'}          | ${true}
    ${'phaseDates:deployment'}        | ${'phaseDates:planning'}          | ${false}
    ${'phaseDates:deployment'}        | ${'phase'}                        | ${false}
    ${'phase'}                        | ${'phase'}                        | ${true}
    ${ANYTHING}                       | ${'checklist:rollback-plan'}      | ${true}
    ${'qa:PAY-7'}                     | ${ANYTHING}                       | ${true}
    ${'qa:PAY-7'}                     | ${'qa:PAY-70'}                    | ${false}
  `('$a and $b: $same', ({ a, b, same }: { a: string; b: string; same: boolean }) => {
    expect(overlaps(a, b)).toBe(same);
    expect(overlaps(b, a)).toBe(same);
  });
});

describe('what a saved event touched', () => {
  it.each`
    case                                         | event                                                                                                                          | touches
    ${'stamped with one key'}                    | ${saved(['checklist:rollback-plan'])}                                                                                          | ${['checklist:rollback-plan']}
    ${'stamped with two keys'}                   | ${saved(['signoff:go-no-go:qa', 'phase'])}                                                                                     | ${['signoff:go-no-go:qa', 'phase']}
    ${'saved before merging existed'}            | ${saved(undefined)}                                                                                                            | ${[ANYTHING]}
    ${'a QA decision (saved by the QA store)'}   | ${{ ...saved(undefined, 'QA approved build rc-1 on PAY-7', 'qa-decision'), data: { kind: 'qa-decision', issueKey: 'PAY-7' } }} | ${['qa:PAY-7']}
    ${'a published page'}                        | ${saved(undefined, 'Published the release notes', 'page-published')}                                                          | ${['published']}
    ${'the record created from the template'}    | ${saved(undefined, 'Started tracking PAY 2.2 as a minor release', 'release-started')}                                         | ${[]}
  `('$case: $touches', ({ event, touches }: { event: SavedEvent; touches: string[] }) => {
    expect(touchesOf(event)).toEqual(touches);
  });

  it('keeps the data an event already carries when stamping it', () => {
    expect(stampTouches({ issueKey: 'PAY-7' }, ['qa:PAY-7', 'build'])).toEqual({ issueKey: 'PAY-7', touches: 'qa:PAY-7 build' });
  });
});

describe('merge or clash', () => {
  const tickedRollback = saved(['checklist:rollback-plan']);
  const tickedStakeholders = { ...saved(['checklist:stakeholders'], 'Ticked "Stakeholders informed"'), by: 'sam' };
  const signedQa = saved(['signoff:go-no-go:qa'], 'Signed off "Go/no-go" as QA', 'signed-off');
  const advanced = saved(['phase'], 'Moved from Release preparation to Deployment', 'phase-advanced');
  const qaDecision: SavedEvent = { type: 'qa-decision', by: 'quinn', at, summary: 'QA approved build rc-1 on PAY-7', data: { issueKey: 'PAY-7' } };
  const oldEvent = saved(undefined, 'Changed the release type from minor to major', 'type-changed');

  it.each`
    case                                                      | scope                                                         | since                                        | clash
    ${'nothing changed since'}                                | ${{ touches: ['checklist:rollback-plan'] }}                   | ${[]}                                        | ${undefined}
    ${'ticking a different item'}                             | ${{ touches: ['checklist:rollback-plan'] }}                   | ${[tickedStakeholders]}                      | ${undefined}
    ${'ticking the same item'}                                | ${{ touches: ['checklist:rollback-plan'] }}                   | ${[tickedRollback]}                          | ${tickedRollback}
    ${'un-ticking after another item and a QA decision'}      | ${{ touches: ['checklist:stakeholders'] }}                    | ${[tickedRollback, qaDecision]}              | ${undefined}
    ${'signing another role'}                                 | ${{ touches: ['signoff:go-no-go:release-owner'] }}            | ${[signedQa]}                                | ${undefined}
    ${'signing the same role'}                                | ${{ touches: ['signoff:go-no-go:qa'] }}                       | ${[signedQa]}                                | ${signedQa}
    ${'setting dates after an advance'}                       | ${{ touches: ['phaseDates:deployment'] }}                     | ${[advanced]}                                | ${undefined}
    ${'ticking after the phase moved on'}                     | ${{ touches: ['checklist:rollback-plan'], reads: ['phase'] }} | ${[tickedStakeholders, advanced]}            | ${advanced}
    ${'advancing after anything changed'}                     | ${{ touches: ['phase'], reads: [ANYTHING] }}                  | ${[qaDecision]}                              | ${qaDecision}
    ${'anything after an event of unknown reach'}             | ${{ touches: ['checklist:rollback-plan'] }}                   | ${[oldEvent]}                                | ${oldEvent}
    ${'a change that declares everything'}                    | ${{ touches: [ANYTHING] }}                                    | ${[tickedStakeholders]}                      | ${tickedStakeholders}
    ${'the latest clash is the one named'}                    | ${{ touches: ['checklist'] }}                                 | ${[tickedRollback, tickedStakeholders]}      | ${tickedStakeholders}
  `('$case', ({ scope, since, clash }: { scope: { touches: string[]; reads?: string[] }; since: SavedEvent[]; clash: SavedEvent | undefined }) => {
    expect(findClash(scope, since)).toBe(clash);
  });
});

describe('the sentence a refused person reads', () => {
  const now = new Date('2026-11-26T14:05:00.000Z');
  it.each`
    summary                                                                                 | who                                  | when                          | sentence
    ${'Ticked "Rollback plan verified" (https://wiki.example.com/rollback)'}                | ${{ name: 'Rita Owner', isYou: false }} | ${at}                      | ${'Rita Owner ticked "Rollback plan verified" at 14:02 UTC since you loaded this page.'}
    ${'Signed off "Go/no-go" as QA'}                                                        | ${{ name: 'Quinn', isYou: true }}    | ${at}                         | ${'You signed off "Go/no-go" as QA in another tab or window at 14:02 UTC since you loaded this page.'}
    ${'Set the build under test to rc-2; QA approvals of earlier builds no longer count'}  | ${{ name: 'Sam', isYou: false }}     | ${'2026-11-25T09:30:00.000Z'} | ${'Sam set the build under test to rc-2 on 2026-11-25 at 09:30 UTC since you loaded this page.'}
    ${'QA approved build rc-1 on PAY-7'}                                                    | ${{ name: 'Quinn', isYou: false }}   | ${at}                         | ${'Quinn QA approved build rc-1 on PAY-7 at 14:02 UTC since you loaded this page.'}
  `('$summary', ({ summary, who, when, sentence }: { summary: string; who: { name: string; isYou: boolean }; when: string; sentence: string }) => {
    const text = english(clashSentence({ type: 'x', by: 'a', at: when, summary }, who, now));
    expect(text).toBe(sentence);
    // One sentence: a single full stop, at the end.
    expect(text.match(/\.(\s|$)/g)).toHaveLength(1);
  });

  it('says the time in the reader\'s language and zone, and never repeats "not saved" or "reload" (the panel says and does both)', () => {
    const said = clashSentence({ type: 'x', by: 'a', at, summary: 'Ticked "Rollback plan verified"' }, { name: 'Rita Owner', isYou: false }, now);
    expect(say(callerTranslator('de-DE', 'Europe/Berlin'), said)).toBe('Rita Owner hat seit dem Laden dieser Seite um 15:02 MEZ dieses Release geändert: ticked "Rollback plan verified".');
    for (const sentence of [english(said), english(BUSY_CLASH), english(UNNAMED_CLASH)]) expect(sentence).not.toMatch(/not saved|reload/i);
  });
});
