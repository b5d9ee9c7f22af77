import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../local/contracts/spec-files';
import { createEmulatedSite, projectPageExtension } from '../../local/emulated-site';
import { runInvocation } from '../../local/runtime/forge-runtime';
import { BUNDLE_DIR, bundleFile } from '../../local/runtime/bundle';
import { invokeScheduledTrigger, invokeWebTrigger } from '../../local/runtime/invoke-trigger';
import { invokeValidator } from '../../local/runtime/invoke-validator';
import { handlerLoader, missingHandlers, readManifest } from '../../local/site/manifest';
import type { Envelope } from '../../src/shared/envelope';
import { MACRO_KEYS } from '../../src/shared/macros';

/**
 * The local site and the tests run the Forge bundle (build/bundle/, `npm run bundle`, rebuilt by
 * jest's globalSetup when src/ changed), not src/. These tests prove that bundle carries every
 * handler manifest.yml names and that each answers as Forge expects; and that a handler missing
 * from the bundle (what removing an export from src/index.ts produces) is reported by name.
 */

const site = createEmulatedSite({ issues: 40 });
const manifest = readManifest(REPO_ROOT);

type Use =
  | { kind: 'resolver'; moduleKey: string; moduleType: string }
  | { kind: 'consumer'; moduleKey: string; queue: string }
  | { kind: 'webtrigger' | 'scheduledTrigger' | 'adfExport' | 'trigger' | 'workflowValidator'; moduleKey: string };

/** How manifest.yml uses each function key: the first module that names it, and as what. */
function usesOfFunctions(): Map<string, Use> {
  const raw = parse(readFileSync(join(REPO_ROOT, 'manifest.yml'), 'utf8')) as { modules: Record<string, Array<Record<string, unknown>>> };
  const uses = new Map<string, Use>();
  for (const [type, entries] of Object.entries(raw.modules)) {
    for (const entry of entries) {
      const key = String(entry.key);
      const resolver = (entry.resolver as { function?: string } | undefined)?.function;
      const adfExport = (entry.adfExport as { function?: string } | undefined)?.function;
      if (resolver && !uses.has(resolver)) uses.set(resolver, { kind: 'resolver', moduleKey: key, moduleType: type });
      if (adfExport && !uses.has(adfExport)) uses.set(adfExport, { kind: 'adfExport', moduleKey: key });
      if (typeof entry.function !== 'string' || uses.has(entry.function)) continue;
      if (type === 'webtrigger' || type === 'scheduledTrigger') uses.set(entry.function, { kind: type, moduleKey: key });
      if (type === 'trigger') uses.set(entry.function, { kind: 'trigger', moduleKey: key });
      if (type === 'jira:workflowValidator') uses.set(entry.function, { kind: 'workflowValidator', moduleKey: key });
      if (type === 'consumer') uses.set(entry.function, { kind: 'consumer', moduleKey: key, queue: String(entry.queue) });
    }
  }
  return uses;
}

/** Calls one function of the bundle the way Forge calls a function used like this; returns its answer. */
async function invokeAsForge(functionKey: string, use: Use): Promise<unknown> {
  const handler = site.handler(functionKey);
  switch (use.kind) {
    case 'resolver': {
      // Both resolver functions define the macro keys; the module's own context comes with the call.
      const extension = use.moduleType === 'macro' ? { type: 'macro', content: { id: '98306', type: 'page' }, space: { id: '98305', key: 'REL' } } : projectPageExtension(site, 'PAY');
      return site.invoke({ as: 'release-owner', functionKey: MACRO_KEYS.projects, payload: {}, moduleKey: use.moduleKey, extension });
    }
    case 'webtrigger':
      return invokeWebTrigger({ handler, moduleKey: use.moduleKey, request: { method: 'GET', path: '/', headers: {}, queryParameters: {}, body: '' } });
    case 'scheduledTrigger':
      return invokeScheduledTrigger({ handler, moduleKey: use.moduleKey, functionKey });
    case 'consumer': {
      // An async event as Forge delivers it: the queue's name, ids, the pushed body, no retry yet.
      const body = { day: new Date().toISOString().slice(0, 10), projectKeys: ['PAY'] };
      const event = { queueName: use.queue, jobId: 'job-1', eventId: 'event-1', body, retryContext: { retryCount: 0 } };
      return runInvocation({ accountId: null, moduleKey: use.moduleKey }, async () => (await handler(event, {})) ?? null);
    }
    case 'trigger': {
      // A product event as Forge delivers it, for a version Preflight does not track: nothing to record.
      const event = { eventType: 'avi:jira:released:version', atlassianId: site.user('release-owner').accountId, version: { id: '99999', name: 'Untracked', projectId: 10000, released: true } };
      return runInvocation({ accountId: null, moduleKey: use.moduleKey }, async () => (await handler(event, {})) ?? null);
    }
    case 'workflowValidator':
      return invokeValidator({ handler, functionKey, moduleKey: use.moduleKey, payload: { issue: { key: 'PAY-1' }, configuration: {}, transition: { from: { id: '3' }, to: { id: '10002' }, modifiedFields: {} } } });
    case 'adfExport':
      return runInvocation({ accountId: site.user('release-owner').accountId, moduleKey: use.moduleKey }, async () =>
        handler({ exportType: 'word' }, { principal: { accountId: site.user('release-owner').accountId } }),
      );
  }
}

