import { loadContracts, withContractChecks } from '../../../local/contracts/openapi-validator';
import type { SimRequest, SimResponse } from '../../../local/sim/http-types';
import { createJiraSim } from '../../../local/sim/jira';
import type { JiraIssue, JiraState } from '../../../local/sim/jira';
import type { JiraEvent } from '../../../local/sim/jira/events';
import { LOCAL_USERS } from '../../../local/sim/users';

/** The four local people by persona. */
export const RITA = LOCAL_USERS.find((u) => u.persona === 'release-owner')!.accountId;
export const DEV = LOCAL_USERS.find((u) => u.persona === 'developer')!.accountId;
export const QUINN = LOCAL_USERS.find((u) => u.persona === 'qa')!.accountId;
export const VERA = LOCAL_USERS.find((u) => u.persona === 'viewer')!.accountId;

export const NOW = new Date('2025-06-01T12:00:00.000Z');

type IssueSeed = Partial<JiraIssue> & Pick<JiraIssue, 'id' | 'key' | 'projectId' | 'summary'>;

function issue(seed: IssueSeed): JiraIssue {
  return {
    issueTypeId: '10001',
    statusId: '10000',
    priorityId: '3',
    resolutionId: null,
    description: null,
    labels: [],
    componentIds: [],
    fixVersionIds: [],
    assigneeAccountId: null,
    reporterAccountId: RITA,
    parentId: null,
    created: '2025-05-01T09:00:00.000Z',
    updated: '2025-05-01T09:00:00.000Z',
    resolutionDate: null,
    changelog: [],
    ...seed,
  };
}

const fix = (from: [string, string] | null, to: [string, string] | null) => ({
  field: 'Fix Version',
  fieldId: 'fixVersions',
  fieldtype: 'jira',
  from: from?.[0] ?? null,
  fromString: from?.[1] ?? null,
  to: to?.[0] ?? null,
  toString: to?.[1] ?? null,
});

/**
 * A small hand-made Jira whose every answer is known: PAY (versions 1.0 released, 2.0 and 3.0
 * unreleased) and MOB (M1). Vera (viewer) sees PAY only; everyone else sees both.
 */
export function tinyState(): JiraState {
  return {
    schemaVersion: 1,
    projects: [
      { id: '10000', key: 'PAY', name: 'Payments', description: 'Payments', leadAccountId: RITA, nextIssueNumber: 6, components: [{ id: '100', name: 'Checkout', description: '' }, { id: '101', name: 'Billing', description: '' }] },
      { id: '10001', key: 'MOB', name: 'Mobile App', description: 'Mobile', leadAccountId: RITA, nextIssueNumber: 3, components: [{ id: '102', name: 'iOS', description: '' }] },
    ],
    versions: [
      { id: '20001', projectId: '10000', name: '1.0', description: 'First', startDate: '2024-11-01', releaseDate: '2025-01-10', released: true, archived: false, sequence: 1, driverAccountId: RITA, relatedWork: [] },
      { id: '20002', projectId: '10000', name: '2.0', description: 'Wallets', startDate: '2025-04-01', releaseDate: '2025-06-30', released: false, archived: false, sequence: 2, driverAccountId: RITA, relatedWork: [] },
      { id: '20003', projectId: '10000', name: '3.0', description: 'Later', startDate: null, releaseDate: null, released: false, archived: false, sequence: 3, driverAccountId: null, relatedWork: [] },
      { id: '20004', projectId: '10001', name: 'M1', description: 'Mobile one', startDate: null, releaseDate: '2025-05-20', released: false, archived: false, sequence: 1, driverAccountId: null, relatedWork: [] },
    ],
    issues: [
      issue({ id: '1', key: 'PAY-1', projectId: '10000', summary: 'Card checkout for merchants', statusId: '10002', resolutionId: '10000', priorityId: '2', labels: ['internal'], componentIds: ['100'], fixVersionIds: ['20001'], assigneeAccountId: DEV, created: '2024-12-01T10:00:00.000Z', updated: '2025-01-05T10:00:00.000Z', resolutionDate: '2025-01-05T10:00:00.000Z' }),
      issue({
        id: '2', key: 'PAY-2', projectId: '10000', summary: 'Refund fails with timeout', issueTypeId: '10003', statusId: '3', priorityId: '1', labels: ['regression'], componentIds: ['101'], fixVersionIds: ['20002'],
        description: 'Steps: refund twice.',
        changelog: [{ id: '900', authorAccountId: RITA, created: '2025-05-20T08:00:00.000Z', items: [fix(null, ['20002', '2.0'])] }],
      }),
      issue({
        id: '3', key: 'PAY-3', projectId: '10000', summary: 'Upgrade the ledger client', issueTypeId: '10002', priorityId: '4', fixVersionIds: ['20002'], assigneeAccountId: QUINN, created: '2025-05-02T09:00:00.000Z',
        changelog: [{ id: '901', authorAccountId: DEV, created: '2025-05-25T08:00:00.000Z', items: [fix(['20003', '3.0'], null), fix(null, ['20002', '2.0'])] }],
      }),
      issue({ id: '4', key: 'PAY-4', projectId: '10000', summary: 'Write tests for the ledger client', issueTypeId: '10004', statusId: '10001', parentId: '3', labels: ['internal', 'ux'], fixVersionIds: ['20002'], created: '2025-05-10T09:00:00.000Z' }),
      issue({ id: '5', key: 'PAY-5', projectId: '10000', summary: 'Wallet payments revamp', issueTypeId: '10000', priorityId: '5', created: '2025-03-01T09:00:00.000Z' }),
      issue({ id: '6', key: 'MOB-1', projectId: '10001', summary: 'Dark mode', statusId: '10002', resolutionId: '10000', fixVersionIds: ['20004'], componentIds: ['102'], created: '2025-04-01T09:00:00.000Z', resolutionDate: '2025-05-01T09:00:00.000Z' }),
      issue({ id: '7', key: 'MOB-2', projectId: '10001', summary: 'Crash on login screen', issueTypeId: '10003', priorityId: '2', fixVersionIds: ['20004'], reporterAccountId: QUINN }),
    ],
    properties: {
      '2': { 'preflight-qa': { state: 'approved', builds: ['b1', 'b2'] } },
      '3': { 'preflight-qa': { state: 'rejected' } },
    },
    roles: [
      { id: 10002, name: 'Administrators', description: 'Admins', actors: { '10000': [RITA], '10001': [RITA] } },
      { id: 10001, name: 'Developers', description: 'Devs', actors: { '10000': [DEV], '10001': [DEV] } },
      { id: 10003, name: 'QA', description: 'QA', actors: { '10000': [QUINN], '10001': [QUINN] } },
      { id: 10004, name: 'Viewers', description: 'Viewers', actors: { '10000': [VERA] } },
    ],
    counters: { projectId: 10002, versionId: 20005, issueId: 8, changelogId: 902, componentId: 103 },
  };
}

