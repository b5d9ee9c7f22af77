import { createEmulatedSite, projectPageExtension } from '../../local/emulated-site';
import type { Envelope } from '../../src/shared/envelope';
import { MACRO_KEYS, MACRO_MODULES, type RetrospectiveView } from '../../src/shared/macros';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';

/**
 * The retrospective's scope facts after a busy release: two issues join after the freeze (one
 * accepted, one removed), then the release moves its unfinished issues on. "At the freeze" is
 * what the version held then, and "added after the freeze" names both latecomers.
 */
const site = createEmulatedSite({ issues: 300 });
const version = () => site.jira.versions.find((v) => v.name === 'MOB 4.2')!;
const extension = () => projectPageExtension(site, 'MOB');

async function panel(functionKey: string, payload: Record<string, unknown>): Promise<ReleaseView> {
  const answer = await site.invoke<Envelope<ReleaseView>>({ as: 'release-owner', functionKey, payload: { versionId: version().id, ...payload }, moduleKey: 'preflight-releases', extension: extension() });
  if (!answer.ok) throw new Error(`${functionKey}: ${answer.error.message}`);
  return answer.data;
}

afterEach(() => expect(site.violations).toEqual([]));

test('scope at freeze and the issues added after it stay right after removals and the release', async () => {
  let view = await panel(PANEL_KEYS.get, {});
  const atFreeze = view.issueCounts.total;
  await panel(PANEL_KEYS.advance, { revision: view.revision, override: { reason: 'Freezing scope for the retrospective test' } });

  const latecomers = site.jira.issues.filter((i) => i.projectId === site.jira.projects.find((p) => p.key === 'MOB')!.id && i.fixVersionIds.length === 0).slice(0, 2);
  expect(latecomers).toHaveLength(2);
  for (const issue of latecomers) {
    expect((await site.jiraRest('release-owner', 'PUT', `/rest/api/3/issue/${issue.id}`, { update: { fixVersions: [{ add: { id: version().id } }] } })).status).toBe(204);
  }
  view = await panel(PANEL_KEYS.get, {});
  view = await panel(PANEL_KEYS.decideScope, { revision: view.revision, issueId: latecomers[0]!.id, decision: 'accepted' });
  view = await panel(PANEL_KEYS.decideScope, { revision: view.revision, issueId: latecomers[1]!.id, decision: 'removed' });
  for (let i = 0; i < 2; i++) view = await panel(PANEL_KEYS.advance, { revision: view.revision, override: { reason: 'Moving on to Deployment for the test' } });
  const next = view.otherVersions.find((v) => v.name === 'MOB 5.0')!;
  view = await panel(PANEL_KEYS.releaseVersion, { revision: view.revision, releaseDate: '2026-12-26', moveUnfixedIssuesTo: next.id });

  const config = { projectKey: 'MOB', versionId: version().id };
  const retro = await site.invoke<Envelope<RetrospectiveView>>({
    as: 'release-owner',
    functionKey: MACRO_KEYS.retrospective,
    payload: { config },
    moduleKey: MACRO_MODULES.retrospective,
    extension: { type: 'macro', config },
  });
  if (!retro.ok) throw new Error(retro.error.message);
  expect(retro.data.scope.atFreeze).toBe(atFreeze);
  expect([...retro.data.scope.addedAfterFreeze].sort()).toEqual(latecomers.map((i) => i.key).sort());
  expect(retro.data.scope.atRelease).toBe(view.issueCounts.total);
});
