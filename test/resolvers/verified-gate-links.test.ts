import { createEmulatedSite } from '../../local/emulated-site';
import { currentVersion } from '../../local/sim/confluence';
import { runInvocation } from '../../local/runtime/forge-runtime';
import { adfProblems } from '../../src/domain/adf/adf-kit';
import type { Envelope } from '../../src/shared/envelope';
import { MACRO_KEYS, MACRO_MODULES, type ChecklistMacroView, type MacroConfigInput, type PublishResult, type RetrospectiveView } from '../../src/shared/macros';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';

/**
 * A "verified" gate's link (rollback plan, monitoring dashboard) reaches the Confluence checklist
 * macro, its export, and the retrospective (macro and published page), through the bundle as Forge runs it.
 */
const site = createEmulatedSite({ issues: 150 });
const SPACE_ID = '98305';
const ROLLBACK = 'https://wiki.example.com/rollback/pay-2-2';
const version = () => site.jira.versions.find((v) => v.name === 'PAY 2.2')!;
const config = (): MacroConfigInput => ({ projectKey: 'PAY', versionId: version().id });
const extension = () => ({ type: 'macro', content: { id: '98306', type: 'page' }, space: { id: SPACE_ID, key: 'REL' }, config: config() });

async function data<T>(answer: Promise<Envelope<T>>): Promise<T> {
  const a = await answer;
  if (!a.ok) throw new Error(`${a.error.code}: ${a.error.message}`);
  return a.data;
}
const macro = <T,>(functionKey: string, moduleKey: string, payload: Record<string, unknown> = { config: config() }) =>
  data(site.invoke<Envelope<T>>({ as: 'viewer', functionKey, payload, moduleKey, extension: extension() }));
function links(node: unknown): Array<{ text: string; href: string }> {
  const n = node as { type?: string; text?: string; marks?: Array<{ type: string; attrs?: { href?: string } }>; content?: unknown[] };
  const mark = n.marks?.find((m) => m.type === 'link');
  return [...(n.type === 'text' && mark ? [{ text: n.text ?? '', href: mark.attrs?.href ?? '' }] : []), ...(n.content ?? []).flatMap(links)];
}

function blocks(node: unknown): Array<{ type?: string }> {
  const n = node as { type?: string; content?: unknown[] };
  return [n, ...(n.content ?? []).flatMap(blocks)];
}

beforeAll(async () => {
  const panel = (as: 'release-owner' | 'developer', key: string, payload: Record<string, unknown>) =>
    data(site.invoke<Envelope<ReleaseView>>({ as, functionKey: key, payload: { versionId: version().id, ...payload }, moduleKey: 'preflight-releases', extension: { type: 'jira:projectPage', project: { id: site.jira.projects.find((p) => p.key === 'PAY')!.id, key: 'PAY', type: 'software' } } }));
  const v = await panel('release-owner', PANEL_KEYS.get, {});
  await panel('developer', PANEL_KEYS.tick, { revision: v.revision, gateId: 'rollback-plan', done: true, link: ROLLBACK });
});

afterEach(() => expect(site.violations).toEqual([]));

it('the checklist macro shows who verified the rollback plan and its link', async () => {
  const view = await macro<ChecklistMacroView>(MACRO_KEYS.checklist, MACRO_MODULES.checklist);
  const gate = view.release.phases.flatMap((p) => p.gates).find((g) => g.gateId === 'rollback-plan');
  expect(gate).toMatchObject({ status: 'pass', ticked: { by: { displayName: 'Dev Patel' }, link: ROLLBACK } });
});

it('the checklist export (adfExport) carries the link as a link mark', async () => {
  const accountId = site.user('viewer').accountId;
  const adf = await runInvocation({ accountId, moduleKey: 'export' }, async () => site.handler('checklist-export')({ exportType: 'pdf', extensionPayload: { config: config() }, context: { siteUrl: 'http://localhost:4000' } }, { principal: { accountId } }));
  expect(adfProblems(adf)).toEqual([]);
  expect(links(adf)).toContainEqual({ text: ROLLBACK, href: ROLLBACK });
});

it('the retrospective macro lists the verified gate with its link, and the published page links it in the generated part', async () => {
  const retro = await macro<RetrospectiveView>(MACRO_KEYS.retrospective, MACRO_MODULES.retrospective);
  expect(retro.verifiedLinks).toEqual([{ gateId: 'rollback-plan', name: 'Rollback plan documented and tested', phase: 'Release preparation', link: ROLLBACK, by: 'Dev Patel', at: expect.any(String) }]);

  const published = await data(
    site.invoke<Envelope<PublishResult>>({ as: 'developer', functionKey: MACRO_KEYS.publish, payload: { config: config(), kind: 'retrospective', spaceId: SPACE_ID }, moduleKey: MACRO_MODULES.retrospective, extension: extension() }),
  );
  const page = site.confluence.pages.find((p) => p.id === published.pageId)!;
  const adf = JSON.parse(currentVersion(page).body.value) as unknown;
  expect(adfProblems(adf)).toEqual([]);
  // Inside Preflight's owned block (the generated part that re-publishing replaces), not among the team's sections.
  const owned = blocks(adf).filter((n) => n.type === 'bodiedExtension');
  expect(owned.flatMap(links)).toContainEqual({ text: ROLLBACK, href: ROLLBACK });
});
