import { createEmulatedSite } from '../../local/emulated-site';
import { currentVersion } from '../../local/sim/confluence';
import { adfProblems } from '../../src/domain/adf/adf-kit';
import type { Envelope } from '../../src/shared/envelope';
import {
  MACRO_KEYS,
  MACRO_MODULES,
  type ChecklistMacroView,
  type ExportResult,
  type MacroConfigInput,
  type PublishResult,
  type PublishPermissionView,
  type ReleaseNotesView,
  type RetrospectiveView,
} from '../../src/shared/macros';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';
import { runInvocation } from '../../local/runtime/forge-runtime';
import { ISSUE_TYPES, statusById } from '../../local/sim/jira/catalog';
import { adfTexts } from '../support/adf-text';

/**
 * The Confluence macros' resolvers as Forge runs them: real @forge/resolver, @forge/api and
 * @forge/kvs over the simulated Jira and Confluence, every REST call checked against the specs.
 */
const site = createEmulatedSite({ issues: 300 });
const project = () => site.jira.projects.find((p) => p.key === 'PAY')!;
const version = () => site.jira.versions.find((v) => v.name === 'PAY 2.2')!;
const issuesOf = () => site.jira.issues.filter((i) => i.fixVersionIds.includes(version().id));
const SPACE_ID = '98305';
const HOSTILE = '<script>alert("x")</script><ac:structured-macro ac:name="html"/> {"type":"doc","content":[]}';
type Persona = 'release-owner' | 'developer' | 'qa' | 'viewer';

const config = (extra: Partial<MacroConfigInput> = {}): MacroConfigInput => ({ projectKey: 'PAY', versionId: version().id, ...extra });
const extension = (cfg: MacroConfigInput) => ({ type: 'macro', content: { id: '98306', type: 'page' }, space: { id: SPACE_ID, key: 'REL' }, config: cfg });

async function call<T>(as: Persona, functionKey: string, payload: Record<string, unknown>, moduleKey: string = MACRO_MODULES.releaseNotes): Promise<Envelope<T>> {
  return site.invoke<Envelope<T>>({ as, functionKey, payload, moduleKey, extension: extension((payload.config as MacroConfigInput) ?? config()) });
}
async function ok<T>(as: Persona, functionKey: string, payload: Record<string, unknown>): Promise<T> {
  const answer = await call<T>(as, functionKey, payload);
  if (!answer.ok) throw new Error(`${functionKey} as ${as}: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}
const entries = (v: ReleaseNotesView) => v.groups.flatMap((g) => g.entries);
const pageAdf = (pageId: string) => JSON.parse(currentVersion(site.confluence.pages.find((p) => p.id === pageId)!).body.value) as unknown;

let hostile: { key: string; id: string };
let internalByLabel: { key: string };
let internalByFlag: { key: string };
let withNoteText: { key: string };

beforeAll(async () => {
  // Done issues: the notes list only what shipped.
  const [a, b, c, d] = issuesOf().filter((i) => !['Epic', 'Sub-task'].includes(ISSUE_TYPES.find((t) => t.id === i.issueTypeId)?.name ?? '') && statusById(i.statusId)?.category === 'done');
  hostile = a!;
  internalByLabel = b!;
  internalByFlag = c!;
  withNoteText = d!;
  const put = async (path: string, body: unknown) => {
    const res = await site.jiraRest('release-owner', 'PUT', path, body);
    if (res.status >= 300) throw new Error(`PUT ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  await put(`/rest/api/3/issue/${a!.id}`, { fields: { summary: HOSTILE } });
  await put(`/rest/api/3/issue/${b!.id}`, { update: { labels: [{ add: 'internal' }] } });
  await put(`/rest/api/3/issue/${c!.id}/properties/preflight-notes`, { internal: true });
  await put(`/rest/api/3/issue/${d!.id}/properties/preflight-notes`, { text: 'Payments now retry <b>twice</b>' });
});

afterEach(() => expect(site.violations).toEqual([]));

