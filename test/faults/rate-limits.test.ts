import { createEmulatedSite, projectPageExtension, type EmulatedSite } from '../../local/emulated-site';
import { ISSUE_TYPES } from '../../local/sim/jira/catalog';
import { ATLASSIAN_RATE_LIMITS, type RateLimitKnobs } from '../../local/sim/rate-limits';
import type { Envelope } from '../../src/shared/envelope';
import { QA_KEYS, type DecideQaResult } from '../../src/shared/qa';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';

/**
 * Atlassian's three rate limits, configured tiny in the simulator, met by the real app through
 * the Forge emulator: each limit gets the reaction Atlassian's guide prescribes.
 */
type Persona = 'release-owner' | 'developer' | 'qa' | 'viewer';

function siteWith(limits: Partial<RateLimitKnobs>, issues = 200): EmulatedSite {
  return createEmulatedSite({ issues, rateLimits: { ...ATLASSIAN_RATE_LIMITS, ...limits } });
}
const version = (site: EmulatedSite) => site.jira.versions.find((v) => v.name === 'PAY 2.2')!;
const panel = (site: EmulatedSite, as: Persona, functionKey: string, payload: unknown) =>
  site.invoke<Envelope<ReleaseView>>({ as, functionKey, payload, moduleKey: 'preflight-releases', extension: projectPageExtension(site, 'PAY') });
function data<T>(answer: Envelope<T>): T {
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.data;
}
const refused = (site: EmulatedSite, reason: string) => site.rateLimits.refused[reason] ?? 0;

describe('the hourly points quota', () => {
  it('when spent, the panel stops at once and says when the quota resets, without retrying', async () => {
    // One panel load costs about 19 points (calls in flight together may overshoot, as Atlassian tolerates);
    // with 12, the first load finishes and the quota is spent for the second.
    const site = siteWith({ quotaPointsPerHour: 12 });
    data(await panel(site, 'release-owner', PANEL_KEYS.get, { versionId: version(site).id }));
    const callsBefore = site.calls.length;
    const started = Date.now();
    const answer = await panel(site, 'release-owner', PANEL_KEYS.get, { versionId: version(site).id });
    expect(answer).toMatchObject({ ok: false, error: { code: 'UPSTREAM_UNAVAILABLE' } });
    expect(!answer.ok && answer.error.message).toMatch(/^Jira's hourly API quota for Preflight is used up; it resets at \d\d:00 UTC\./);
    // No waiting, no retrying: only the calls in flight when the quota ran out were refused.
    expect(Date.now() - started).toBeLessThan(3000);
    const refusedCalls = site.calls.slice(callsBefore).filter((c) => c.status === 429);
    expect(refusedCalls.length).toBe(refused(site, 'jira-quota-global-based'));
    expect(site.calls.slice(callsBefore).every((c) => c.status === 429)).toBe(true);
    expect(new Set(refusedCalls.map((c) => `${c.method} ${c.path}`)).size).toBe(refusedCalls.length);
    expect(site.violations).toEqual([]);
  });
});

describe('the per-second limit of one endpoint', () => {
  it('the panel still loads: the role reads past the limit wait their Retry-After and go through', async () => {
    // One request a second per endpoint: the panel reads three project roles at once.
    const site = siteWith({ burstPerSecond: 1, burstCapacity: 1 });
    const view = data(await panel(site, 'release-owner', PANEL_KEYS.get, { versionId: version(site).id }));
    expect(view.me.roles).toEqual(['release-owner']);
    // The limit was really met, and the app got through it.
    expect(refused(site, 'jira-burst-based')).toBeGreaterThan(0);
    const roleCalls = site.calls.filter((c) => /\/role\/\d+$/.test(c.path));
    expect(roleCalls.filter((c) => c.status === 200)).toHaveLength(3);
    expect(site.violations).toEqual([]);
  });
});

describe('the per-issue write limit', () => {
  it('a second QA decision on the same issue right after the first waits its turn and is recorded', async () => {
    const site = siteWith({ issueWrites: 1, issueWriteWindowSeconds: 2 });
    const v = version(site);
    const view = data(await panel(site, 'release-owner', PANEL_KEYS.get, { versionId: v.id }));
    data(await panel(site, 'release-owner', PANEL_KEYS.setBuild, { versionId: v.id, revision: view.revision, buildId: '2.2.0-rc1' }));
    const typeName = (id: string) => ISSUE_TYPES.find((t) => t.id === id)?.name;
    const issue = site.jira.issues.find((i) => i.fixVersionIds.includes(v.id) && typeName(i.issueTypeId) === 'Story')!;
    const project = site.jira.projects.find((p) => p.key === 'PAY')!;
    const extension = {
      type: 'jira:issueContext',
      issue: { id: issue.id, key: issue.key, type: 'Story', typeId: issue.issueTypeId },
      project: { id: project.id, key: project.key, type: 'software' },
    };
    const decide = (payload: Record<string, unknown>) =>
      site.invoke<Envelope<DecideQaResult>>({ as: 'qa', functionKey: QA_KEYS.decide, payload: { versionId: v.id, build: '2.2.0-rc1', ...payload }, moduleKey: 'preflight-qa', extension });
    data(await decide({ decision: 'rejected', note: 'Checkout fails on Safari' }));
    const started = Date.now();
    data(await decide({ decision: 'approved' }));
    expect(refused(site, 'jira-per-issue-on-write')).toBe(1);
    // It waited for Jira's Retry-After rather than failing, and the property says what QA decided last.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(site.jira.properties[issue.id]?.['preflight-qa']).toMatchObject({ status: 'approved' });
    expect(site.violations).toEqual([]);
  });
});