/** The shape Forge needs back from a function used like this. */
function forgeShaped(use: Use, answer: unknown): boolean {
  const value = answer as Record<string, unknown> | null;
  switch (use.kind) {
    case 'resolver':
      return (answer as Envelope<unknown>).ok === true;
    case 'webtrigger':
      // No secret: a 4xx with a JSON body, Forge's dynamic web trigger response shape.
      return typeof value?.statusCode === 'number' && value.statusCode >= 400 && value.statusCode < 500 && typeof value.body === 'string';
    case 'scheduledTrigger':
      return value?.statusCode === 200;
    case 'consumer':
      return value === null || typeof value === 'object';
    case 'trigger':
      // A trigger answers nothing, or a retry request.
      return value === null || typeof value === 'object';
    case 'workflowValidator':
      return typeof value?.result === 'boolean';
    case 'adfExport':
      return value?.type === 'doc' && value?.version === 1;
  }
}

describe('the Forge bundle the local site and the tests run', () => {
  it('exports every function handler manifest.yml names, and each answers Forge-shaped when invoked as Forge would', async () => {
    expect(manifest.functions.size).toBeGreaterThan(0);
    expect(missingHandlers(REPO_ROOT, manifest)).toEqual([]);
    const uses = usesOfFunctions();
    const answers: string[] = [];
    for (const [functionKey, reference] of manifest.functions) {
      const use = uses.get(functionKey);
      if (!use) throw new Error(`manifest.yml names function ${functionKey} (${reference}) in no module this test knows how to invoke: teach invokeAsForge that module`);
      const answer = await invokeAsForge(functionKey, use);
      if (!forgeShaped(use, answer)) throw new Error(`${functionKey} (${reference}) as ${use.kind} answered ${JSON.stringify(answer)?.slice(0, 300)}`);
      answers.push(`${functionKey} (${use.kind})`);
    }
    expect(answers).toHaveLength(manifest.functions.size);

    const files = ['index.cjs', 'index.cjs.map'].map((name) => ({ name, bytes: statSync(join(REPO_ROOT, BUNDLE_DIR, name)).size }));
    console.log(
      `Forge bundle ${BUNDLE_DIR}/: ${files.map((f) => `${f.name} ${f.bytes} B (${(f.bytes / 1024).toFixed(1)} KiB)`).join(', ')}; invoked ${answers.join(', ')}`,
    );
  });

  describe('a handler the bundle lacks', () => {
    // A copy of the app whose bundle is the real one less one export: what `npm run bundle` emits
    // after `export const ciGate` is removed from src/index.ts. src/ itself is never touched.
    let appRoot: string;
    beforeAll(() => {
      appRoot = mkdtempSync(join(tmpdir(), 'preflight-bundle-'));
      copyFileSync(join(REPO_ROOT, 'manifest.yml'), join(appRoot, 'manifest.yml'));
      // The manifest's translation resources (module titles) sit beside it, as `forge deploy` uploads them.
      cpSync(join(REPO_ROOT, 'locales'), join(appRoot, 'locales'), { recursive: true });
      mkdirSync(join(appRoot, BUNDLE_DIR), { recursive: true });
      writeFileSync(
        bundleFile(appRoot, 'index'),
        `const all = require(${JSON.stringify(bundleFile(REPO_ROOT, 'index'))});\nconst { ciGate, ...rest } = all;\nmodule.exports = rest;\n`,
      );
    });
    afterAll(() => rmSync(appRoot, { recursive: true, force: true }));

    it('is named, with the manifest function and the export to add, so removing a handler from src/index.ts fails this suite', () => {
      expect(missingHandlers(appRoot, readManifest(appRoot))).toEqual([
        expect.stringContaining('does not export a function ciGate (manifest.yml function ci-gate: index.ciGate)'),
      ]);
      expect(() => handlerLoader(appRoot, readManifest(appRoot))('ci-gate')).toThrow('export it from src/index.ts and run `npm run bundle`');
    });

    it('is named when the manifest names an export the bundle never had', () => {
      const renamed = { ...manifest, functions: new Map([...manifest.functions, ['new-trigger', 'index.newTrigger']]) };
      expect(missingHandlers(REPO_ROOT, renamed)).toEqual([expect.stringContaining('does not export a function newTrigger (manifest.yml function new-trigger: index.newTrigger)')]);
    });

    it('tells the developer to run npm run bundle when there is no bundle at all', () => {
      const empty = mkdtempSync(join(tmpdir(), 'preflight-nobundle-'));
      try {
        expect(() => handlerLoader(empty, manifest)('resolver')).toThrow(`The Forge bundle ${join(BUNDLE_DIR, 'index.cjs')} is missing: run \`npm run bundle\``);
      } finally {
        rmSync(empty, { recursive: true, force: true });
      }
    });
  });
});
