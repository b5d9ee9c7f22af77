import { GATE_SECRET_HEADER, deploymentAnswerSchema, gateAnswerSchema } from '../../src/shared/ci-gate';
import { INTEGRATION_KEYS } from '../../src/shared/notifications';
import { PANEL_KEYS, type GateView, type ReleaseView } from '../../src/shared/release-panel';
import { SETTINGS_KEYS, type SettingsView } from '../../src/shared/settings';
import { triggerSite } from './helpers';

/**
 * Deployment reports through the CI gate web trigger as Forge runs it (no user), over the
 * simulated Jira with every REST call checked against Atlassian's spec: what CI reports turns the
 * Deployment gate green or red, fills the panel's environment strip, and a failed production
 * deployment reaches Slack.
 */
const SLACK = 'https://hooks.slack.com/services/T0000/B0000/abcdefghijkl';
const t = triggerSite();
const parse = (body: string) => JSON.parse(body) as Record<string, unknown>;
let secret = '';

beforeAll(async () => {
  secret = await t.secret('PAY');
  await t.ok('release-owner', INTEGRATION_KEYS.saveWebhooks, { slack: SLACK });
});
afterEach(() => expect(t.site.violations).toEqual([]));

const report = (deployment: Record<string, unknown>, headers: Record<string, string> = { [GATE_SECRET_HEADER]: secret }, project = 'PAY') =>
  t.gate({}, { 'Content-Type': 'application/json', ...headers }, 'POST', JSON.stringify({ project, deployment }));

const panel = (versionId: string) => t.ok<ReleaseView>('release-owner', PANEL_KEYS.get, { versionId }, 'preflight-releases');
const deploymentGate = (view: ReleaseView): GateView => view.phases.flatMap((p) => p.gates).find((g) => g.gateId === 'deployed-production')!;
const auditOf = async (versionId: string) => (await panel(versionId)).audit.events.filter((e) => e.type === 'deployment-reported');
const slackTitles = () => t.sink.messages.filter((m) => m.service === 'slack' && m.status < 300).map((m) => (m.body as { text: string }).text);

/** Tracks a release, moves it into Deployment (with overrides) and sets its build under test. */
async function releaseInDeployment(name: string, build: string): Promise<{ id: string; view: ReleaseView }> {
  const v = t.version(name);
  const moved = await t.advance(v.id, 3); // Planning -> Build & test -> Release preparation -> Deployment
  const view = await t.ok<ReleaseView>('release-owner', PANEL_KEYS.setBuild, { versionId: v.id, revision: moved.revision, buildId: build }, 'preflight-releases');
  return { id: v.id, view };
}

