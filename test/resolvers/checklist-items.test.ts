import type { Envelope } from '../../src/shared/envelope';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';
import { createEmulatedSite, projectPageExtension } from '../../local/emulated-site';

/**
 * Checklist items of one release through the release panel's resolver, as Forge runs it (the
 * bundle, real @forge packages, the simulated Jira and the local KVS).
 */
const site = createEmulatedSite({ issues: 200 });
type Persona = 'release-owner' | 'developer' | 'qa' | 'viewer';
const version = (name = 'PAY 2.2') => site.jira.versions.find((v) => v.name === name)!;

async function call<T>(as: Persona, functionKey: string, payload: unknown): Promise<Envelope<T>> {
  return site.invoke<Envelope<T>>({ as, functionKey, payload, moduleKey: 'preflight-releases', extension: projectPageExtension(site, 'PAY') });
}
async function ok<T>(as: Persona, functionKey: string, payload: unknown): Promise<T> {
  const answer = await call<T>(as, functionKey, payload);
  if (!answer.ok) throw new Error(`${functionKey} as ${as}: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}
const view = (name?: string) => ok<ReleaseView>('release-owner', PANEL_KEYS.get, { versionId: version(name).id });
const edit = async (as: Persona, payload: Record<string, unknown>, name?: string) => {
  const v = await view(name);
  return call<ReleaseView>(as, PANEL_KEYS.editChecklistItem, { versionId: version(name).id, revision: v.revision, ...payload });
};
const phase = (v: ReleaseView, id: string) => v.phases.find((p) => p.id === id)!;

afterEach(() => expect(site.violations).toEqual([]));

describe('a checklist item of one release', () => {
  it('is added by the release owner to the chosen phase, shown as this release\u2019s own, and audited with who and when', async () => {
    const answer = await edit('release-owner', { action: 'add', phaseId: 'release-prep', name: 'Notify the payments partner', requiresLink: true });
    expect(answer.ok).toBe(true);
    const v = answer.ok ? answer.data : undefined!;
    const item = phase(v, 'release-prep').gates.at(-1)!;
    expect(item).toMatchObject({
      gateId: 'notify-the-payments-partner',
      name: 'Notify the payments partner',
      kind: 'manual',
      status: 'fail',
      requiresLink: true,
      releaseItem: { by: { displayName: 'Rita Owens' } },
    });
    expect(v.audit.events[0]).toMatchObject({
      type: 'checklist-item-added',
      by: { displayName: 'Rita Owens' },
      summary: 'Added the checklist item "Notify the payments partner" (needs a link) to Release preparation, for this release only',
    });
    expect(Date.parse(v.audit.events[0]!.at)).not.toBeNaN();
    // Only this release has it: another release of the project keeps the template's list.
    expect(phase(await view('PAY 3.0'), 'release-prep').gates.map((g) => g.gateId)).not.toContain('notify-the-payments-partner');
  });

  it('is ticked by a developer like any item, then renamed by the release owner with its tick kept', async () => {
    const v = await view();
    await ok<ReleaseView>('developer', PANEL_KEYS.tick, { versionId: version().id, revision: v.revision, gateId: 'notify-the-payments-partner', done: true, link: 'https://partners.example.com/mail/7' });
    const renamed = await edit('release-owner', { action: 'rename', gateId: 'notify-the-payments-partner', name: 'Payments partner notified' });
    const after = renamed.ok ? renamed.data : undefined!;
    expect(phase(after, 'release-prep').gates.at(-1)).toMatchObject({ gateId: 'notify-the-payments-partner', name: 'Payments partner notified', status: 'pass', ticked: { by: { displayName: 'Dev Patel' }, link: 'https://partners.example.com/mail/7' } });
    expect(after.audit.events[0]).toMatchObject({ type: 'checklist-item-renamed', summary: 'Renamed the checklist item "Notify the payments partner" to "Payments partner notified" in Release preparation' });
  });

  it('cannot be removed while ticked; once unticked it is removed and audited', async () => {
    const refused = await edit('release-owner', { action: 'remove', gateId: 'notify-the-payments-partner' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', message: '"Payments partner notified" is ticked; untick it first, then remove it' } });
    const v = await view();
    await ok('release-owner', PANEL_KEYS.tick, { versionId: version().id, revision: v.revision, gateId: 'notify-the-payments-partner', done: false });
    const removed = await edit('release-owner', { action: 'remove', gateId: 'notify-the-payments-partner' });
    const after = removed.ok ? removed.data : undefined!;
    expect(phase(after, 'release-prep').gates.map((g) => g.gateId)).not.toContain('notify-the-payments-partner');
    expect(after.audit.events[0]).toMatchObject({ type: 'checklist-item-removed', by: { displayName: 'Rita Owens' }, summary: 'Removed the checklist item "Payments partner notified" from Release preparation' });
  });

  it('refuses a template item: only items added to this release can be renamed or removed', async () => {
    const answer = await edit('release-owner', { action: 'remove', gateId: 'rollback-plan' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', message: expect.stringContaining("comes from the project's template") } });
  });

  it.each<[Persona]>([['viewer'], ['developer'], ['qa']])('is refused for the %s, and nothing is stored', async (as) => {
    const before = await view();
    const answer = await edit(as, { action: 'add', phaseId: 'release-prep', name: 'Sneaky item' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const after = await view();
    expect(after.revision).toBe(before.revision);
    expect(after.phases.flatMap((p) => p.gates).some((g) => g.name === 'Sneaky item')).toBe(false);
  });

  it('refuses a phase that is done, and an empty name, naming the field', async () => {
    let v = await view();
    v = await ok<ReleaseView>('release-owner', PANEL_KEYS.advance, { versionId: version().id, revision: v.revision, override: { reason: 'Planning agreed in the kick-off meeting' } });
    expect(v.currentPhaseId).toBe('build-test');
    const done = await edit('release-owner', { action: 'add', phaseId: 'planning', name: 'Late idea' });
    expect(done).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', message: 'Planning is done; its checklist is part of the record and can no longer change' } });
    const empty = await edit('release-owner', { action: 'add', phaseId: 'build-test', name: '   ' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ field: 'name' }] } });
  });

  it('is refused when someone saved a change after the owner\u2019s screen was loaded, not applied blindly', async () => {
    const v = await view();
    await ok('developer', PANEL_KEYS.tick, { versionId: version().id, revision: v.revision, gateId: 'regression', done: true });
    const stale = await call('release-owner', PANEL_KEYS.editChecklistItem, { versionId: version().id, revision: v.revision, action: 'add', phaseId: 'build-test', name: 'Soak test' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(phase(await view(), 'build-test').gates.some((g) => g.name === 'Soak test')).toBe(false);
  });
});
