import { blockingGates, evaluateGate, type GateRecords, type ReleaseFacts } from '../../src/domain/gates';
import { callerTranslator, say } from '../../src/i18n/server-translator';
import type { Gate } from '../../src/domain/template';

const facts: ReleaseFacts = {
  today: '2026-11-26',
  issueCount: 40,
  doneCount: 40,
  openBlockers: 0,
  qaPending: 0,
  releaseDate: '2026-12-10',
  released: false,
  pendingScopeChanges: 0,
  frozen: true,
  releaseNotesPublished: true,
  retrospectivePublished: true,
};
const noRecords: GateRecords = { checklist: {}, signoffs: {} };
const auto = (check: Extract<Gate, { kind: 'auto' }>['check']): Gate => ({ kind: 'auto', id: 'g', name: 'Gate', check });

describe('auto gates', () => {
  it.each`
    check                          | change                                            | status       | reason                                                | issues
    ${'version-has-issues'}        | ${{}}                                             | ${'pass'}    | ${'40 issues in the version'}                         | ${undefined}
    ${'version-has-issues'}        | ${{ issueCount: 0, doneCount: 0 }}                | ${'fail'}    | ${'The version has no issues yet'}                    | ${undefined}
    ${'release-date-in-future'}    | ${{}}                                             | ${'pass'}    | ${'Release date 2026-12-10'}                          | ${undefined}
    ${'release-date-in-future'}    | ${{ releaseDate: undefined }}                     | ${'fail'}    | ${'No release date set on the Jira version'}          | ${undefined}
    ${'release-date-in-future'}    | ${{ releaseDate: '2026-11-25' }}                  | ${'fail'}    | ${'The release date 2026-11-25 has passed'}           | ${undefined}
    ${'release-date-in-future'}    | ${{ releaseDate: '2026-11-26' }}                  | ${'warning'} | ${'The release date is today'}                        | ${undefined}
    ${'all-issues-done'}           | ${{}}                                             | ${'pass'}    | ${'All 40 issues done'}                               | ${undefined}
    ${'all-issues-done'}           | ${{ doneCount: 28 }}                              | ${'fail'}    | ${'12 of 40 issues not done'}                         | ${'not-done'}
    ${'all-issues-done'}           | ${{ issueCount: 0, doneCount: 0 }}                | ${'fail'}    | ${'The version has no issues'}                        | ${undefined}
    ${'no-open-blockers'}          | ${{ openBlockers: 1 }}                            | ${'fail'}    | ${'1 open blocker bug'}                               | ${'open-blockers'}
    ${'qa-approved-current-build'} | ${{ qaPending: undefined }}                       | ${'fail'}    | ${'No build under test is set'}                       | ${undefined}
    ${'qa-approved-current-build'} | ${{ qaPending: 3 }}                               | ${'fail'}    | ${'3 issues still need QA approval of the current build'} | ${'qa-pending'}
    ${'qa-approved-current-build'} | ${{}}                                             | ${'pass'}    | ${'QA approved the current build on every issue that needs QA'} | ${undefined}
    ${'scope-changes-resolved'}    | ${{ frozen: false, pendingScopeChanges: 5 }}      | ${'pass'}    | ${'Scope is not frozen yet'}                          | ${undefined}
    ${'scope-changes-resolved'}    | ${{ pendingScopeChanges: 2 }}                     | ${'fail'}    | ${'2 issues added after the freeze need accepting or removing'} | ${'scope-added'}
    ${'release-notes-published'}   | ${{ releaseNotesPublished: false }}               | ${'fail'}    | ${'No release notes page published yet'}              | ${undefined}
    ${'release-notes-published'}   | ${{}}                                             | ${'pass'}    | ${'Release notes page published and up to date'}      | ${undefined}
    ${'release-notes-published'}   | ${{ releaseNotesStale: { changed: 3, message: 'Release notes are out of date: 3 issues changed since they were published.' } }} | ${'fail'} | ${'Release notes are out of date: 3 issues changed since they were published.'} | ${undefined}
    ${'release-notes-published'}   | ${{ releaseNotesStale: { changed: 0, message: 'still planned' } }} | ${'warning'} | ${'still planned'}                       | ${undefined}
    ${'version-released'}          | ${{ released: true }}                             | ${'pass'}    | ${'Released in Jira'}                                 | ${undefined}
    ${'version-released'}          | ${{}}                                             | ${'fail'}    | ${'The Jira version is not released yet'}             | ${undefined}
    ${'retrospective-published'}   | ${{ retrospectivePublished: false }}              | ${'fail'}    | ${'No retrospective page published yet'}              | ${undefined}
  `('$check with $change is $status', ({ check, change, status, reason, issues }) => {
    const result = evaluateGate(auto(check), { ...facts, ...change }, noRecords);
    expect(result).toMatchObject({ status, reason });
    expect(result.issues).toBe(issues);
  });
});

