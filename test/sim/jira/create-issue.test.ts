import { createJiraSim } from '../../../local/sim/jira';
import type { JiraEvent } from '../../../local/sim/jira/events';
import { DEV, NOW, RITA, VERA, json, testJira, tinyState, type TestJira } from './helpers';

/** POST /rest/api/3/issue: what Jira answers, checked against the published contract. */
let jira: TestJira;
beforeEach(() => {
  jira = testJira();
});
afterEach(() => {
  expect(jira.violations).toEqual([]);
});

const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const bug = (fields: Record<string, unknown> = {}) => ({
  fields: { project: { key: 'PAY' }, issuetype: { name: 'Bug' }, summary: 'Checkout errors after 2.0', fixVersions: [{ id: '20001' }], ...fields },
});

describe('creating an issue', () => {
  it('answers 201 with the new key, and the issue is there to read, search and count in its version', async () => {
    const before = json(await jira.call('GET', '/rest/api/3/version/20001?expand=issuesstatus')).issuesStatusForFixVersion;
    const res = await jira.call('POST', '/rest/api/3/issue', {
      asApp: true,
      as: null,
      body: bug({ description: adf('Datadog alert, started 10:00.'), labels: ['incident'], priority: { name: 'High' } }),
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: '8', key: 'PAY-6', self: 'https://preflight.example.net/rest/api/3/issue/8' });

    const issue = json(await jira.call('GET', '/rest/api/3/issue/PAY-6?fields=summary,issuetype,status,fixVersions,labels,priority,description,created,reporter'));
    expect(issue.fields).toMatchObject({
      summary: 'Checkout errors after 2.0',
      issuetype: { name: 'Bug' },
      status: { name: 'To Do' },
      fixVersions: [{ id: '20001', name: '1.0' }],
      labels: ['incident'],
      priority: { name: 'High' },
      description: adf('Datadog alert, started 10:00.'),
      // The app's own account reports what the app creates.
      reporter: { accountType: 'app', displayName: 'Preflight' },
    });
    expect(issue.fields.created).toMatch(/^2025-06-01T12:00:00/);
    expect(json(await jira.call('GET', '/rest/api/3/issue/PAY-6/changelog')).values).toEqual([]);

    const found = json(await jira.call('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('fixVersion = 20001 AND issuetype = Bug')}&fields=key`));
    expect(found.issues.map((i: { key: string }) => i.key)).toEqual(['PAY-6']);
    const after = json(await jira.call('GET', '/rest/api/3/version/20001?expand=issuesstatus')).issuesStatusForFixVersion;
    expect(after.toDo).toBe(before.toDo + 1);

    // Keys keep counting: the next issue is PAY-7.
    const next = await jira.call('POST', '/rest/api/3/issue', { body: { fields: { project: { id: '10000' }, issuetype: { id: '10002' }, summary: 'Another one' } } });
    expect(json(next).key).toBe('PAY-7');
  });

  it('reports avi:jira:created:issue with who created it', async () => {
    const events: JiraEvent[] = [];
    const sim = createJiraSim({ state: tinyState(), now: () => NOW, baseUrl: 'https://preflight.example.net', onEvent: (e) => events.push(e) });
    await sim({ method: 'POST', path: '/rest/api/3/issue', query: new URLSearchParams(), headers: { 'content-type': 'application/json' }, body: bug(), accountId: DEV, asApp: false });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ eventType: 'avi:jira:created:issue', causedByApp: false, payload: { atlassianId: DEV, issue: { key: 'PAY-6', fields: { summary: 'Checkout errors after 2.0', issuetype: { name: 'Bug' } } } } });
  });
});

describe('what Jira refuses, field by field', () => {
  it('names every missing required field at once', async () => {
    const res = await jira.call('POST', '/rest/api/3/issue', { body: { fields: {} } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      errorMessages: [],
      errors: { project: 'project is required', issuetype: 'Specify an issue type', summary: 'You must specify a summary of the issue.' },
    });
  });

  it('refuses an issue type that does not exist and a summary over 255 characters', async () => {
    const res = await jira.call('POST', '/rest/api/3/issue', { body: bug({ issuetype: { name: 'Incident' }, summary: 'x'.repeat(256) }) });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ errorMessages: [], errors: { issuetype: 'The issue type selected is invalid.', summary: 'Summary must be less than 255 characters.' } });
  });

  it('refuses a fix version of another project, and one that does not exist', async () => {
    const other = await jira.call('POST', '/rest/api/3/issue', { body: bug({ fixVersions: [{ id: '20004' }] }) });
    expect(other.status).toBe(400);
    expect(json(other).errors).toEqual({ fixVersions: "Version '20004' is not valid for this issue's project." });
    const missing = await jira.call('POST', '/rest/api/3/issue', { body: bug({ fixVersions: [{ name: '9.9' }] }) });
    expect(json(missing).errors).toEqual({ fixVersions: "Version '9.9' is not valid for this issue's project." });
  });

  it('wants the description as an Atlassian document, labels without spaces, a known priority', async () => {
    const res = await jira.call('POST', '/rest/api/3/issue', { body: bug({ description: 'plain text', labels: ['two words'], priority: { name: 'Urgent' } }) });
    expect(res.status).toBe(400);
    expect(json(res).errors).toEqual({
      description: 'Operation value must be an Atlassian Document (see the Atlassian Document Format)',
      labels: 'Labels cannot contain spaces',
      priority: 'Specify the priority by a valid id or name.',
    });
  });

  it('refuses a field that is not on the create screen', async () => {
    const res = await jira.call('POST', '/rest/api/3/issue', { body: bug({ customfield_10099: 'x' }) });
    expect(json(res).errors).toEqual({ customfield_10099: "Field 'customfield_10099' cannot be set. It is not on the appropriate screen, or unknown." });
  });

  it('needs Create issues: a viewer is refused, a project they cannot see does not exist for them; nothing is created', async () => {
    const viewer = await jira.call('POST', '/rest/api/3/issue', { as: VERA, body: bug() });
    expect(viewer.status).toBe(400);
    expect(json(viewer).errors).toEqual({ project: 'You do not have permission to create issues in this project.' });
    const hidden = await jira.call('POST', '/rest/api/3/issue', { as: VERA, body: bug({ project: { key: 'MOB' }, fixVersions: [] }) });
    expect(json(hidden).errors).toEqual({ project: 'Specify a valid project ID or key' });
    expect(jira.state.issues).toHaveLength(7);
    expect(jira.changes()).toBe(0);
  });

  it('answers a body without fields with the field named', async () => {
    const res = await jira.call('POST', '/rest/api/3/issue', { as: RITA, body: { update: {} } });
    expect(res.status).toBe(400);
    expect(Object.keys(json(res).errors)).toEqual(['fields']);
    // IssueUpdateDetails does not require `fields`: the contract checker accepts the request; Jira refuses it.
    expect(jira.violations).toEqual([]);
  });
});
