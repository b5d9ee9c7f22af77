import type { GateResult } from '../../src/domain/gates';
import { addedAfterFreeze, recordReleasedInJira, recordScopeAddition, recordScopeWithdrawn, recordUnreleasedInJira, recordVersionDeleted } from '../../src/domain/jira-events';
import { recordVersionReleased, releaseRecordSchema, startRelease, type ReleaseRecord } from '../../src/domain/release';
import { DEFAULT_TEMPLATE } from '../../src/domain/template';

const T0 = '2026-11-01T09:00:00.000Z';
const T1 = '2026-11-20T10:00:00.000Z';
const fresh = (): ReleaseRecord => startRelease({ versionId: '10001', projectKey: 'PAY', releaseType: 'major', phases: DEFAULT_TEMPLATE.major, at: T0 });
const inPhase = (phaseId: string, patch: Partial<ReleaseRecord> = {}): ReleaseRecord => ({ ...fresh(), currentPhaseId: phaseId, ...patch });

/** Every gate passing, except the ones named. */
function results(record: ReleaseRecord, failing: string[] = []): Map<string, GateResult> {
  return new Map(
    record.phases.flatMap((p) => p.gates).map((g) => [g.id, { gateId: g.id, name: g.name, kind: g.kind, status: failing.includes(g.id) ? 'fail' : 'pass', reason: failing.includes(g.id) ? 'not yet' : 'ok' } as GateResult]),
  );
}
const released = (record: ReleaseRecord, failing: string[] = []) => recordReleasedInJira(record, results(record, failing), { by: 'acc-rita', at: T1, releaseDate: '2026-11-20', versionName: 'PAY 2.2' });

describe('a version released in Jira', () => {
  it.each([
    // [phase the release is in, failing gates, audit type, phase after, banner]
    ['planning', ['all-done'], 'released-outside', 'post-release', true],
    ['deployment', ['deploy-verified'], 'released-outside', 'post-release', true],
    ['deployment', [], 'version-released', 'post-release', false],
    // A gate of a later phase does not count: only the phases up to the Jira release are walked around.
    ['deployment', ['retro-published'], 'version-released', 'post-release', false],
    // Already past the release phase: only noted.
    ['post-release', ['all-done'], 'version-released', 'post-release', false],
  ])('in %s with %j failing: %s, now in %s', (phase, failing, type, after, banner) => {
    const change = released(inPhase(phase), failing);
    expect(change.events.map((e) => e.type)).toEqual([type]);
    expect(change.record.currentPhaseId).toBe(after);
    expect(change.record.releasedOutside !== undefined).toBe(banner);
    expect(releaseRecordSchema.safeParse(change.record).success).toBe(true);
  });

  it('keeps who, when and the gate snapshot, and the transition says Jira moved it, not an override', () => {
    const change = released(inPhase('release-prep'), ['rollback-plan']);
    expect(change.record.releasedOutside).toEqual({ by: 'acc-rita', at: T1, releaseDate: '2026-11-20', fromPhaseId: 'release-prep', toPhaseId: 'post-release', failingGates: ['Rollback plan documented and tested'] });
    const transition = change.record.transitions.at(-1)!;
    expect(transition).toMatchObject({ from: 'release-prep', to: 'post-release', by: 'acc-rita', releasedOutside: { failingGateIds: ['rollback-plan'] } });
    expect(transition.override).toBeUndefined();
    expect(change.events[0]!.snapshot?.find((g) => g.gateId === 'rollback-plan')).toMatchObject({ status: 'fail' });
    expect(change.record.phaseDates['deployment']).toEqual({ actualStart: T1, actualEnd: T1 });
  });

  it('is idempotent: the same event twice changes nothing the second time', () => {
    const once = released(inPhase('planning'), ['all-done']);
    const twice = released(once.record, ['all-done']);
    expect(twice.events).toEqual([]);
    expect(twice.record).toBe(once.record);
  });

  it("is Preflight's own release when Preflight released it that day", () => {
    const own = recordVersionReleased(inPhase('deployment'), { releaseDate: '2026-11-20' }, 'acc-rita', T1).record;
    expect(released(own, ['deploy-verified'])).toEqual({ record: own, events: [] });
  });

  it('unreleased in Jira: recorded once, the phase stays, and a new release is news again', () => {
    const once = released(inPhase('planning'), ['all-done']);
    const unreleased = recordUnreleasedInJira(once.record, { by: 'acc-rita', at: T1 });
    expect(unreleased.events.map((e) => e.type)).toEqual(['version-unreleased']);
    expect(unreleased.record.currentPhaseId).toBe('post-release');
    expect(recordUnreleasedInJira(unreleased.record, { by: 'acc-rita', at: T1 }).events).toEqual([]);
    const again = recordReleasedInJira(unreleased.record, results(unreleased.record), { by: 'acc-rita', at: T1, releaseDate: '2026-11-20', versionName: 'PAY 2.2' });
    expect(again.events.map((e) => e.type)).toEqual(['version-released']);
  });

  it('deleted or merged in Jira: the record says so once', () => {
    const merged = recordVersionDeleted(fresh(), { by: 'acc-rita', at: T1, mergedInto: 'PAY 3.0' });
    expect(merged.record.versionDeleted).toEqual({ by: 'acc-rita', at: T1, mergedInto: 'PAY 3.0' });
    expect(merged.events[0]!.summary).toBe('Merged the version into PAY 3.0 in Jira; this release record is kept for its history');
    expect(recordVersionDeleted(merged.record, { by: 'acc-rita', at: T1 }).events).toEqual([]);
  });
});

describe('an issue added after the freeze', () => {
  const frozen = () => inPhase('build-test', { frozenAt: T0 });
  const issue = { id: '20001', key: 'PAY-77', changelogId: '900' };

  it('is a scope change once per changelog entry, only when scope is frozen and the issue undecided', () => {
    expect(recordScopeAddition(fresh(), issue, 'acc-dev', T1).events).toEqual([]);
    const added = recordScopeAddition(frozen(), issue, 'acc-dev', T1);
    expect(added.record.scopeAdditions).toEqual({ '20001': { issueKey: 'PAY-77', by: 'acc-dev', at: T1, changelogId: '900' } });
    expect(added.events.map((e) => e.summary)).toEqual(['Added PAY-77 to the version in Jira after scope froze; it needs accepting or removing']);
    expect(recordScopeAddition(added.record, issue, 'acc-dev', T1).events).toEqual([]);
    const decided = { ...frozen(), scopeDecisions: { '20001': { issueKey: 'PAY-77', decision: 'accepted' as const, by: 'acc-rita', at: T1 } } };
    expect(recordScopeAddition(decided, issue, 'acc-dev', T1).events).toEqual([]);
  });

  it("leaves the list when the issue leaves the version before anyone decided", () => {
    const added = recordScopeAddition(frozen(), issue, 'acc-dev', T1).record;
    expect(recordScopeWithdrawn(added, '20001', T1).record.scopeAdditions).toEqual({});
  });

  it("joins Jira's search results without counting an issue twice", () => {
    const added = recordScopeAddition(recordScopeAddition(frozen(), issue, 'acc-dev', T1).record, { id: '20002', key: 'PAY-78', changelogId: '901' }, 'acc-dev', T1).record;
    const merged = addedAfterFreeze(added, [{ id: '20002', key: 'PAY-78', summary: 'Found by search' }]);
    expect(merged).toEqual([{ id: '20001', key: 'PAY-77' }, { id: '20002', key: 'PAY-78', summary: 'Found by search' }]);
  });
});
