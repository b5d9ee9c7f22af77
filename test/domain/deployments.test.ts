import { announcementFlags } from '../../src/domain/date-realism';
import {
  applyTagRule,
  environmentKindOf,
  guessEnvironmentKind,
  productionDeployment,
  productionStateOf,
  tagRuleSchema,
  versionForTag,
  type Deployment,
  type ReportedDeployment,
} from '../../src/domain/deployments';
import { recordDeployment } from '../../src/domain/deployment-events';
import { evaluateGate, type ReleaseFacts } from '../../src/domain/gates';
import { startRelease } from '../../src/domain/release';
import { DEFAULT_TEMPLATE } from '../../src/domain/template';

const facts = (over: Partial<ReleaseFacts> = {}): ReleaseFacts => ({
  today: '2026-12-01',
  issueCount: 10,
  doneCount: 10,
  openBlockers: 0,
  qaPending: 0,
  releaseDate: '2026-12-17',
  released: false,
  pendingScopeChanges: 0,
  frozen: true,
  releaseNotesPublished: true,
  retrospectivePublished: false,
  ...over,
});
const gate = { kind: 'auto' as const, id: 'deployed-production', name: 'Build under test deployed to production', check: 'deployed-to-production' as const };
const evaluate = (f: ReleaseFacts) => evaluateGate(gate, f, { checklist: {}, signoffs: {} });
const at = '2026-12-01T10:15:00.000Z';

describe('the Deployment gate "build under test deployed to production"', () => {
  it.each`
    buildUnderTest | production                                                                                  | status       | reason
    ${undefined}   | ${undefined}                                                                                | ${'fail'}    | ${'No build under test is set'}
    ${'2.2.0'}     | ${undefined}                                                                                | ${'fail'}    | ${'No production deployment of 2.2.0 reported yet'}
    ${'2.2.1'}     | ${{ build: '2.2.0', status: 'successful', at }}                                             | ${'fail'}    | ${'No production deployment of 2.2.1 reported yet'}
    ${'2.2.0'}     | ${{ build: '2.2.0', status: 'successful', at }}                                             | ${'pass'}    | ${'2.2.0 deployed to production successfully at 2026-12-01 10:15 UTC'}
    ${'2.2.0'}     | ${{ build: '2.2.0', status: 'successful', at, environment: 'prod-eu' }}                     | ${'pass'}    | ${'2.2.0 deployed to production (prod-eu) successfully at 2026-12-01 10:15 UTC'}
    ${'2.2.0'}     | ${{ build: '2.2.0', status: 'in_progress', at }}                                            | ${'fail'}    | ${'2.2.0 is still being deployed to production (in progress)'}
    ${'2.2.0'}     | ${{ build: '2.2.0', status: 'pending', at }}                                                | ${'fail'}    | ${'2.2.0 is still being deployed to production (pending)'}
    ${'2.2.0'}     | ${{ build: '2.2.0', status: 'failed', at }}                                                 | ${'fail'}    | ${'The production deployment of 2.2.0 failed at 2026-12-01 10:15 UTC'}
    ${'2.2.0'}     | ${{ build: '2.2.0', status: 'rolled_back', at }}                                            | ${'fail'}    | ${'The production deployment of 2.2.0 was rolled back at 2026-12-01 10:15 UTC'}
    ${'2.2.0'}     | ${{ build: '2.2.0', status: 'cancelled', at }}                                              | ${'fail'}    | ${'The production deployment of 2.2.0 was cancelled at 2026-12-01 10:15 UTC'}
    ${'2.2.0'}     | ${{ build: '2.2.0', status: 'unknown', at }}                                                | ${'fail'}    | ${'The production deployment of 2.2.0 reported an unknown outcome at 2026-12-01 10:15 UTC'}
  `('with build $buildUnderTest and production $production: $status', ({ buildUnderTest, production, status, reason }) => {
    const result = evaluate(facts({ ...(buildUnderTest && { buildUnderTest }), ...(production && { production }) }));
    expect(result).toMatchObject({ status, reason });
  });

  it('is in the default Deployment phase of every release type', () => {
    for (const type of ['major', 'minor', 'hotfix'] as const) {
      const deployment = DEFAULT_TEMPLATE[type].find((p) => p.id === 'deployment')!;
      expect(deployment.gates.map((g) => g.id)).toContain('deployed-production');
    }
  });
});

