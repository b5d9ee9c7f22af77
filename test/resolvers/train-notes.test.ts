import { createEmulatedSite } from '../../local/emulated-site';
import { currentVersion } from '../../local/sim/confluence';
import { runInvocation } from '../../local/runtime/forge-runtime';
import { kvsTrainStore } from '../../src/adapters/kvs-trains';
import { adfProblems } from '../../src/domain/adf/adf-kit';
import { addMember, createTrain } from '../../src/domain/trains';
import type { Envelope } from '../../src/shared/envelope';
import type { PublishPermissionView, PublishResult } from '../../src/shared/macros';
import { TRAIN_NOTES_KEYS, TRAIN_NOTES_MODULE, type TrainNotesView, type TrainOption } from '../../src/shared/train-notes';
import { adfBlocks, adfTexts } from '../support/adf-text';

/**
 * A release train's combined notes as Forge runs them: the macro's view, its picker, publishing
 * and the Word/PDF export, over the simulated Jira and Confluence (every call checked against the specs).
 */
const site = createEmulatedSite({ issues: 300 });
const SPACE_ID = '98305';
type Persona = 'release-owner' | 'developer' | 'qa' | 'viewer';
type Node = { type: string; text?: string; attrs?: Record<string, unknown>; content?: Node[] };
const para = (text: string): Node => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const versionNamed = (name: string) => site.jira.versions.find((v) => v.name === name)!;
const projectOf = (key: string) => site.jira.projects.find((p) => p.key === key)!;
const config = { trainId: '2026.12' };

async function call<T>(as: Persona, functionKey: string, payload: Record<string, unknown>): Promise<Envelope<T>> {
  const extension = { type: 'macro', content: { id: '98306', type: 'page' }, space: { id: SPACE_ID, key: 'REL' }, config };
  return site.invoke<Envelope<T>>({ as, functionKey, payload, moduleKey: TRAIN_NOTES_MODULE, extension });
}
async function ok<T>(answer: Promise<Envelope<T>>): Promise<T> {
  const a = await answer;
  if (!a.ok) throw new Error(`${a.error.code} ${a.error.message}`);
  return a.data;
}
const pagesTitled = (title: string) => site.confluence.pages.filter((p) => currentVersion(p).title === title);
const pageDoc = (pageId: string) => JSON.parse(currentVersion(site.confluence.pages.find((p) => p.id === pageId)!).body.value) as Node;

beforeAll(async () => {
  // A PAY + MOB train, written through the trains' own store and domain as the train panel does.
  const store = kvsTrainStore();
  const at = '2026-12-01T10:00:00.000Z';
  const created = createTrain({ name: '2026.12', releaseDate: '2026-12-15', by: site.user('release-owner').accountId, at });
  let train = await store.save(created.record, 0, created.events);
  for (const name of ['MOB 4.2', 'PAY 2.2']) {
    const change = addMember(train, { projectKey: name.split(' ')[0]!, versionId: versionNamed(name).id, versionName: name }, site.user('release-owner').accountId, at);
    train = await store.save(change.record, train.revision, change.events);
  }
});
afterEach(() => expect(site.violations).toEqual([]));