describe('the Deployment gate', () => {
  it('turns green with a successful production deployment of the build under test, and red with a failed one that notifies once', async () => {
    const { id, view } = await releaseInDeployment('PAY 2.2', '2.2.0');
    expect(view.phases.find((p) => p.id === 'deployment')!.state).toBe('current');
    expect(deploymentGate(view)).toMatchObject({ status: 'fail', reason: 'No production deployment of 2.2.0 reported yet' });

    const ok = await report({ environment: 'production', build: '2.2.0', status: 'successful', pipeline: 'deploy #42', url: 'https://ci.example/run/42' });
    expect(ok.statusCode).toBe(200);
    expect(deploymentAnswerSchema.parse(parse(ok.body))).toMatchObject({ recorded: true, project: 'PAY', environment: 'production', kind: 'production', build: '2.2.0', status: 'successful', release: { version: 'PAY 2.2' } });
    const green = await panel(id);
    expect(deploymentGate(green).status).toBe('pass');
    expect(deploymentGate(green).reason).toMatch(/^2\.2\.0 deployed to production successfully at \w{3} \d{1,2}, \d{4}, \d{2}:\d{2} UTC$/);
    expect(green.environments).toEqual([expect.objectContaining({ name: 'production', kind: 'production', build: '2.2.0', status: 'successful', pipeline: 'deploy #42', url: 'https://ci.example/run/42' })]);
    expect((await auditOf(id)).map((e) => e.summary)).toEqual(['Deployed 2.2.0 to production (successful) by deploy #42']);

    const before = slackTitles().length;
    const failed = await report({ environment: 'production', build: '2.2.0', status: 'failed', pipeline: 'deploy #43' });
    expect(failed.statusCode).toBe(200);
    const red = await panel(id);
    expect(deploymentGate(red)).toMatchObject({ status: 'fail' });
    expect(deploymentGate(red).reason).toMatch(/^The production deployment of 2\.2\.0 failed at /);
    expect(slackTitles().slice(before)).toEqual(['PAY 2.2: the production deployment of 2.2.0 failed']);

    // CI retries the same call: nothing more is recorded or sent.
    await report({ environment: 'production', build: '2.2.0', status: 'failed', pipeline: 'deploy #43' });
    expect(slackTitles().slice(before)).toHaveLength(1);
    expect((await auditOf(id)).map((e) => e.summary)).toEqual(['Deployed 2.2.0 to production (failed) by deploy #43', 'Deployed 2.2.0 to production (successful) by deploy #42']);
  });

  it('is not moved by a staging deployment, and the strip lists each environment once with its kind, in pipeline order', async () => {
    const id = t.version('PAY 2.2').id;
    const staged = await report({ environment: 'staging', build: '2.2.0', status: 'successful' });
    expect(parse(staged.body)).toMatchObject({ kind: 'staging', release: { version: 'PAY 2.2' } });
    const view = await panel(id);
    expect(deploymentGate(view).status).toBe('fail');
    expect(view.environments!.map((e) => [e.name, e.kind, e.build, e.status])).toEqual([
      ['staging', 'staging', '2.2.0', 'successful'],
      ['production', 'production', '2.2.0', 'failed'],
    ]);
  });

  it('names environments nobody mapped as documented (UAT is testing, prod-eu production), and the project mapping overrides', async () => {
    const uat = parse((await report({ environment: 'UAT', build: '2.2.1', status: 'successful' })).body);
    expect(uat).toMatchObject({ kind: 'testing', release: null });
    expect(uat.message).toMatch(/No open release of PAY has 2\.2\.1 as its build under test/);
    expect(parse((await report({ environment: 'prod-eu', build: '2.2.1', status: 'in_progress' })).body)).toMatchObject({ kind: 'production' });
    const blue = parse((await report({ environment: 'blue', build: '2.2.1', status: 'successful' })).body);
    expect(blue).toMatchObject({ kind: 'development' });
    expect(blue.message).toMatch(/"blue" is not a name Preflight recognises, so it counts as development/);

    const current = await t.ok<SettingsView>('release-owner', SETTINGS_KEYS.get, {});
    await t.ok('release-owner', SETTINGS_KEYS.save, { revision: current.revision, settings: { ...current.settings, environments: { blue: 'production', uat: 'staging' } } });
    expect(parse((await report({ environment: 'Blue', build: '2.2.1', status: 'successful' })).body)).toMatchObject({ kind: 'production' });
    expect(parse((await report({ environment: 'UAT', build: '2.2.1', status: 'failed' })).body)).toMatchObject({ kind: 'staging' });
  });

  it('finds the release by a tag through the project tag rule, for deployments and for the gate query', async () => {
    const current = await t.ok<SettingsView>('release-owner', SETTINGS_KEYS.get, {});
    await t.ok('release-owner', SETTINGS_KEYS.save, { revision: current.revision, settings: { ...current.settings, tagRules: [{ tag: 'v{major}.{minor}.{patch}', version: 'PAY {major}.{minor}' }] } });
    const id = t.version('PAY 2.2').id;

    const tagged = await report({ environment: 'production', build: '2.2.0', status: 'successful', version: 'v2.2.0', pipeline: 'deploy #44' });
    expect(parse(tagged.body)).toMatchObject({ release: { version: 'PAY 2.2', versionId: id } });
    expect(deploymentGate(await panel(id)).status).toBe('pass');

    const gate = await t.gate({ project: 'PAY', version: 'v2.2.0' }, { [GATE_SECRET_HEADER]: secret });
    expect(gate.statusCode).toBe(200);
    expect(gateAnswerSchema.parse(parse(gate.body))).toMatchObject({ version: 'PAY 2.2', versionId: id, tag: { tag: 'v2.2.0', mappedTo: 'PAY 2.2' } });
    // A tag no rule fits is an unknown version, as before.
    expect((await t.gate({ project: 'PAY', version: 'release-2.2' }, { [GATE_SECRET_HEADER]: secret })).statusCode).toBe(404);
  });
});

