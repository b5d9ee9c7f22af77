import { DEV, QUINN, RITA, VERA, expectViolations, json, testJira, type TestJira } from './helpers';

/** Every test ends by asserting the exchanges it made matched Jira's published contract. */
let jira: TestJira;
beforeEach(() => {
  jira = testJira();
});
afterEach(() => {
  expect(jira.violations).toEqual([]);
});

describe('who may call', () => {
  it('answers 401 to an anonymous caller and serves the app itself', async () => {
    expect((await jira.call('GET', '/rest/api/3/myself', { as: null })).status).toBe(401);
    const asApp = await jira.call('GET', '/rest/api/3/project/MOB', { as: null, asApp: true });
    expect(asApp.status).toBe(200);
  });

  it('tells who is calling', async () => {
    const me = json(await jira.call('GET', '/rest/api/3/myself', { as: QUINN }));
    expect(me).toMatchObject({ accountId: QUINN, displayName: 'Quinn Adams', emailAddress: 'quinn@preflight.local', active: true });
  });

  it('hides a project the caller cannot browse, as if it did not exist', async () => {
    const res = await jira.call('GET', '/rest/api/3/project/MOB', { as: VERA });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errorMessages: ["No project could be found with key 'MOB'."], errors: {} });
    const page = json(await jira.call('GET', '/rest/api/3/project/search', { as: VERA }));
    expect(page.values.map((p: { key: string }) => p.key)).toEqual(['PAY']);
  });
});

describe('projects', () => {
  it('lists projects a page at a time', async () => {
    const first = json(await jira.call('GET', '/rest/api/3/project/search?maxResults=1'));
    expect(first).toMatchObject({ startAt: 0, maxResults: 1, total: 2, isLast: false });
    expect(first.values[0].key).toBe('MOB');
    expect(first.nextPage).toContain('startAt=1');
    const byName = json(await jira.call('GET', '/rest/api/3/project/search?orderBy=-name&expand=description,lead'));
    expect(byName.values.map((p: { name: string }) => p.name)).toEqual(['Payments', 'Mobile App']);
    expect(byName.values[0].lead.accountId).toBe(RITA);
  });

  it('finds a project by key or id with its components, versions and roles', async () => {
    const byKey = json(await jira.call('GET', '/rest/api/3/project/pay'));
    expect(byKey).toMatchObject({ id: '10000', key: 'PAY', name: 'Payments', style: 'classic', simplified: false });
    expect(byKey.components.map((c: { name: string }) => c.name)).toEqual(['Checkout', 'Billing']);
    expect(byKey.versions.map((v: { name: string }) => v.name)).toEqual(['1.0', '2.0', '3.0']);
    expect(Object.keys(byKey.roles)).toEqual(['Administrators', 'Developers', 'QA', 'Viewers']);
    expect(json(await jira.call('GET', '/rest/api/3/project/10000')).key).toBe('PAY');
    expect(json(await jira.call('GET', '/rest/api/3/project/PAY/components'))).toHaveLength(2);
  });

  it('names each role and who holds it', async () => {
    const roles = json(await jira.call('GET', '/rest/api/3/project/PAY/role'));
    expect(roles.QA).toBe('https://preflight.example.net/rest/api/3/project/10000/role/10003');
    const qa = json(await jira.call('GET', '/rest/api/3/project/PAY/role/10003'));
    expect(qa).toMatchObject({ name: 'QA', id: 10003, actors: [{ type: 'atlassian-user-role-actor', actorUser: { accountId: QUINN }, displayName: 'Quinn Adams' }] });
  });
});