describe('manual gates (checklist items)', () => {
  const rollback: Gate = { kind: 'manual', id: 'rollback', name: 'Rollback plan', requiresLink: true };
  const regression: Gate = { kind: 'manual', id: 'regression', name: 'Regression', requiresLink: false };
  const tick = { by: 'u1', at: '2026-11-20T10:00:00.000Z' };
  it.each`
    gate          | checklist                                                   | status    | reason
    ${regression} | ${{}}                                                       | ${'fail'} | ${'Not done yet'}
    ${regression} | ${{ regression: tick }}                                     | ${'pass'} | ${'Done on 2026-11-20'}
    ${rollback}   | ${{ rollback: tick }}                                       | ${'fail'} | ${'Ticked, but the link is missing'}
    ${rollback}   | ${{ rollback: { ...tick, link: 'https://wiki/rollback' } }} | ${'pass'} | ${'Done on 2026-11-20'}
  `('$gate.name with $checklist is $status', ({ gate, checklist, status, reason }) => {
    expect(evaluateGate(gate, facts, { checklist, signoffs: {} })).toMatchObject({ status, reason });
  });
});

describe('sign-off gates', () => {
  const goNoGo: Gate = { kind: 'signoff', id: 'go', name: 'Go/no-go', roles: ['release-owner', 'engineering-lead', 'qa'] };
  const sig = { by: 'u', at: '2026-11-20T10:00:00.000Z' };
  it.each`
    signed                                                          | status       | reason                                                    | blocks
    ${{}}                                                           | ${'fail'}    | ${'Waiting for: Release owner, Engineering lead, and QA lead'} | ${true}
    ${{ 'release-owner': sig }}                                     | ${'fail'}    | ${'Waiting for: Engineering lead and QA lead (signed: Release owner)'} | ${true}
    ${{ 'release-owner': sig, 'engineering-lead': sig, qa: sig }}   | ${'pass'}    | ${'Signed off'}                                           | ${false}
  `('signed by $signed is $status', ({ signed, status, reason, blocks }) => {
    const result = evaluateGate(goNoGo, facts, { checklist: {}, signoffs: { go: signed } });
    expect(result).toMatchObject({ status, reason });
    expect(blockingGates([result]).length > 0).toBe(blocks);
  });

  it('lets a warning through (the release date is today), but never a partial sign-off', () => {
    const today = evaluateGate(auto('release-date-in-future'), { ...facts, releaseDate: facts.today }, noRecords);
    expect(today.status).toBe('warning');
    expect(blockingGates([today])).toEqual([]);
  });
});

describe('gate reasons in the reader\'s language', () => {
  const scope = auto('scope-changes-resolved');
  it.each`
    count | reason
    ${1}  | ${'1 issue added after the freeze needs accepting or removing'}
    ${2}  | ${'2 issues added after the freeze need accepting or removing'}
  `('says "$reason" for $count pending scope change(s), in English by default', ({ count, reason }: { count: number; reason: string }) => {
    const result = evaluateGate(scope, { ...facts, pendingScopeChanges: count }, noRecords);
    expect(result.reason).toBe(reason);
    expect(say(callerTranslator('en-US'), result.text!)).toBe(reason);
  });

  it('reads in German for a German reader, plural and dates included', () => {
    const de = callerTranslator('de-DE');
    expect(say(de, evaluateGate(scope, { ...facts, pendingScopeChanges: 1 }, noRecords).text!)).toBe('1 nach dem Freeze hinzugefügter Vorgang muss angenommen oder entfernt werden');
    expect(say(de, evaluateGate(scope, { ...facts, pendingScopeChanges: 3 }, noRecords).text!)).toBe('3 nach dem Freeze hinzugefügte Vorgänge müssen angenommen oder entfernt werden');
    expect(say(de, evaluateGate(auto('release-date-in-future'), { ...facts, releaseDate: '2026-11-25' }, noRecords).text!)).toBe('Das Veröffentlichungsdatum 25. Nov. 2026 ist überschritten');
    const goNoGo: Gate = { kind: 'signoff', id: 'go', name: 'Go/no-go', roles: ['release-owner', 'engineering-lead', 'qa'] };
    expect(say(de, evaluateGate(goNoGo, facts, noRecords).text!)).toBe('Wartet auf: Release-Verantwortliche(r), Engineering-Leitung und QA-Leitung');
  });

  it('accents every word for the pseudo-locale, so nothing English slips through', () => {
    const text = say(callerTranslator('en-XA'), evaluateGate(scope, { ...facts, pendingScopeChanges: 2 }, noRecords).text!);
    expect(text).toMatch(/^⟦2 .*⟧$/);
    expect(text).not.toMatch(/issues|freeze/);
  });
});
