import { defaultSettings } from '../../src/domain/settings';
import { startRelease, type ReleaseRecord } from '../../src/domain/release';
import type { QaRecord } from '../../src/domain/qa';
import { ProductError, StoredDocumentError } from '../../src/errors';
import type { QaIssue, StatusInfo } from '../../src/ports';
import { validateTransition, type TransitionDeps } from '../../src/usecases/validate-transition';

/**
 * The rule's decisions with plain fakes: what counts as "into Done", fix versions changed on the
 * transition screen, who is named as approver, and the fail-closed answer when Preflight cannot read.
 */
const AT = '2026-05-04T10:00:00.000Z';
const STATUSES: StatusInfo[] = [
  { id: '3', name: 'In Progress', category: 'indeterminate' },
  { id: '10002', name: 'Done', category: 'done' },
  { id: '10005', name: 'Shipped', category: 'done' },
];
const issue: QaIssue = { id: '101', key: 'PAY-1', projectKey: 'PAY', issueType: 'Story', fixVersions: [{ id: '10004', name: 'PAY 2.2', released: false }] };
const underQa = (versionId: string, build: string): ReleaseRecord => ({
  ...startRelease({ versionId, projectKey: 'PAY', releaseType: 'minor', phases: defaultSettings([]).template.minor, at: AT }),
  buildUnderTest: { id: build, by: 'rita', at: AT },
});

function deps(over: { releases?: ReleaseRecord[]; qa?: QaRecord; roles?: Array<{ id: string; name: string }>; mapped?: string[]; fail?: 'jira' | 'store' } = {}): TransitionDeps {
  const roles = over.roles ?? [{ id: '10003', name: 'QA' }];
  const settings = { ...defaultSettings(roles), ...(over.mapped && { roleMapping: { ...defaultSettings(roles).roleMapping, qa: over.mapped } }) };
  return {
    statuses: {
      status: async (id) => {
        if (over.fail === 'jira') throw new ProductError('Jira failed', 503, 'jira');
        return STATUSES.find((s) => s.id === id);
      },
    },
    issues: { issues: async () => [issue] },
    store: {
      get: async (id) => {
        if (over.fail === 'store') throw new StoredDocumentError('release');
        return (over.releases ?? [underQa('10004', '2.2.0-rc1')]).find((r) => r.versionId === id);
      },
    },
    qa: { get: async () => over.qa },
    settings: { get: async () => ({ settings, revision: 1 }), save: async () => 1 },
    access: { projectRoles: async () => roles },
  };
}
const approvedRecord = (build: string): QaRecord => ({
  schemaVersion: 1,
  issueId: '101',
  issueKey: 'PAY-1',
  projectKey: 'PAY',
  latest: { status: 'approved', build, by: 'quinn', at: AT, note: '', versionId: '10004' },
  seq: 1,
});

beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
afterEach(() => jest.restoreAllMocks());

it('refuses any Done-category status, not only the one named Done', async () => {
  const verdict = await validateTransition(deps(), { issueKey: 'PAY-1', toStatusId: '10005' });
  expect(verdict).toEqual({
    result: false,
    errorMessage: "PAY-1 cannot move to Shipped: QA has not approved build 2.2.0-rc1 (PAY 2.2) yet. A QA lead (Jira project role QA in PAY) approves the build in the issue's Preflight QA panel.",
  });
});

it('allows moves that do not finish the issue', async () => {
  expect(await validateTransition(deps(), { issueKey: 'PAY-1', toStatusId: '3' })).toEqual({ result: true });
});

it('allows Done once the latest decision approves the current build', async () => {
  expect(await validateTransition(deps({ qa: approvedRecord('2.2.0-rc1') }), { issueKey: 'PAY-1', toStatusId: '10002' })).toEqual({ result: true });
  expect(await validateTransition(deps({ qa: approvedRecord('2.2.0-rc0') }), { issueKey: 'PAY-1', toStatusId: '10002' })).toMatchObject({ result: false });
});

it('follows fix versions changed on the transition screen: cleared, the issue is in no release under QA', async () => {
  expect(await validateTransition(deps(), { issueKey: 'PAY-1', toStatusId: '10002', fixVersions: null })).toEqual({ result: true });
  const moved = await validateTransition(deps({ releases: [underQa('10004', '2.2.0-rc1'), underQa('10007', '2.3.0-rc1')] }), {
    issueKey: 'PAY-1',
    toStatusId: '10002',
    fixVersions: [{ id: '10007', name: 'PAY 2.3' }],
  });
  expect(moved).toMatchObject({ result: false, errorMessage: expect.stringContaining('QA has not approved build 2.3.0-rc1 (PAY 2.3) yet.') });
});

it('names every release under QA whose build is not approved', async () => {
  const verdict = await validateTransition(deps({ releases: [underQa('10004', '2.2.0-rc1'), underQa('10007', '2.3.0-rc1')] }), {
    issueKey: 'PAY-1',
    toStatusId: '10002',
    fixVersions: [{ id: '10004', name: 'PAY 2.2' }, { id: '10007', name: 'PAY 2.3' }],
  });
  expect(verdict).toMatchObject({ errorMessage: expect.stringContaining('QA has not approved build 2.2.0-rc1 (PAY 2.2) and build 2.3.0-rc1 (PAY 2.3) yet.') });
});

it('tells a rejected build from one not decided yet when the issue is in two releases under QA', async () => {
  const rejectedRecord: QaRecord = { ...approvedRecord('2.2.0-rc1'), latest: { ...approvedRecord('2.2.0-rc1').latest, status: 'rejected', note: 'Totals wrong' } };
  const verdict = await validateTransition(deps({ releases: [underQa('10004', '2.2.0-rc1'), underQa('10007', '2.3.0-rc1')], qa: rejectedRecord }), {
    issueKey: 'PAY-1',
    toStatusId: '10002',
    fixVersions: [{ id: '10004', name: 'PAY 2.2' }, { id: '10007', name: 'PAY 2.3' }],
  });
  expect(verdict).toMatchObject({ errorMessage: expect.stringContaining('PAY-1 cannot move to Done: QA rejected build 2.2.0-rc1 (PAY 2.2); QA has not approved build 2.3.0-rc1 (PAY 2.3) yet.') });
});

it('says how to get an approver when no Jira role is mapped to the QA role', async () => {
  const verdict = await validateTransition(deps({ mapped: [] }), { issueKey: 'PAY-1', toStatusId: '10002' });
  expect(verdict).toMatchObject({
    errorMessage: expect.stringContaining("Nobody holds Preflight's QA lead role in PAY yet: a project admin maps Jira project roles to it in Preflight's project settings"),
  });
});

it('fails closed, saying why and how to get past it, when Jira or the storage cannot be read', async () => {
  expect(await validateTransition(deps({ fail: 'jira' }), { issueKey: 'PAY-1', toStatusId: '10002' })).toEqual({
    result: false,
    errorMessage:
      'Preflight could not check QA approval for PAY-1 (Jira answered 503), so it cannot move to this status yet. Try again in a minute; if this keeps happening, a Jira admin can remove the "Preflight: QA approval before Done" validator from the transition.',
  });
  expect(await validateTransition(deps({ fail: 'store' }), { issueKey: 'PAY-1', toStatusId: '10002' })).toMatchObject({
    result: false,
    errorMessage: expect.stringContaining("Preflight could not check QA approval for PAY-1 (Preflight's stored data could not be read), so it cannot move to Done yet."),
  });
});