describe('versions', () => {
  it('counts issues by status category with expand=issuesstatus', async () => {
    const v = json(await jira.call('GET', '/rest/api/3/version/20002?expand=issuesstatus'));
    expect(v).toMatchObject({ id: '20002', name: '2.0', released: false, overdue: false, releaseDate: '2025-06-30', userReleaseDate: '30/Jun/25', projectId: 10000 });
    expect(v.issuesStatusForFixVersion).toEqual({ unmapped: 0, toDo: 1, inProgress: 2, done: 0 });
    const plain = json(await jira.call('GET', '/rest/api/3/version/20002'));
    expect(plain.issuesStatusForFixVersion).toBeUndefined();
  });

  it('flags an unreleased version whose date has passed as overdue', async () => {
    expect(json(await jira.call('GET', '/rest/api/3/version/20004')).overdue).toBe(true);
  });

  it('pages, filters and orders a project\'s versions', async () => {
    const page = json(await jira.call('GET', '/rest/api/3/project/PAY/version?maxResults=2&orderBy=-sequence&expand=issuesstatus'));
    expect(page).toMatchObject({ total: 3, isLast: false, startAt: 0, maxResults: 2 });
    expect(page.values.map((v: { name: string }) => v.name)).toEqual(['3.0', '2.0']);
    expect(page.values[1].issuesStatusForFixVersion.inProgress).toBe(2);
    const rest = json(await jira.call('GET', '/rest/api/3/project/PAY/version?maxResults=2&startAt=2&orderBy=-sequence'));
    expect(rest).toMatchObject({ isLast: true });
    expect(rest.values.map((v: { name: string }) => v.name)).toEqual(['1.0']);
    const unreleased = json(await jira.call('GET', '/rest/api/3/project/PAY/version?status=unreleased&query=wall'));
    expect(unreleased.values.map((v: { name: string }) => v.name)).toEqual(['2.0']);
    const all = json(await jira.call('GET', '/rest/api/3/project/PAY/versions'));
    expect(all.map((v: { id: string }) => v.id)).toEqual(['20001', '20002', '20003']);
  });

  it('creates a version for a project admin and refuses a duplicate name', async () => {
    const res = await jira.call('POST', '/rest/api/3/version', { body: { projectId: 10000, name: '2.1', releaseDate: '2025-07-15', description: 'Hotfix' } });
    expect(res.status).toBe(201);
    expect(json(res)).toMatchObject({ name: '2.1', released: false, archived: false, projectId: 10000, releaseDate: '2025-07-15' });
    expect(jira.changes()).toBe(1);
    const dup = await jira.call('POST', '/rest/api/3/version', { body: { projectId: 10000, name: '2.1' } });
    expect(dup.status).toBe(400);
    expect(json(dup).errors).toEqual({ name: 'A version with this name already exists in this project.' });
  });

  it('does not let a developer or viewer create or change versions', async () => {
    expect((await jira.call('POST', '/rest/api/3/version', { as: DEV, body: { projectId: 10000, name: '9.0' } })).status).toBe(404);
    expect((await jira.call('PUT', '/rest/api/3/version/20002', { as: VERA, body: { released: true } })).status).toBe(400);
    expect(jira.state.versions.find((v) => v.id === '20002')!.released).toBe(false);
    expect(jira.changes()).toBe(0);
  });

  it('names the field that is wrong', async () => {
    const res = await jira.call('POST', '/rest/api/3/version', { body: { projectId: 10000, name: '4.0', releaseDate: '15/07/2025' } });
    expect(res.status).toBe(400);
    expect(json(res).errors).toEqual({ releaseDate: 'Expected a date as YYYY-MM-DD' });
    expectViolations(jira, /request body at releaseDate must match format "date"/);
  });

  it('releases a version and moves its unresolved issues to another version, with changelog', async () => {
    const res = await jira.call('PUT', '/rest/api/3/version/20002', {
      body: { released: true, releaseDate: '2025-06-01', moveUnfixedIssuesTo: 'https://preflight.example.net/rest/api/3/version/20003' },
    });
    expect(res.status).toBe(200);
    expect(json(res)).toMatchObject({ released: true, releaseDate: '2025-06-01' });
    const moved = json(await jira.call('POST', '/rest/api/3/search/jql', { body: { jql: 'fixVersion = 3.0 ORDER BY key', fields: ['fixVersions'] } }));
    expect(moved.issues.map((i: { key: string }) => i.key)).toEqual(['PAY-2', 'PAY-3', 'PAY-4']);
    const changelog = json(await jira.call('GET', '/rest/api/3/issue/PAY-4/changelog'));
    expect(changelog.values.at(-1).items).toEqual([
      { field: 'Fix Version', fieldId: 'fixVersions', fieldtype: 'jira', from: '20002', fromString: '2.0', toString: '' },
      { field: 'Fix Version', fieldId: 'fixVersions', fieldtype: 'jira', fromString: '', to: '20003', toString: '3.0' },
    ]);
    const counts = json(await jira.call('GET', '/rest/api/3/version/20002/relatedIssueCounts'));
    expect(counts.issuesFixedCount).toBe(0);
  });

  it('stamps today as the release date when none is given', async () => {
    const res = json(await jira.call('PUT', '/rest/api/3/version/20003', { body: { released: true } }));
    expect(res.releaseDate).toBe('2025-06-01');
  });

  it('refuses to move unfixed issues into a version of another project', async () => {
    const res = await jira.call('PUT', '/rest/api/3/version/20002', { body: { released: true, moveUnfixedIssuesTo: 'https://preflight.example.net/rest/api/3/version/20004' } });
    expect(res.status).toBe(400);
    expect(Object.keys(json(res).errors)).toEqual(['moveUnfixedIssuesTo']);
    expect(jira.state.versions.find((v) => v.id === '20002')!.released).toBe(false);
  });

  it('counts fixed and unresolved issues', async () => {
    expect(json(await jira.call('GET', '/rest/api/3/version/20001/relatedIssueCounts'))).toMatchObject({ issuesFixedCount: 1, issuesAffectedCount: 0 });
    expect(json(await jira.call('GET', '/rest/api/3/version/20002/unresolvedIssueCount'))).toMatchObject({ issuesCount: 3, issuesUnresolvedCount: 3 });
    expect((await jira.call('GET', '/rest/api/3/version/999')).status).toBe(404);
  });
});

