import type { GateResult } from '../../src/domain/gates';
import {
  advancePhase,
  decideScopeChange,
  ReleaseRuleError,
  releaseRecordSchema,
  setBuildUnderTest,
  setPhaseDates,
  signOff,
  startRelease,
  tickChecklistItem,
} from '../../src/domain/release';
import { DEFAULT_TEMPLATE, templateSchema } from '../../src/domain/template';

const T0 = '2026-11-01T09:00:00.000Z';
const T1 = '2026-11-02T09:00:00.000Z';
const owner = 'acc-owner';
const fresh = () => startRelease({ versionId: '10001', projectKey: 'PAY', releaseType: 'major', phases: DEFAULT_TEMPLATE.major, at: T0 });
const passing: GateResult[] = [{ gateId: 'has-issues', name: 'Version has issues', kind: 'auto', status: 'pass', reason: '4 issues' }];
const failing: GateResult[] = [{ gateId: 'has-issues', name: 'Version has issues', kind: 'auto', status: 'fail', reason: 'The version has no issues yet' }];

describe('the default template', () => {
  it('is valid under its own schema for every release type', () => {
    expect(templateSchema.safeParse(DEFAULT_TEMPLATE).success).toBe(true);
  });

  it.each`
    type        | missing
    ${'minor'}  | ${['performance']}
    ${'hotfix'} | ${['dependencies', 'risk-assessment', 'performance', 'stakeholders']}
  `('$type releases leave out $missing but keep the go/no-go and rollback plan', ({ type, missing }) => {
    const ids = DEFAULT_TEMPLATE[type as 'minor' | 'hotfix'].flatMap((p) => p.gates.map((g) => g.id));
    for (const id of missing) expect(ids).not.toContain(id);
    expect(ids).toEqual(expect.arrayContaining(['go-no-go', 'rollback-plan', 'qa-approved']));
  });

  it.each`
    edit                                                              | field                       | message
    ${(t: any) => (t.major[1].gates[0] = { ...t.major[0].gates[0] })} | ${'major.1.gates.0.id'}     | ${'gate id "has-issues" is used twice; ids must be unique across phases'}
    ${(t: any) => (t.minor[0] = { ...t.minor[0], name: '' })}         | ${'minor.0.name'}           | ${'expected a name'}
    ${(t: any) => (t.hotfix = [])}                                    | ${'hotfix'}                 | ${'expected at least one phase'}
    ${(t: any) => (t.major[0].gates[4] = { ...t.major[0].gates[4], roles: [] })} | ${'major.0.gates.4.roles'} | ${'expected at least one role to sign off'}
    ${(t: any) => (t.major[0].gates[0] = { ...t.major[0].gates[0], check: 'moon-is-full' })} | ${'major.0.gates.0.check'} | ${'Invalid option'}
  `('refuses an invalid edit and names $field', ({ edit, field, message }) => {
    // A deep copy per phase list: minor and hotfix share gate objects with major in the default.
    const template = JSON.parse(JSON.stringify(DEFAULT_TEMPLATE));
    edit(template);
    const result = templateSchema.safeParse(template);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message.slice(0, message.length)])).toEqual([[field, message]]);
  });
});

describe('advancing phases', () => {
  it('moves on when every gate passes, records actual dates, the snapshot, and freezes scope', () => {
    const { record, events } = advancePhase(fresh(), passing, owner, T1);
    expect(record.currentPhaseId).toBe('build-test');
    expect(record.frozenAt).toBe(T1);
    expect(record.phaseDates['planning']).toMatchObject({ actualStart: T0, actualEnd: T1 });
    expect(record.phaseDates['build-test']).toMatchObject({ actualStart: T1 });
    expect(record.transitions[0]).toMatchObject({ from: 'planning', to: 'build-test', snapshot: passing });
    expect(events[0]).toMatchObject({ type: 'phase-advanced', summary: 'Moved from Planning to Build & test' });
    expect(releaseRecordSchema.safeParse(record).success).toBe(true);
  });

  it('refuses while a gate fails, naming the gate and why', () => {
    expect(() => advancePhase(fresh(), failing, owner, T1)).toThrow(
      'Planning cannot be left yet: Version has issues (The version has no issues yet). Fix these, or override with a written reason.',
    );
  });

  it.each`
    reason           | outcome
    ${''}            | ${'refused'}
    ${'   too   '}   | ${'refused'}
    ${'Hotfix for the outage in INC-42'} | ${'allowed'}
  `('an override with reason "$reason" is $outcome', ({ reason, outcome }) => {
    const run = () => advancePhase(fresh(), failing, owner, T1, { reason });
    if (outcome === 'refused') {
      expect(run).toThrow('An override needs a written reason of at least 10 characters');
    } else {
      const { record, events } = run();
      expect(record.transitions[0]!.override).toEqual({ reason, failingGateIds: ['has-issues'] });
      expect(events[0]!.type).toBe('phase-overridden');
      expect(events[0]!.summary).toContain(`Reason: ${reason}`);
    }
  });

  it('completes the release after the last phase, and a complete release cannot change', () => {
    let record = fresh();
    for (let i = 0; i < DEFAULT_TEMPLATE.major.length; i++) record = advancePhase(record, passing, owner, T1).record;
    expect(record.completedAt).toBe(T1);
    expect(record.transitions.at(-1)!.to).toBe('complete');
    expect(() => tickChecklistItem(record, 'incidents', true, owner, T1)).toThrow('The release is complete');
  });
});