const record = () => startRelease({ versionId: '10004', projectKey: 'PAY', releaseType: 'minor', phases: DEFAULT_TEMPLATE.minor, at: '2026-11-01T00:00:00.000Z' });
const reported = (over: Partial<ReportedDeployment> = {}): ReportedDeployment => ({ environment: 'production', kind: 'production', build: '2.2.0', status: 'successful', at, pipeline: 'deploy #42', ...over });
const d = (over: Partial<Deployment>): Deployment => ({ kind: 'production', build: '2.2.0', status: 'successful', at, ...over });

describe('recording a deployment on a release', () => {
  it('records the environment once with an audit line, and the same report again changes nothing', () => {
    const first = recordDeployment(record(), reported(), 'ci-pipeline');
    expect(first.record.deployments).toEqual({ production: { kind: 'production', build: '2.2.0', status: 'successful', at, pipeline: 'deploy #42' } });
    expect(first.events.map((e) => [e.type, e.summary])).toEqual([['deployment-reported', 'Deployed 2.2.0 to production (successful) by deploy #42']]);
    const again = recordDeployment(first.record, reported({ at: '2026-12-01T10:16:00.000Z' }), 'ci-pipeline');
    expect(again.events).toEqual([]);
    expect(again.record).toBe(first.record);
    // Another pipeline run of the same build and outcome is a new report.
    expect(recordDeployment(first.record, reported({ pipeline: 'deploy #43' }), 'ci-pipeline').events).toHaveLength(1);
  });

  it('says when the release went live: the latest successful production deployment, whatever came later elsewhere', () => {
    expect(productionDeployment({})).toBeUndefined();
    const deployments = {
      'prod-eu': d({ at: '2026-12-01T10:00:00.000Z' }),
      'prod-us': d({ at: '2026-12-02T10:00:00.000Z' }),
      staging: d({ kind: 'staging', build: '2.3.0', at: '2026-12-03T10:00:00.000Z' }),
      'prod-ap': d({ status: 'failed', at: '2026-12-04T10:00:00.000Z' }),
    };
    expect(productionDeployment({ deployments })).toEqual({ build: '2.2.0', at: '2026-12-02T10:00:00.000Z' });
    // The gate judges the build in every production environment: one failed region holds it.
    expect(productionStateOf({ deployments }, '2.2.0')).toEqual({ environment: 'prod-ap', deployment: deployments['prod-ap'] });
    expect(productionStateOf({ deployments: { 'prod-eu': deployments['prod-eu'] } }, '2.2.0')?.deployment.status).toBe('successful');
    expect(productionStateOf({ deployments }, '9.9.9')).toBeUndefined();
  });
});

describe('environment names to kinds', () => {
  it.each`
    name                   | kind
    ${'production'}        | ${'production'}
    ${'PROD'}              | ${'production'}
    ${'prod-eu'}           | ${'production'}
    ${'eu-west-prd'}       | ${'production'}
    ${'live'}              | ${'production'}
    ${'staging'}           | ${'staging'}
    ${'stage2'}            | ${'staging'}
    ${'preprod'}           | ${'staging'}
    ${'pre-prod'}          | ${'staging'}
    ${'UAT'}               | ${'testing'}
    ${'SIT'}               | ${'testing'}
    ${'qa1'}               | ${'testing'}
    ${'test'}              | ${'testing'}
    ${'dev'}               | ${'development'}
    ${'review/feature-x'}  | ${'development'}
    ${'product-demo'}      | ${undefined}
    ${'blue'}              | ${undefined}
  `('"$name" is guessed as $kind', ({ name, kind }) => {
    expect(guessEnvironmentKind(name)).toBe(kind);
  });

  it('takes the project mapping first (names compare without case), then the guess, then development', () => {
    expect(environmentKindOf('UAT', { uat: 'staging' })).toEqual({ kind: 'staging', source: 'mapping' });
    expect(environmentKindOf('UAT', undefined)).toEqual({ kind: 'testing', source: 'guess' });
    expect(environmentKindOf('blue', {})).toEqual({ kind: 'development', source: 'fallback' });
  });
});

