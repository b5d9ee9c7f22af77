import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSiteServer } from '../../local/site/server';
import type { AppManifest } from '../../local/site/manifest';
import { createConfluenceSim, seedConfluence } from '../../local/sim/confluence';
import { LOCAL_USERS } from '../../local/sim/users';
import { USER_COOKIE } from '../../local/site/http-util';
import { MACRO_MODULES } from '../../src/shared/macros';

/**
 * The local Confluence's page view of the seeded Release room (Preflight's three macros): like
 * Confluence, where macros are configured in the page editor, only people who may edit the page
 * (the simulated Confluence's GET /pages/{id}/operations includes `update`) see "Configure".
 */
const RELEASE_ROOM = '98309';
let server: Server;
let base: string;
let resourceDir: string;

beforeAll(async () => {
  resourceDir = mkdtempSync(join(tmpdir(), 'preflight-resource-'));
  writeFileSync(join(resourceDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  const manifest: AppManifest = {
    modules: Object.values(MACRO_MODULES).map((key) => ({ type: 'macro', key, title: key, resourceDir, resolverFunction: 'resolver', hasConfig: true })),
    functions: new Map([['resolver', 'index.handler']]),
    permissions: { scopes: ['read:confluence-content.all'], content: { styles: ['unsafe-inline'] } },
  };
  const macroConfigs = { get: () => undefined, set: () => undefined };
  server = createSiteServer({ manifest, products: createConfluenceSim({ state: seedConfluence() }), runResolver: async () => 'unused', macroConfigs });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((done) => server.close(done));
  rmSync(resourceDir, { recursive: true, force: true });
});

async function releaseRoomAs(persona: string): Promise<{ configure: number; macros: number; page: string }> {
  const user = LOCAL_USERS.find((u) => u.persona === persona)!;
  const response = await fetch(`${base}/wiki/pages/${RELEASE_ROOM}`, { headers: { cookie: `${USER_COOKIE}=${encodeURIComponent(user.accountId)}` } });
  expect(response.status).toBe(200);
  const page = await response.text();
  return { configure: (page.match(/<button[^>]*data-configure-src/g) ?? []).length, macros: (page.match(/<div class="macro">/g) ?? []).length, page };
}

test.each([
  { persona: 'viewer', configure: 0, why: 'reads the space, cannot edit its pages' },
  { persona: 'qa', configure: 3, why: 'may edit the space' },
  { persona: 'release-owner', configure: 3, why: 'may edit the space' },
])('the $persona ($why) sees every macro and $configure Configure buttons', async ({ persona, configure }) => {
  const seen = await releaseRoomAs(persona);
  expect(seen.macros).toBe(3);
  expect(seen.configure).toBe(configure);
});

test('the configuration dialog has a place to say why saving was refused', async () => {
  const { page } = await releaseRoomAs('qa');
  expect(page).toMatch(/<dialog id="macro-config-dialog">[\s\S]*<p class="dialog-error" role="alert" hidden><\/p>/);
});
