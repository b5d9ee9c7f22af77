/**
 * Scopes enforced per call, as Forge's proxy enforces them: every product call the app makes is
 * checked against the scopes Atlassian's OpenAPI spec names for its operation and the scopes the
 * app was granted (manifest.yml). A call the scopes do not cover answers 401 "scope does not
 * match" before the product sees it, and the app says that it lacks a permission.
 */
import { asApp, asUser, route } from '@forge/api';
import { createEmulatedSite, projectPageExtension } from '../../local/emulated-site';
import { LocalKvs } from '../../local/kvs';
import { installForgeRuntime, installedRuntime, runAs, type ProductRouter } from '../../local/runtime';
import { checkScopes, compileScopeMatcher, matchOperation } from '../../local/runtime/scopes';
import { ISSUE_TYPES } from '../../local/sim/jira/catalog';
import type { SimRequest } from '../../local/sim/http-types';
import type { Envelope } from '../../src/shared/envelope';
import { MACRO_KEYS, MACRO_MODULES, type MacroConfigInput, type PublishResult } from '../../src/shared/macros';
import { QA_KEYS, type DecideQaResult } from '../../src/shared/qa';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';

const RITA = '712020:0f1e2d3c-release-owner';
const MANIFEST_SCOPES = [
  'read:jira-work',
  'read:jira-user',
  'write:jira-work',
  'manage:jira-project',
  'storage:app',
  'read:space:confluence',
  'read:page:confluence',
  'write:page:confluence',
];

describe('which scopes an operation needs', () => {
  // A spec in the shape of Jira's: classic and granular sets, a literal path beside a template.
  const matcher = compileScopeMatcher(
    {
      paths: {
        '/rest/api/3/version/{id}': {
          get: { operationId: 'getVersion', 'x-atlassian-oauth2-scopes': [{ scopes: ['read:jira-work'] }, { scopes: ['read:project-version:jira'] }] },
        },
        '/rest/api/3/version/remotelinks': { get: { operationId: 'getRemoteLinks', 'x-atlassian-oauth2-scopes': [{ scopes: ['read:jira-work'] }] } },
        '/rest/api/3/serverInfo': { get: { operationId: 'getServerInfo', 'x-atlassian-oauth2-scopes': [{ scopes: [] }] } },
        '/rest/api/3/announcementBanner': { put: { operationId: 'setBanner', security: [{ basicAuth: [] }, { OAuth2: ['manage:jira-configuration'] }] } },
        '/rest/api/3/admin-only': { get: { operationId: 'adminOnly', security: [{ basicAuth: [] }] } },
      },
    },
    '',
  );

  it('prefers a literal path segment to a template, whatever the order in the spec', () => {
    expect(matchOperation(matcher, 'GET', '/rest/api/3/version/remotelinks')?.operation).toBe('getRemoteLinks');
    expect(matchOperation(matcher, 'get', '/rest/api/3/version/10001')?.operation).toBe('getVersion');
    expect(matchOperation(matcher, 'DELETE', '/rest/api/3/version/10001')).toBeUndefined();
    expect(matchOperation(matcher, 'GET', '/rest/api/3/version/10001/extra')).toBeUndefined();
  });

  it('reads x-atlassian-oauth2-scopes, falling back to the OAuth entries of security', () => {
    expect(matchOperation(matcher, 'GET', '/rest/api/3/version/1')?.alternatives).toEqual([['read:jira-work'], ['read:project-version:jira']]);
    expect(matchOperation(matcher, 'PUT', '/rest/api/3/announcementBanner')?.alternatives).toEqual([['manage:jira-configuration']]);
    expect(matchOperation(matcher, 'GET', '/rest/api/3/serverInfo')?.alternatives).toEqual([[]]);
    expect(matchOperation(matcher, 'GET', '/rest/api/3/admin-only')?.alternatives).toEqual([]);
  });

  it("accepts either the classic or the granular set of Atlassian's real specs", () => {
    expect(checkScopes(['read:jira-work'], 'jira', 'GET', '/rest/api/3/version/10001')).toMatchObject({ allowed: true });
    expect(checkScopes(['read:project-version:jira'], 'jira', 'GET', '/rest/api/3/version/10001')).toMatchObject({ allowed: true });
    // Releasing a version needs manage:jira-project, or both granular version scopes.
    expect(checkScopes(['read:jira-work', 'write:jira-work'], 'jira', 'PUT', '/rest/api/3/version/10001')).toMatchObject({
      allowed: false,
      operation: { operation: 'updateVersion', alternatives: [['manage:jira-project'], ['write:project-version:jira', 'read:project-version:jira']] },
    });
    expect(checkScopes(['write:project-version:jira'], 'jira', 'PUT', '/rest/api/3/version/10001')).toMatchObject({ allowed: false });
    expect(checkScopes(['write:page:confluence'], 'confluence', 'PUT', '/wiki/api/v2/pages/42')).toMatchObject({ allowed: true, operation: { operation: 'updatePage' } });
    expect(checkScopes(['read:page:confluence'], 'confluence', 'POST', '/wiki/api/v2/pages')).toMatchObject({ allowed: false, operation: { operation: 'createPage' } });
    // A path the spec lacks is the product's to answer (and the contract checker's to report).
    expect(checkScopes([], 'jira', 'GET', '/rest/api/3/no-such-thing')).toEqual({ allowed: true });
  });

  it('looks an operation up in microseconds once the spec is loaded', () => {
    checkScopes(MANIFEST_SCOPES, 'jira', 'GET', '/rest/api/3/version/1');
    const started = performance.now();
    for (let i = 0; i < 5_000; i++) checkScopes(MANIFEST_SCOPES, 'jira', 'POST', `/rest/api/3/issue/${i}/properties/preflight-qa`);
    const perCall = ((performance.now() - started) / 5_000) * 1000;
    console.log(`scope check: ${perCall.toFixed(1)} µs a call (5,000 Jira calls)`);
    // Generous for a shared 2-core machine; a linear scan with regexes per call would be ~10x this.
    expect(perCall).toBeLessThan(200);
  });
});

