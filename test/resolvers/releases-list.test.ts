import { RELEASE_KEYS, type ListReleasesResult } from '../../src/shared/releases';
import type { Envelope } from '../../src/shared/envelope';
import { createEmulatedSite, projectPageExtension } from '../../local/emulated-site';

describe('releases/list through the Forge emulator', () => {
  const site = createEmulatedSite();
  const list = (as: 'release-owner' | 'viewer', payload: unknown = {}, key = 'PAY') =>
    site.invoke<Envelope<ListReleasesResult>>({
      as,
      functionKey: RELEASE_KEYS.list,
      payload,
      moduleKey: 'preflight-releases',
      extension: projectPageExtension(site, key),
    });

  afterEach(() => expect(site.violations).toEqual([]));

  it("lists the project's versions from Jira, unreleased first, with counts by status category", async () => {
    const answer = await list('release-owner');
    if (!answer.ok) throw new Error(answer.error.message);
    // Archived versions are left out unless asked for (status), as in Jira's own Releases page.
    const names = site.jira.versions.filter((v) => v.projectId === site.jira.projects.find((p) => p.key === 'PAY')!.id && !v.archived).map((v) => v.name);
    expect(answer.data.releases.map((r) => r.name).sort()).toEqual([...names].sort());
    const firstReleased = answer.data.releases.findIndex((r) => r.released);
    expect(answer.data.releases.slice(firstReleased).every((r) => r.released || r.archived)).toBe(true);
    const total = answer.data.releases.reduce((n, r) => n + r.issueCounts.toDo + r.issueCounts.inProgress + r.issueCounts.done, 0);
    expect(total).toBeGreaterThan(0);
  });

  it('costs one Jira call, as the user, whatever the number of issues', async () => {
    const before = site.calls.length;
    await list('viewer');
    expect(site.calls.slice(before).map((c) => `${c.method} ${c.path}`)).toEqual(['GET /rest/api/3/project/PAY/version']);
  });

  it('refuses a malformed cursor with the field and what was expected, and calls nothing', async () => {
    const before = site.calls.length;
    const answer = await list('release-owner', { cursor: 'DROP TABLE' });
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'Invalid request: cursor: expected the nextCursor of a previous answer',
        fields: [{ field: 'cursor', message: 'expected the nextCursor of a previous answer' }],
      },
    });
    expect(site.calls.length).toBe(before);
  });

  it('refuses unknown payload fields rather than ignoring them', async () => {
    const answer = await list('release-owner', { projectKey: 'MOB' });
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.code).toBe('INVALID_INPUT');
  });
});
