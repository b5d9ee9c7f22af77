import { DEV, RITA, VERA, expectViolations, json, testJira, type TestJira } from './helpers';

/**
 * Deleting and merging versions in the simulated Jira: where the issues go, who may do it, the
 * answers Jira's spec documents, and the product events each sends. PAY 2.0 (20002) holds PAY-2,
 * PAY-3 and PAY-4; 3.0 (20003) holds none; 1.0 (20001) holds PAY-1.
 */
let jira: TestJira;
beforeEach(() => {
  jira = testJira();
});
afterEach(() => {
  expect(jira.violations).toEqual([]);
});

const fixVersionsOf = (key: string) => jira.state.issues.find((i) => i.key === key)!.fixVersionIds;
const versionIds = () => jira.state.versions.map((v) => v.id);
const eventTypes = () => jira.events.map((e) => e.eventType);

describe('DELETE /rest/api/3/version/{id}', () => {
  it('without a replacement clears the version from its issues, logs each change and reports the deletion', async () => {
    const res = await jira.call('DELETE', '/rest/api/3/version/20002');
    expect(res.status).toBe(204);
    expect(versionIds()).toEqual(['20001', '20003', '20004']);
    for (const key of ['PAY-2', 'PAY-3', 'PAY-4']) expect(fixVersionsOf(key)).toEqual([]);
    expect((await jira.call('GET', '/rest/api/3/version/20002')).status).toBe(404);
    const changelog = json(await jira.call('GET', '/rest/api/3/issue/PAY-2/changelog'));
    expect(changelog.values.at(-1).items).toEqual([expect.objectContaining({ fieldId: 'fixVersions', from: '20002', fromString: '2.0' })]);
    const search = json(await jira.call('POST', '/rest/api/3/search/approximate-count', { body: { jql: 'project = PAY AND fixVersion = "3.0"' } }));
    expect(search.count).toBe(0);

    expect(eventTypes()).toEqual(['avi:jira:updated:issue', 'avi:jira:updated:issue', 'avi:jira:updated:issue', 'avi:jira:deleted:version']);
    const deleted = jira.events.at(-1)!;
    expect(deleted.payload).toMatchObject({ eventType: 'avi:jira:deleted:version', atlassianId: RITA, version: { id: '20002', name: '2.0', projectId: 10000 }, customFieldReplacements: [] });
    expect(deleted.payload.newFixVersion).toBeUndefined();
    expect(deleted.payload.mergedVersion).toBeUndefined();
    expect(deleted.causedByApp).toBe(false);
    expect(jira.changes()).toBe(1);
  });

  it('with moveFixIssuesTo moves the issues to the replacement and names it in the event', async () => {
    expect((await jira.call('DELETE', '/rest/api/3/version/20002?moveFixIssuesTo=20003&moveAffectedIssuesTo=20003')).status).toBe(204);
    for (const key of ['PAY-2', 'PAY-3', 'PAY-4']) expect(fixVersionsOf(key)).toEqual(['20003']);
    const moved = jira.events.find((e) => e.eventType === 'avi:jira:updated:issue' && (e.payload.issue as { key: string }).key === 'PAY-2')!;
    expect((moved.payload.changelog as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ fieldId: 'fixVersions', from: '20002', to: null }),
      expect.objectContaining({ fieldId: 'fixVersions', from: null, to: '20003', toString: '3.0' }),
    ]);
    expect(jira.events.at(-1)!.payload).toMatchObject({ version: { id: '20002' }, newFixVersion: { id: '20003', name: '3.0' } });
    const counts = json(await jira.call('GET', '/rest/api/3/version/20003?expand=issuesstatus'));
    expect(counts.issuesStatusForFixVersion).toEqual({ unmapped: 0, toDo: 1, inProgress: 2, done: 0 });
  });

  it('refuses a replacement from another project or the version itself, naming the parameter, and changes nothing', async () => {
    for (const target of ['20004', '20002', '99999']) {
      const res = await jira.call('DELETE', `/rest/api/3/version/20002?moveFixIssuesTo=${target}`);
      expect(res.status).toBe(400);
      expect(Object.keys(json(res).errors)).toEqual(['moveFixIssuesTo']);
    }
    expect(versionIds()).toContain('20002');
    expect(fixVersionsOf('PAY-2')).toEqual(['20002']);
    expect(jira.events).toEqual([]);
    expect(jira.changes()).toBe(0);
  });

  it('lets only project administrators delete: a developer gets 401 (the spec\'s answer), a viewer too; an unknown id is 404', async () => {
    const dev = await jira.call('DELETE', '/rest/api/3/version/20002', { as: DEV });
    expect(dev.status).toBe(401);
    expect(json(dev).errorMessages).toEqual(['You must have global or project administrator rights in order to modify versions.']);
    expect((await jira.call('DELETE', '/rest/api/3/version/20002', { as: VERA })).status).toBe(401);
    const missing = await jira.call('DELETE', '/rest/api/3/version/99999');
    expect(missing.status).toBe(404);
    expect(json(missing).errorMessages).toEqual(["Could not find version for id '99999'"]);
    // MOB is hidden from the viewer: its version is "not found", not "forbidden".
    expect((await jira.call('DELETE', '/rest/api/3/version/20004', { as: VERA })).status).toBe(404);
    expect(versionIds()).toEqual(['20001', '20002', '20003', '20004']);
    expect(jira.events).toEqual([]);
  });

  it('reports a deletion by the app as caused by the app', async () => {
    expect((await jira.call('DELETE', '/rest/api/3/version/20003', { asApp: true, as: null })).status).toBe(204);
    expect(jira.events).toEqual([expect.objectContaining({ eventType: 'avi:jira:deleted:version', causedByApp: true })]);
  });
});

