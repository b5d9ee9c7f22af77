import { addMember, createTrain, editTrain, removeMember, tickTrainGate, trainDecision, sharedProjects, type MemberOutcome } from '../../src/domain/trains';
import { ReleaseRuleError } from '../../src/domain/release';
import { DEFAULT_TRAIN_GATES, trainIdFromName, trainCreatePayloadSchema, trainMemberPayloadSchema } from '../../src/shared/trains';

const at = '2026-12-01T10:00:00.000Z';
const go = (projectKey: string, versionId: string): MemberOutcome => ({ projectKey, versionId, label: `${projectKey} ${versionId}`, phase: 'Deployment', decision: 'go', failingGates: [] });
const noGo = (projectKey: string, versionId: string, failingGates: string[]): MemberOutcome => ({ projectKey, versionId, label: `${projectKey} ${versionId}`, phase: 'Build & test', decision: 'no-go', failingGates });

describe('release trains (pure)', () => {
  it('makes the id from the name', () => {
    expect(trainIdFromName('2026.12')).toBe('2026.12');
    expect(trainIdFromName('  Winter 26 ')).toBe('winter-26');
    expect(trainIdFromName('!!!')).toBe('');
  });

  it('creates a train with the default train gates and a history event', () => {
    const { record, events } = createTrain({ name: '2026.12', freezeDate: '2026-12-01', releaseDate: '2026-12-15', by: 'acc-1', at });
    expect(record).toMatchObject({ id: '2026.12', name: '2026.12', members: [], revision: 0 });
    expect(record.gates.map((g) => g.name)).toEqual([...DEFAULT_TRAIN_GATES]);
    expect(record.gates.every((g) => !g.ticked)).toBe(true);
    expect(events).toEqual([expect.objectContaining({ type: 'train-created', summary: 'Created the train 2026.12 (freeze 2026-12-01, release 2026-12-15)' })]);
  });

  it('refuses a freeze after the release date, naming the field', () => {
    expect(() => createTrain({ name: 'x', freezeDate: '2026-12-20', releaseDate: '2026-12-15', by: 'a', at })).toThrow(expect.objectContaining({ field: 'freezeDate' }));
    const parsed = trainCreatePayloadSchema.safeParse({ name: 'x', projectKey: 'PAY', freezeDate: '2026-12-20', releaseDate: '2026-12-15' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['freezeDate']);
  });

  it('adds and removes members; the same version twice is refused, two versions of one project are allowed and noted', () => {
    let { record } = createTrain({ name: 't', by: 'a', at });
    record = addMember(record, { projectKey: 'PAY', versionId: '1', versionName: 'PAY 2.2' }, 'a', at).record;
    expect(() => addMember(record, { projectKey: 'PAY', versionId: '1', versionName: 'PAY 2.2' }, 'a', at)).toThrow(ReleaseRuleError);
    const change = addMember(record, { projectKey: 'PAY', versionId: '2', versionName: 'PAY 2.3' }, 'a', at);
    expect(change.events[0]).toMatchObject({ type: 'member-added', summary: 'Added PAY 2.3', data: { projectKey: 'PAY', versionId: '2' } });
    expect(sharedProjects(change.record)).toEqual(new Map([['PAY', 2]]));
    const removed = removeMember(change.record, { projectKey: 'PAY', versionId: '1', versionName: 'PAY 2.2' }, 'a', at);
    expect(removed.record.members).toEqual([{ projectKey: 'PAY', versionId: '2' }]);
    expect(() => removeMember(removed.record, { projectKey: 'PAY', versionId: '1' }, 'a', at)).toThrow(/not on this train/);
  });

  it('edits gates keeping the ticks of gates whose name stays, and never reuses a removed gate id', () => {
    let { record } = createTrain({ name: 't', by: 'a', at });
    record = tickTrainGate(record, 'tg-1', true, 'a', at).record;
    const edited = editTrain(record, { gates: ['Cross-team release sync held', 'Change freeze announced'] }, 'a', at);
    expect(edited.record.gates).toEqual([
      expect.objectContaining({ id: 'tg-1', ticked: true, tickedBy: 'a' }),
      expect.objectContaining({ id: 'tg-4', name: 'Change freeze announced', ticked: false }),
    ]);
    expect(edited.events[0]?.summary).toBe('Train gates: added "Change freeze announced" and removed "Rollback plan agreed for every member" and "Support and on-call briefed for every member"');
    expect(() => editTrain(record, { gates: ['A', 'a'] }, 'x', at)).toThrow(/listed twice/);
    expect(editTrain(record, { name: 't' }, 'x', at).events).toEqual([]);
  });

  it('ticks and unticks a train gate; ticking a ticked gate changes nothing', () => {
    const { record } = createTrain({ name: 't', by: 'a', at });
    const ticked = tickTrainGate(record, 'tg-2', true, 'b', at);
    expect(ticked.events[0]?.summary).toBe('Ticked the train gate "Rollback plan agreed for every member"');
    expect(tickTrainGate(ticked.record, 'tg-2', true, 'b', at).events).toEqual([]);
    expect(tickTrainGate(ticked.record, 'tg-2', false, 'b', at).record.gates[1]).toEqual({ id: 'tg-2', name: 'Rollback plan agreed for every member', ticked: false });
    expect(() => tickTrainGate(record, 'tg-99', true, 'b', at)).toThrow(expect.objectContaining({ field: 'gateId' }));
  });

  it('is go only when there are members, every member is go and every train gate is ticked, naming who blocks', () => {
    let { record } = createTrain({ name: 't', gates: ['Sync held'], by: 'a', at });
    expect(trainDecision(record, [])).toMatchObject({ decision: 'no-go', reasons: expect.arrayContaining(['The train has no members yet.']) });
    const mixed = trainDecision(record, [go('PAY', '1'), noGo('MOB', '2', ['QA approved', 'Go/no-go sign-off'])]);
    expect(mixed.decision).toBe('no-go');
    expect(mixed.blockers.map((b) => b.projectKey)).toEqual(['MOB']);
    expect(mixed.reasons).toEqual(['MOB 2 is no-go in Build & test: QA approved and Go/no-go sign-off.', 'Train gate not ticked: Sync held.']);
    expect(trainDecision(record, [go('PAY', '1'), go('MOB', '2')])).toMatchObject({ decision: 'no-go', failingGates: ['Sync held'] });
    record = tickTrainGate(record, 'tg-1', true, 'a', at).record;
    expect(trainDecision(record, [go('PAY', '1'), go('MOB', '2')])).toMatchObject({ decision: 'go', failingGates: [], blockers: [] });
    const hidden = trainDecision(record, [go('PAY', '1'), { projectKey: 'SEC', versionId: '3', decision: 'no-go', failingGates: ['Secret gate'] }]);
    expect(hidden.reasons).toEqual(['A version you cannot see is no-go.']);
  });

  it('member payloads name the wrong field', () => {
    const parsed = trainMemberPayloadSchema.safeParse({ trainId: '2026.12', revision: 1, projectKey: 'pay', versionId: 'x' });
    expect(parsed.error?.issues.map((i) => i.path[0])).toEqual(['projectKey', 'versionId']);
  });
});