describe('related work', () => {
  it('adds, lists, updates and removes a link on a version', async () => {
    const created = await jira.call('POST', '/rest/api/3/version/20002/relatedwork', {
      body: { category: 'Documentation', title: 'Release panel', url: 'https://preflight.example.net/releases/20002' },
    });
    expect(created.status).toBe(201);
    const id = json(created).relatedWorkId as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const updated = await jira.call('PUT', '/rest/api/3/version/20002/relatedwork', {
      body: { relatedWorkId: id, category: 'Documentation', title: 'Release notes', url: 'https://preflight.example.net/notes' },
    });
    expect(json(updated)).toMatchObject({ relatedWorkId: id, title: 'Release notes' });
    const list = json(await jira.call('GET', '/rest/api/3/version/20002/relatedwork'));
    expect(list).toEqual([{ relatedWorkId: id, category: 'Documentation', title: 'Release notes', url: 'https://preflight.example.net/notes' }]);
    expect((await jira.call('DELETE', `/rest/api/3/version/20002/relatedwork/${id}`)).status).toBe(204);
    expect(json(await jira.call('GET', '/rest/api/3/version/20002/relatedwork'))).toEqual([]);
    expect(jira.changes()).toBe(3);
  });

  it('needs a category and edit rights', async () => {
    const missing = await jira.call('POST', '/rest/api/3/version/20002/relatedwork', { body: { category: '', url: 'https://x.example' } });
    expect(missing.status).toBe(400);
    expect(json(missing).errors).toEqual({ category: 'category is required' });
    const viewer = await jira.call('POST', '/rest/api/3/version/20002/relatedwork', { as: VERA, body: { category: 'Design', url: 'https://x.example' } });
    expect(viewer.status).toBe(403);
  });
});