export interface CallOptions {
  /** Account id to call as; null = anonymous. Defaults to the release owner. */
  as?: string | null;
  asApp?: boolean;
  body?: unknown;
}

export interface TestJira {
  state: JiraState;
  call: (method: string, pathAndQuery: string, opts?: CallOptions) => Promise<SimResponse>;
  /** Contract violations seen so far (every request and response is checked). */
  violations: string[];
  changes: () => number;
  /** The product events the simulator reported (Forge's Jira events), in order. */
  events: JiraEvent[];
}

const contracts = loadContracts();

/** A simulator over `state`, with every exchange checked against the Jira OpenAPI spec. */
export function testJira(state: JiraState = tinyState(), now: Date = NOW): TestJira {
  let changes = 0;
  const events: JiraEvent[] = [];
  const sim = createJiraSim({ state, now: () => now, baseUrl: 'https://preflight.example.net', onChange: () => { changes += 1; }, onEvent: (e) => events.push(e) });
  const { handler, violations } = withContractChecks(sim, contracts);
  const call = async (method: string, pathAndQuery: string, opts: CallOptions = {}): Promise<SimResponse> => {
    const [path = '', query = ''] = pathAndQuery.split('?');
    const req: SimRequest = {
      method,
      path,
      query: new URLSearchParams(query),
      headers: opts.body !== undefined ? { 'content-type': 'application/json' } : {},
      body: opts.body,
      accountId: opts.as === undefined ? RITA : opts.as,
      asApp: opts.asApp ?? false,
    };
    const res = await handler(req);
    if (!res) throw new Error(`${method} ${path} was not handled`);
    return res;
  };
  return { state, call, violations, changes: () => changes, events };
}

/**
 * For tests that send a deliberately invalid request (or hit a status the spec omits): checks the
 * contract checker flagged exactly that, then forgets those violations so the rest stays strict.
 */
export function expectViolations(jira: TestJira, ...patterns: RegExp[]): void {
  expect(jira.violations.length).toBeGreaterThan(0);
  for (const v of jira.violations) expect(patterns.some((p) => p.test(v))).toBe(true);
  jira.violations.length = 0;
}

/** A JSON body as a loose record, for reading fields in assertions. */
export function json(res: SimResponse): Record<string, any> {
  return res.body as Record<string, any>;
}