describe('tag rules', () => {
  const rule = { tag: 'v{major}.{minor}.{patch}', version: 'PAY {major}.{minor}' };

  it.each`
    tag                  | version
    ${'v2.2.0'}          | ${'PAY 2.2'}
    ${'v2.2.13'}         | ${'PAY 2.2'}
    ${'v10.02.1'}        | ${'PAY 10.2'}
    ${'v2.2'}            | ${undefined}
    ${'2.2.0'}           | ${undefined}
    ${'v2.2.0-rc1'}      | ${undefined}
    ${'v2.x.0'}          | ${undefined}
  `('maps $tag to $version', ({ tag, version }) => {
    expect(applyTagRule(tag, rule)).toBe(version);
  });

  it('tries rules in order and treats everything but placeholders as literal text', () => {
    const rules = [rule, { tag: 'release-{major}.{minor}', version: 'PAY {major}.{minor}' }, { tag: 'v{major}.{minor}', version: 'PAY {major}.{minor}' }];
    expect(versionForTag('release-3.0', rules)).toEqual({ name: 'PAY 3.0', rule: rules[1] });
    expect(versionForTag('v3.0', rules)?.name).toBe('PAY 3.0');
    expect(versionForTag('v3+0', [{ tag: 'v{major}+{minor}', version: '{major}.{minor}' }])?.name).toBe('3.0');
    expect(versionForTag('v3.0', [{ tag: 'v{major}+{minor}', version: '{major}.{minor}' }])).toBeUndefined();
    expect(versionForTag('v3.0', undefined)).toBeUndefined();
  });

  it('answers at once for a long hostile tag (no backtracking to speak of)', () => {
    const started = Date.now();
    expect(applyTagRule(`v${'1.'.repeat(120)}x`, rule)).toBeUndefined();
    expect(applyTagRule('v'.padEnd(5000, '9'), rule)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(50);
  });

  it.each`
    candidate                                                   | message
    ${{ tag: 'v1.0', version: 'PAY 1.0' }}                      | ${'tag: expected at least one placeholder such as {major}'}
    ${{ tag: 'v{major}.{minor}', version: 'PAY {patch}' }}      | ${'version: {patch} is not in the tag pattern'}
    ${{ tag: 'v{major}.{sprint}', version: 'PAY {major}' }}     | ${'tag: unknown placeholder {sprint}'}
    ${{ tag: 'v{major}{minor}', version: 'PAY {major}' }}       | ${'tag: expected something between two placeholders'}
    ${{ tag: 'v{major}.{major}', version: 'PAY {major}' }}      | ${'tag: expected each placeholder at most once'}
    ${{ tag: '', version: 'PAY {major}' }}                      | ${'tag: expected a tag pattern'}
  `('refuses $candidate naming the field', ({ candidate, message }) => {
    const result = tagRuleSchema.safeParse(candidate);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')).toContain(message);
  });
});

describe('the announcement counts bedding-in from the real production deployment', () => {
  const base = { announcementDate: '2026-12-10', releaseDate: '2026-12-01', released: true, beddingInDays: 7 };

  it('flags an announcement too early once production went live later than planned', () => {
    expect(announcementFlags(base)).toEqual([]);
    expect(announcementFlags({ ...base, liveSince: '2026-12-05T16:00:00.000Z' })).toEqual([
      // `text` is the same flag as a message id with values, worded in the reader's language by the view.
      expect.objectContaining({ kind: 'announcement-too-early', message: 'The announcement on 2026-12-10 is before the release has been live 7 days since its production deployment on 2026-12-05 (earliest 2026-12-12)' }),
    ]);
  });

  it('treats a release live in production as shipped, before Jira says released', () => {
    expect(announcementFlags({ ...base, released: false }).map((f) => f.kind)).toEqual(['announcement-before-ship']);
    expect(announcementFlags({ ...base, released: false, liveSince: '2026-12-01T09:00:00.000Z' })).toEqual([]);
  });
});
