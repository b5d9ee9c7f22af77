import { defaultSettings } from '../../src/domain/settings';
import { startRelease, type ReleaseRecord } from '../../src/domain/release';
import type { QaRecord } from '../../src/domain/qa';
import { ProductError } from '../../src/errors';
import type { QaIssue, StatusInfo } from '../../src/ports';
import { validateTransition, type TransitionDeps } from '../../src/usecases/validate-transition';

/**
 * The workflow rule's refusal is read by the person moving the issue in Jira. The validator's
 * invocation carries no user, so it speaks the project's configured language (English by default).
 */
const AT = '2026-05-04T10:00:00.000Z';
const STATUSES: StatusInfo[] = [{ id: '10002', name: 'Done', category: 'done' }];
const issue: QaIssue = { id: '101', key: 'PAY-1', projectKey: 'PAY', issueType: 'Story', fixVersions: [{ id: '10004', name: 'PAY 2.2', released: false }] };
const underQa: ReleaseRecord = {
  ...startRelease({ versionId: '10004', projectKey: 'PAY', releaseType: 'minor', phases: defaultSettings([]).template.minor, at: AT }),
  buildUnderTest: { id: '2.2.0-rc1', by: 'rita', at: AT },
};
const rejected: QaRecord = { schemaVersion: 1, issueId: '101', issueKey: 'PAY-1', projectKey: 'PAY', latest: { status: 'rejected', build: '2.2.0-rc1', by: 'quinn', at: AT, note: 'crash', versionId: '10004' }, seq: 1 };

function deps(language: string, over: { qa?: QaRecord; jiraFails?: boolean } = {}): TransitionDeps {
  const roles = [{ id: '10003', name: 'QA' }];
  const settings = { ...defaultSettings(roles), language };
  return {
    statuses: {
      status: async (id) => {
        if (over.jiraFails) throw new ProductError('Jira failed', 503, 'jira');
        return STATUSES.find((s) => s.id === id);
      },
    },
    issues: { issues: async () => [issue] },
    store: { get: async (id) => (id === underQa.versionId ? underQa : undefined) },
    qa: { get: async () => over.qa },
    settings: { get: async () => ({ settings, revision: 1 }), save: async () => 1 },
    access: { projectRoles: async () => roles },
  } as TransitionDeps;
}
const move = { issueKey: 'PAY-1', toStatusId: '10002' };

beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
afterEach(() => jest.restoreAllMocks());

it('refuses the move in German for a German project, naming the build and who approves it', async () => {
  expect(await validateTransition(deps('de'), move)).toEqual({
    result: false,
    errorMessage:
      'PAY-1 kann nicht nach Done verschoben werden: QA hat Build 2.2.0-rc1 (PAY 2.2) noch nicht freigegeben. Eine Person mit der Rolle QA-Leitung (Jira-Projektrolle QA in PAY) gibt den Build im Preflight-QA-Panel des Vorgangs frei.',
  });
  expect(await validateTransition(deps('de', { qa: rejected }), move)).toMatchObject({ errorMessage: expect.stringContaining('QA hat Build 2.2.0-rc1 (PAY 2.2) abgelehnt') });
});

it('refuses the move in Japanese for a Japanese project, also when it cannot check', async () => {
  expect(await validateTransition(deps('ja'), move)).toMatchObject({ errorMessage: expect.stringMatching(/^PAY-1 を Done に移動できません: QA は ビルド 2\.2\.0-rc1 \(PAY 2\.2\) をまだ承認していません。/) });
  expect(await validateTransition(deps('ja', { jiraFails: true }), move)).toMatchObject({
    errorMessage: expect.stringMatching(/^Preflight は PAY-1 の QA 承認を確認できませんでした \(Jira の応答は 503 でした\)。そのため、まだ このステータス に移動できません。/),
  });
});

it('stays in English for an English project', async () => {
  expect(await validateTransition(deps('en'), move)).toMatchObject({ errorMessage: expect.stringMatching(/^PAY-1 cannot move to Done: QA has not approved build 2\.2\.0-rc1 \(PAY 2\.2\) yet\. A QA lead/) });
});
