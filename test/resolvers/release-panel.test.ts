import type { Envelope } from '../../src/shared/envelope';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';
import { SETTINGS_KEYS, type SettingsView } from '../../src/shared/settings';
import { RELEASE_KEYS, type ListReleasesResult } from '../../src/shared/releases';
import { createEmulatedSite, projectPageExtension } from '../../local/emulated-site';
import { releasePanelUrl } from '../../src/composition';

/**
 * The release panel's resolvers as Forge runs them: real @forge/resolver, @forge/api and
 * @forge/kvs over the simulated Jira, every REST call checked against Atlassian's spec.
 */
const site = createEmulatedSite({ issues: 400 });
const ACTIVE = () => site.jira.versions.find((v) => v.name === 'PAY 2.2')!;
const MOB_VERSION = () => site.jira.versions.find((v) => v.name === 'MOB 4.2')!;
type Persona = 'release-owner' | 'developer' | 'qa' | 'viewer';

async function call<T>(as: Persona, functionKey: string, payload: unknown, moduleKey = 'preflight-releases'): Promise<Envelope<T>> {
  return site.invoke<Envelope<T>>({ as, functionKey, payload, moduleKey, extension: projectPageExtension(site, 'PAY') });
}
async function ok<T>(as: Persona, functionKey: string, payload: unknown): Promise<T> {
  const answer = await call<T>(as, functionKey, payload);
  if (!answer.ok) throw new Error(`${functionKey} as ${as}: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}
const view = (as: Persona = 'release-owner') => ok<ReleaseView>(as, PANEL_KEYS.get, { versionId: ACTIVE().id });
const gate = (v: ReleaseView, id: string) => v.phases.flatMap((p) => p.gates).find((g) => g.gateId === id)!;

afterEach(() => expect(site.violations).toEqual([]));

describe('a release Preflight has not seen yet', () => {
  it('starts in Planning from the project template, with every gate evaluated from Jira', async () => {
    const v = await view();
    expect(v.currentPhaseId).toBe('planning');
    expect(v.revision).toBe(0);
    expect(v.phases.map((p) => p.name)).toEqual(['Planning', 'Build & test', 'Release preparation', 'Deployment', 'Post-release review']);
    expect(gate(v, 'has-issues')).toMatchObject({ status: 'pass', reason: `${v.issueCounts.total} issues in the version` });
    expect(gate(v, 'all-done').status).toBe('fail');
    expect(gate(v, 'all-done').issues).toBe('not-done');
    expect(v.me).toMatchObject({ roles: ['release-owner'], canOverride: true });
    // Planning started when the version's work did (Jira's start date), not when the panel was opened.
    expect(v.phases[0]!.actualStart).toBe(`${ACTIVE().startDate}T00:00:00.000Z`);
  });

  it('evaluates readiness with a fixed number of REST calls', async () => {
    const before = site.calls.length;
    await view();
    const evaluation = site.calls.slice(before).filter((c) => /\/version\/\d+$|approximate-count|search\/jql/.test(c.path));
    expect(evaluation.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /rest/api/3/version/' + ACTIVE().id, 'POST /rest/api/3/search/approximate-count']);
  });

  it('lists the issues behind a failing gate a page at a time', async () => {
    const page = await ok<{ issues: Array<{ key: string; statusCategory: string }> }>('viewer', PANEL_KEYS.issues, { versionId: ACTIVE().id, list: 'not-done' });
    expect(page.issues.length).toBeGreaterThan(0);
    expect(page.issues.every((i) => i.statusCategory !== 'done' && i.key.startsWith('PAY-'))).toBe(true);
  });

  it('is not found from another project, even by id', async () => {
    const answer = await call<ReleaseView>('release-owner', PANEL_KEYS.get, { versionId: MOB_VERSION().id });
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: `Version ${MOB_VERSION().id} is not a version of PAY.` } });
  });
});

describe('permissions', () => {
  it('shows the viewer everything, read-only, with the reason', async () => {
    const v = await view('viewer');
    expect(v.me.roles).toEqual([]);
    expect(v.me.readOnlyReason).toMatch(/^You have no Preflight role in PAY/);
    expect(v.me.canOverride).toBe(false);
  });

  it('refuses every write from the viewer and stores nothing', async () => {
    const before = await view();
    for (const [key, payload] of [
      [PANEL_KEYS.tick, { gateId: 'dependencies', done: true }],
      [PANEL_KEYS.advance, { override: { reason: 'Because I say so, viewer' } }],
      [PANEL_KEYS.setBuild, { buildId: '1.0.0' }],
    ] as const) {
      const answer = await call(key === PANEL_KEYS.tick ? 'viewer' : 'viewer', key, { versionId: ACTIVE().id, revision: before.revision, ...payload });
      expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect((await view()).revision).toBe(before.revision);
  });

  it('lets a developer (engineering lead) tick, but not advance the phase', async () => {
    const v = await view();
    const advanced = await call('developer', PANEL_KEYS.advance, { versionId: ACTIVE().id, revision: v.revision });
    expect(advanced).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'Only someone with the Release owner role may do this in PAY.' } });
    const ticked = await ok<ReleaseView>('developer', PANEL_KEYS.tick, { versionId: ACTIVE().id, revision: v.revision, gateId: 'dependencies', done: true });
    expect(gate(ticked, 'dependencies')).toMatchObject({ status: 'pass', ticked: { by: { displayName: 'Dev Patel' } } });
  });

  it("signs off only in a role the person holds", async () => {
    const v = await view();
    const qaSigned = await call<ReleaseView>('qa', PANEL_KEYS.signOff, { versionId: ACTIVE().id, revision: v.revision, gateId: 'go-no-go', role: 'qa', signed: true });
    expect(qaSigned.ok && gate(qaSigned.data, 'go-no-go')).toMatchObject({ status: 'fail', reason: 'Waiting for: Release owner and Engineering lead (signed: QA lead)', signatures: [{ role: 'qa', by: { displayName: 'Quinn Adams' } }] });
    const answer = await call('qa', PANEL_KEYS.signOff, { versionId: ACTIVE().id, revision: v.revision + 1, gateId: 'planning-signoff', role: 'release-owner', signed: true });
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('no lost updates', () => {
  it('merges two first changes to different items of a release nobody had saved yet', async () => {
    const fresh = site.jira.versions.find((v) => v.name === 'PAY 3.0')!;
    const seen = await ok<ReleaseView>('release-owner', PANEL_KEYS.get, { versionId: fresh.id });
    expect(seen.revision).toBe(0);
    await ok('release-owner', PANEL_KEYS.tick, { versionId: fresh.id, revision: 0, gateId: 'dependencies', done: true });
    const second = await ok<ReleaseView>('developer', PANEL_KEYS.tick, { versionId: fresh.id, revision: 0, gateId: 'risk-assessment', done: true });
    expect(second.revision).toBe(2);
    expect([gate(second, 'dependencies').status, gate(second, 'risk-assessment').status]).toEqual(['pass', 'pass']);
  });

  it('refuses a change to the same item on a stale revision, saying who changed it, and keeps the first one', async () => {
    const v = await view();
    await ok('release-owner', PANEL_KEYS.tick, { versionId: ACTIVE().id, revision: v.revision, gateId: 'risk-assessment', done: true });
    const stale = await call('developer', PANEL_KEYS.tick, { versionId: ACTIVE().id, revision: v.revision, gateId: 'risk-assessment', done: false });
    expect(stale).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/^Rita Owens ticked "Risk assessment done" at \d\d:\d\d UTC since you loaded this page\.$/) },
    });
    expect(gate(await view(), 'risk-assessment').status).toBe('pass');
  });
});

describe('running the release', () => {
  it('refuses to leave Planning while a gate fails, then allows an override with a reason', async () => {
    let v = await view();
    const blocked = await call('release-owner', PANEL_KEYS.advance, { versionId: ACTIVE().id, revision: v.revision });
    expect(blocked).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', message: expect.stringContaining('Planning cannot be left yet: Scope approved by the release owner') } });

    const short = await call('release-owner', PANEL_KEYS.advance, { versionId: ACTIVE().id, revision: v.revision, override: { reason: 'soon' } });
    expect(short).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ field: 'override.reason' }] } });

    v = await ok<ReleaseView>('release-owner', PANEL_KEYS.advance, { versionId: ACTIVE().id, revision: v.revision, override: { reason: 'Release date agreed with sales on Monday' } });
    expect(v.currentPhaseId).toBe('build-test');
    expect(v.frozenAt).toBeDefined();
    expect(v.audit.events[0]).toMatchObject({ type: 'phase-overridden', by: { displayName: 'Rita Owens' } });
    expect(v.audit.events[0]!.summary).toContain('Reason: Release date agreed with sales on Monday');
    expect(v.audit.events[0]!.snapshot!.length).toBeGreaterThan(0);
  });

  it('links the panel from the Jira version\u2019s related work, once', async () => {
    const work = site.jira.versions.find((v) => v.id === ACTIVE().id)!.relatedWork ?? [];
    const links = work.filter((w: { url?: string }) => w.url?.includes(`/apps/`) && w.url.endsWith(`/${ACTIVE().id}`));
    expect(links).toHaveLength(1);
    expect(links[0]!.url).toMatch(new RegExp(`/jira/software/projects/PAY/apps/[^/]+/[^/]+/${ACTIVE().id}$`));
  });

  it("builds the panel's address with the project's type, as Jira's project page URLs have it", () => {
    expect(releasePanelUrl('https://acme.atlassian.net/', 'OPS', '10042', 'business')).toMatch(/^https:\/\/acme\.atlassian\.net\/jira\/business\/projects\/OPS\/apps\/[^/]+\/[^/]+\/10042$/);
    expect(releasePanelUrl('https://acme.atlassian.net', 'OPS', '10042', '../evil')).toMatch(/\/jira\/software\/projects\/OPS\//);
  });

  it('tracks issues added after the freeze until each is accepted or removed', async () => {
    const outsider = site.jira.issues.find((i) => i.projectId === ACTIVE().projectId && !i.fixVersionIds.includes(ACTIVE().id) && !i.fixVersionIds.some((id) => site.jira.versions.find((v) => v.id === id)?.released))!;
    const another = site.jira.issues.find((i) => i.projectId === ACTIVE().projectId && i.id !== outsider.id && !i.fixVersionIds.includes(ACTIVE().id))!;
    for (const issue of [outsider, another]) {
      const res = await site.jiraRest('release-owner', 'PUT', `/rest/api/3/issue/${issue.id}`, { update: { fixVersions: [{ add: { id: ACTIVE().id } }] } });
      expect(res.status).toBe(204);
    }
    let v = await view();
    expect(v.scopeChanges.map((c) => c.issueKey).sort()).toEqual([outsider.key, another.key].sort());
    expect(gate(v, 'scope-resolved')).toMatchObject({ status: 'fail', reason: '2 issues added after the freeze need accepting or removing' });

    v = await ok<ReleaseView>('release-owner', PANEL_KEYS.decideScope, { versionId: ACTIVE().id, revision: v.revision, issueId: outsider.id, decision: 'accepted' });
    v = await ok<ReleaseView>('release-owner', PANEL_KEYS.decideScope, { versionId: ACTIVE().id, revision: v.revision, issueId: another.id, decision: 'removed' });
    expect(gate(v, 'scope-resolved').status).toBe('pass');
    expect(site.jira.issues.find((i) => i.id === another.id)!.fixVersionIds).not.toContain(ACTIVE().id);
    // Both decisions stay on the record with who made them, newest first; the removed issue is not forgotten.
    const rita = { accountId: site.user('release-owner').accountId, displayName: 'Rita Owens' };
    expect(v.scopeChanges).toEqual([
      expect.objectContaining({ issueKey: another.key, decision: 'removed', decidedBy: rita }),
      expect.objectContaining({ issueKey: outsider.key, decision: 'accepted', decidedBy: rita }),
    ]);
  });

  it('sets the build under test, and refuses a build id with spaces', async () => {
    let v = await view();
    const bad = await call('qa', PANEL_KEYS.setBuild, { versionId: ACTIVE().id, revision: v.revision, buildId: '1.4 rc2' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ field: 'buildId' }] } });
    v = await ok<ReleaseView>('qa', PANEL_KEYS.setBuild, { versionId: ACTIVE().id, revision: v.revision, buildId: '2.2.0-rc1' });
    expect(v.buildUnderTest).toMatchObject({ id: '2.2.0-rc1', by: { displayName: 'Quinn Adams' } });
    expect(gate(v, 'qa-approved').reason).toMatch(/issues? still need QA approval of the current build/);
  });

  it('releases the version in Jira only from Deployment, moving unfinished issues', async () => {
    let v = await view();
    const early = await call('release-owner', PANEL_KEYS.releaseVersion, { versionId: ACTIVE().id, revision: v.revision, releaseDate: '2026-12-12' });
    expect(early).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', message: 'The version is released in Jira during Deployment; this release is in Build & test' } });
    for (const _phase of ['build-test', 'release-prep']) {
      v = await ok<ReleaseView>('release-owner', PANEL_KEYS.advance, { versionId: ACTIVE().id, revision: v.revision, override: { reason: 'Demo: skipping ahead for the test' } });
    }
    expect(v.currentPhaseId).toBe('deployment');
    const target = v.otherVersions.find((o) => o.name === 'PAY 3.0')!;
    v = await ok<ReleaseView>('release-owner', PANEL_KEYS.releaseVersion, { versionId: ACTIVE().id, revision: v.revision, releaseDate: '2026-12-12', moveUnfixedIssuesTo: target.id });
    const jiraVersion = site.jira.versions.find((x) => x.id === ACTIVE().id)!;
    expect(jiraVersion.released).toBe(true);
    expect(gate(v, 'version-released')).toMatchObject({ status: 'pass', reason: 'Released in Jira' });
    expect(v.audit.events[0]!.summary).toBe('Released the version in Jira on Dec 12, 2026; unfinished issues moved to PAY 3.0');
    // Build & test is history now: its automatic gates read as they did when it ended, not as Jira is today.
    expect(gate(v, 'all-done').reason).toMatch(/^When Build & test ended: \d+ of \d+ issues not done$/);
    expect(gate(v, 'all-done').issues).toBeUndefined();
  });

  it('shows the phase and gate counts in the releases list', async () => {
    const list = await ok<ListReleasesResult>('viewer', RELEASE_KEYS.list, {});
    expect(list.releases.find((r) => r.versionId === ACTIVE().id)).toMatchObject({ phase: { id: 'deployment', name: 'Deployment' }, gateSummary: { pass: 1 } });
  });
});

describe('project settings', () => {
  it('lets a project admin save valid settings, and names the field of invalid ones', async () => {
    const current = await ok<SettingsView>('release-owner', SETTINGS_KEYS.get, {});
    expect(current.me.canEdit).toBe(true);
    const bad = await call('release-owner', SETTINGS_KEYS.save, { revision: current.revision, settings: { ...current.settings, qaIssueTypes: ['Story', 'Spaceship'] } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ field: 'settings.qaIssueTypes.1', message: expect.stringContaining("expected one of the project's issue types") }] } });
    const negative = await call('release-owner', SETTINGS_KEYS.save, { revision: current.revision, settings: { ...current.settings, beddingInDays: -1 } });
    expect(negative).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ field: 'settings.beddingInDays', message: 'expected 0 or more days' }] } });
    const saved = await ok<SettingsView>('release-owner', SETTINGS_KEYS.save, { revision: current.revision, settings: { ...current.settings, beddingInDays: 14 } });
    expect(saved).toMatchObject({ revision: 1, settings: { beddingInDays: 14 } });
  });

  it('shows settings read-only to others and refuses their save', async () => {
    const current = await ok<SettingsView>('qa', SETTINGS_KEYS.get, {});
    expect(current.me).toEqual({ canEdit: false, readOnlyReason: expect.stringContaining('Only project admins') });
    const answer = await call('qa', SETTINGS_KEYS.save, { revision: current.revision, settings: current.settings });
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