describe('the train notes macro', () => {
  it('lists PAY\'s and MOB\'s notes under their project headings, projects in name order, each as its own release notes read', async () => {
    const started = Date.now();
    const view = await ok(call<TrainNotesView>('viewer', TRAIN_NOTES_KEYS.view, { config }));
    const cold = Date.now() - started;
    const callsBefore = site.calls.length;
    const warmStart = Date.now();
    await ok(call<TrainNotesView>('viewer', TRAIN_NOTES_KEYS.view, { config }));
    const calls = site.calls.slice(callsBefore);
    console.log(`Train notes of a 2-member train (${view.total} changes): ${calls.length} REST calls a view (${calls.map((c) => c.path.replace(/\d{5,}/g, 'N')).join(', ')}); ${cold} ms first call (loads the bundle), ${Date.now() - warmStart} ms warm (no added latency)`);
    expect(view.members.map((m) => m.heading)).toEqual(['Mobile App · MOB 4.2', 'Payments · PAY 2.2']);
    expect(view.hiddenLine).toBeUndefined();
    const pay = view.members[1]!.notes;
    const single = await ok(
      site.invoke<Envelope<{ groups: unknown[]; total: number }>>({
        as: 'viewer',
        functionKey: 'macro/release-notes',
        payload: { config: { projectKey: 'PAY', versionId: versionNamed('PAY 2.2').id } },
        moduleKey: 'preflight-release-notes-macro',
        extension: { type: 'macro', content: { id: '98306', type: 'page' }, space: { id: SPACE_ID, key: 'REL' } },
      }),
    );
    expect(pay.groups).toEqual(single.groups);
    expect(pay.total).toBeGreaterThan(0);
    expect(view.total).toBe(view.members[0]!.notes.total + pay.total);
  });

  it('offers the train in the picker and names the field of a bad config', async () => {
    expect(await ok(call<TrainOption[]>('viewer', TRAIN_NOTES_KEYS.trains, {}))).toEqual([{ id: '2026.12', name: '2026.12', releaseDate: '2026-12-15' }]);
    const bad = await call<TrainNotesView>('viewer', TRAIN_NOTES_KEYS.view, { config: { trainId: 'Winter 26!', audience: 'everyone' } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.fields?.map((f) => f.field)).toEqual(['config.trainId', 'config.audience']);
    const missing = await call<TrainNotesView>('viewer', TRAIN_NOTES_KEYS.view, { config: { trainId: 'no-such-train' } });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'There is no release train "no-such-train" you can see.' } });
  });

  it('exports valid ADF with both projects\' headings for Word/PDF', async () => {
    const accountId = site.user('viewer').accountId;
    const exporter = site.handler('train-notes-export');
    const adf = (await runInvocation({ accountId, moduleKey: 'export' }, async () =>
      exporter({ exportType: 'pdf', extensionPayload: { config }, context: { siteUrl: 'http://localhost:4000' } }, { principal: { accountId } }),
    )) as Node;
    expect(adfProblems(adf)).toEqual([]);
    expect(adfBlocks(adf, 'heading')).toEqual(expect.arrayContaining(['Release notes: 2026.12', 'Mobile App · MOB 4.2', 'Payments · PAY 2.2']));
    const unconfigured = (await runInvocation({ accountId, moduleKey: 'export' }, async () => exporter({ exportType: 'word' }, { principal: { accountId } }))) as Node;
    expect(adfTexts(unconfigured)).toEqual(['This Preflight macro is not configured yet.']);
  });
});

