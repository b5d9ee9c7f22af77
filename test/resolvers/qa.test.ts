import type { Envelope } from '../../src/shared/envelope';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';
import { QA_KEYS, type DecideManyQaResult, type DecideQaResult, type IssueQaView } from '../../src/shared/qa';
import { createEmulatedSite, projectPageExtension } from '../../local/emulated-site';
import { ISSUE_TYPES } from '../../local/sim/jira/catalog';

/**
 * QA build approvals as Forge runs them: the issue module's and the release panel's resolvers over
 * the simulated Jira (issue.property JQL included) and the local KVS, every REST call spec-checked.
 */
const site = createEmulatedSite({ issues: 200 });
type Persona = 'release-owner' | 'developer' | 'qa' | 'viewer';
const VERSION = () => site.jira.versions.find((v) => v.name === 'PAY 2.2')!;
const typeName = (id: string) => ISSUE_TYPES.find((t) => t.id === id)?.name;
const issuesOfVersion = (types: string[]) => site.jira.issues.filter((i) => i.fixVersionIds.includes(VERSION().id) && types.includes(typeName(i.issueTypeId) ?? ''));
const qaIssues = () => issuesOfVersion(['Story', 'Bug']);
const PROPERTY = 'preflight-qa';

function issueExtension(issue: { id: string; key: string; issueTypeId: string }) {
  const project = site.jira.projects.find((p) => p.key === 'PAY')!;
  return {
    type: 'jira:issueContext',
    issue: { id: issue.id, key: issue.key, type: typeName(issue.issueTypeId) ?? '', typeId: issue.issueTypeId },
    project: { id: project.id, key: project.key, type: 'software' },
  };
}

async function onIssue<T>(as: Persona, issue: { id: string; key: string; issueTypeId: string }, functionKey: string, payload: unknown = {}): Promise<Envelope<T>> {
  return site.invoke<Envelope<T>>({ as, functionKey, payload, moduleKey: 'preflight-qa', extension: issueExtension(issue) });
}
async function onPanel<T>(as: Persona, functionKey: string, payload: unknown): Promise<Envelope<T>> {
  return site.invoke<Envelope<T>>({ as, functionKey, payload, moduleKey: 'preflight-releases', extension: projectPageExtension(site, 'PAY') });
}
function data<T>(answer: Envelope<T>): T {
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.data;
}
const panel = async () => data(await onPanel<ReleaseView>('release-owner', PANEL_KEYS.get, { versionId: VERSION().id }));
const qaGate = (v: ReleaseView) => v.phases.flatMap((p) => p.gates).find((g) => g.gateId === 'qa-approved')!;
async function setBuild(buildId: string): Promise<ReleaseView> {
  const v = await panel();
  return data(await onPanel<ReleaseView>('release-owner', PANEL_KEYS.setBuild, { versionId: VERSION().id, revision: v.revision, buildId }));
}
const decide = (as: Persona, issue: (typeof site.jira.issues)[number], payload: Record<string, unknown>) =>
  onIssue<DecideQaResult>(as, issue, QA_KEYS.decide, { versionId: VERSION().id, ...payload });
async function approveAll(build: string): Promise<void> {
  const ids = qaIssues().map((i) => i.id);
  for (let i = 0; i < ids.length; i += 25) {
    const result = data(await onPanel<DecideManyQaResult>('qa', QA_KEYS.decideMany, { versionId: VERSION().id, build, decision: 'approved', issueIds: ids.slice(i, i + 25) }));
    expect(result.failed).toEqual([]);
  }
}

afterEach(() => expect(site.violations).toEqual([]));

