import { createEmulatedSite, projectPageExtension } from '../../local/emulated-site';
import { runInvocation } from '../../local/runtime/forge-runtime';
import { ISSUE_TYPES } from '../../local/sim/jira/catalog';
import type { Envelope } from '../../src/shared/envelope';
import { MACRO_KEYS, MACRO_MODULES, type ChecklistMacroView, type MacroConfigInput } from '../../src/shared/macros';
import { INTEGRATION_KEYS, NOTIFICATION_KEYS } from '../../src/shared/notifications';
import { QA_KEYS } from '../../src/shared/qa';
import { ISSUE_LISTS, PANEL_KEYS, type IssuePage, type ReleaseView } from '../../src/shared/release-panel';
import { RELEASE_KEYS, type ListReleasesResult } from '../../src/shared/releases';
import { SETTINGS_KEYS } from '../../src/shared/settings';
import { adfTexts } from '../support/adf-text';

/**
 * Reads never write: every page a person opens (the releases list, a release panel, its issue
 * lists and audit trail, the settings and integrations pages, the QA issue module, the three
 * Confluence macros, their exports) leaves the KVS byte for byte as it was, whoever looks: the
 * viewer, or the release owner whose look used to refresh the list's summary.
 */
const site = createEmulatedSite({ issues: 200 });
type Persona = 'release-owner' | 'developer' | 'qa' | 'viewer';
const VERSION = () => site.jira.versions.find((v) => v.name === 'PAY 2.2')!;
const UNSCHEDULED = () => site.jira.versions.find((v) => v.name === 'PAY 3.0')!;
const typeName = (id: string) => ISSUE_TYPES.find((t) => t.id === id)?.name;
const qaIssues = () => site.jira.issues.filter((i) => i.fixVersionIds.includes(VERSION().id) && ['Story', 'Bug'].includes(typeName(i.issueTypeId) ?? ''));
const REJECT_NOTE = 'Checkout <b>crashes</b> on iOS 17 with Apple Pay';
const OVERRIDE_REASON = 'Scope agreed in the planning meeting with <em>finance</em>';

const panelExtension = () => projectPageExtension(site, 'PAY');
function issueExtension(issue: { id: string; key: string; issueTypeId: string }) {
  const project = site.jira.projects.find((p) => p.key === 'PAY')!;
  return { type: 'jira:issueContext', issue: { id: issue.id, key: issue.key, type: typeName(issue.issueTypeId) ?? '', typeId: issue.issueTypeId }, project: { id: project.id, key: project.key, type: 'software' } };
}
const macroConfig = (): MacroConfigInput => ({ projectKey: 'PAY', versionId: VERSION().id });
const macroExtension = () => ({ type: 'macro', content: { id: '98306', type: 'page' }, space: { id: '98305', key: 'REL' }, config: macroConfig() });

