import { createEmulatedSite } from '../../local/emulated-site';
import { currentVersion } from '../../local/sim/confluence';
import type { Envelope } from '../../src/shared/envelope';
import { MACRO_KEYS, MACRO_MODULES, type MacroConfigInput, type PublishResult } from '../../src/shared/macros';
import { adfTexts } from '../support/adf-text';

/**
 * Published pages as people edit them: through Confluence's REST API (PUT with the next version
 * and an edited ADF body), then published again by Preflight. And release notes against what shipped.
 */
const site = createEmulatedSite({ issues: 300 });
const SPACE_ID = '98305';
const version = () => site.jira.versions.find((v) => v.name === 'PAY 2.2')!;
const config = (): MacroConfigInput => ({ projectKey: 'PAY', versionId: version().id });
type Persona = 'release-owner' | 'developer' | 'qa' | 'viewer';
type Node = { type: string; text?: string; attrs?: Record<string, unknown>; content?: Node[] };
const para = (text: string): Node => ({ type: 'paragraph', content: [{ type: 'text', text }] });

async function macro<T>(as: Persona, functionKey: string, payload: Record<string, unknown>): Promise<Envelope<T>> {
  const extension = { type: 'macro', content: { id: '98306', type: 'page' }, space: { id: SPACE_ID, key: 'REL' }, config: config() };
  return site.invoke<Envelope<T>>({ as, functionKey, payload, moduleKey: MACRO_MODULES.retrospective, extension });
}
async function ok<T>(answer: Promise<Envelope<T>>): Promise<T> {
  const a = await answer;
  if (!a.ok) throw new Error(`${a.error.code} ${a.error.message}`);
  return a.data;
}
const publish = (kind: 'retrospective' | 'release-notes', extra: Record<string, unknown> = {}) => macro<PublishResult>('release-owner', MACRO_KEYS.publish, { config: config(), kind, spaceId: SPACE_ID, ...extra });

/** Reads the page and writes it back edited, as a person in Confluence's editor would. */
async function editPage(pageId: string, edit: (doc: Node) => Node): Promise<void> {
  const read = await site.confluenceRest('developer', 'GET', `/wiki/api/v2/pages/${pageId}?body-format=atlas_doc_format`);
  const page = read.body as { title: string; spaceId: string; version: { number: number }; body: { atlas_doc_format: { value: string } } };
  const doc = edit(JSON.parse(page.body.atlas_doc_format.value) as Node);
  const put = await site.confluenceRest('developer', 'PUT', `/wiki/api/v2/pages/${pageId}`, {
    id: pageId,
    status: 'current',
    title: page.title,
    spaceId: page.spaceId,
    body: { representation: 'atlas_doc_format', value: JSON.stringify(doc) },
    version: { number: page.version.number + 1, message: 'Team notes' },
  });
  if (put.status !== 200) throw new Error(`PUT page: ${put.status} ${JSON.stringify(put.body)}`);
}
const pageDoc = (pageId: string) => JSON.parse(currentVersion(site.confluence.pages.find((p) => p.id === pageId)!).body.value) as Node;

afterEach(() => expect(site.violations).toEqual([]));

describe('a retrospective people wrote on', () => {
  it('keeps a paragraph they added and their "What went well", and renews the generated part', async () => {
    const first = await ok(publish('retrospective'));
    await editPage(first.pageId, (doc) => {
      const content = [para('Team note: the freeze held this time'), ...(doc.content ?? [])];
      const well = content.findIndex((n) => n.type === 'heading' && adfTexts(n).join('') === 'What went well');
      content[well + 1] = { type: 'bulletList', content: [{ type: 'listItem', content: [para('Fast code reviews')] }] };
      return { ...doc, content };
    });
    const before = adfTexts(pageDoc(first.pageId)).join('\n');
    expect(before).toMatch(/(\d+) issues are in the version/);
    // The generated facts change: one more issue joins the version.
    const outsider = site.jira.issues.find((i) => i.projectId === version().projectId && !i.fixVersionIds.includes(version().id))!;
    const put = await site.jiraRest('release-owner', 'PUT', `/rest/api/3/issue/${outsider.id}`, { update: { fixVersions: [{ add: { id: version().id } }] } });
    expect(put.status).toBe(204);

    const again = await ok(publish('retrospective'));
    expect(again).toMatchObject({ outcome: 'updated', pageId: first.pageId, pageVersion: 3 });
    const after = adfTexts(pageDoc(first.pageId));
    expect(after).toContain('Team note: the freeze held this time');
    expect(after).toContain('Fast code reviews');
    const count = (s: string) => Number(/(\d+) issues are in the version/.exec(s)![1]);
    expect(count(after.join('\n'))).toBe(count(before) + 1);
    expect(after.filter((t) => t === 'What went well')).toHaveLength(1);
  });

  it('refuses when someone wrote inside Preflight\'s block, leaving the page as it is', async () => {
    const first = await ok(publish('retrospective'));
    await editPage(first.pageId, (doc) => ({
      ...doc,
      content: (doc.content ?? []).map((n) => (n.type === 'bodiedExtension' ? { ...n, content: [...(n.content ?? []), para('Polished by hand')] } : n)),
    }));
    const versionBefore = currentVersion(site.confluence.pages.find((p) => p.id === first.pageId)!).number;
    const refused = await publish('retrospective');
    expect(refused).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', fields: [{ field: 'beside' }] } });
    expect(refused.ok || refused.error.message).toContain("Someone wrote inside Preflight's retrospective facts block");
    expect(currentVersion(site.confluence.pages.find((p) => p.id === first.pageId)!).number).toBe(versionBefore);
    expect(adfTexts(pageDoc(first.pageId))).toContain('Polished by hand');
  });
});