describe('before a build is under test', () => {
  it('shows the issue read-only per release, and refuses a decision with the reason', async () => {
    const issue = qaIssues()[0]!;
    const view = data(await onIssue<IssueQaView>('qa', issue, QA_KEYS.issue));
    expect(view).toMatchObject({ issue: { key: issue.key }, needsQa: true, history: [], mirror: { state: 'in-sync' }, me: { canDecide: true } });
    expect(view.releases.find((r) => r.versionId === VERSION().id)).toMatchObject({ versionName: 'PAY 2.2', tracked: false, blockedReason: 'No build is under test for PAY 2.2 yet: the release owner sets one on its release panel.' });
    const answer = await decide('qa', issue, { build: '1.0.0', decision: 'approved' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', message: expect.stringContaining('no build under test') } });
  });
});

describe('approving and rejecting a build', () => {
  beforeAll(async () => {
    await setBuild('2.2.0-rc1');
  });

  it('records the decision, its history, an audit event on the release and the indexed property', async () => {
    const issue = qaIssues()[0]!;
    const result = data(await decide('qa', issue, { build: '2.2.0-rc1', decision: 'rejected', note: 'Checkout fails on Safari' }));
    expect(result.mirrorWarning).toBeUndefined();
    expect(result.view.latest).toMatchObject({ status: 'rejected', build: '2.2.0-rc1', note: 'Checkout fails on Safari', by: { displayName: 'Quinn Adams' }, versionName: 'PAY 2.2' });
    expect(result.view.releases.find((r) => r.versionId === VERSION().id)).toMatchObject({ phase: { name: 'Planning' }, buildUnderTest: '2.2.0-rc1', decisionForBuild: { status: 'rejected' } });
    expect(site.jira.properties[issue.id]?.[PROPERTY]).toMatchObject({ status: 'rejected', build: '2.2.0-rc1', by: site.user('qa').accountId });

    const approved = data(await decide('qa', issue, { build: '2.2.0-rc1', decision: 'approved' }));
    expect(approved.view.history.map((e) => e.status)).toEqual(['approved', 'rejected']);
    expect(approved.view.mirror.state).toBe('in-sync');

    const v = await panel();
    expect(v.audit.events.slice(0, 2)).toMatchObject([
      { type: 'qa-decision', summary: `QA approved build 2.2.0-rc1 on ${issue.key}`, by: { displayName: 'Quinn Adams' } },
      { type: 'qa-decision', summary: `QA rejected build 2.2.0-rc1 on ${issue.key}` },
    ]);
  });

  it('finds issues by the property with JQL in the simulated Jira', async () => {
    const issue = qaIssues()[1]!;
    data(await decide('qa', issue, { build: '2.2.0-rc1', decision: 'approved' }));
    const search = await site.jiraRest('viewer', 'POST', '/rest/api/3/search/jql', { jql: `issue.property[${PROPERTY}].build = "2.2.0-rc1" AND issue.property[${PROPERTY}].status = "approved"`, fields: ['key'] });
    const keys = (search.body as { issues: Array<{ key: string }> }).issues.map((i) => i.key).sort();
    expect(keys).toEqual(expect.arrayContaining([issue.key, qaIssues()[0]!.key]));
    const none = await site.jiraRest('viewer', 'POST', '/rest/api/3/search/jql', { jql: `issue.property[${PROPERTY}].build = "9.9.9"`, fields: ['key'] });
    expect((none.body as { issues: unknown[] }).issues).toEqual([]);
  });

  it('turns the QA gate green when every issue needing QA is approved, and red again on a new build', async () => {
    const before = qaGate(await panel());
    expect(before.status).toBe('fail');
    await approveAll('2.2.0-rc1');
    const passing = await panel();
    expect(qaGate(passing)).toMatchObject({ status: 'pass' });
    expect(passing.qaMismatches).toBeUndefined();

    const reset = await setBuild('2.2.0-rc2');
    expect(qaGate(reset)).toMatchObject({ status: 'fail', reason: `${qaIssues().length} issues still need QA approval of the current build` });
  });

  it('refuses a decision on a build that is no longer under test', async () => {
    const answer = await decide('qa', qaIssues()[0]!, { build: '2.2.0-rc1', decision: 'approved' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', fields: [{ field: 'build' }] } });
  });
});

describe('permissions', () => {
  it('lets only the QA role decide; others read the history with the reason', async () => {
    const issue = qaIssues()[0]!;
    for (const persona of ['release-owner', 'developer', 'viewer'] as const) {
      const view = data(await onIssue<IssueQaView>(persona, issue, QA_KEYS.issue));
      expect(view.me.canDecide).toBe(false);
      expect(view.me.readOnlyReason).toMatch(/^Only people in the QA lead role of PAY can approve or reject builds/);
      expect(view.history.length).toBeGreaterThan(0);
      const answer = await decide(persona, issue, { build: '2.2.0-rc2', decision: 'approved' });
      expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const bulk = await onPanel(persona, QA_KEYS.decideMany, { versionId: VERSION().id, build: '2.2.0-rc2', decision: 'approved', issueIds: [issue.id] });
      expect(bulk).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(site.jira.properties[issue.id]?.[PROPERTY]).toMatchObject({ build: '2.2.0-rc1' });
  });

  it('refuses issue types that need no QA', async () => {
    const task = issuesOfVersion(['Task'])[0]!;
    const view = data(await onIssue<IssueQaView>('qa', task, QA_KEYS.issue));
    expect(view).toMatchObject({ needsQa: false, me: { canDecide: false } });
    const answer = await decide('qa', task, { build: '2.2.0-rc2', decision: 'approved' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', message: expect.stringContaining('QA approves builds on Story and Bug') } });
  });
});

describe('input limits', () => {
  const issue = () => qaIssues()[2]!;
  it.each([
    ['a note over 2,000 characters', { build: '2.2.0-rc2', decision: 'approved', note: 'x'.repeat(2001) }, 'note', 'expected a note of at most 2,000 characters'],
    ['a build id with a space', { build: '2.2 rc2', decision: 'approved' }, 'build', 'expected 1 to 64 letters, digits, ".", "-", "_" or "+"'],
    ['a build id of 65 characters', { build: 'b'.repeat(65), decision: 'approved' }, 'build', 'expected 1 to 64 letters, digits, ".", "-", "_" or "+"'],
    ['an empty build id', { build: '', decision: 'approved' }, 'build', 'expected 1 to 64 letters, digits, ".", "-", "_" or "+"'],
    ['an unknown decision', { build: '2.2.0-rc2', decision: 'maybe' }, 'decision', 'expected "approved" or "rejected"'],
    ['a rejection without a note', { build: '2.2.0-rc2', decision: 'rejected', note: '   ' }, 'note', 'expected a note saying what failed, when rejecting a build'],
  ])('refuses %s, naming the field, and changes nothing', async (_what, payload, field, message) => {
    const before = data(await onIssue<IssueQaView>('qa', issue(), QA_KEYS.issue)).history.length;
    const answer = await decide('qa', issue(), payload);
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ field, message }] } });
    expect(data(await onIssue<IssueQaView>('qa', issue(), QA_KEYS.issue)).history.length).toBe(before);
  });

  it('accepts a note of exactly 2,000 characters', async () => {
    const answer = await decide('qa', issue(), { build: '2.2.0-rc2', decision: 'rejected', note: 'n'.repeat(2000) });
    expect(data(answer).view.latest?.note).toHaveLength(2000);
  });

  it('refuses more than 25 issues at once in the bulk view', async () => {
    const ids = Array.from({ length: 26 }, (_, i) => String(90000 + i));
    const answer = await onPanel('qa', QA_KEYS.decideMany, { versionId: VERSION().id, build: '2.2.0-rc2', decision: 'approved', issueIds: ids });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ field: 'issueIds', message: 'expected at most 25 issues at once' }] } });
  });
});

