import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import api, { getAppContext, route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { createEmulatedSite, projectPageExtension, type EmulatedSite } from '../../local/emulated-site';
import { REPO_ROOT } from '../../local/contracts/spec-files';
import { invokeResolver } from '../../local/runtime';
import { DEFAULT_CLOUD_ID } from '../../local/runtime/forge-runtime';
import type { Envelope } from '../../src/shared/envelope';
import { CONFLUENCE_NOT_CONNECTED, MACRO_KEYS, MACRO_MODULES, type ChecklistMacroView, type PublishResult } from '../../src/shared/macros';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';

/**
 * Installations as Forge makes them (local/runtime/README.md "Installations"): with
 * app.compatibility, one installation whose storage every module shares and whose contexts name each
 * connected product; without it, one installation per product, each refused the other product.
 */
type Persona = 'release-owner' | 'viewer';
const JIRA_SITE = `ari:cloud:jira::site/${DEFAULT_CLOUD_ID}`;
const CONFLUENCE_SITE = `ari:cloud:confluence::site/${DEFAULT_CLOUD_ID}`;
const SPACE = { id: '98305', key: 'REL' };

const versionOf = (site: EmulatedSite) => site.jira.versions.find((v) => v.name === 'PAY 2.2')!;
const macroExtension = (site: EmulatedSite) => ({
  type: 'macro',
  content: { id: '98306', type: 'page' },
  space: SPACE,
  config: { projectKey: 'PAY', versionId: versionOf(site).id },
});
const panel = <T>(site: EmulatedSite, as: Persona, functionKey: string, payload: unknown) =>
  site.invoke<Envelope<T>>({ as, functionKey, payload, moduleKey: 'preflight-releases', extension: projectPageExtension(site, 'PAY') });
const macro = <T>(site: EmulatedSite, functionKey: string, payload: unknown) =>
  site.invoke<Envelope<T>>({ as: 'release-owner', functionKey, payload, moduleKey: MACRO_MODULES.checklist, extension: macroExtension(site) });
const data = <T>(answer: Envelope<T>): T => {
  if (!answer.ok) throw new Error(`${answer.error.code} ${answer.error.message}`);
  return answer.data;
};

/** What a module's own code sees of the platform during one invocation. */
async function whatTheModuleSees(site: EmulatedSite, moduleKey: string, moduleType: string, extension: Record<string, unknown>) {
  const handler = async ({ context }: { context: Record<string, unknown> }, backend: Record<string, unknown>) => {
    const runtime = (globalThis as { __forge_runtime__?: { contextAri: string } }).__forge_runtime__!;
    const installation = getAppContext().installation;
    return {
      contextAri: runtime.contextAri,
      installContext: context.installContext,
      extension: context.extension,
      backendContexts: (backend.installation as { contexts: string[] }).contexts,
      contexts: (installation?.contexts ?? []).map(String),
    };
  };
  return (await invokeResolver({ handler, functionKey: 'look', payload: {}, accountId: site.user('viewer').accountId, moduleKey, moduleType, extension })) as {
    contextAri: string;
    installContext: string;
    extension: Record<string, unknown>;
    backendContexts: string[];
    contexts: string[];
  };
}

/** A copy of manifest.yml without app.compatibility (the real one is never edited). */
function manifestWithoutCompatibility(): string {
  const doc = parseDocument(readFileSync(join(REPO_ROOT, 'manifest.yml'), 'utf8'));
  expect(doc.hasIn(['app', 'compatibility'])).toBe(true);
  doc.deleteIn(['app', 'compatibility']);
  const file = join(mkdtempSync(join(tmpdir(), 'preflight-manifest-')), 'manifest.yml');
  writeFileSync(file, doc.toString());
  return file;
}

describe('manifest.yml declares app.compatibility: one installation for Jira and Confluence', () => {
  let site: EmulatedSite;
  beforeAll(() => {
    site = createEmulatedSite({ issues: 120 });
  });

  it('lets a macro see the release a Jira user changed: the storage is the installation’s', async () => {
    const before = data(await panel<ReleaseView>(site, 'release-owner', PANEL_KEYS.get, { versionId: versionOf(site).id }));
    const saved = data(await panel<ReleaseView>(site, 'release-owner', PANEL_KEYS.setType, { versionId: before.version.id, revision: before.revision, releaseType: 'hotfix' }));
    const seen = data(await macro<ChecklistMacroView>(site, MACRO_KEYS.checklist, { config: { projectKey: 'PAY', versionId: before.version.id } }));
    expect(seen.release).toMatchObject({ releaseType: 'hotfix', revision: saved.revision });
    expect(saved.confluence).toEqual({ connected: true });
  });

  it('names Confluence in a macro’s context and Jira in a Jira module’s; the installation lists both sites', async () => {
    const inMacro = await whatTheModuleSees(site, MACRO_MODULES.checklist, 'macro', { ...macroExtension(site), isConfiguring: true });
    expect(inMacro).toMatchObject({ contextAri: CONFLUENCE_SITE, installContext: CONFLUENCE_SITE });
    expect(inMacro.contexts).toEqual([JIRA_SITE, CONFLUENCE_SITE]);
    expect(inMacro.backendContexts).toEqual([JIRA_SITE, CONFLUENCE_SITE]);
    // Forge's macro context: the flags under extension.macro, beside content, space and config.
    expect(inMacro.extension).toMatchObject({ type: 'macro', content: { id: '98306' }, space: SPACE, isEditing: false, macro: { isConfiguring: true, isInserting: false } });
    expect(inMacro.extension).not.toHaveProperty('isConfiguring');

    const inJira = await whatTheModuleSees(site, 'preflight-releases', 'jira:projectPage', projectPageExtension(site, 'PAY'));
    expect(inJira).toMatchObject({ contextAri: JIRA_SITE, installContext: JIRA_SITE, contexts: [JIRA_SITE, CONFLUENCE_SITE] });
  });
});

describe('the same app without app.compatibility: a separate installation per product, as Forge would make', () => {
  let site: EmulatedSite;
  beforeAll(() => {
    site = createEmulatedSite({ issues: 120, manifestFile: manifestWithoutCompatibility() });
  });

  it('refuses a Confluence macro’s calls to Jira, so the macro cannot show the release', async () => {
    const answer = await macro<ChecklistMacroView>(site, MACRO_KEYS.checklist, { config: { projectKey: 'PAY', versionId: versionOf(site).id } });
    expect(answer.ok).toBe(false);
    const refused = await invokeResolver({
      handler: () => api.asUser().requestJira(route`/rest/api/3/myself`),
      functionKey: 'look',
      payload: {},
      accountId: site.user('viewer').accountId,
      moduleKey: MACRO_MODULES.checklist,
      moduleType: 'macro',
      extension: macroExtension(site),
    }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 403, message: 'Request jira is not allowed from confluence context.' });
  });

  it('leaves Confluence out of the Jira installation: the panel cannot publish there', async () => {
    const answer = await panel<unknown>(site, 'release-owner', MACRO_KEYS.spaces, {});
    expect(answer).toEqual({ ok: false, error: { code: 'NOT_CONNECTED', message: CONFLUENCE_NOT_CONNECTED } });
    // And should the app call anyway, Forge refuses it: the call never reaches Confluence.
    const refused = await invokeResolver({
      handler: () => api.asUser().requestConfluence(route`/wiki/api/v2/spaces`),
      functionKey: 'look',
      payload: {},
      accountId: site.user('viewer').accountId,
      moduleKey: 'preflight-releases',
      moduleType: 'jira:projectPage',
      extension: projectPageExtension(site, 'PAY'),
    }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 403, message: 'Request confluence is not allowed from jira context.' });
  });

  it('gives each installation its own storage and context', async () => {
    const inMacro = await whatTheModuleSees(site, MACRO_MODULES.checklist, 'macro', macroExtension(site));
    const inJira = await whatTheModuleSees(site, 'preflight-releases', 'jira:projectPage', projectPageExtension(site, 'PAY'));
    expect(inMacro.contexts).toEqual([CONFLUENCE_SITE]);
    expect(inJira.contexts).toEqual([JIRA_SITE]);

    // A record the Jira installation writes is not in the Confluence installation's store.
    const view = data(await panel<ReleaseView>(site, 'release-owner', PANEL_KEYS.get, { versionId: versionOf(site).id }));
    data(await panel<ReleaseView>(site, 'release-owner', PANEL_KEYS.setType, { versionId: view.version.id, revision: view.revision, releaseType: 'hotfix' }));
    const storeOf = (moduleKey: string, moduleType: string, extension: Record<string, unknown>) =>
      invokeResolver({
        handler: async () =>
          (await kvs.entity('release').query().index('by-project', { partition: ['PAY'] }).getMany()).results.length,
        functionKey: 'look',
        payload: {},
        accountId: site.user('viewer').accountId,
        moduleKey,
        moduleType,
        extension,
      });
    expect(await storeOf('preflight-releases', 'jira:projectPage', projectPageExtension(site, 'PAY'))).toBeGreaterThan(0);
    expect(await storeOf(MACRO_MODULES.checklist, 'macro', macroExtension(site))).toBe(0);
  });
});