describe('issues', () => {
  it('returns an issue with every field by default, in Jira\'s shapes', async () => {
    const issue = json(await jira.call('GET', '/rest/api/3/issue/PAY-4'));
    expect(issue).toMatchObject({ id: '4', key: 'PAY-4', self: 'https://preflight.example.net/rest/api/3/issue/4' });
    expect(issue.fields).toMatchObject({
      summary: 'Write tests for the ledger client',
      issuetype: { name: 'Sub-task', subtask: true },
      status: { name: 'In Review', statusCategory: { key: 'indeterminate', id: 4 } },
      priority: { name: 'Medium', id: '3' },
      labels: ['internal', 'ux'],
      fixVersions: [{ id: '20002', name: '2.0', released: false }],
      parent: { key: 'PAY-3', fields: { summary: 'Upgrade the ledger client' } },
      resolution: null,
      assignee: null,
      reporter: { accountId: RITA },
      project: { key: 'PAY' },
      created: '2025-05-10T09:00:00.000+0000',
    });
  });

  it('returns only the fields asked for, the changelog when expanded, and properties by key', async () => {
    const issue = json(await jira.call('GET', '/rest/api/3/issue/3?fields=summary,status&expand=changelog&properties=preflight-qa'));
    expect(Object.keys(issue.fields).sort()).toEqual(['status', 'summary']);
    expect(issue.changelog).toMatchObject({ total: 1, histories: [{ id: '901', author: { accountId: DEV } }] });
    expect(issue.properties).toEqual({ 'preflight-qa': { state: 'rejected' } });
  });

  it('hides issues of projects the caller cannot browse', async () => {
    const res = await jira.call('GET', '/rest/api/3/issue/MOB-1', { as: VERA });
    expect(res.status).toBe(404);
    expect(json(res).errorMessages).toEqual(['Issue does not exist or you do not have permission to see it.']);
  });

  it('fetches up to 100 issues at once in id order, listing the ones it could not', async () => {
    const res = json(await jira.call('POST', '/rest/api/3/issue/bulkfetch', { as: VERA, body: { issueIdsOrKeys: ['PAY-3', '1', 'MOB-1', 'NOPE-1'], fields: ['summary'] } }));
    expect(res.issues.map((i: { key: string }) => i.key)).toEqual(['PAY-1', 'PAY-3']);
    expect(res.issueErrors.map((e: { id: string }) => e.id)).toEqual(['MOB-1', 'NOPE-1']);
    const tooMany = await jira.call('POST', '/rest/api/3/issue/bulkfetch', { body: { issueIdsOrKeys: Array.from({ length: 101 }, (_, i) => String(i)) } });
    expect(tooMany.status).toBe(400);
    expect(json(tooMany).errors).toEqual({ issueIdsOrKeys: 'issueIdsOrKeys accepts at most 100 issues' });
  });

  it('adds an issue to a version through an edit, recording the change', async () => {
    const res = await jira.call('PUT', '/rest/api/3/issue/PAY-5', { as: DEV, body: { update: { fixVersions: [{ add: { name: '2.0' } }], labels: [{ add: 'late' }] } } });
    expect(res.status).toBe(204);
    const found = json(await jira.call('GET', '/rest/api/3/search/jql?jql=fixVersion%20CHANGED%20TO%202.0%20AFTER%20-1d'));
    expect(found.issues).toEqual([{ id: '5' }]);
    expect(jira.state.issues.find((i) => i.key === 'PAY-5')!.labels).toEqual(['late']);
    const viewer = await jira.call('PUT', '/rest/api/3/issue/PAY-5', { as: VERA, body: { fields: { summary: 'Hijacked' } } });
    expect(viewer.status).toBe(400);
    expect(jira.state.issues.find((i) => i.key === 'PAY-5')!.summary).toBe('Wallet payments revamp');
  });

  it.each([
    ['fields.labels', { fields: { labels: ['ok', 'two words'] } }],
    ['update.labels add', { update: { labels: [{ add: 'two words' }] } }],
    ['update.labels set', { update: { labels: [{ set: ['ok', 'tab\there'] }] } }],
    ['update.labels add (empty)', { update: { labels: [{ add: '' }] } }],
  ])('refuses a label with spaces however it is sent (%s), with Jira\'s field error, changing nothing', async (_how, body) => {
    const before = [...jira.state.issues.find((i) => i.key === 'PAY-4')!.labels];
    const res = await jira.call('PUT', '/rest/api/3/issue/PAY-4', { as: DEV, body });
    expect(res.status).toBe(400);
    expect(json(res)).toEqual({ errorMessages: [], errors: { labels: 'Labels cannot contain spaces' } });
    expect(jira.state.issues.find((i) => i.key === 'PAY-4')!.labels).toEqual(before);
  });

  it('pages through the changelog, oldest first', async () => {
    const page = json(await jira.call('GET', '/rest/api/3/issue/PAY-2/changelog?maxResults=10'));
    expect(page).toMatchObject({ total: 1, isLast: true, values: [{ id: '900', created: '2025-05-20T08:00:00.000+0000' }] });
  });
});