describe('publishing the train notes', () => {
  const publish = (as: Persona) => call<PublishResult>(as, TRAIN_NOTES_KEYS.publish, { config, spaceId: SPACE_ID });

  it('refuses a viewer without a Preflight role and creates nothing', async () => {
    expect(await ok(call<PublishPermissionView>('viewer', TRAIN_NOTES_KEYS.canPublish, { config }))).toMatchObject({ canPublish: false, reason: expect.stringMatching(/^Publishing a train's notes needs a Preflight role/) });
    // The macro says why in the reader's language.
    const extension = { type: 'macro', content: { id: '98306', type: 'page' }, space: { id: SPACE_ID, key: 'REL' }, config };
    const german = await ok(site.invoke<Envelope<PublishPermissionView>>({ as: 'viewer', functionKey: TRAIN_NOTES_KEYS.canPublish, payload: { config }, moduleKey: TRAIN_NOTES_MODULE, extension, locale: 'de-DE' }));
    expect(german).toMatchObject({ canPublish: false, reason: expect.stringMatching(/^Zum Veröffentlichen der Hinweise eines Trains brauchen Sie eine Preflight-Rolle/) });
    const refused = await publish('viewer');
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(!refused.ok && refused.error.message).toContain('you have none in MOB, PAY');
    expect(pagesTitled('Release notes: 2026.12')).toHaveLength(0);
  });

  it('creates one page, and a second publish updates it, keeping what a person wrote outside Preflight\'s block', async () => {
    expect(await ok(call<PublishPermissionView>('release-owner', TRAIN_NOTES_KEYS.canPublish, { config }))).toEqual({ canPublish: true });
    const first = await ok(publish('release-owner'));
    expect(first).toMatchObject({ outcome: 'created', title: 'Release notes: 2026.12', pageVersion: 1 });
    expect(adfBlocks(pageDoc(first.pageId), 'heading')).toEqual(expect.arrayContaining(['Mobile App · MOB 4.2', 'Payments · PAY 2.2']));

    // A person adds a paragraph above Preflight's block in Confluence.
    const read = await site.confluenceRest('developer', 'GET', `/wiki/api/v2/pages/${first.pageId}?body-format=atlas_doc_format`);
    const page = read.body as { title: string; spaceId: string; version: { number: number }; body: { atlas_doc_format: { value: string } } };
    const edited = JSON.parse(page.body.atlas_doc_format.value) as Node;
    edited.content = [para('Go-live call at 09:00 CET'), ...(edited.content ?? [])];
    const put = await site.confluenceRest('developer', 'PUT', `/wiki/api/v2/pages/${first.pageId}`, {
      id: first.pageId,
      status: 'current',
      title: page.title,
      spaceId: page.spaceId,
      body: { representation: 'atlas_doc_format', value: JSON.stringify(edited) },
      version: { number: page.version.number + 1, message: 'Team note' },
    });
    expect(put.status).toBe(200);

    const again = await ok(publish('release-owner'));
    expect(again).toMatchObject({ pageId: first.pageId, pageVersion: 3 });
    expect(pagesTitled('Release notes: 2026.12')).toHaveLength(1);
    const after = adfTexts(pageDoc(first.pageId));
    expect(after).toContain('Go-live call at 09:00 CET');
    expect(after.filter((t) => t === 'Payments · PAY 2.2')).toHaveLength(1);
    // Each member's Jira version links the page, once.
    for (const name of ['PAY 2.2', 'MOB 4.2']) expect(versionNamed(name).relatedWork.filter((w) => w.title === 'Release notes: 2026.12')).toHaveLength(1);
  });
});

describe('a member in a project the reader cannot see', () => {
  it('is left out with a line saying so, and its project is never named', async () => {
    const mob = projectOf('MOB');
    const viewers = site.jira.roles.find((r) => r.name === 'Viewers')!;
    const before = viewers.actors[mob.id];
    viewers.actors[mob.id] = [];
    try {
      const view = await ok(call<TrainNotesView>('viewer', TRAIN_NOTES_KEYS.view, { config }));
      expect(view.members.map((m) => m.heading)).toEqual(['Payments · PAY 2.2']);
      expect(view.hiddenLine).toBe('1 member of this train is in a project you cannot see');
      expect(JSON.stringify(view)).not.toMatch(/MOB|Mobile/);
    } finally {
      viewers.actors[mob.id] = before!;
    }
  });

  it('refuses to publish for someone who cannot see every member\'s project, and writes nothing', async () => {
    const mob = projectOf('MOB');
    const admins = site.jira.roles.find((r) => r.name === 'Administrators')!;
    const before = admins.actors[mob.id];
    admins.actors[mob.id] = [];
    const pagesBefore = site.confluence.pages.length;
    try {
      const refused = await call<PublishResult>('release-owner', TRAIN_NOTES_KEYS.publish, { config: { ...config, audience: 'internal' }, spaceId: SPACE_ID });
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: "Publishing a train's notes needs a Preflight role in every project of the train; 1 member is in a project you cannot see." } });
      expect(site.confluence.pages).toHaveLength(pagesBefore);
      expect(pagesTitled('Internal release notes: 2026.12')).toHaveLength(0);
    } finally {
      admins.actors[mob.id] = before!;
    }
  });
});