describe('refuses', () => {
  it.each([
    [{ environment: 'production', build: '2.2.0', status: 'done' }, 'deployment.status: expected one of pending, in_progress, successful, failed, rolled_back, cancelled, unknown'],
    [{ environment: 'production', status: 'successful' }, 'deployment.build: required'],
    [{ environment: '', build: '2.2.0', status: 'successful' }, 'deployment.environment: expected an environment name'],
    [{ environment: 'production', build: '2.2.0', status: 'successful', url: 'javascript:alert(1)' }, 'deployment.url: expected an https:// link'],
    [{ environment: 'production', build: '2.2.0', status: 'successful', url: 'http://ci.example/run/1' }, 'deployment.url: expected an https:// link'],
    [{ environment: 'production', build: '2.2.0', status: 'successful', colour: 'red' }, 'unknown parameter colour'],
  ])('a malformed report %j with 400 naming the field, storing nothing', async (deployment, reason) => {
    const id = t.version('PAY 2.1').id;
    const before = await panel(id);
    const answer = await report(deployment);
    expect(answer.statusCode).toBe(400);
    expect(parse(answer.body).error).toContain(reason);
    const after = await panel(id);
    expect(after.environments).toEqual(before.environments);
    expect(after.revision).toBe(before.revision);
  });

  it('a wrong or missing secret with 401, before storing anything', async () => {
    const id = t.version('PAY 2.2').id;
    const before = await panel(id);
    const wrong = await report({ environment: 'production', build: '2.2.0', status: 'failed', pipeline: 'mallory' }, { [GATE_SECRET_HEADER]: `${secret}x` });
    expect(wrong.statusCode).toBe(401);
    const missing = await report({ environment: 'qa1', build: '9.9.9', status: 'failed' }, {});
    expect(missing.statusCode).toBe(401);
    const after = await panel(id);
    expect(after.environments).toEqual(before.environments);
    expect(after.revision).toBe(before.revision);
    expect(deploymentGate(after).status).toBe('pass');
  });

  it('settings with a tag rule that cannot work or a kind that does not exist, naming the field', async () => {
    const current = await t.ok<SettingsView>('release-owner', SETTINGS_KEYS.get, {});
    const badRule = await t.call('release-owner', SETTINGS_KEYS.save, { revision: current.revision, settings: { ...current.settings, tagRules: [{ tag: 'v{major}.{minor}', version: 'PAY {patch}' }] } });
    expect(badRule.ok).toBe(false);
    expect(JSON.stringify(badRule)).toContain('{patch} is not in the tag pattern');
    const badKind = await t.call('release-owner', SETTINGS_KEYS.save, { revision: current.revision, settings: { ...current.settings, environments: { prod: 'live' } } });
    expect(badKind.ok).toBe(false);
    expect(JSON.stringify(badKind)).toContain('expected one of development, testing, staging, production');
    // Only project admins save settings: a developer cannot remap an environment to production.
    expect((await t.call('developer', SETTINGS_KEYS.save, { revision: current.revision, settings: { ...current.settings, environments: { blue: 'production' } } })).ok).toBe(false);
  });

  it('a report without a project with 400, and methods other than GET and POST with 405', async () => {
    const noProject = await t.gate({}, { [GATE_SECRET_HEADER]: secret }, 'POST', JSON.stringify({ deployment: { environment: 'production', build: '1', status: 'successful' } }));
    expect(noProject.statusCode).toBe(400);
    expect(parse(noProject.body).error).toContain('project: required');
    expect((await t.gate({}, { [GATE_SECRET_HEADER]: secret }, 'PUT', JSON.stringify({ project: 'PAY', deployment: {} }))).statusCode).toBe(405);
  });
});
