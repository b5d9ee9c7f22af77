import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createLocalSite, type LocalSite } from '../../local/site/compose';
import { LOCAL_USERS } from '../../local/sim/users';

/** The local site over real HTTP, composed as `npm start` composes it (small seed, temp data). */
const APP_ROOT = resolve(__dirname, '../..');
const OWNER = LOCAL_USERS.find((u) => u.persona === 'release-owner')!;
const VIEWER = LOCAL_USERS.find((u) => u.persona === 'viewer')!;
const PAY_EXTENSION = { type: 'jira:projectPage', project: { id: '10000', key: 'PAY', type: 'software' } };

let site: LocalSite;
let dataDir: string;

function basic(email: string): string {
  return `Basic ${Buffer.from(`${email}:any-token`).toString('base64')}`;
}

async function invoke(body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${site.url}/api/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'preflight-site-'));
  site = await createLocalSite({ dataDir, port: 0, appRoot: APP_ROOT, seedIssues: 80, log: () => undefined });
});

afterAll(async () => {
  await site?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('pages', () => {
  test('the start page links to each project\'s Releases page, some issues and the Confluence space', async () => {
    const page = await (await fetch(site.url)).text();
    expect(page).toContain('href="/jira/projects/PAY/releases"');
    expect(page).toMatch(/href="\/browse\/PAY-\d+"/);
    expect(page).toContain('href="/wiki/spaces/REL"');
  });

  test.each(['/no/such/page', '/browse/NOPE-999', '/jira/projects/NOPE/releases', '/wiki/spaces/NOPE', '/wiki/pages/999999'])(
    '%s answers a clear 404 page, not a stack trace',
    async (path) => {
      const response = await fetch(`${site.url}${path}`);
      const page = await response.text();
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(page).toContain('Page not found');
      expect(page).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
    },
  );

  test('an issue summary with markup is shown as text on the issue view', async () => {
    const summary = '<img src=x onerror="alert(1)"> & more';
    const edit = await fetch(`${site.url}/rest/api/3/issue/PAY-3`, {
      method: 'PUT',
      headers: { authorization: basic(OWNER.emailAddress), 'content-type': 'application/json' },
      body: JSON.stringify({ fields: { summary } }),
    });
    expect(edit.status).toBe(204);
    const page = await (await fetch(`${site.url}/browse/PAY-3`)).text();
    expect(page).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; more');
    expect(page).not.toContain('<img src=x');
  });

  test('the user switcher sets the user and refuses to redirect off-site', async () => {
    const response = await fetch(`${site.url}/site/switch-user`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: site.url },
      body: new URLSearchParams({ accountId: VIEWER.accountId, back: '//evil.example/' }),
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(encodeURIComponent(VIEWER.accountId));
    const page = await (await fetch(site.url, { headers: { cookie: cookie.split(';')[0]! } })).text();
    expect(page).toMatch(new RegExp(`<option value="${VIEWER.accountId}" selected>`));
  });
});

describe('simulated REST at the site root', () => {
  test('a call without basic auth is refused with 401 and a challenge', async () => {
    const response = await fetch(`${site.url}/rest/api/3/myself`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Basic');
  });

  test('an email that is no local user is refused', async () => {
    const response = await fetch(`${site.url}/wiki/api/v2/spaces`, { headers: { authorization: basic('nobody@example.com') } });
    expect(response.status).toBe(401);
  });

  test('basic auth with a local user\'s email and any token acts as that user', async () => {
    const response = await fetch(`${site.url}/rest/api/3/myself`, { headers: { authorization: basic(VIEWER.emailAddress) } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ accountId: VIEWER.accountId });
  });
});

describe('POST /api/invoke', () => {
  test('runs the resolver the manifest names for the module and answers {result}', async () => {
    const { status, json } = await invoke({ moduleKey: 'preflight-releases', functionKey: 'releases/list', payload: {}, accountId: OWNER.accountId, extension: PAY_EXTENSION });
    expect(status).toBe(200);
    expect(json.result).toMatchObject({ ok: true, data: { project: { key: 'PAY' } } });
  });

  test('malformed JSON is a 400', async () => {
    const { status, json } = await invoke('{"moduleKey":');
    expect(status).toBe(400);
    expect(json.error).toMatch(/JSON/);
  });

  test('a missing field is a 400 that names the field', async () => {
    const { status, json } = await invoke({ moduleKey: 'preflight-releases', payload: {}, accountId: OWNER.accountId, extension: PAY_EXTENSION });
    expect(status).toBe(400);
    expect(json.error).toMatch(/^functionKey:/);
  });

  test('an account that is no local user is a 401', async () => {
    const { status, json } = await invoke({ moduleKey: 'preflight-releases', functionKey: 'releases/list', accountId: 'someone-else', extension: PAY_EXTENSION });
    expect(status).toBe(401);
    expect(json.error).toMatch(/accountId/);
  });

  test('a module the manifest does not have is a 404', async () => {
    const { status, json } = await invoke({ moduleKey: 'no-such-module', functionKey: 'releases/list', accountId: OWNER.accountId });
    expect(status).toBe(404);
    expect(json.error).toMatch(/no-such-module/);
  });

  test('a function key the resolver does not define is a 404 naming it, with the message only, never a stack', async () => {
    const { status, json } = await invoke({ moduleKey: 'preflight-releases', functionKey: 'no/such-key', accountId: OWNER.accountId, extension: PAY_EXTENSION });
    expect(status).toBe(404);
    expect(json.error).toBe('functionKey: the resolver of function resolver defines no key "no/such-key"');
    expect(json.error).not.toMatch(/\n\s+at /);
    expect(json).not.toHaveProperty('result');
  });

  test.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'])(
    'a key every object inherits (%s) is a 404, never dispatched, never an echo of the context',
    async (functionKey) => {
      const { status, json } = await invoke({ moduleKey: 'preflight-releases', functionKey, payload: {}, accountId: OWNER.accountId, extension: PAY_EXTENSION });
      expect(status).toBe(404);
      expect(json).toEqual({ error: `functionKey: the resolver of function resolver defines no key ${JSON.stringify(functionKey)}` });
    },
  );

  test('a macro frame cannot reach the release panel\'s keys through the macro resolver: 404', async () => {
    const { status, json } = await invoke({ moduleKey: 'preflight-release-notes-macro', functionKey: 'release/set-type', payload: {}, accountId: OWNER.accountId, extension: { type: 'macro' } });
    expect(status).toBe(404);
    expect(json.error).toBe('functionKey: the resolver of function macro-resolver defines no key "release/set-type"');
  });
});

describe('POST /api/invoke from another site', () => {
  const rotate = { moduleKey: 'preflight-settings', functionKey: 'integrations/rotate-gate-secret', payload: {}, accountId: OWNER.accountId, extension: PAY_EXTENSION };

  test('a page elsewhere cannot drive it: its Origin is refused and nothing runs', async () => {
    const response = await fetch(`${site.url}/api/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify(rotate),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: `Origin: expected ${site.url}, the local site itself` });
  });

  test('a "simple" cross-site request (text/plain, no preflight) is refused', async () => {
    const response = await fetch(`${site.url}/api/invoke`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(rotate) });
    expect(response.status).toBe(415);
    expect(((await response.json()) as { error: string }).error).toBe('Content-Type: expected application/json');
  });

  test('a request addressed to another host name (DNS rebinding) is refused', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${site.url}/api/invoke`, { method: 'POST', headers: { host: 'attacker.example', 'content-type': 'application/json' } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end(JSON.stringify(rotate));
    });
    expect(status).toBe(421);
  });
});

describe('data on disk', () => {
  test('a restart keeps changed data; --reset re-seeds it', async () => {
    const other = mkdtempSync(join(tmpdir(), 'preflight-restart-'));
    try {
      const first = await createLocalSite({ dataDir: other, port: 0, appRoot: APP_ROOT, seedIssues: 40, log: () => undefined });
      await fetch(`${first.url}/rest/api/3/issue/PAY-2`, {
        method: 'PUT',
        headers: { authorization: basic(OWNER.emailAddress), 'content-type': 'application/json' },
        body: JSON.stringify({ fields: { summary: 'Renamed before the restart' } }),
      });
      await first.close();

      const second = await createLocalSite({ dataDir: other, port: 0, appRoot: APP_ROOT, seedIssues: 40, log: () => undefined });
      expect(await (await fetch(`${second.url}/browse/PAY-2`)).text()).toContain('Renamed before the restart');
      await second.close();

      const third = await createLocalSite({ dataDir: other, port: 0, appRoot: APP_ROOT, seedIssues: 40, reset: true, log: () => undefined });
      expect(await (await fetch(`${third.url}/browse/PAY-2`)).text()).not.toContain('Renamed before the restart');
      await third.close();
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