describe('release notes', () => {
  it('lists the customer-facing notes by type, with counts, links, and release-note text', async () => {
    const v = await ok<ReleaseNotesView>('viewer', MACRO_KEYS.releaseNotes, { config: config() });
    const keys = entries(v).map((e) => e.issueKey);
    expect(v.groups.map((g) => g.title).every((t) => ['New features', 'Improvements', 'Bug fixes', 'Other changes'].includes(t))).toBe(true);
    expect(v.groups.every((g) => g.count === g.entries.length && g.count > 0)).toBe(true);
    expect(keys).not.toContain(internalByLabel.key);
    expect(keys).not.toContain(internalByFlag.key);
    expect(v.leftOutInternal).toBeGreaterThanOrEqual(2);
    expect(entries(v).find((e) => e.issueKey === withNoteText.key)?.text).toBe('Payments now retry <b>twice</b>');
    expect(entries(v).find((e) => e.issueKey === hostile.key)).toMatchObject({ text: HOSTILE, url: expect.stringMatching(new RegExp(`/browse/${hostile.key}$`)) });
    const permission = await ok<PublishPermissionView>('viewer', MACRO_KEYS.canPublish, { config: config() });
    expect(permission).toEqual({ canPublish: false, reason: 'People with a Preflight role in PAY can publish this as a page.' });
  });

  it('renders notes without looking up the person\'s roles: ceil(N/100) + 3 REST calls', async () => {
    const before = site.calls.length;
    const v = await ok<ReleaseNotesView>('viewer', MACRO_KEYS.releaseNotes, { config: config({ audience: 'internal' }) });
    const calls = site.calls.slice(before);
    expect(calls.length).toBe(Math.ceil(v.total / 100) + 3);
    expect(calls.some((c) => /\/role|mypermissions/.test(c.path))).toBe(false);
  });

  it('shows internal notes with everything, and follows the configured type order', async () => {
    const v = await ok<ReleaseNotesView>('developer', MACRO_KEYS.releaseNotes, { config: config({ audience: 'internal', typeOrder: ['fixes', 'features'] }) });
    expect(entries(v).map((e) => e.issueKey)).toEqual(expect.arrayContaining([internalByLabel.key, internalByFlag.key]));
    expect(v.leftOutInternal).toBe(0);
    expect(v.groups[0]?.key).toBe('fixes');
    expect(await ok<PublishPermissionView>('developer', MACRO_KEYS.canPublish, { config: config() })).toEqual({ canPublish: true });
  });

  it('groups by component, label or epic', async () => {
    for (const grouping of ['component', 'label', 'epic'] as const) {
      const v = await ok<ReleaseNotesView>('developer', MACRO_KEYS.releaseNotes, { config: config({ grouping, audience: 'internal' }) });
      expect(v.grouping).toBe(grouping);
      expect(v.groups.length).toBeGreaterThan(0);
    }
  });

  it('reads the issues in bulk: one id page and one bulk fetch per 100 issues', async () => {
    const before = site.calls.length;
    const v = await ok<ReleaseNotesView>('release-owner', MACRO_KEYS.releaseNotes, { config: config({ audience: 'internal' }) });
    const reads = site.calls.slice(before).filter((c) => /search\/jql|bulkfetch/.test(c.path));
    expect(reads.filter((c) => c.path.endsWith('/search/jql'))).toHaveLength(1);
    expect(reads.filter((c) => c.path.endsWith('/bulkfetch'))).toHaveLength(Math.ceil(v.total / 100) || 0);
  });

  it('downloads as Markdown and JSON with the markup escaped', async () => {
    const md = await ok<ExportResult>('viewer', MACRO_KEYS.exportNotes, { config: config(), format: 'markdown' });
    expect(md.filename).toBe('release-notes-pay-2.2-customer.md');
    expect(md.text).toContain('# Release notes: PAY 2.2\n');
    expect(md.text).not.toMatch(/(?<!\\)<script>/);
    expect(md.text).toContain('\\<script>');
    const internal = await ok<ExportResult>('viewer', MACRO_KEYS.exportNotes, { config: config({ audience: 'internal' }), format: 'markdown' });
    expect(internal.filename).toBe('release-notes-pay-2.2-internal.md');
    const json = await ok<ExportResult>('viewer', MACRO_KEYS.exportNotes, { config: config(), format: 'json' });
    const parsed = JSON.parse(json.text) as { groups: Array<{ entries: Array<{ key: string; text: string }> }> };
    expect(parsed.groups.flatMap((g) => g.entries).find((e) => e.key === hostile.key)?.text).toBe(HOSTILE);
  });

  it('refuses a bad configuration naming the field', async () => {
    const answer = await call('viewer', MACRO_KEYS.releaseNotes, { config: { projectKey: 'pay', versionId: 'x' } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: expect.arrayContaining([expect.objectContaining({ field: 'config.projectKey' })]) } });
  });
});

