import { say, serverTranslator } from '../../src/i18n/server-translator';
import { addChecklistItem, checklistItemId, removeChecklistItem, renameChecklistItem, withReleaseItems } from '../../src/domain/checklist-items';
import { advancePhase, releaseRecordSchema, startRelease, tickChecklistItem, ReleaseRuleError, type ReleaseRecord } from '../../src/domain/release';
import { DEFAULT_TEMPLATE } from '../../src/domain/template';

const T0 = '2026-11-01T09:00:00.000Z';
const T1 = '2026-11-02T09:00:00.000Z';
const owner = 'acc-owner';
const fresh = () => startRelease({ versionId: '10001', projectKey: 'PAY', releaseType: 'major', phases: DEFAULT_TEMPLATE.major, at: T0 });
const gatesOf = (r: ReleaseRecord, phaseId: string) => r.phases.find((p) => p.id === phaseId)!.gates;
const add = (r: ReleaseRecord, phaseId: string, name: string, requiresLink?: boolean) => addChecklistItem(r, { phaseId, name, ...(requiresLink !== undefined && { requiresLink }) }, owner, T1);

describe('adding a checklist item to one release', () => {
  it('appends a manual gate to the chosen phase, marks it as this release\u2019s own and audits who added it', () => {
    const before = fresh();
    const { record, events, gateId } = add(before, 'release-prep', 'Notify the payments partner', true);
    expect(gateId).toBe('notify-the-payments-partner');
    expect(gatesOf(record, 'release-prep').at(-1)).toEqual({ kind: 'manual', id: gateId, name: 'Notify the payments partner', requiresLink: true });
    expect(record.releaseItems).toEqual({ [gateId]: { by: owner, at: T1 } });
    expect(events).toEqual([
      { type: 'checklist-item-added', by: owner, at: T1, summary: 'Added the checklist item "Notify the payments partner" (needs a link) to Release preparation, for this release only', text: expect.objectContaining({ id: 'audit.itemAddedLink' }), data: { gateId, phaseId: 'release-prep' } },
    ]);
    expect(releaseRecordSchema.safeParse(record).success).toBe(true);
    // The template (and so every other release) keeps its own list.
    expect(DEFAULT_TEMPLATE.major.find((p) => p.id === 'release-prep')!.gates.some((g) => g.id === gateId)).toBe(false);
    expect(before.phases).toEqual(DEFAULT_TEMPLATE.major);
  });

  it('can be ticked like any checklist item, and asks for a link when it needs one', () => {
    const { record, gateId } = add(fresh(), 'planning', 'Legal review', true);
    expect(() => tickChecklistItem(record, gateId, true, owner, T1)).toThrow('"Legal review" needs a link');
    expect(tickChecklistItem(record, gateId, true, owner, T1, 'https://legal.example.com/r/1').record.checklist[gateId]).toMatchObject({ link: 'https://legal.example.com/r/1' });
  });

  it.each`
    name                                   | id
    ${'Rollback plan documented and tested'} | ${'rollback-plan-documented-and-tested'}
    ${'Rollback plan'}                     | ${'rollback-plan-2'}
    ${'  Über-Prüfung: DB & API!  '}        | ${'uber-prufung-db-api'}
    ${'✓✓✓'}                               | ${'item'}
    ${'x'.repeat(120)}                     | ${'x'.repeat(36)}
  `('gives "$name" the id $id, unique in the release and valid as a gate id', ({ name, id }) => {
    const { gateId } = add(fresh(), 'planning', name);
    expect(gateId).toBe(id);
    expect(gateId).toMatch(/^[a-z0-9][a-z0-9-]{0,39}$/);
  });

  it('numbers a second item whose name makes the same id', () => {
    expect(checklistItemId('Smoke test', new Set(['smoke-test', 'smoke-test-2']))).toBe('smoke-test-3');
  });

  it.each`
    phaseId          | name                          | message
    ${'planning'}    | ${'   '}                      | ${"The item's name: expected a name"}
    ${'planning'}    | ${'y'.repeat(121)}            | ${"The item's name: expected at most 120 characters"}
    ${'planning'}    | ${'risk ASSESSMENT done'}     | ${'Planning already has an item called "Risk assessment done"'}
    ${'nowhere'}     | ${'Anything'}                 | ${'This release has no phase "nowhere"'}
  `('refuses "$name" in $phaseId: $message', ({ phaseId, name, message }) => {
    expect(() => add(fresh(), phaseId, name)).toThrow(new ReleaseRuleError(message));
  });

  it('says what is wrong with a name in the reader\'s language', () => {
    const refusal = (name: string) => {
      try {
        add(fresh(), 'planning', name);
      } catch (error) {
        return say(serverTranslator('de'), (error as ReleaseRuleError).text!);
      }
      throw new Error('not refused');
    };
    expect(refusal('y'.repeat(121))).toBe('Name des Punkts: höchstens 120 Zeichen erlaubt');
    expect(refusal('   ')).not.toMatch(/expected/);
  });

  it('refuses a phase that is done: its gates are the record of how it was left', () => {
    const moved = advancePhase(fresh(), [], owner, T1).record;
    expect(() => add(moved, 'planning', 'Late idea')).toThrow('Planning is done; its checklist is part of the record and can no longer change');
    expect(gatesOf(add(moved, 'build-test', 'Late idea').record, 'build-test').at(-1)!.name).toBe('Late idea');
  });

  it('refuses a complete release and a full phase', () => {
    expect(() => add({ ...fresh(), completedAt: T1 }, 'planning', 'X')).toThrow('The release is complete; it can no longer change');
    let r = fresh();
    for (let i = gatesOf(r, 'planning').length; i < 30; i++) r = add(r, 'planning', `Item ${i}`).record;
    expect(() => add(r, 'planning', 'One too many')).toThrow('Planning already has 30 gates, the most a phase may have');
  });
});

