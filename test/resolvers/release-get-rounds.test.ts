import { countRounds } from '../../local/call-rounds';
import { createEmulatedSite, projectPageExtension } from '../../local/emulated-site';
import { NO_FAULTS } from '../../local/sim/faults';
import type { Envelope } from '../../src/shared/envelope';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';

/**
 * The panel's wait is rounds x latency: with every REST call taking 150 ms (a hop from Forge to
 * Jira), a release in Build & test with a build under test, frozen scope and a late addition (every
 * counted gate at work) must answer after at most three rounds of calls, for anyone who opens it.
 */
const LATENCY_MS = 150;
const site = createEmulatedSite({ issues: 450, contracts: false, faults: { ...NO_FAULTS, latencyMs: LATENCY_MS } });
const project = site.jira.projects.find((p) => p.key === 'PAY')!;
const version = site.jira.versions.find((v) => v.projectId === project.id && v.name === 'PAY 2.2')!;

async function get(as: 'release-owner' | 'viewer', functionKey: string, payload: object): Promise<ReleaseView> {
  const answer = await site.invoke<Envelope<ReleaseView>>({ as, functionKey, payload, moduleKey: 'preflight-releases', extension: projectPageExtension(site, 'PAY') });
  if (!answer.ok) throw new Error(`${functionKey}: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}

beforeAll(async () => {
  let view = await get('release-owner', PANEL_KEYS.get, { versionId: version.id });
  view = await get('release-owner', PANEL_KEYS.advance, { versionId: version.id, revision: view.revision, override: { reason: 'Freeze scope for the rounds test' } });
  await get('release-owner', PANEL_KEYS.setBuild, { versionId: version.id, revision: view.revision, buildId: 'rounds-1' });
  const outsider = site.jira.issues.find((i) => i.projectId === project.id && !i.fixVersionIds.includes(version.id))!;
  await site.jiraRest('release-owner', 'PUT', `/rest/api/3/issue/${outsider.id}`, { update: { fixVersions: [{ add: { id: version.id } }] } });
}, 60_000);

it.each(['release-owner', 'viewer'] as const)('release/get as the %s waits on at most three rounds of REST calls', async (as) => {
  const first = site.calls.length;
  const view = await get(as, PANEL_KEYS.get, { versionId: version.id });
  const calls = site.calls.slice(first);
  const rounds = countRounds(calls);
  console.log(`release/get as ${as}: ${calls.length} REST calls in ${rounds} rounds`);
  // The view is the full one: a late addition listed with its summary, the build under test, the audit trail.
  expect(view.scopeChanges).toHaveLength(1);
  expect(view.scopeChanges[0]!.summary).not.toBe('');
  expect(view.buildUnderTest?.id).toBe('rounds-1');
  expect(rounds).toBeLessThanOrEqual(3);
});

it('names every listed late addition and counts them all when more than a page of 100 joined after the freeze', async () => {
  const outsiders = site.jira.issues.filter((i) => i.projectId === project.id && !i.fixVersionIds.includes(version.id)).slice(0, 105);
  expect(outsiders).toHaveLength(105);
  for (const issue of outsiders) {
    await site.jiraRest('release-owner', 'PUT', `/rest/api/3/issue/${issue.id}`, { update: { fixVersions: [{ add: { id: version.id } }] } });
  }
  const view = await get('viewer', PANEL_KEYS.get, { versionId: version.id });
  // 106 wait for a decision (the first latecomer too); the panel lists 50 of them, each with its summary.
  const gate = view.phases.flatMap((p) => p.gates).find((g) => g.gateId === 'scope-resolved');
  expect(gate?.reason).toMatch(/106 issues added after the freeze/);
  expect(view.scopeChanges).toHaveLength(50);
  expect(view.scopeChanges.every((c) => c.summary !== '')).toBe(true);
}, 60_000);