describe('a site without Confluence (products: jira): the Jira side works and publishing says why not', () => {
  let site: EmulatedSite;
  beforeAll(() => {
    site = createEmulatedSite({ issues: 120, products: ['jira'] });
  });

  it('serves the release panel, and says Confluence is not connected', async () => {
    const view = data(await panel<ReleaseView>(site, 'release-owner', PANEL_KEYS.get, { versionId: versionOf(site).id }));
    expect(view.version.name).toBe('PAY 2.2');
    expect(view.confluence).toEqual({ connected: false, reason: CONFLUENCE_NOT_CONNECTED });
    expect(CONFLUENCE_NOT_CONNECTED).toMatch(/^Confluence is not connected to this site/);
  });

  it('answers publish and the space list with the clear message, and sends nothing to Confluence', async () => {
    const before = site.calls.length;
    const spaces = await panel<unknown>(site, 'release-owner', MACRO_KEYS.spaces, {});
    const publish = await panel<PublishResult>(site, 'release-owner', MACRO_KEYS.publish, {
      config: { projectKey: 'PAY', versionId: versionOf(site).id },
      kind: 'release-notes',
      spaceId: SPACE.id,
    });
    for (const answer of [spaces, publish]) expect(answer).toEqual({ ok: false, error: { code: 'NOT_CONNECTED', message: CONFLUENCE_NOT_CONNECTED } });
    expect(site.calls.slice(before).filter((c) => c.remote === 'confluence')).toEqual([]);
  });

  it('lists only the Jira site in the installation; a macro has nowhere to run', async () => {
    const inJira = await whatTheModuleSees(site, 'preflight-releases', 'jira:projectPage', projectPageExtension(site, 'PAY'));
    expect(inJira.contexts).toEqual([JIRA_SITE]);
    await expect(macro(site, MACRO_KEYS.checklist, { config: { projectKey: 'PAY', versionId: versionOf(site).id } })).rejects.toThrow('Confluence is not connected to this site');
  });
});
