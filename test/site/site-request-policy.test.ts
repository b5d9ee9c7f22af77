import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createLocalSite, type LocalSite } from '../../local/site/compose';
import { safeBackPath } from '../../local/site/http-util';
import { isLocalHost } from '../../local/site/request-policy';
import { LOCAL_USERS } from '../../local/sim/users';

/**
 * The local site's own attack surface: a DNS-rebinding page (another Host), a page on another site
 * driving the visitor's browser (another Origin), the user switcher as an open redirect or a forged
 * sign-in, and bad input answered with 400, never 500.
 */
const APP_ROOT = resolve(__dirname, '../..');
const OWNER = LOCAL_USERS.find((u) => u.persona === 'release-owner')!;
const VIEWER = LOCAL_USERS.find((u) => u.persona === 'viewer')!;
const PAY_EXTENSION = { type: 'jira:projectPage', project: { id: '10000', key: 'PAY', type: 'software' } };

let site: LocalSite;
let dataDir: string;
let gateUrl: URL;

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

function basic(email: string): string {
  return `Basic ${Buffer.from(`${email}:any-token`).toString('base64')}`;
}

/** An HTTP request with any Host header (fetch always sends the URL's own). */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolveAnswer, reject) => {
    const req = request({ host: '127.0.0.1', port: site.port, method, path, headers: { host: `localhost:${site.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolveAnswer({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function json(answer: RawAnswer): Record<string, unknown> {
  expect(answer.headers['content-type']).toContain('application/json');
  return JSON.parse(answer.text) as Record<string, unknown>;
}

async function summaryOf(key: string): Promise<string> {
  const answer = await raw('GET', `/rest/api/3/issue/${key}?fields=summary`, { authorization: basic(OWNER.emailAddress) });
  return (json(answer).fields as { summary: string }).summary;
}

function switchForm(back: string, accountId = VIEWER.accountId): string {
  return new URLSearchParams({ accountId, back }).toString();
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'preflight-policy-'));
  site = await createLocalSite({ dataDir, port: 0, appRoot: APP_ROOT, seedIssues: 40, log: () => undefined });
  gateUrl = new URL(site.webTriggerUrls['preflight-ci-gate']!);
});

afterAll(async () => {
  await site?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('one Host policy for every route (DNS rebinding)', () => {
  const owner = (): Record<string, string> => ({ authorization: basic(OWNER.emailAddress), 'content-type': 'application/json' });
  const routes: Array<[string, string, () => string, () => Record<string, string>, string | undefined]> = [
    ['REST GET', 'GET', () => '/rest/api/3/myself', owner, undefined],
    ['REST POST', 'POST', () => '/rest/api/3/issue/PAY-2/comment', owner, JSON.stringify({ body: 'rebound' })],
    ['Confluence REST GET', 'GET', () => '/wiki/api/v2/spaces', owner, undefined],
    ['captured webhooks (JSON)', 'GET', () => '/local/webhooks.json', () => ({}), undefined],
    ['captured webhooks (page)', 'GET', () => '/local/webhooks', () => ({}), undefined],
    ['resolver', 'POST', () => '/api/invoke', () => ({ 'content-type': 'application/json' }), JSON.stringify({ moduleKey: 'preflight-releases', functionKey: 'releases/list', payload: {}, accountId: OWNER.accountId, extension: PAY_EXTENSION })],
    ['site page', 'GET', () => '/browse/PAY-1', () => ({}), undefined],
    ['start page', 'GET', () => '/', () => ({}), undefined],
    ['module frame', 'GET', () => '/host/preflight-releases/', () => ({}), undefined],
    ['site script', 'GET', () => '/site/chrome.js', () => ({}), undefined],
    ['user switcher', 'POST', () => '/site/switch-user', () => ({ 'content-type': 'application/x-www-form-urlencoded' }), switchForm('/')],
    ['web trigger GET', 'GET', () => `${gateUrl.pathname}?project=PAY&version=1.0`, () => ({}), undefined],
    ['web trigger POST', 'POST', () => gateUrl.pathname, () => ({ 'content-type': 'application/json' }), '{}'],
  ];

  test.each(routes)('%s addressed to another host name is refused with 421 and a JSON error', async (_name, method, path, headers, body) => {
    for (const host of ['attacker.example', `attacker.example:${site.port}`, 'localhost:1', `localhost.attacker.example:${site.port}`]) {
      const answer = await raw(method, path(), { ...headers(), host }, body);
      expect(answer.status).toBe(421);
      expect(json(answer).error).toMatch(/^Host: expected localhost/);
      expect(answer.headers['set-cookie']).toBeUndefined();
    }
  });

  test('a rebound write changes nothing in the simulated Jira', async () => {
    const before = await summaryOf('PAY-3');
    const answer = await raw('PUT', '/rest/api/3/issue/PAY-3', { authorization: basic(OWNER.emailAddress), 'content-type': 'application/json', host: `evil.example:${site.port}` }, JSON.stringify({ fields: { summary: 'Rebound' } }));
    expect(answer.status).toBe(421);
    expect(await summaryOf('PAY-3')).toBe(before);
  });

  test.each(['localhost', '127.0.0.1', '[::1]'])('%s with the site\'s port is this machine', async (name) => {
    const answer = await raw('GET', '/rest/api/3/myself', { authorization: basic(VIEWER.emailAddress), host: `${name}:${site.port}` });
    expect(answer.status).toBe(200);
    expect(json(answer)).toMatchObject({ accountId: VIEWER.accountId });
  });
});

describe('writes from a browser on another site', () => {
  const crossSite: Array<[string, Record<string, string>]> = [
    ['an Origin elsewhere', { origin: 'https://evil.example' }],
    ['the opaque Origin null', { origin: 'null' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
  ];

  test.each(crossSite)('a REST write with %s is refused with 403 and changes nothing', async (_name, headers) => {
    const before = await summaryOf('PAY-4');
    const answer = await raw('PUT', '/rest/api/3/issue/PAY-4', { authorization: basic(OWNER.emailAddress), 'content-type': 'application/json', ...headers }, JSON.stringify({ fields: { summary: 'Forged' } }));
    expect(answer.status).toBe(403);
    expect(typeof json(answer).error).toBe('string');
    expect(await summaryOf('PAY-4')).toBe(before);
  });

  test('a web trigger POST with another Origin is refused; without one (CI, curl) it runs', async () => {
    const forged = await raw('POST', `${gateUrl.pathname}?project=PAY&version=1.0`, { origin: 'https://evil.example', 'content-type': 'application/json' }, '{}');
    expect(forged.status).toBe(403);
    expect(json(forged).error).toMatch(/^Origin:/);
    const ci = await raw('POST', `${gateUrl.pathname}?project=PAY&version=1.0`, { 'content-type': 'application/json' }, '{}');
    expect(ci.status).not.toBe(403);
    expect(ci.status).toBeLessThan(500);
  });

  test('a REST write with the site\'s own Origin, or none (curl with basic auth), is accepted', async () => {
    for (const headers of [{ origin: site.url }, {}] as Array<Record<string, string>>) {
      const answer = await raw('PUT', '/rest/api/3/issue/PAY-5', { authorization: basic(OWNER.emailAddress), 'content-type': 'application/json', ...headers }, JSON.stringify({ fields: { summary: 'Edited here' } }));
      expect(answer.status).toBe(204);
    }
  });
});

describe('the user switcher', () => {
  const form = { 'content-type': 'application/x-www-form-urlencoded' };

  test('a GET cannot switch the user (a link or image elsewhere could send it)', async () => {
    const answer = await raw('GET', `/site/switch-user?accountId=${encodeURIComponent(VIEWER.accountId)}&back=%2F`);
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('POST');
    expect(json(answer).error).toMatch(/POST/);
    expect(answer.headers['set-cookie']).toBeUndefined();
  });

  test('a POST from another site is refused and sets no cookie', async () => {
    const answer = await raw('POST', '/site/switch-user', { ...form, origin: 'https://evil.example' }, switchForm('/'));
    expect(answer.status).toBe(403);
    expect(answer.headers['set-cookie']).toBeUndefined();
  });

  test('a POST from the site switches the user and goes back to the page', async () => {
    const answer = await raw('POST', '/site/switch-user', { ...form, origin: site.url }, switchForm('/jira/projects/PAY/releases?tab=notes'));
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/jira/projects/PAY/releases?tab=notes');
    const cookie = String(answer.headers['set-cookie']).split(';')[0]!;
    expect(cookie).toBe(`preflight_user=${encodeURIComponent(VIEWER.accountId)}`);
    const page = await raw('GET', '/', { cookie });
    expect(page.text).toContain(`<option value="${VIEWER.accountId}" selected>`);
    expect(page.text).toContain('<form class="user-switcher" method="post" action="/site/switch-user">');
  });

  test.each([
    ['a tab (the issue\'s %2F%09%2F)', '/\t/evil.example'],
    ['a newline', '/\n/evil.example'],
    ['a carriage return and header', '/\r\nSet-Cookie: x=1'],
    ['a protocol-relative URL', '//evil.example/'],
    ['a backslash', '/\\evil.example'],
    ['an absolute URL', 'https://evil.example/'],
    ['an encoded tab', '/%09/evil.example'],
    ['an encoded newline', '/%0a/evil.example'],
    ['an encoded slash', '/%2Fevil.example'],
    ['an encoded backslash', '/%5Cevil.example'],
    ['a bad escape', '/%E0%A4%A'],
    ['no leading slash', 'evil.example'],
  ])('a back value with %s sends the browser to / of this site', async (_name, back) => {
    const answer = await raw('POST', '/site/switch-user', { ...form, origin: site.url }, switchForm(back));
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/');
  });

  test('a back path with characters outside ASCII is kept, percent-encoded (not a 500)', async () => {
    const answer = await raw('POST', '/site/switch-user', form, switchForm('/browse/PAY-1?q=ü€'));
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/browse/PAY-1?q=%C3%BC%E2%82%AC');
  });

  test('an unknown account or a body that is not the form is a 4xx JSON error', async () => {
    const unknown = await raw('POST', '/site/switch-user', form, switchForm('/', 'nobody'));
    expect(unknown.status).toBe(400);
    expect(json(unknown).error).toMatch(/^accountId:/);
    const notForm = await raw('POST', '/site/switch-user', { 'content-type': 'application/json' }, JSON.stringify({ accountId: VIEWER.accountId }));
    expect(notForm.status).toBe(415);
    expect(json(notForm).error).toMatch(/^Content-Type:/);
  });
});

describe('bad input is a 400 (or 413), never a 500', () => {
  test('a malformed escape in a frame address is a 400', async () => {
    const answer = await raw('GET', '/host/%E0%A4%A/');
    expect(answer.status).toBe(400);
  });

  test('a request target that names another host is a 400', async () => {
    const answer = await raw('GET', '//evil.example/rest/api/3/myself', { authorization: basic(OWNER.emailAddress) });
    expect(answer.status).toBe(400);
  });

  test('malformed JSON to the macro configuration is a 400 JSON error', async () => {
    const answer = await raw('POST', '/site/macro-config', { 'content-type': 'application/json' }, '{"contentId":');
    expect(answer.status).toBe(400);
    expect(json(answer).error).toMatch(/JSON/);
  });

  test('a web trigger body over the limit is a 413 JSON error, not an HTML page', async () => {
    const answer = await raw('POST', gateUrl.pathname, { 'content-type': 'application/json' }, Buffer.alloc(5 * 1024 * 1024 + 1, 0x61));
    expect(answer.status).toBe(413);
    expect(json(answer).error).toMatch(/larger than/);
  });

  test('a wrong method on the webhooks JSON is a JSON error', async () => {
    const answer = await raw('DELETE', '/local/webhooks.json');
    expect(answer.status).toBe(405);
    expect(typeof json(answer).error).toBe('string');
  });
});

describe('the policy as functions', () => {
  test('safeBackPath keeps same-site paths and refuses everything else', () => {
    expect(safeBackPath('/wiki/spaces/REL?x=1#top')).toBe('/wiki/spaces/REL?x=1#top');
    for (const bad of [null, undefined, '', '/\t/evil', '/%09/evil', '//evil', '/\\evil', '/%5cevil', 'https://evil', '/\u2028evil', '/\u0085evil', '/ evil']) {
      expect(safeBackPath(bad)).toBe('/');
    }
  });

  test('isLocalHost allows only this machine on the given port', () => {
    expect(isLocalHost('localhost:4000', 4000)).toBe(true);
    expect(isLocalHost('LOCALHOST:4000', 4000)).toBe(true);
    expect(isLocalHost('[::1]:4000', 4000)).toBe(true);
    expect(isLocalHost('localhost', 80)).toBe(true);
    expect(isLocalHost('localhost', 4000)).toBe(false);
    expect(isLocalHost('localhost:4001', 4000)).toBe(false);
    expect(isLocalHost('127.0.0.2:4000', 4000)).toBe(false);
    expect(isLocalHost(undefined, 4000)).toBe(false);
    expect(isLocalHost('localhost:4000@evil', 4000)).toBe(false);
  });
});