describe('issue properties', () => {
  it('stores, lists, reads and deletes a property', async () => {
    const put = await jira.call('PUT', '/rest/api/3/issue/PAY-1/properties/preflight-qa', { as: QUINN, body: { state: 'approved', build: '2.0.1' } });
    expect(put.status).toBe(201);
    expect((await jira.call('PUT', '/rest/api/3/issue/PAY-1/properties/preflight-qa', { as: QUINN, body: { state: 'rejected' } })).status).toBe(200);
    const keys = json(await jira.call('GET', '/rest/api/3/issue/PAY-1/properties'));
    expect(keys.keys.map((k: { key: string }) => k.key)).toEqual(['preflight-qa']);
    expect(json(await jira.call('GET', '/rest/api/3/issue/PAY-1/properties/preflight-qa'))).toEqual({ key: 'preflight-qa', value: { state: 'rejected' } });
    const searched = json(await jira.call('POST', '/rest/api/3/search/approximate-count', { body: { jql: 'issue.property[preflight-qa].state = rejected' } }));
    expect(searched.count).toBe(2);
    expect((await jira.call('DELETE', '/rest/api/3/issue/PAY-1/properties/preflight-qa', { as: QUINN })).status).toBe(204);
    expect((await jira.call('GET', '/rest/api/3/issue/PAY-1/properties/preflight-qa')).status).toBe(404);
    expect(jira.changes()).toBe(3);
  });

  it('lets a viewer read but not write', async () => {
    expect((await jira.call('GET', '/rest/api/3/issue/PAY-2/properties/preflight-qa', { as: VERA })).status).toBe(200);
    expect((await jira.call('PUT', '/rest/api/3/issue/PAY-2/properties/preflight-qa', { as: VERA, body: { state: 'rejected' } })).status).toBe(403);
    expect((await jira.call('DELETE', '/rest/api/3/issue/PAY-2/properties/preflight-qa', { as: VERA })).status).toBe(404);
    expect(jira.state.properties['2']!['preflight-qa']).toEqual({ state: 'approved', builds: ['b1', 'b2'] });
  });

  it('refuses a value over 32 KB', async () => {
    const res = await jira.call('PUT', '/rest/api/3/issue/PAY-1/properties/big', { body: { text: 'x'.repeat(33000) } });
    expect(res.status).toBe(400);
    expect(json(res).errorMessages[0]).toMatch(/too long/);
  });
});