describe('checklist, sign-offs, build and scope', () => {
  it('ticks and unticks a checklist item, each an audit event', () => {
    const ticked = tickChecklistItem(fresh(), 'dependencies', true, owner, T1);
    expect(ticked.record.checklist['dependencies']).toEqual({ by: owner, at: T1 });
    const unticked = tickChecklistItem(ticked.record, 'dependencies', false, owner, T1);
    expect(unticked.record.checklist['dependencies']).toBeUndefined();
    expect([ticked.events[0]!.type, unticked.events[0]!.type]).toEqual(['checklist-ticked', 'checklist-unticked']);
  });

  it.each`
    gateId               | link                       | error
    ${'rollback-plan'}   | ${undefined}               | ${'"Rollback plan documented and tested" needs a link'}
    ${'has-issues'}      | ${undefined}               | ${'"Version has issues" is not a checklist item'}
    ${'nope'}            | ${undefined}               | ${'This release has no gate "nope"'}
  `('refuses ticking $gateId: $error', ({ gateId, link, error }) => {
    expect(() => tickChecklistItem(fresh(), gateId, true, owner, T1, link)).toThrow(error);
  });

  it('accepts a sign-off only in a role the gate asks for', () => {
    const signed = signOff(fresh(), 'planning-signoff', 'release-owner', true, owner, T1);
    expect(signed.record.signoffs['planning-signoff']?.['release-owner']).toEqual({ by: owner, at: T1 });
    expect(() => signOff(fresh(), 'planning-signoff', 'qa', true, 'acc-qa', T1)).toThrow('does not ask for a sign-off by the QA lead role');
  });

  it.each`
    build                      | ok
    ${'1.4.0-rc2'}             | ${true}
    ${'build_77+sha.abc'}      | ${true}
    ${''}                      | ${false}
    ${'x'.repeat(65)}          | ${false}
    ${'1.4 rc2'}               | ${false}
    ${'<script>'}              | ${false}
  `('build id "$build" accepted: $ok', ({ build, ok }) => {
    const run = () => setBuildUnderTest(fresh(), build, owner, T1);
    if (ok) expect(run().record.buildUnderTest?.id).toBe(build);
    else expect(run).toThrow(ReleaseRuleError);
  });

  it('decides scope changes only after the freeze', () => {
    expect(() => decideScopeChange(fresh(), { id: '7', key: 'PAY-7' }, 'accepted', owner, T1)).toThrow('Scope is not frozen yet');
    const frozen = advancePhase(fresh(), passing, owner, T1).record;
    const { record, events } = decideScopeChange(frozen, { id: '7', key: 'PAY-7' }, 'removed', owner, T1);
    expect(record.scopeDecisions['7']).toMatchObject({ issueKey: 'PAY-7', decision: 'removed' });
    expect(events[0]!.summary).toBe('Removed PAY-7 from the frozen scope');
  });

  it('refuses planned dates that end before they start', () => {
    expect(() => setPhaseDates(fresh(), 'planning', { plannedStart: '2026-11-10', plannedEnd: '2026-11-09' }, owner, T1)).toThrow('The planned end is before the planned start');
    const ok = setPhaseDates(fresh(), 'planning', { plannedStart: '2026-11-01', plannedEnd: '2026-11-09' }, owner, T1);
    expect(ok.record.phaseDates['planning']).toMatchObject({ plannedStart: '2026-11-01', plannedEnd: '2026-11-09', actualStart: T0 });
  });
});