describe('checklist and retrospective', () => {
  it('shows the release panel view read-only', async () => {
    const v = await ok<ChecklistMacroView>('release-owner', MACRO_KEYS.checklist, { config: config() });
    expect(v.release.phases.map((p) => p.name)[0]).toBe('Planning');
    expect(v.release.me.readOnlyReason).toMatch(/read-only/);
    expect(v.release.me.canOverride).toBe(false);
  });

  it('states the retrospective facts and its discussion sections', async () => {
    const extensionOfPanel = { type: 'jira:projectPage', project: { id: project().id, key: 'PAY', type: 'software' } };
    const panel = async (functionKey: string, payload: object) => {
      const a = await site.invoke<Envelope<ReleaseView>>({ as: 'release-owner', functionKey, payload: { versionId: version().id, ...payload }, moduleKey: 'preflight-releases', extension: extensionOfPanel });
      if (!a.ok) throw new Error(a.error.message);
      return a.data;
    };
    let v = await panel(PANEL_KEYS.get, {});
    v = await panel(PANEL_KEYS.advance, { revision: v.revision, override: { reason: 'Freeze now for the macro test' } });
    const r = await ok<RetrospectiveView>('viewer', MACRO_KEYS.retrospective, { config: config() });
    expect(r.phases.map((p) => p.name)).toEqual(v.phases.map((p) => p.name));
    expect(r.overrides).toHaveLength(1);
    expect(r.overrides[0]).toMatchObject({ from: 'Planning', to: 'Build & test', reason: 'Freeze now for the macro test' });
    expect(r.scope.atFreeze).toBe(r.scope.atRelease);
    expect(r.sections).toEqual(['What went well', "What didn't", 'Actions']);
    expect(r.incidents.logged).toBe(false);
  });
});