describe('POST /rest/api/3/version/{id}/removeAndSwap', () => {
  it('moves fix versions to moveFixIssuesTo and deletes the version', async () => {
    expect((await jira.call('POST', '/rest/api/3/version/20002/removeAndSwap', { body: { moveFixIssuesTo: 20003, customFieldReplacementList: [] } })).status).toBe(204);
    expect(fixVersionsOf('PAY-3')).toEqual(['20003']);
    expect(versionIds()).not.toContain('20002');
    expect(jira.events.at(-1)!.payload).toMatchObject({ eventType: 'avi:jira:deleted:version', newFixVersion: { id: '20003' } });
  });

  it('with an empty body clears the version from its issues', async () => {
    expect((await jira.call('POST', '/rest/api/3/version/20001/removeAndSwap', { body: {} })).status).toBe(204);
    expect(fixVersionsOf('PAY-1')).toEqual([]);
  });

  it('answers 404 to a developer (the spec\'s answer for this operation) and 400 naming a bad field', async () => {
    expect((await jira.call('POST', '/rest/api/3/version/20002/removeAndSwap', { as: DEV, body: {} })).status).toBe(404);
    const wrong = await jira.call('POST', '/rest/api/3/version/20002/removeAndSwap', { body: { moveFixIssuesTo: 20004 } });
    expect(wrong.status).toBe(400);
    expect(Object.keys(json(wrong).errors)).toEqual(['moveFixIssuesTo']);
    const typo = await jira.call('POST', '/rest/api/3/version/20002/removeAndSwap', { body: { moveFixIssuesTo: '20003' } });
    expect(typo.status).toBe(400);
    expect(Object.keys(json(typo).errors)).toEqual(['moveFixIssuesTo']);
    expectViolations(jira, /moveFixIssuesTo|integer/);
    expect(versionIds()).toContain('20002');
  });
});

describe('PUT /rest/api/3/version/{id}/mergeto/{moveIssuesTo}', () => {
  it('moves the issues into the target, deletes the version and sends the merged and deleted events', async () => {
    expect((await jira.call('PUT', '/rest/api/3/version/20002/mergeto/20003')).status).toBe(204);
    for (const key of ['PAY-2', 'PAY-3', 'PAY-4']) expect(fixVersionsOf(key)).toEqual(['20003']);
    expect(versionIds()).toEqual(['20001', '20003', '20004']);
    expect(eventTypes().slice(-2)).toEqual(['avi:jira:merged:version', 'avi:jira:deleted:version']);
    const [merged, deleted] = jira.events.slice(-2);
    expect(merged!.payload).toMatchObject({ version: { id: '20003', name: '3.0' }, mergedVersion: { id: '20002', name: '2.0' }, atlassianId: RITA });
    expect(deleted!.payload).toMatchObject({ version: { id: '20002' }, mergedVersion: { id: '20003' }, newFixVersion: { id: '20003' } });
  });

  it('answers 404 for an unknown version on either side, 401 to a developer and 400 across projects', async () => {
    expect((await jira.call('PUT', '/rest/api/3/version/99999/mergeto/20003')).status).toBe(404);
    expect((await jira.call('PUT', '/rest/api/3/version/20002/mergeto/99999')).status).toBe(404);
    expect((await jira.call('PUT', '/rest/api/3/version/20002/mergeto/20003', { as: DEV })).status).toBe(401);
    const across = await jira.call('PUT', '/rest/api/3/version/20002/mergeto/20004');
    expect(across.status).toBe(400);
    expect(json(across).errorMessages[0]).toMatch(/not another version of the same project/);
    expect(versionIds()).toEqual(['20001', '20002', '20003', '20004']);
    expect(jira.events).toEqual([]);
  });
});