function data<T>(answer: Envelope<T>, what: string): T {
  if (!answer.ok) throw new Error(`${what}: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}
const onPanel = async <T>(as: Persona, functionKey: string, payload: unknown, moduleKey = 'preflight-releases') =>
  data(await site.invoke<Envelope<T>>({ as, functionKey, payload, moduleKey, extension: panelExtension() }), `${functionKey} as ${as}`);
const onMacro = async <T>(as: Persona, moduleKey: string, functionKey: string, payload: unknown) =>
  data(await site.invoke<Envelope<T>>({ as, functionKey, payload, moduleKey, extension: macroExtension() }), `${functionKey} as ${as}`);
const onIssue = async <T>(as: Persona, issue: (typeof site.jira.issues)[number], functionKey: string, payload: unknown = {}) =>
  data(await site.invoke<Envelope<T>>({ as, functionKey, payload, moduleKey: 'preflight-qa', extension: issueExtension(issue) }), `${functionKey} as ${as}`);

/** The text nodes of an ADF document, in order. */
async function adfExport(as: Persona, functionKey: 'checklist-export' | 'release-notes-export' | 'retrospective-export'): Promise<unknown> {
  const accountId = site.user(as).accountId;
  const event = { exportType: 'pdf', extensionPayload: { config: macroConfig() }, context: { siteUrl: 'http://localhost:4000' } };
  return runInvocation({ accountId, moduleKey: 'export' }, async () => site.handler(functionKey)(event, { principal: { accountId } }));
}

/** Every read the viewer's pages make, for one person; answers kept so the test can look at them. */
async function viewEverything(as: Persona): Promise<{ checklist: ChecklistMacroView; qaPending: IssuePage; unscheduled: ReleaseView; list: ListReleasesResult; checklistAdf: unknown }> {
  const versionId = VERSION().id;
  const list = await onPanel<ListReleasesResult>(as, RELEASE_KEYS.list, {});
  await onPanel(as, PANEL_KEYS.get, { versionId });
  // A version Preflight never tracked: reading it must not start tracking it.
  const unscheduled = await onPanel<ReleaseView>(as, PANEL_KEYS.get, { versionId: UNSCHEDULED().id });
  let qaPending: IssuePage | undefined;
  for (const list of ISSUE_LISTS) {
    const page = await onPanel<IssuePage>(as, PANEL_KEYS.issues, { versionId, list });
    if (list === 'qa-pending') qaPending = page;
  }
  await onPanel(as, PANEL_KEYS.audit, { versionId });
  await onPanel(as, NOTIFICATION_KEYS.status, { versionId });
  await onPanel(as, SETTINGS_KEYS.get, {}, 'preflight-settings');
  await onPanel(as, INTEGRATION_KEYS.get, {}, 'preflight-settings');
  for (const issue of qaIssues().slice(0, 3)) await onIssue(as, issue, QA_KEYS.issue);
  const checklist = await onMacro<ChecklistMacroView>(as, MACRO_MODULES.checklist, MACRO_KEYS.checklist, { config: macroConfig() });
  await onMacro(as, MACRO_MODULES.releaseNotes, MACRO_KEYS.releaseNotes, { config: macroConfig() });
  await onMacro(as, MACRO_MODULES.retrospective, MACRO_KEYS.retrospective, { config: macroConfig() });
  await onMacro(as, MACRO_MODULES.releaseNotes, MACRO_KEYS.canPublish, { config: macroConfig() });
  await onMacro(as, MACRO_MODULES.releaseNotes, MACRO_KEYS.projects, {});
  await onMacro(as, MACRO_MODULES.releaseNotes, MACRO_KEYS.versions, { projectKey: 'PAY' });
  await onMacro(as, MACRO_MODULES.releaseNotes, MACRO_KEYS.spaces, {});
  for (const format of ['markdown', 'json']) await onMacro(as, MACRO_MODULES.releaseNotes, MACRO_KEYS.exportNotes, { config: macroConfig(), format });
  const checklistAdf = await adfExport(as, 'checklist-export');
  await adfExport(as, 'release-notes-export');
  await adfExport(as, 'retrospective-export');
  return { checklist, qaPending: qaPending!, unscheduled, list, checklistAdf };
}

let rejected: (typeof site.jira.issues)[number];

beforeAll(async () => {
  // A release with a history: a build under test, a phase left by an override, a QA rejection.
  const versionId = VERSION().id;
  let v = await onPanel<ReleaseView>('release-owner', PANEL_KEYS.get, { versionId });
  v = await onPanel<ReleaseView>('release-owner', PANEL_KEYS.setBuild, { versionId, revision: v.revision, buildId: 'rc1' });
  v = await onPanel<ReleaseView>('release-owner', PANEL_KEYS.advance, { versionId, revision: v.revision, override: { reason: OVERRIDE_REASON } });
  expect(v.currentPhaseId).toBe('build-test');
  rejected = qaIssues()[0]!;
  await onIssue('qa', rejected, QA_KEYS.decide, { versionId, build: 'rc1', decision: 'rejected', note: REJECT_NOTE });
});

afterEach(() => expect(site.violations).toEqual([]));

describe('viewing every page', () => {
  it.each<Persona>(['viewer', 'release-owner'])('as the %s leaves the KVS byte for byte unchanged', async (as) => {
    const before = site.kvs.snapshot();
    await viewEverything(as);
    expect(site.kvs.snapshot()).toBe(before);
  });

  it('shows a never-tracked version as not evaluated, with no actual start made up from the time someone looked', async () => {
    const { list, unscheduled } = await viewEverything('viewer');
    expect(UNSCHEDULED().startDate).toBeNull();
    // A version nobody changed shows where it stands (its template's first phase), derived and
    // marked untracked; no record is made up for it, and no counts until an evaluation ran.
    const row = list.releases.find((r) => r.versionId === UNSCHEDULED().id)!;
    expect(row.tracking).toBe('untracked');
    expect(row.phase).toEqual({ id: 'planning', name: 'Planning' });
    expect(row.gateSummary).toBeUndefined();
    expect(unscheduled.revision).toBe(0);
    expect(unscheduled.phases[0]!.actualStart).toBeUndefined();
    // The tracked one shows what its last change evaluated.
    expect(list.releases.find((r) => r.versionId === VERSION().id)).toMatchObject({ phase: { id: 'build-test' }, gateSummary: { evaluatedAt: expect.any(String) } });
  });
});

describe('overrides and rejections are visible where people look', () => {
  it('the checklist macro and its export say who overrode Planning, when and why', async () => {
    const { checklist, checklistAdf } = await viewEverything('viewer');
    const planning = checklist.release.phases.find((p) => p.id === 'planning')!;
    expect(planning.override).toMatchObject({ by: { displayName: 'Rita Owens' }, reason: OVERRIDE_REASON });
    expect(planning.override!.failingGates.length).toBeGreaterThan(0);
    const day = planning.override!.at.slice(0, 10);
    const line = adfTexts(checklistAdf).find((t) => t.startsWith('Overridden by'));
    expect(line).toBe(`Overridden by Rita Owens on ${day} (failing: ${planning.override!.failingGates.join(', ')}): ${OVERRIDE_REASON}`);
    expect(adfTexts(checklistAdf)).toContain('Planning (done with an override)');
  });

  it('the bulk QA list marks the rejected issue with the build, who rejected it and the note', async () => {
    const { qaPending } = await viewEverything('viewer');
    const row = qaPending.issues.find((i) => i.id === rejected.id)!;
    expect(row.rejection).toMatchObject({ build: 'rc1', by: { displayName: 'Quinn Adams' }, note: REJECT_NOTE });
    expect(qaPending.issues.filter((i) => i.rejection)).toHaveLength(1);
  });
});
