import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSiteServer, type MacroConfigStore } from '../../local/site/server';
import type { AppManifest } from '../../local/site/manifest';
import { LOCAL_USERS } from '../../local/sim/users';
import { createConfluenceSim, seedConfluence } from '../../local/sim/confluence';
import { USER_COOKIE } from '../../local/site/http-util';

/**
 * Module frames: the document a frame loads, its CSP, and its context. A tiny resource build in a
 * temp folder stands in for static/app/dist, so this runs without `npm run build`.
 */
const QA = LOCAL_USERS.find((u) => u.persona === 'qa')!;
let server: Server;
let base: string;
let resourceDir: string;
const saved = new Map<string, Record<string, unknown>>();

const macroConfigs: MacroConfigStore = {
  get: (contentId, localId) => saved.get(`${contentId}/${localId}`),
  set: (contentId, localId, config) => void saved.set(`${contentId}/${localId}`, config),
};

beforeAll(async () => {
  resourceDir = mkdtempSync(join(tmpdir(), 'preflight-resource-'));
  mkdirSync(join(resourceDir, 'assets'));
  writeFileSync(join(resourceDir, 'index.html'), '<!doctype html><html><head><title>t</title><script type="module" src="./assets/app.js"></script></head><body></body></html>');
  writeFileSync(join(resourceDir, 'assets', 'app.js'), 'console.log("app")');
  const manifest: AppManifest = {
    modules: [
      { type: 'jira:issuePanel', key: 'qa-panel', title: 'QA', resourceDir, resolverFunction: 'resolver', hasConfig: false },
      { type: 'macro', key: 'checklist-macro', title: 'Checklist', resourceDir, resolverFunction: 'resolver', hasConfig: true },
    ],
    functions: new Map([['resolver', 'index.handler']]),
    permissions: { scopes: ['read:jira-work'], content: { styles: ['unsafe-inline'] } },
  };
  // The simulated Confluence answers whether the signed-in person may edit the page (macro configuration needs it).
  server = createSiteServer({ manifest, products: createConfluenceSim({ state: seedConfluence() }), runResolver: async () => 'unused', macroConfigs });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((done) => server.close(done));
  rmSync(resourceDir, { recursive: true, force: true });
});

function frameUrl(moduleKey: string, ext: unknown): string {
  return `${base}/host/${moduleKey}/?${new URLSearchParams({ ext: JSON.stringify(ext), localId: 'l-1' }).toString()}`;
}

const ISSUE_EXT = { issue: { id: '10100', key: 'PAY-7', type: 'Bug', typeId: '10004' }, project: { id: '10000', key: 'PAY', type: 'software' } };

/** The host data the bridge script carries, read back out of the served document. */
function hostData(document: string): { context: Record<string, unknown>; userEmail: string } {
  const match = /<script src="\/host\/__bridge\.js" data-host="([^"]*)"><\/script>/.exec(document);
  if (!match?.[1]) throw new Error('no bridge script in the frame document');
  const json = match[1].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return JSON.parse(json) as { context: Record<string, unknown>; userEmail: string };
}

