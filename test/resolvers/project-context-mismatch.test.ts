import { createEmulatedSite } from '../../local/emulated-site';
import type { Envelope } from '../../src/shared/envelope';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';

/**
 * Roles, settings and the stored record are keyed by the project key, the version belongs to a
 * project id: a page context whose id and key name different projects must not act under the
 * key's project. Forge supplies the context, so this is defence in depth; the answer is NOT_FOUND,
 * with nothing written.
 */
const site = createEmulatedSite({ issues: 80 });
const PAY = site.jira.projects.find((p) => p.key === 'PAY')!;
const MOB = site.jira.projects.find((p) => p.key === 'MOB')!;
const version = site.jira.versions.find((v) => v.name === 'PAY 2.2')!;
const extension = (id: string, key: string) => ({ type: 'jira:projectPage', project: { id, key, type: 'software' } });
const call = <T>(functionKey: string, payload: unknown, ext: Record<string, unknown>) =>
  site.invoke<Envelope<T>>({ as: 'release-owner', functionKey, payload, moduleKey: 'preflight-releases', extension: ext });

afterEach(() => expect(site.violations).toEqual([]));

describe.each([
  ['PAY id with the MOB key', () => extension(PAY.id, MOB.key)],
  ['MOB id with the PAY key', () => extension(MOB.id, PAY.key)],
  ['PAY key with an id no project has', () => extension('99999', PAY.key)],
])('a context pairing the %s', (_what, ext) => {
  it('cannot read the release', async () => {
    const answer = await call<ReleaseView>(PANEL_KEYS.get, { versionId: version.id }, ext());
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('cannot write it, and nothing is stored', async () => {
    const before = site.kvs.snapshot();
    const answer = await call<ReleaseView>(PANEL_KEYS.setType, { versionId: version.id, revision: 0, releaseType: 'hotfix' }, ext());
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/^(Project \w+ does not have the id \d+|Version \d+ is not a version of)/) } });
    expect(site.kvs.snapshot()).toBe(before);
  });
});

it('the same write with a matching context is accepted (the refusals above are about the pairing)', async () => {
  const answer = await call<ReleaseView>(PANEL_KEYS.setType, { versionId: version.id, revision: 0, releaseType: 'hotfix' }, extension(PAY.id, PAY.key));
  expect(answer).toMatchObject({ ok: true, data: { releaseType: 'hotfix' } });
});
