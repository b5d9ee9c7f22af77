import { createEmulatedSite, projectPageExtension } from '../../local/emulated-site';
import type { EvidencePack } from '../../src/domain/evidence';
import type { Envelope } from '../../src/shared/envelope';
import { PANEL_KEYS, type AuditPage, type EvidenceVerificationView, type ReleaseView } from '../../src/shared/release-panel';

/**
 * The permanent decision history of one release taken from Planning to released, through the
 * emulator: scope decisions keep who and when after the release, the audit trail filters by kind
 * and person, the go/no-go snapshot names who had signed, and the evidence pack's digest names
 * an audit event that was changed in storage afterwards.
 */
const site = createEmulatedSite({ issues: 300 });
const version = () => site.jira.versions.find((v) => v.name === 'MOB 4.2')!;
type Persona = 'release-owner' | 'developer' | 'qa' | 'viewer';

async function call<T>(as: Persona, functionKey: string, payload: Record<string, unknown>): Promise<T> {
  const answer = await site.invoke<Envelope<T>>({ as, functionKey, payload: { versionId: version().id, ...payload }, moduleKey: 'preflight-releases', extension: projectPageExtension(site, 'MOB') });
  if (!answer.ok) throw new Error(`${functionKey} as ${as}: ${answer.error.message}`);
  return answer.data;
}
const panel = (functionKey: string, payload: Record<string, unknown> = {}) => call<ReleaseView>('release-owner', functionKey, payload);

afterEach(() => expect(site.violations).toEqual([]));

let latecomers: Array<{ id: string; key: string }> = [];

beforeAll(async () => {
  let view = await panel(PANEL_KEYS.get);
  view = await panel(PANEL_KEYS.signOff, { revision: view.revision, gateId: 'planning-signoff', role: 'release-owner', signed: true });
  await panel(PANEL_KEYS.advance, { revision: view.revision, override: { reason: 'Freezing scope for the history test' } });
  const project = site.jira.projects.find((p) => p.key === 'MOB')!;
  latecomers = site.jira.issues.filter((i) => i.projectId === project.id && i.fixVersionIds.length === 0).slice(0, 2);
  for (const issue of latecomers) {
    expect((await site.jiraRest('release-owner', 'PUT', `/rest/api/3/issue/${issue.id}`, { update: { fixVersions: [{ add: { id: version().id } }] } })).status).toBe(204);
  }
  view = await panel(PANEL_KEYS.get);
  view = await call<ReleaseView>('release-owner', PANEL_KEYS.decideScope, { revision: view.revision, issueId: latecomers[0]!.id, decision: 'accepted' });
  view = await panel(PANEL_KEYS.decideScope, { revision: view.revision, issueId: latecomers[1]!.id, decision: 'removed' });
  for (let i = 0; i < 2; i++) view = await panel(PANEL_KEYS.advance, { revision: view.revision, override: { reason: 'Moving on to Deployment for the test' } });
  const next = view.otherVersions.find((v) => v.name === 'MOB 5.0')!;
  await panel(PANEL_KEYS.releaseVersion, { revision: view.revision, releaseDate: '2026-12-26', moveUnfixedIssuesTo: next.id });
}, 60_000);

test('after the release, the panel still lists both scope decisions with who decided and when', async () => {
  const view = await panel(PANEL_KEYS.get);
  expect(view.version.released).toBe(true);
  const rows = view.scopeChanges.map((c) => ({ key: c.issueKey, decision: c.decision, by: c.decidedBy?.displayName, at: typeof c.decidedAt }));
  expect(rows).toEqual(
    expect.arrayContaining([
      { key: latecomers[0]!.key, decision: 'accepted', by: site.user('release-owner').displayName, at: 'string' },
      { key: latecomers[1]!.key, decision: 'removed', by: site.user('release-owner').displayName, at: 'string' },
    ]),
  );
  expect(view.scopeChanges).toHaveLength(2);
});

test('the audit trail filters by kind and by person', async () => {
  const scope = await call<AuditPage>('viewer', PANEL_KEYS.audit, { kind: 'scope' });
  expect(scope.events.map((e) => e.summary)).toEqual([`Removed ${latecomers[1]!.key} from the frozen scope`, `Accepted ${latecomers[0]!.key} into the frozen scope`]);
  expect(scope.events.every((e) => e.kind === 'scope' && e.by.displayName === site.user('release-owner').displayName)).toBe(true);
  const overrides = await call<AuditPage>('viewer', PANEL_KEYS.audit, { kind: 'override' });
  expect(overrides.events).toHaveLength(3);
  const byQa = await call<AuditPage>('viewer', PANEL_KEYS.audit, { by: site.user('qa').accountId });
  expect(byQa.events).toEqual([]);
  const signoffsByOwner = await call<AuditPage>('viewer', PANEL_KEYS.audit, { kind: 'signoff', by: site.user('release-owner').accountId });
  expect(signoffsByOwner.events.map((e) => e.summary)).toEqual(['Signed off "Scope approved by the release owner" as Release owner']);
});

test("the go/no-go snapshot of leaving Planning names who had signed, in which role", async () => {
  const overrides = await call<AuditPage>('viewer', PANEL_KEYS.audit, { kind: 'override' });
  const leavingPlanning = overrides.events.at(-1)!;
  const signoff = leavingPlanning.snapshot!.find((g) => g.gateId === 'planning-signoff')!;
  expect(signoff.signatures).toEqual([{ role: 'release-owner', by: { accountId: site.user('release-owner').accountId, displayName: site.user('release-owner').displayName }, at: expect.any(String) }]);
});

test('the evidence pack verifies, and its digest names an audit event changed in storage afterwards', async () => {
  const before = site.kvs.snapshot();
  const pack = await call<EvidencePack>('viewer', PANEL_KEYS.evidencePack, {});
  expect(site.kvs.snapshot()).toBe(before); // exporting reads only
  expect(pack.integrity.digest).toMatch(/^[0-9a-f]{64}$/);
  expect(pack.decisions.filter((d) => d.kind === 'scope')).toHaveLength(2);
  expect(pack.snapshots.map((s) => `${s.from} -> ${s.to}`)).toEqual(['planning -> build-test', 'build-test -> release-prep', 'release-prep -> deployment']);
  const fine = await call<EvidenceVerificationView>('viewer', PANEL_KEYS.verifyEvidence, { pack });
  expect(fine).toMatchObject({ valid: true, problems: [] });

  // Someone with storage access rewrites the acceptance afterwards, straight in the KVS.
  const accepted = pack.events.find((e) => e.type === 'scope-accepted')!;
  const stored = await site.kvs.handle('/api/v1/entity/get', { entityName: 'audit-event', key: accepted.id });
  const item = stored.body as { value: { versionId: string; seq: string; event: { by: string } } };
  const set = await site.kvs.handle('/api/v1/entity/set', { entityName: 'audit-event', key: accepted.id, value: { ...item.value, event: { ...item.value.event, by: site.user('qa').accountId } } });
  expect(set.status).toBe(204);

  const after = await call<EvidenceVerificationView>('viewer', PANEL_KEYS.verifyEvidence, { pack });
  expect(after.valid).toBe(false);
  expect(after.problems).toEqual([`Audit event ${accepted.id} ("${accepted.summary}") was changed after the pack was exported.`]);
  const reexported = await call<EvidencePack>('viewer', PANEL_KEYS.evidencePack, {});
  expect(reexported.integrity.digest).not.toBe(pack.integrity.digest);
});