test('the frame document loads the bridge before the app bundle and carries Forge\'s CSP', async () => {
  const response = await fetch(frameUrl('qa-panel', ISSUE_EXT), { headers: { cookie: `preflight_user=${encodeURIComponent(QA.accountId)}` } });
  const document = await response.text();
  expect(response.status).toBe(200);
  expect(document.indexOf('/host/__bridge.js')).toBeLessThan(document.indexOf('./assets/app.js'));
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toMatch(/script-src 'self'/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-eval'/);
  expect(csp).toMatch(/style-src[^;]*'unsafe-inline'/); // from the manifest's content permissions
  expect(csp).toContain(`report-uri ${base}/host/__csp-report`);
});

test('an issue panel gets the Forge issue context of the signed-in user', async () => {
  const document = await (await fetch(frameUrl('qa-panel', ISSUE_EXT), { headers: { cookie: `preflight_user=${encodeURIComponent(QA.accountId)}` } })).text();
  const { context, userEmail } = hostData(document);
  expect(userEmail).toBe(QA.emailAddress);
  expect(context).toMatchObject({
    accountId: QA.accountId,
    moduleKey: 'qa-panel',
    localId: 'l-1',
    extension: { type: 'jira:issuePanel', issue: { key: 'PAY-7', typeId: '10004' }, project: { key: 'PAY' } },
  });
});

test('a macro frame carries its configuration and, where Forge puts it, whether it is configuring', async () => {
  const ext = { content: { id: '98306' }, space: { id: '98305', key: 'REL' }, config: { version: 'PAY 2.2' }, macro: { isConfiguring: true }, isEditing: true };
  const { context } = hostData(await (await fetch(frameUrl('checklist-macro', ext))).text());
  expect(context.extension).toMatchObject({
    type: 'macro',
    config: { version: 'PAY 2.2' },
    isEditing: true,
    macro: { isConfiguring: true, isInserting: false },
    content: { id: '98306', type: 'page' },
    space: { id: '98305', key: 'REL' },
  });
  // Forge has no top-level isConfiguring: an app reading it there would never see the config view.
  expect(context.extension).not.toHaveProperty('isConfiguring');
});

test('an extension that does not fit the module type is a 400 naming the field', async () => {
  const response = await fetch(frameUrl('qa-panel', { project: { id: '1', key: 'PAY' } }));
  expect(response.status).toBe(400);
  expect(await response.text()).toContain('extension.issue');
});

test('resource files are served, and paths outside the resource are not', async () => {
  const asset = await fetch(`${base}/host/qa-panel/assets/app.js`);
  expect(asset.status).toBe(200);
  expect(asset.headers.get('content-type')).toContain('javascript');
  const escape = await fetch(`${base}/host/qa-panel/..%2f..%2f..%2fetc%2fpasswd`);
  expect(escape.status).toBe(404);
});

test('an unknown module has no frame', async () => {
  expect((await fetch(frameUrl('nope', {}))).status).toBe(404);
});

test('the bridge script defines window.__bridge for @forge/bridge', async () => {
  const script = await (await fetch(`${base}/host/__bridge.js`)).text();
  expect(script).toContain('__bridge');
  expect(script).not.toMatch(/^\s*(import|export)\s/m);
});

test('a macro configuration sent by view.submit is kept for that macro', async () => {
  const response = await fetch(`${base}/site/macro-config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ contentId: '98306', localId: 'm-1', config: { version: 'PAY 2.1' } }),
  });
  expect(response.status).toBe(200);
  expect(macroConfigs.get('98306', 'm-1')).toEqual({ version: 'PAY 2.1' });
  const bad = await fetch(`${base}/site/macro-config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"contentId":"1"}' });
  expect(bad.status).toBe(400);
});

test('only people who can edit the page configure its macros: the viewer cannot re-point the Release room macros', async () => {
  const VIEWER = LOCAL_USERS.find((u) => u.persona === 'viewer')!;
  const before = saved.get('98306/m-shared');
  const as = (accountId: string) => ({ 'content-type': 'application/json', cookie: `${USER_COOKIE}=${encodeURIComponent(accountId)}` });
  const send = (accountId: string, config: Record<string, unknown>) =>
    fetch(`${base}/site/macro-config`, { method: 'POST', headers: as(accountId), body: JSON.stringify({ contentId: '98306', localId: 'm-shared', config }) });

  const refused = await send(VIEWER.accountId, { projectKey: 'PAY', versionId: '1' });
  expect(refused.status).toBe(403);
  expect(await refused.json()).toEqual({ error: 'Only people who can edit this page can configure its macros.' });
  expect(saved.get('98306/m-shared')).toBe(before);

  // Someone with the space's edit permission may (the QA engineer here: edit rights, not Preflight roles, decide).
  expect((await send(QA.accountId, { projectKey: 'PAY', versionId: '2' })).status).toBe(200);
  expect(saved.get('98306/m-shared')).toEqual({ projectKey: 'PAY', versionId: '2' });
  // A page that does not exist has no macros to configure.
  expect((await fetch(`${base}/site/macro-config`, { method: 'POST', headers: as(QA.accountId), body: JSON.stringify({ contentId: '424242', localId: 'x', config: {} }) })).status).toBe(404);
});
