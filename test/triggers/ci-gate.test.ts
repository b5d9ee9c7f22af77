import { GATE_SECRET_HEADER, gateAnswerSchema } from '../../src/shared/ci-gate';
import { PANEL_KEYS } from '../../src/shared/release-panel';
import { triggerSite } from './helpers';

/**
 * The CI gate web trigger as Forge runs it (handler(request, context), no user), over the
 * simulated Jira with every REST call checked against Atlassian's spec.
 */
const t = triggerSite();
const parse = (body: string) => JSON.parse(body) as Record<string, unknown>;
let secret = '';

beforeAll(async () => {
  secret = await t.secret('PAY');
});
afterEach(() => expect(t.site.violations).toEqual([]));

describe('answers a pipeline', () => {
  it('says no-go for a release still in Build & test, naming the blocking gates only', async () => {
    const v = t.version('PAY 2.2');
    await t.advance(v.id, 1); // Planning -> Build & test
    const answer = await t.gate({ project: 'PAY', version: 'PAY 2.2' }, { [GATE_SECRET_HEADER]: secret });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['Content-Type']).toEqual(['application/json']);
    const body = gateAnswerSchema.parse(parse(answer.body));
    expect(body).toMatchObject({ project: 'PAY', version: 'PAY 2.2', versionId: v.id, phase: 'Build & test', decision: 'no-go' });
    expect(body.failingGates).toContain('Every issue is done');
    expect(body.reason).toMatch(/must reach Release preparation/);
    // Never issue content: no issue keys, no summaries.
    expect(answer.body).not.toMatch(/PAY-\d+/);
  });

  it('says no-go in Release preparation while its gates block, and go once the release reached Deployment', async () => {
    const v = t.version('PAY 2.2');
    await t.advance(v.id, 1); // -> Release preparation
    const prep = gateAnswerSchema.parse(parse((await t.gate({ project: 'PAY', version: v.id }, { [GATE_SECRET_HEADER]: secret })).body));
    expect(prep).toMatchObject({ phase: 'Release preparation', decision: 'no-go' });
    expect(prep.failingGates).toEqual(expect.arrayContaining(['Go/no-go', 'Rollback plan documented and tested']));

    await t.advance(v.id, 1); // -> Deployment (the override is the recorded decision)
    const go = await t.gate({ project: 'PAY', version: 'pay 2.2' }, { Authorization: `Bearer ${secret}` });
    expect(go.statusCode).toBe(200);
    expect(parse(go.body)).toMatchObject({ phase: 'Deployment', decision: 'go', failingGates: [] });
  });

  it('reads Jira with no user (so as the app), in a handful of calls', async () => {
    const before = t.site.calls.length;
    await t.gate({ project: 'PAY', version: 'PAY 2.1' }, { [GATE_SECRET_HEADER]: secret });
    const calls = t.site.calls.slice(before);
    expect(calls.length).toBeLessThanOrEqual(8);
    expect(calls.every((c) => c.status < 300)).toBe(true);
  });

  it("trusts Preflight's QA record, not an issue property written through REST", async () => {
    const secretMob = await t.secret('MOB');
    const v = t.version('MOB 4.2');
    const view = await t.advance(v.id, 1, 'MOB'); // Planning -> Build & test
    const extension = { type: 'jira:projectPage', project: { id: t.site.jira.projects.find((p) => p.key === 'MOB')!.id, key: 'MOB', type: 'software' } };
    const set = await t.site.invoke<{ ok: boolean; data: typeof view }>({ as: 'release-owner', functionKey: PANEL_KEYS.setBuild, payload: { versionId: v.id, revision: view.revision, buildId: '4.2.0-rc1' }, moduleKey: 'preflight-releases', extension });
    expect(set.ok).toBe(true);
    // Someone marks every issue of the version approved for this build straight through Jira's REST API.
    for (const issue of t.site.jira.issues.filter((i) => i.fixVersionIds.includes(v.id))) {
      const res = await t.site.jiraRest('release-owner', 'PUT', `/rest/api/3/issue/${issue.id}/properties/preflight-qa`, { status: 'approved', build: '4.2.0-rc1', by: 'someone', at: '2026-11-26T10:00:00.000Z' });
      expect(res.status).toBeLessThan(300);
    }
    const answer = gateAnswerSchema.parse(parse((await t.gate({ project: 'MOB', version: v.id }, { [GATE_SECRET_HEADER]: secretMob })).body));
    expect(answer.failingGates).toContain('QA approved the current build');
  });

  it('accepts the query as a POSTed JSON body', async () => {
    const answer = await t.gate({}, { [GATE_SECRET_HEADER]: secret }, 'POST', JSON.stringify({ project: 'PAY', version: 'PAY 2.1' }));
    expect(answer.statusCode).toBe(200);
    expect(parse(answer.body)).toMatchObject({ version: 'PAY 2.1', decision: 'no-go' });
  });
});

describe('refuses', () => {
  it('a missing or wrong secret with 401, before reading Jira', async () => {
    const before = t.site.calls.length;
    const missing = await t.gate({ project: 'PAY', version: 'PAY 2.2' });
    expect(missing.statusCode).toBe(401);
    expect(parse(missing.body).error).toMatch(/^Missing secret/);
    const wrong = await t.gate({ project: 'PAY', version: 'PAY 2.2' }, { [GATE_SECRET_HEADER]: `${secret}x` });
    expect(wrong.statusCode).toBe(401);
    expect(parse(wrong.body).error).toMatch(/^Wrong secret for PAY/);
    // Another project's secret does not open this one, and a project without a secret refuses everything.
    const mob = await t.gate({ project: 'MOB', version: 'MOB 4.2' }, { [GATE_SECRET_HEADER]: secret });
    expect(mob.statusCode).toBe(401);
    expect(t.site.calls.length).toBe(before);
  });

  it('an old secret after rotation', async () => {
    const old = await t.secret('MOB');
    const fresh = await t.secret('MOB');
    expect((await t.gate({ project: 'MOB', version: 'MOB 4.2' }, { [GATE_SECRET_HEADER]: old })).statusCode).toBe(401);
    expect((await t.gate({ project: 'MOB', version: 'MOB 4.2' }, { [GATE_SECRET_HEADER]: fresh })).statusCode).toBe(200);
  });

  it('an unknown version with 404', async () => {
    for (const version of ['9.9.9', '999999', t.version('MOB 4.2').id]) {
      const answer = await t.gate({ project: 'PAY', version }, { [GATE_SECRET_HEADER]: secret });
      expect(answer.statusCode).toBe(404);
      expect(parse(answer.body).error).toBe(`PAY has no version "${version}".`);
    }
  });

  it.each([
    [{ version: '1.4.0' }, 'project: required'],
    [{ project: 'PAY' }, 'version: required'],
    [{ project: 'pay; drop', version: '1' }, 'project: expected a Jira project key'],
    [{ project: 'PAY', version: '1', extra: 'x' }, 'unknown parameter extra'],
  ])('a malformed request %j with 400 and the reason', async (query, reason) => {
    const answer = await t.gate(query, { [GATE_SECRET_HEADER]: secret });
    expect(answer.statusCode).toBe(400);
    expect(parse(answer.body).error).toContain(reason);
  });

  it('a body that is not JSON, and methods other than GET and POST', async () => {
    expect((await t.gate({}, { [GATE_SECRET_HEADER]: secret }, 'POST', '{oops')).statusCode).toBe(400);
    expect((await t.gate({ project: 'PAY', version: '1' }, { [GATE_SECRET_HEADER]: secret }, 'DELETE')).statusCode).toBe(405);
  });
});