describe('calls through @forge/api', () => {
  const received: SimRequest[] = [];
  const router: ProductRouter = async (_remote, req) => {
    received.push(req);
    return { status: 204 };
  };
  beforeEach(() => {
    received.length = 0;
    installForgeRuntime({ products: router, kvs: new LocalKvs({ file: null }), scopes: ['read:jira-work', 'storage:app'] });
  });

  it('refuses asApp and asUser calls the scopes do not cover with 401 "scope does not match", before the product', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      for (const call of [() => asApp().requestJira(route`/rest/api/3/version/${'10001'}`, { method: 'PUT', body: '{}' }), () => runAs(RITA, () => asUser().requestJira(route`/rest/api/3/version/${'10001'}`, { method: 'PUT', body: '{}' }))]) {
        const res = await call();
        expect(res.status).toBe(401);
        expect(await res.json()).toEqual({ code: 401, message: 'Unauthorized; scope does not match' });
      }
      expect(received).toEqual([]);
      // The developer learns which scope, once per operation.
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/updateVersion .* needs manage:jira-project or write:project-version:jira \+ read:project-version:jira/);
    } finally {
      warn.mockRestore();
    }
  });

  it('lets covered calls through to the product', async () => {
    const res = await runAs(RITA, () => asUser().requestJira(route`/rest/api/3/version/${'10001'}`));
    expect(res.status).toBe(204);
    expect(received.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /rest/api/3/version/10001']);
  });
});

