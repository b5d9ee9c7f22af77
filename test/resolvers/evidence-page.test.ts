import { createEmulatedSite, projectPageExtension } from '../../local/emulated-site';
import { currentVersion } from '../../local/sim/confluence';
import type { EvidencePack } from '../../src/domain/evidence';
import type { Envelope } from '../../src/shared/envelope';
import { MACRO_KEYS, type PublishResult } from '../../src/shared/macros';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';
import { setProjectLanguage } from '../support/project-language';
import { adfTexts } from '../support/adf-text';

/**
 * The evidence page through the emulator, from the release panel as people use it: the release
 * owner publishes the evidence pack as a readable Confluence page; publishing again updates the
 * same page and keeps what an auditor wrote beside Preflight's block; the page names the digest
 * of the pack exported at the same revision; nobody else may publish it.
 */
const site = createEmulatedSite({ issues: 300 });
const SPACE_ID = '98305';
const version = () => site.jira.versions.find((v) => v.name === 'PAY 2.2')!;
type Persona = 'release-owner' | 'developer' | 'qa' | 'viewer';
type Node = { type: string; text?: string; content?: Node[] };

async function call<T>(as: Persona, functionKey: string, payload: Record<string, unknown>): Promise<Envelope<T>> {
  return site.invoke<Envelope<T>>({ as, functionKey, payload, moduleKey: 'preflight-releases', extension: projectPageExtension(site, 'PAY') });
}
async function ok<T>(answer: Promise<Envelope<T>>): Promise<T> {
  const a = await answer;
  if (!a.ok) throw new Error(`${a.error.code} ${a.error.message}`);
  return a.data;
}
const panel = (functionKey: string, payload: Record<string, unknown> = {}) => ok(call<ReleaseView>('release-owner', functionKey, { versionId: version().id, ...payload }));
const publishEvidence = (as: Persona) => call<PublishResult>(as, MACRO_KEYS.publish, { config: { projectKey: 'PAY', versionId: version().id }, kind: 'evidence', spaceId: SPACE_ID });
const evidencePages = () => site.confluence.pages.filter((p) => currentVersion(p).title === 'Evidence: PAY 2.2');
const pageText = (pageId: string) => adfTexts(JSON.parse(currentVersion(site.confluence.pages.find((p) => p.id === pageId)!).body.value) as Node).join('\n');

afterEach(() => expect(site.violations).toEqual([]));

beforeAll(async () => {
  let view = await panel(PANEL_KEYS.get);
  view = await panel(PANEL_KEYS.signOff, { revision: view.revision, gateId: 'planning-signoff', role: 'release-owner', signed: true });
  await panel(PANEL_KEYS.advance, { revision: view.revision, override: { reason: 'Scope is agreed in the planning call' } });
}, 60_000);

test('the release owner publishes the evidence page; publishing again updates the one page and keeps a note written beside it', async () => {
  const first = await ok(publishEvidence('release-owner'));
  expect(first).toMatchObject({ outcome: 'created', pageVersion: 1, title: 'Evidence: PAY 2.2' });
  const text = pageText(first.pageId);
  expect(text).toContain('Go/no-go snapshots (1)');
  expect(text).toContain('Scope is agreed in the planning call');
  expect(text).toContain('npx tsx cli/verify-evidence.ts pack.json');

  // An auditor adds a note through Confluence's REST API, outside Preflight's block.
  const read = await site.confluenceRest('release-owner', 'GET', `/wiki/api/v2/pages/${first.pageId}?body-format=atlas_doc_format`);
  const page = read.body as { title: string; spaceId: string; version: { number: number }; body: { atlas_doc_format: { value: string } } };
  const doc = JSON.parse(page.body.atlas_doc_format.value) as Node;
  const note: Node = { type: 'paragraph', content: [{ type: 'text', text: 'Audit note: checked against the CAB minutes' }] };
  const put = await site.confluenceRest('release-owner', 'PUT', `/wiki/api/v2/pages/${first.pageId}`, {
    id: first.pageId,
    status: 'current',
    title: page.title,
    spaceId: page.spaceId,
    body: { representation: 'atlas_doc_format', value: JSON.stringify({ ...doc, content: [...(doc.content ?? []), note] }) },
    version: { number: page.version.number + 1, message: 'Audit note' },
  });
  expect(put.status).toBe(200);

  const second = await ok(publishEvidence('release-owner'));
  expect(second).toMatchObject({ pageId: first.pageId, outcome: 'adopted', pageVersion: 3 });
  expect(evidencePages()).toHaveLength(1);
  expect(pageText(first.pageId)).toContain('Audit note: checked against the CAB minutes');
});

test('the page names the digest of the evidence pack exported at the same revision, and publishing stored nothing', async () => {
  const before = site.kvs.snapshot();
  const published = await ok(publishEvidence('release-owner'));
  expect(site.kvs.snapshot()).toBe(before); // the page is not remembered: the record it shows stays as it was
  const pack = await ok(call<EvidencePack>('viewer', PANEL_KEYS.evidencePack, { versionId: version().id }));
  expect(pageText(published.pageId)).toContain(pack.integrity.digest);
});

test.each<Persona>(['viewer', 'qa', 'developer'])('%s may not publish the evidence page, and no page is written', async (persona) => {
  const pageVersion = currentVersion(evidencePages()[0]!).number;
  const answer = await publishEvidence(persona);
  expect(answer.ok).toBe(false);
  if (answer.ok) return;
  expect(answer.error.code).toBe('FORBIDDEN');
  expect(answer.error.message).toMatch(/release owner/);
  expect(currentVersion(evidencePages()[0]!).number).toBe(pageVersion);
});

test('after the project switches to German, publishing renews the same page with the decisions worded in German', async () => {
  const setLanguage = (language: 'en' | 'de') => setProjectLanguage(site, language);
  const [english] = evidencePages();
  await setLanguage('de');
  try {
    const german = await ok(publishEvidence('release-owner'));
    // Found under its English title, not published a second time under the German one.
    expect(german).toMatchObject({ pageId: english!.id, outcome: 'adopted' });
    const text = pageText(german.pageId);
    expect(text).toMatch(/„.+“ als Release-Verantwortliche\(r\) freigegeben/);
    expect(text).toContain('Begründung: Scope is agreed in the planning call');
    expect(text).not.toMatch(/Signed off|Overrode/);
  } finally {
    await setLanguage('en');
  }
});