describe('renaming and removing', () => {
  const withItem = () => add(fresh(), 'release-prep', 'Notify partner');

  it('renames an item of this release, keeping its id and tick, and audits old and new name', () => {
    const { record, gateId } = withItem();
    const ticked = tickChecklistItem(record, gateId, true, 'acc-dev', T1).record;
    const { record: renamed, events } = renameChecklistItem(ticked, gateId, 'Notify the payments partner', owner, T1);
    expect(gatesOf(renamed, 'release-prep').find((g) => g.id === gateId)!.name).toBe('Notify the payments partner');
    expect(renamed.checklist[gateId]).toMatchObject({ by: 'acc-dev' });
    expect(events[0]).toMatchObject({ type: 'checklist-item-renamed', summary: 'Renamed the checklist item "Notify partner" to "Notify the payments partner" in Release preparation' });
    expect(renameChecklistItem(renamed, gateId, ' Notify the payments partner ', owner, T1).events).toEqual([]);
  });

  it('removes an unticked item of this release and audits it', () => {
    const { record, gateId } = withItem();
    const { record: removed, events } = removeChecklistItem(record, gateId, owner, T1);
    expect(removed.phases).toEqual(DEFAULT_TEMPLATE.major);
    expect(removed.releaseItems).toEqual({});
    expect(events[0]).toMatchObject({ type: 'checklist-item-removed', by: owner, summary: 'Removed the checklist item "Notify partner" from Release preparation' });
  });

  it('refuses to remove a ticked item: untick first, so no recorded work disappears', () => {
    const { record, gateId } = withItem();
    const ticked = tickChecklistItem(record, gateId, true, owner, T1).record;
    expect(() => removeChecklistItem(ticked, gateId, owner, T1)).toThrow('"Notify partner" is ticked; untick it first, then remove it');
  });

  it.each`
    gateId              | message
    ${'rollback-plan'}  | ${'"Rollback plan documented and tested" comes from the project\'s template'}
    ${'go-no-go'}       | ${'"Go/no-go" comes from the project\'s template'}
    ${'missing'}        | ${'This release has no checklist item "missing"'}
  `('refuses to rename or remove $gateId', ({ gateId, message }) => {
    const { record } = withItem();
    expect(() => renameChecklistItem(record, gateId, 'New', owner, T1)).toThrow(message);
    expect(() => removeChecklistItem(record, gateId, owner, T1)).toThrow(message);
  });

  it('refuses to change an item of a phase that is done', () => {
    const { record, gateId } = add(fresh(), 'planning', 'Partner kick-off');
    const moved = advancePhase(record, [], owner, T1).record;
    expect(() => renameChecklistItem(moved, gateId, 'Kick-off', owner, T1)).toThrow('Planning is done');
    expect(() => removeChecklistItem(moved, gateId, owner, T1)).toThrow('Planning is done');
  });
});

describe('changing the release type', () => {
  it('carries this release\u2019s items into the same phase of the new type, or its first phase', () => {
    let r = add(fresh(), 'release-prep', 'Notify partner').record;
    r = { ...r, phases: [...r.phases, { id: 'extra', name: 'Extra', gates: [{ kind: 'manual', id: 'extra-check', name: 'Extra check', requiresLink: false }] }], releaseItems: { ...r.releaseItems, 'extra-check': { by: owner, at: T1 } } };
    const carried = withReleaseItems(r, DEFAULT_TEMPLATE.hotfix);
    expect(carried.phases.find((p) => p.id === 'release-prep')!.gates.at(-1)!.id).toBe('notify-partner');
    expect(carried.phases[0]!.gates.at(-1)!.id).toBe('extra-check');
    expect(Object.keys(carried.releaseItems).sort()).toEqual(['extra-check', 'notify-partner']);
  });
});