describe('search', () => {
  it('returns ids by default and pages with nextPageToken', async () => {
    const first = json(await jira.call('GET', '/rest/api/3/search/jql?jql=project%3DPAY%20ORDER%20BY%20key&maxResults=2'));
    expect(first.issues).toEqual([{ id: '1' }, { id: '2' }]);
    expect(first.isLast).toBe(false);
    const second = json(await jira.call('GET', `/rest/api/3/search/jql?jql=project%3DPAY%20ORDER%20BY%20key&maxResults=2&nextPageToken=${first.nextPageToken}`));
    expect(second.issues).toEqual([{ id: '3' }, { id: '4' }]);
    const third = json(await jira.call('POST', '/rest/api/3/search/jql', { body: { jql: 'project=PAY ORDER BY key', maxResults: 2, nextPageToken: second.nextPageToken } }));
    expect(third).toEqual({ issues: [{ id: '5' }], isLast: true });
  });

  it('rejects a page token from another query', async () => {
    const first = json(await jira.call('GET', '/rest/api/3/search/jql?jql=project%3DPAY&maxResults=1'));
    const res = await jira.call('GET', `/rest/api/3/search/jql?jql=project%3DMOB&nextPageToken=${first.nextPageToken}`);
    expect(res.status).toBe(400);
    expect(json(res).errorMessages).toEqual(['The provided next page token is invalid or expired.']);
  });

  it('renders requested fields and properties', async () => {
    const res = json(await jira.call('POST', '/rest/api/3/search/jql', {
      body: { jql: 'key = PAY-2', fields: ['summary', 'status', 'fixVersions'], properties: ['preflight-qa'], expand: 'changelog' },
    }));
    expect(res.issues[0]).toMatchObject({ key: 'PAY-2', fields: { summary: 'Refund fails with timeout', status: { name: 'In Progress' } }, properties: { 'preflight-qa': { state: 'approved', builds: ['b1', 'b2'] } } });
    expect(res.issues[0].changelog.total).toBe(1);
  });

  it('answers JQL mistakes and unbounded queries with 400 and Jira\'s message', async () => {
    const bad = await jira.call('POST', '/rest/api/3/search/jql', { body: { jql: 'project = PAY AND (' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ errorMessages: ['Error in the JQL Query: Expecting a field name before the end of the query.'], errors: {} });
    const unbounded = await jira.call('GET', '/rest/api/3/search/jql?jql=order%20by%20key');
    expect(json(unbounded).errorMessages).toEqual(['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.']);
  });

  it('counts matches approximately (exactly, here)', async () => {
    expect(json(await jira.call('POST', '/rest/api/3/search/approximate-count', { body: { jql: 'fixVersion = 2.0 AND statusCategory != Done' } }))).toEqual({ count: 3 });
    expect(json(await jira.call('POST', '/rest/api/3/search/approximate-count', { as: VERA, body: { jql: 'priority = High' } }))).toEqual({ count: 1 });
  });

  it('parses queries and reports their errors', async () => {
    const res = json(await jira.call('POST', '/rest/api/3/jql/parse?validation=strict', { body: { queries: ['project = PAY', 'project = NOPE', 'project ='] } }));
    expect(res.queries).toEqual([
      { query: 'project = PAY' },
      { query: 'project = NOPE', errors: ["The value 'NOPE' does not exist for the field 'project'."] },
      { query: 'project =', errors: ['Error in the JQL Query: Expecting either a value, list or function before the end of the query.'] },
    ]);
  });

  it('answers 410 on the removed /search endpoint', async () => {
    const res = await jira.call('GET', '/rest/api/3/search?jql=project%3DPAY');
    expect(res.status).toBe(410);
    expect(json(res).errorMessages[0]).toMatch(/search\/jql/);
    // Atlassian's spec still describes the old endpoint and does not list its 410.
    expectViolations(jira, /\(searchForIssuesUsingJql\) -> 410: status 410 is not documented/);
  });
});

describe('permissions and people', () => {
  const perms = 'BROWSE_PROJECTS,ADMINISTER_PROJECTS,EDIT_ISSUES';
  it.each([
    [RITA, true, true, true],
    [DEV, true, false, true],
    [QUINN, true, false, true],
    [VERA, true, false, false],
  ])('knows what %s may do in PAY', async (who, browse, admin, edit) => {
    const res = json(await jira.call('GET', `/rest/api/3/mypermissions?projectKey=PAY&permissions=${perms}`, { as: who }));
    expect(res.permissions.BROWSE_PROJECTS.havePermission).toBe(browse);
    expect(res.permissions.ADMINISTER_PROJECTS).toMatchObject({ key: 'ADMINISTER_PROJECTS', type: 'PROJECT', havePermission: admin });
    expect(res.permissions.EDIT_ISSUES.havePermission).toBe(edit);
  });

  it('needs the permissions parameter and known keys', async () => {
    expect((await jira.call('GET', '/rest/api/3/mypermissions?projectKey=PAY')).status).toBe(400);
    expect((await jira.call('GET', '/rest/api/3/mypermissions?permissions=FLY')).status).toBe(400);
    expect((await jira.call('GET', '/rest/api/3/mypermissions?projectKey=MOB&permissions=BROWSE_PROJECTS', { as: VERA })).status).toBe(404);
  });

  it('looks users up one at a time and in bulk', async () => {
    expect(json(await jira.call('GET', `/rest/api/3/user?accountId=${encodeURIComponent(DEV)}`)).displayName).toBe('Dev Patel');
    expect((await jira.call('GET', '/rest/api/3/user?accountId=ghost')).status).toBe(404);
    const bulk = json(await jira.call('GET', `/rest/api/3/user/bulk?accountId=${encodeURIComponent(DEV)}&accountId=${encodeURIComponent(VERA)}`));
    expect(bulk.values.map((u: { displayName: string }) => u.displayName)).toEqual(['Dev Patel', 'Vera Lind']);
  });

  it('lists the fixed catalogues', async () => {
    const priorities = json(await jira.call('GET', '/rest/api/3/priority')) as unknown as { name: string }[];
    expect(priorities.map((p) => p.name)).toEqual(['Highest', 'High', 'Medium', 'Low', 'Lowest']);
    const categories = json(await jira.call('GET', '/rest/api/3/statuscategory')) as unknown as { key: string }[];
    expect(categories.map((c) => c.key)).toEqual(['new', 'indeterminate', 'done']);
    expect(json(await jira.call('GET', '/rest/api/3/status'))).toHaveLength(4);
    expect(json(await jira.call('GET', '/rest/api/3/issuetype'))).toHaveLength(5);
    expect(json(await jira.call('GET', '/rest/api/3/resolution'))).toHaveLength(3);
    expect(json(await jira.call('GET', '/rest/api/3/label')).values).toEqual(['internal', 'regression', 'ux']);
  });
});

describe('paths the simulator does not serve', () => {
  it('answers 404 in Jira\'s error shape under /rest/ and leaves other paths alone', async () => {
    const checked = testJira();
    const res = await checked.call('GET', '/rest/api/3/dashboard');
    expect(res.status).toBe(404);
    expect(json(res)).toEqual({ errorMessages: ['No Jira REST resource at /rest/api/3/dashboard.'], errors: {} });
    // The contract checker rightly flags a 404 it has no schema for; that is this test's point.
    expect(checked.violations.length).toBeGreaterThan(0);
  });
});
