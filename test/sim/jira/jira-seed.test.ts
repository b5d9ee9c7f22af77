import { DEFAULT_SEED_ISSUES, seedJira } from '../../../local/sim/seed/jira-seed';
import { LOCAL_USERS } from '../../../local/sim/users';
import { NOW, json, testJira } from './helpers';

const DAY = 86400000;
/** Milliseconds of CPU this process spent since `since` (user and system). */
const cpuMs = (since: NodeJS.CpuUsage) => {
  const spent = process.cpuUsage(since);
  return (spent.user + spent.system) / 1000;
};
const today = NOW.toISOString().slice(0, 10);
const state = seedJira({ now: NOW });

describe('the Jira demo seed', () => {
  it('is the same every time for the same options, and different for another seed', () => {
    expect(seedJira({ now: NOW })).toEqual(state);
    expect(seedJira({ now: NOW, seed: 7 }).issues.map((i) => i.summary)).not.toEqual(state.issues.map((i) => i.summary));
  });

  it('has two company-managed projects with components and the four personas in their roles', () => {
    expect(state.projects.map((p) => [p.key, p.name])).toEqual([['PAY', 'Payments'], ['MOB', 'Mobile App']]);
    for (const p of state.projects) expect(p.components.length).toBeGreaterThanOrEqual(4);
    const holder = (role: string, projectId: string) => state.roles.find((r) => r.name === role)!.actors[projectId];
    const persona = (p: string) => LOCAL_USERS.find((u) => u.persona === p)!.accountId;
    for (const p of state.projects) {
      expect(holder('Administrators', p.id)).toEqual([persona('release-owner')]);
      expect(holder('Developers', p.id)).toEqual([persona('developer')]);
      expect(holder('QA', p.id)).toEqual([persona('qa')]);
      expect(holder('Viewers', p.id)).toEqual([persona('viewer')]);
    }
  });

  it('has versions in every state a release can be in', () => {
    const v = state.versions;
    expect(v.length).toBeGreaterThanOrEqual(8);
    const daysAgo = (d: string | null) => (d ? (NOW.getTime() - Date.parse(d)) / DAY : NaN);
    expect(v.some((x) => x.released && daysAgo(x.releaseDate) > 180)).toBe(true);
    expect(v.some((x) => x.released && daysAgo(x.releaseDate) < 30)).toBe(true);
    expect(v.some((x) => !x.released && x.releaseDate !== null && x.releaseDate < today)).toBe(true);
    expect(v.some((x) => !x.released && x.releaseDate !== null && x.releaseDate > today)).toBe(true);
    expect(v.some((x) => !x.released && x.releaseDate === null)).toBe(true);
    expect(v.some((x) => x.archived)).toBe(true);
    // One release is clearly the big active one.
    const sizes = v.map((x) => state.issues.filter((i) => i.fixVersionIds.includes(x.id)).length);
    const active = v.filter((x) => !x.released && x.releaseDate && x.releaseDate > today).map((x) => sizes[v.indexOf(x)]!);
    expect(Math.max(...active)).toBe(Math.max(...sizes));
  });

  it('has realistic issues by default: types, priorities, statuses, labels and components', () => {
    expect(state.issues).toHaveLength(DEFAULT_SEED_ISSUES);
    expect(DEFAULT_SEED_ISSUES).toBeGreaterThanOrEqual(400);
    expect(new Set(state.issues.map((i) => i.issueTypeId))).toEqual(new Set(['10000', '10001', '10002', '10003', '10004']));
    expect(new Set(state.issues.map((i) => i.priorityId))).toEqual(new Set(['1', '2', '3', '4', '5']));
    expect(new Set(state.issues.map((i) => i.statusId))).toEqual(new Set(['10000', '3', '10001', '10002']));
    expect(state.issues.filter((i) => i.labels.includes('internal')).length).toBeGreaterThan(20);
    expect(state.issues.every((i) => i.componentIds.length > 0)).toBe(true);
    expect(new Set(state.issues.map((i) => i.summary)).size).toBeGreaterThan(200);
    // Released versions hold only finished work; every Done issue is resolved, nothing else is.
    const released = new Set(state.versions.filter((v) => v.released).map((v) => v.id));
    expect(state.issues.filter((i) => i.fixVersionIds.some((id) => released.has(id))).every((i) => i.statusId === '10002')).toBe(true);
    expect(state.issues.every((i) => (i.statusId === '10002') === (i.resolutionId !== null))).toBe(true);
  });

  it('keeps keys in creation order, sub-tasks under a parent, and no timestamp in the future', () => {
    for (const p of state.projects) {
      const own = state.issues.filter((i) => i.projectId === p.id);
      expect(own.map((i) => i.key)).toEqual(own.map((_, n) => `${p.key}-${n + 1}`));
      const created = own.map((i) => i.created);
      expect([...created].sort()).toEqual(created);
    }
    const byId = new Map(state.issues.map((i) => [i.id, i]));
    for (const sub of state.issues.filter((i) => i.issueTypeId === '10004')) {
      expect(byId.get(sub.parentId!)?.projectId).toBe(sub.projectId);
    }
    for (const i of state.issues) {
      expect(i.updated >= i.created).toBe(true);
      expect(Date.parse(i.updated)).toBeLessThanOrEqual(NOW.getTime());
    }
  });

  it('records fix versions added after creation, some after the active release\'s scope freeze', () => {
    const added = state.issues.filter((i) => i.changelog.some((c) => c.created > i.created && c.items.some((x) => x.fieldId === 'fixVersions')));
    expect(added.length).toBeGreaterThan(50);
    const lastWeek = new Date(NOW.getTime() - 7 * DAY).toISOString();
    expect(added.filter((i) => i.changelog.some((c) => c.created >= lastWeek)).length).toBeGreaterThan(3);
  });

  it('scales with the size knob, 5000 issues well under the 10 s budget', () => {
    // CPU time, not wall time: the machine is shared, and a neighbour's load is not the seed's cost.
    const cpu = process.cpuUsage();
    const big = seedJira({ issues: 5000, now: NOW });
    expect(cpuMs(cpu)).toBeLessThan(3000);
    expect(big.issues).toHaveLength(5000);
    expect(seedJira({ issues: 0, now: NOW }).issues).toEqual([]);
  });
});