describe('the app in the emulated site', () => {
  const site = createEmulatedSite({ issues: 120 });
  const version = () => site.jira.versions.find((v) => v.name === 'PAY 2.2')!;
  const SPACE_ID = '98305';
  const config = (): MacroConfigInput => ({ projectKey: 'PAY', versionId: version().id });
  const publish = (as: 'release-owner' | 'qa') =>
    site.invoke<Envelope<PublishResult>>({
      as,
      functionKey: MACRO_KEYS.publish,
      payload: { config: config(), kind: 'release-notes', spaceId: SPACE_ID },
      moduleKey: MACRO_MODULES.releaseNotes,
      extension: { type: 'macro', content: { id: '98306', type: 'page' }, space: { id: SPACE_ID, key: 'REL' }, config: config() },
    });
  const panel = (as: 'release-owner' | 'qa', functionKey: string, payload: unknown) =>
    site.invoke<Envelope<ReleaseView>>({ as, functionKey, payload, moduleKey: 'preflight-releases', extension: projectPageExtension(site, 'PAY') });
  const withScopes = (scopes: readonly string[]) => installForgeRuntime({ ...installedRuntime().options, scopes });
  const granted = installedRuntime().options;

  // Each test starts from the manifest's scopes (the blocks above install their own runtime).
  beforeEach(() => installForgeRuntime(granted));
  afterEach(() => expect(site.violations).toEqual([]));

  it("runs the release panel, QA decisions and publishing with the manifest's scopes, no call refused", async () => {
    expect([...installedRuntime().scopes].sort()).toEqual([...MANIFEST_SCOPES].sort());
    const view = await panel('release-owner', PANEL_KEYS.get, { versionId: version().id });
    if (!view.ok) throw new Error(view.error.message);
    const withBuild = await panel('release-owner', PANEL_KEYS.setBuild, { versionId: version().id, revision: view.data.revision, buildId: '2.2.0-rc1' });
    expect(withBuild).toMatchObject({ ok: true });

    const project = site.jira.projects.find((p) => p.key === 'PAY')!;
    const story = ISSUE_TYPES.find((t) => t.name === 'Story')!;
    const issue = site.jira.issues.find((i) => i.fixVersionIds.includes(version().id) && i.issueTypeId === story.id)!;
    const decided = await site.invoke<Envelope<DecideQaResult>>({
      as: 'qa',
      functionKey: QA_KEYS.decide,
      payload: { versionId: version().id, build: '2.2.0-rc1', decision: 'approved' },
      moduleKey: 'preflight-qa',
      extension: { type: 'jira:issueContext', issue: { id: issue.id, key: issue.key, type: story.name, typeId: issue.issueTypeId }, project: { id: project.id, key: project.key, type: 'software' } },
    });
    expect(decided).toMatchObject({ ok: true, data: { view: { latest: { status: 'approved', build: '2.2.0-rc1' } } } });

    // The issue property mirrors the decision (a write:jira-work call whose failure is only a warning).
    expect(decided.ok && decided.data.mirrorWarning).toBeUndefined();

    const published = await publish('release-owner');
    expect(published).toMatchObject({ ok: true, data: { outcome: 'created', title: 'Release notes: PAY 2.2' } });
    // The version links the page (related work), another write whose failure would only be logged.
    const related = await site.jiraRest('release-owner', 'GET', `/rest/api/3/version/${version().id}/relatedwork`);
    expect((related.body as Array<{ url?: string }>).map((w) => w.url)).toContain(published.ok ? published.data.url : 'none');
  });

  it('fails publishing without write:page:confluence as Forge would, saying the app lacks a permission', async () => {
    const pagesBefore = site.confluence.pages.map((p) => `${p.id}@${p.versions.length}`);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      withScopes(MANIFEST_SCOPES.filter((s) => s !== 'write:page:confluence'));
      const answer = await publish('release-owner');
      expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/Preflight app is missing a permission \(scope\) it needs in Confluence/) } });
      expect(answer.ok ? '' : answer.error.message).not.toMatch(/not found/i);
      expect(warn.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/needs write:page:confluence/);
    } finally {
      warn.mockRestore();
    }
    // Nothing was written: the refused update never reached Confluence.
    expect(site.confluence.pages.map((p) => `${p.id}@${p.versions.length}`)).toEqual(pagesBefore);
  });

  it('fails reading a release without read:jira-work, naming Jira and the missing permission', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      withScopes(MANIFEST_SCOPES.filter((s) => s !== 'read:jira-work'));
      const answer = await panel('release-owner', PANEL_KEYS.get, { versionId: version().id });
      expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/missing a permission \(scope\) it needs in Jira/) } });
    } finally {
      warn.mockRestore();
    }
  });
});