describe('publishing', () => {
  it('refuses a person without a Preflight role', async () => {
    const answer = await call('viewer', MACRO_KEYS.publish, { config: config(), kind: 'release-notes', spaceId: SPACE_ID });
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('creates the page, then updates the same page, links it from the version once, and passes the gate', async () => {
    const first = await ok<PublishResult>('qa', MACRO_KEYS.publish, { config: config(), kind: 'release-notes', spaceId: SPACE_ID });
    expect(first).toMatchObject({ outcome: 'created', pageVersion: 1, title: 'Release notes: PAY 2.2' });
    const second = await ok<PublishResult>('release-owner', MACRO_KEYS.publish, { config: config(), kind: 'release-notes', spaceId: SPACE_ID });
    expect(second).toMatchObject({ outcome: 'updated', pageVersion: 2, pageId: first.pageId });
    expect(site.confluence.pages.filter((p) => currentVersion(p).title === 'Release notes: PAY 2.2')).toHaveLength(1);

    const adf = pageAdf(first.pageId);
    expect(adfProblems(adf)).toEqual([]);
    expect(adfTexts(adf)).toContain(HOSTILE);
    // The only macro on the page is Preflight's own owned block: no issue text became one.
    expect(JSON.stringify(adf).match(/"type":"(extension|bodiedExtension|inlineExtension)"/g)).toEqual(['"type":"bodiedExtension"']);

    const related = await site.jiraRest('release-owner', 'GET', `/rest/api/3/version/${version().id}/relatedwork`);
    expect((related.body as Array<{ url?: string }>).filter((w) => w.url === first.url)).toHaveLength(1);

    const notes = await ok<ReleaseNotesView>('viewer', MACRO_KEYS.releaseNotes, { config: config() });
    expect(notes.published).toMatchObject({ pageId: first.pageId, url: first.url });
    const checklist = await ok<ChecklistMacroView>('viewer', MACRO_KEYS.checklist, { config: config() });
    expect(checklist.release.phases.flatMap((p) => p.gates).find((g) => g.gateId === 'notes-published')?.status).toBe('pass');
  });

  it('publishes internal notes to a page of their own, leaving the customer page and the gate alone', async () => {
    const customer = await ok<PublishResult>('release-owner', MACRO_KEYS.publish, { config: config(), kind: 'release-notes', spaceId: SPACE_ID });
    const internal = await ok<PublishResult>('release-owner', MACRO_KEYS.publish, { config: config({ audience: 'internal' }), kind: 'release-notes', spaceId: SPACE_ID });
    expect(internal.title).toBe('Internal release notes: PAY 2.2');
    expect(internal.pageId).not.toBe(customer.pageId);
    // The customer page still holds only customer-facing entries: no internal-labelled issue on it.
    expect(adfTexts(pageAdf(customer.pageId))).not.toContain(internalByLabel.key);
    expect(adfTexts(pageAdf(internal.pageId))).toContain(internalByLabel.key);
    const notes = await ok<ReleaseNotesView>('viewer', MACRO_KEYS.releaseNotes, { config: config() });
    expect(notes.published).toMatchObject({ pageId: customer.pageId });
    const again = await ok<PublishResult>('release-owner', MACRO_KEYS.publish, { config: config({ audience: 'internal' }), kind: 'release-notes', spaceId: SPACE_ID });
    expect(again).toMatchObject({ pageId: internal.pageId, pageVersion: 2 });
  });

  it('never overwrites a hand-written page with the title: it refuses, then publishes a new page beside it when asked', async () => {
    const id = String(site.confluence.nextId++);
    const owner = site.user('release-owner').accountId;
    site.confluence.pages.push({
      id,
      spaceId: SPACE_ID,
      parentId: '98306',
      status: 'current',
      authorId: owner,
      ownerId: owner,
      createdAt: new Date().toISOString(),
      position: 9,
      versions: [{ number: 1, title: 'Retrospective: PAY 2.2', body: { representation: 'storage', value: '<p>Old notes</p>' }, message: '', minorEdit: false, authorId: owner, createdAt: new Date().toISOString() }],
    });
    const refused = await call('developer', MACRO_KEYS.publish, { config: config(), kind: 'retrospective', spaceId: SPACE_ID });
    expect(refused).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', fields: [{ field: 'beside' }] } });
    expect(refused.ok || refused.error.message).toMatch(/^Preflight did not update "Retrospective: PAY 2.2"\. The page has none of Preflight's blocks/);
    expect(currentVersion(site.confluence.pages.find((p) => p.id === id)!).number).toBe(1);

    const beside = await ok<PublishResult>('developer', MACRO_KEYS.publish, { config: config(), kind: 'retrospective', spaceId: SPACE_ID, beside: true });
    expect(beside).toMatchObject({ outcome: 'beside', pageVersion: 1, title: expect.stringMatching(/^Retrospective: PAY 2\.2 \(Preflight, \d{4}-\d\d-\d\d \d\d:\d\d UTC\)$/) });
    expect(beside.pageId).not.toBe(id);
    expect(adfTexts(pageAdf(beside.pageId))).toEqual(expect.arrayContaining(['What went well', "What didn't", 'Actions']));
    expect(currentVersion(site.confluence.pages.find((p) => p.id === id)!).body.value).toBe('<p>Old notes</p>');
  });
});

describe('the macros\' resolver function', () => {
  it('serves only the macro keys: a macro frame cannot reach settings or release changes', async () => {
    for (const functionKey of ['settings/save', 'integrations/rotate-gate-secret', 'release/release-version']) {
      await expect(call('release-owner', functionKey, {}, MACRO_MODULES.checklist)).rejects.toThrow(`Resolver has no definition for '${functionKey}'`);
    }
  });
});

describe('adfExport', () => {
  // The export functions the manifest names, from the Forge bundle (what Forge would call).
  const checklistExport = site.handler('checklist-export');
  const releaseNotesExport = site.handler('release-notes-export');
  const retrospectiveExport = site.handler('retrospective-export');

  it('exports each macro as valid ADF, and an unconfigured one as a sentence', async () => {
    const principal = { principal: { accountId: site.user('release-owner').accountId } };
    const event = { exportType: 'pdf', extensionPayload: { config: config() }, context: { siteUrl: 'http://localhost:4000' } };
    const run = (fn: typeof checklistExport, e: unknown) =>
      runInvocation({ accountId: principal.principal.accountId, moduleKey: 'export' }, async () => fn(e, principal));
    for (const fn of [checklistExport, releaseNotesExport, retrospectiveExport]) {
      const adf = await run(fn, event);
      expect(adfProblems(adf)).toEqual([]);
      expect(adfTexts(adf).length).toBeGreaterThan(3);
    }
    expect(adfTexts(await run(releaseNotesExport, { exportType: 'word' }))).toEqual(['This Preflight macro is not configured yet.']);
  });

  it('finds the config where a Word export puts it, in the context', async () => {
    const principal = { principal: { accountId: site.user('release-owner').accountId } };
    const word = { exportType: 'word', context: { siteUrl: 'http://localhost:4000', config: config() } };
    const adf = await runInvocation({ accountId: principal.principal.accountId, moduleKey: 'export' }, async () => releaseNotesExport(word, principal));
    expect(adfTexts(adf)).toContain('Release notes: PAY 2.2');
  });
});