describe('the simulator over the seed', () => {
  it('answers every endpoint with contract-valid responses', async () => {
    const jira = testJira(seedJira({ now: NOW }));
    const pay = json(await jira.call('GET', '/rest/api/3/project/PAY?expand=insight'));
    const versions = json(await jira.call('GET', `/rest/api/3/project/${pay.id}/version?expand=issuesstatus&maxResults=100`));
    for (const v of versions.values) {
      await jira.call('GET', `/rest/api/3/version/${v.id}?expand=issuesstatus`);
      await jira.call('GET', `/rest/api/3/version/${v.id}/relatedIssueCounts`);
      await jira.call('GET', `/rest/api/3/version/${v.id}/relatedwork`);
    }
    const search = json(await jira.call('POST', '/rest/api/3/search/jql', { body: { jql: 'project = PAY ORDER BY key', maxResults: 100, fields: ['*all'], expand: 'changelog,names' } }));
    expect(search.issues).toHaveLength(100);
    const ids = json(await jira.call('GET', '/rest/api/3/search/jql?jql=project%20in%20(PAY,MOB)&maxResults=5000&fields=id'));
    expect(ids.issues).toHaveLength(DEFAULT_SEED_ISSUES);
    const bulk = json(await jira.call('POST', '/rest/api/3/issue/bulkfetch', { body: { issueIdsOrKeys: ids.issues.slice(0, 100).map((i: { id: string }) => i.id), expand: ['changelog'] } }));
    expect(bulk.issues).toHaveLength(100);
    for (const key of ['PAY-1', 'PAY-7', 'MOB-3']) {
      await jira.call('GET', `/rest/api/3/issue/${key}?expand=changelog`);
      await jira.call('GET', `/rest/api/3/issue/${key}/changelog`);
    }
    await jira.call('GET', '/rest/api/3/project/search?expand=description,lead,issueTypes,insight');
    await jira.call('GET', '/rest/api/3/project/MOB/versions?expand=issuesstatus');
    await jira.call('GET', '/rest/api/3/project/MOB/role/10002');
    await jira.call('GET', '/rest/api/3/label');
    expect(jira.violations).toEqual([]);
  });

  it('searches and counts 5,000 issues in milliseconds', async () => {
    const jira = testJira(seedJira({ issues: 5000, now: NOW }));
    const active = jira.state.versions.find((v) => v.name === 'PAY 2.2')!;
    // Warm up the per-operation validators so the timing below measures the simulator.
    await jira.call('POST', '/rest/api/3/search/approximate-count', { body: { jql: 'project = PAY' } });
    const cpu = process.cpuUsage();
    const count = json(await jira.call('POST', '/rest/api/3/search/approximate-count', { body: { jql: `fixVersion = ${active.id} AND statusCategory != Done` } }));
    const version = json(await jira.call('GET', `/rest/api/3/version/${active.id}?expand=issuesstatus`));
    const all = json(await jira.call('GET', '/rest/api/3/search/jql?jql=project%20in%20(PAY,MOB)%20ORDER%20BY%20created%20DESC&maxResults=5000&fields=id'));
    const elapsed = cpuMs(cpu);
    expect(count.count).toBe(version.issuesStatusForFixVersion.toDo + version.issuesStatusForFixVersion.inProgress);
    expect(all.issues).toHaveLength(5000);
    expect(all.isLast).toBe(true);
    expect(elapsed).toBeLessThan(500);
    expect(jira.violations).toEqual([]);
  });

  it('caps pages: 5000 for ids only, 100 once fields are asked for', async () => {
    const jira = testJira(seedJira({ issues: 5200, now: NOW }));
    const ids = json(await jira.call('GET', '/rest/api/3/search/jql?jql=project%20in%20(PAY,MOB)&maxResults=10000&fields=id,key'));
    expect(ids.issues).toHaveLength(5000);
    expect(ids.isLast).toBe(false);
    const rich = json(await jira.call('GET', '/rest/api/3/search/jql?jql=project%20%3D%20PAY&maxResults=1000&fields=summary'));
    expect(rich.issues).toHaveLength(100);
    expect(typeof rich.nextPageToken).toBe('string');
    expect(jira.violations).toEqual([]);
  });
});