describe("when Jira's property disagrees with Preflight's record", () => {
  it('does not count an approval someone wrote through REST, and shows the mismatch', async () => {
    await approveAll('2.2.0-rc2');
    expect(qaGate(await panel()).status).toBe('pass');

    // Preflight has a rejection on record; then a developer overwrites the property through Jira's REST API.
    const forged = qaIssues()[3]!;
    data(await decide('qa', forged, { build: '2.2.0-rc2', decision: 'rejected', note: 'Crashes on refund' }));
    const put = await site.jiraRest('developer', 'PUT', `/rest/api/3/issue/${forged.id}/properties/${PROPERTY}`, { status: 'approved', build: '2.2.0-rc2', by: site.user('developer').accountId, at: new Date().toISOString() });
    expect(put.status).toBeLessThan(300);

    const v = await panel();
    expect(qaGate(v)).toMatchObject({ status: 'fail', reason: '1 issue still needs QA approval of the current build' });
    expect(v.qaMismatches).toEqual([{ issueId: forged.id, issueKey: forged.key, property: 'approved', app: { status: 'rejected', build: '2.2.0-rc2' } }]);
    const issueView = data(await onIssue<IssueQaView>('qa', forged, QA_KEYS.issue));
    expect(issueView.mirror).toEqual({ state: 'differs', property: { status: 'approved', build: '2.2.0-rc2' } });
  });

  it("counts Preflight's approval when the property was deleted", async () => {
    const forged = qaIssues()[3]!;
    data(await decide('qa', forged, { build: '2.2.0-rc2', decision: 'approved' }));
    const removed = qaIssues()[4]!;
    const del = await site.jiraRest('developer', 'DELETE', `/rest/api/3/issue/${removed.id}/properties/${PROPERTY}`);
    expect(del.status).toBe(204);
    const v = await panel();
    expect(qaGate(v).status).toBe('pass');
    expect(v.qaMismatches).toEqual([{ issueId: removed.id, issueKey: removed.key, property: 'not approved', app: { status: 'approved', build: '2.2.0-rc2' } }]);
  });
});
