import { createEmulatedSite, projectPageExtension } from '../../local/emulated-site';
import { ISSUE_TYPES, statusById } from '../../local/sim/jira/catalog';
import { currentVersion } from '../../local/sim/confluence';
import type { Envelope } from '../../src/shared/envelope';
import { MACRO_KEYS, MACRO_MODULES, type MacroConfigInput, type PublishResult } from '../../src/shared/macros';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';
import { adfTexts } from '../support/adf-text';

/**
 * Customer release notes against what shipped, through the emulator: the page lists only done
 * issues; finishing an issue in Jira (a workflow transition) makes the published notes out of date
 * and the "Release notes page published" gate fail until they are published again; releasing the
 * version in Jira (unfinished issues moved on) leaves notes that say "planned", which the panel
 * flags and the gate warns about until they are published again.
 */
const site = createEmulatedSite({ issues: 300 });
const SPACE_ID = '98305';
const version = () => site.jira.versions.find((v) => v.name === 'PAY 2.2')!;
const config = (): MacroConfigInput => ({ projectKey: 'PAY', versionId: version().id });
type Node = { type: string; text?: string; content?: Node[] };
const typeName = (id: string) => ISSUE_TYPES.find((t) => t.id === id)?.name ?? '';
const category = (statusId: string) => statusById(statusId)?.category;
const inVersion = () => site.jira.issues.filter((i) => i.fixVersionIds.includes(version().id));
/** What customer notes may list: not epics or sub-tasks, not internal. */
const listable = () => inVersion().filter((i) => !['Epic', 'Sub-task'].includes(typeName(i.issueTypeId)) && !i.labels.some((l) => l.toLowerCase() === 'internal'));

async function publishNotes(): Promise<PublishResult> {
  const extension = { type: 'macro', content: { id: '98306', type: 'page' }, space: { id: SPACE_ID, key: 'REL' }, config: config() };
  const answer = await site.invoke<Envelope<PublishResult>>({
    as: 'release-owner',
    functionKey: MACRO_KEYS.publish,
    payload: { config: config(), kind: 'release-notes', spaceId: SPACE_ID },
    moduleKey: MACRO_MODULES.releaseNotes,
    extension,
  });
  if (!answer.ok) throw new Error(`${answer.error.code} ${answer.error.message}`);
  return answer.data;
}
async function panel(): Promise<ReleaseView> {
  const answer = await site.invoke<Envelope<ReleaseView>>({ as: 'release-owner', functionKey: PANEL_KEYS.get, payload: { versionId: version().id }, moduleKey: 'preflight-releases', extension: projectPageExtension(site, 'PAY') });
  if (!answer.ok) throw new Error(`${answer.error.code} ${answer.error.message}`);
  return answer.data;
}
const notesGate = (v: ReleaseView) => v.phases.flatMap((p) => p.gates).find((g) => g.gateId === 'notes-published')!;
const pageText = (pageId: string) => adfTexts(JSON.parse(currentVersion(site.confluence.pages.find((p) => p.id === pageId)!).body.value) as Node).join('\n');

afterEach(() => expect(site.violations).toEqual([]));

// The notes are published where the template asks for them: in Release preparation.
beforeAll(async () => {
  for (let v = await panel(); v.phases.find((p) => p.id === v.currentPhaseId)?.name !== 'Release preparation'; ) {
    const answer = await site.invoke<Envelope<ReleaseView>>({
      as: 'release-owner',
      functionKey: PANEL_KEYS.advance,
      payload: { versionId: version().id, revision: v.revision, override: { reason: 'Moving on to publish the notes' } },
      moduleKey: 'preflight-releases',
      extension: projectPageExtension(site, 'PAY'),
    });
    if (!answer.ok) throw new Error(`${answer.error.code} ${answer.error.message}`);
    v = answer.data;
  }
}, 60_000);

let pageId = '';

it('notes published during Release preparation list only the done issues, as planned', async () => {
  const done = listable().filter((i) => category(i.statusId) === 'done');
  const unfinished = listable().filter((i) => category(i.statusId) !== 'done');
  expect(unfinished.length).toBeGreaterThan(0);
  pageId = (await publishNotes()).pageId;
  const text = pageText(pageId);
  expect(text).toContain(`${done.length} changes`);
  for (const issue of done) expect(text).toContain(issue.key);
  // No To Do or In Progress issue is listed as a change (nor at all: customer notes leave them out by default).
  for (const issue of unfinished) expect(text).not.toMatch(new RegExp(`\\b${issue.key}\\b`));
  expect(text).toMatch(/Planned for/);
  const v = await panel();
  expect(v.published.releaseNotes?.stale).toBeUndefined();
  expect(notesGate(v)).toMatchObject({ status: 'pass' });
});

it('an issue finished in Jira makes the notes out of date and the gate fail, until they are published again', async () => {
  const todo = listable().find((i) => category(i.statusId) === 'new')!;
  const listed = await site.jiraRest('developer', 'GET', `/rest/api/3/issue/${todo.key}/transitions`);
  const toDone = (listed.body as { transitions: Array<{ id: string; to: { statusCategory: { key: string } } }> }).transitions.find((t) => t.to.statusCategory.key === 'done')!;
  expect((await site.jiraRest('developer', 'POST', `/rest/api/3/issue/${todo.key}/transitions`, { transition: { id: toDone.id } })).status).toBe(204);
  expect(category(todo.statusId)).toBe('done');

  const stale = await panel();
  expect(stale.published.releaseNotes?.stale).toEqual({ changed: 1, message: 'Release notes are out of date: 1 issue changed since they were published.' });
  expect(notesGate(stale)).toMatchObject({ status: 'fail', reason: 'Release notes are out of date: 1 issue changed since they were published.' });

  expect(await publishNotes()).toMatchObject({ pageId, outcome: 'updated' });
  expect(pageText(pageId)).toContain(todo.key);
  const fresh = await panel();
  expect(fresh.published.releaseNotes?.stale).toBeUndefined();
  expect(notesGate(fresh).status).toBe('pass');
});

it('after the release in Jira moves unfinished issues on, the panel flags the planned notes and the gate warns, until published again', async () => {
  const next = site.jira.versions.find((v) => v.projectId === version().projectId && !v.released && v.id !== version().id)!;
  const target = (await site.jiraRest('release-owner', 'GET', `/rest/api/3/version/${next.id}`)).body as { self: string };
  const unfinished = listable().filter((i) => category(i.statusId) !== 'done');
  const released = await site.jiraRest('release-owner', 'PUT', `/rest/api/3/version/${version().id}`, { released: true, moveUnfixedIssuesTo: target.self });
  expect(released.status).toBe(200);
  expect(unfinished.every((i) => !i.fixVersionIds.includes(version().id))).toBe(true);

  const v = await panel();
  const message = 'Release notes were published before the release and still say it is planned: publish them again.';
  expect(v.published.releaseNotes?.stale).toEqual({ changed: 0, message });
  expect(notesGate(v)).toMatchObject({ status: 'warning', reason: message });

  await publishNotes();
  expect(pageText(pageId)).not.toMatch(/Planned for/);
  const after = await panel();
  expect(after.published.releaseNotes?.stale).toBeUndefined();
  expect(notesGate(after).status).toBe('pass');
});
