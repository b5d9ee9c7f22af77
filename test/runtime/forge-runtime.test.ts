/**
 * The Forge runtime emulator, exercised only through the real @forge/api and @forge/resolver:
 * product calls reach a simulated product as the right user, responses come back as Forge
 * returns them, and resolvers are invoked exactly as Forge invokes them.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { asApp, asUser, getAppContext, NeedsAuthenticationError, permissions, route } from '@forge/api';
import { kvs } from '@forge/kvs';
import Resolver from '@forge/resolver';
import { LocalKvs } from '../../local/kvs';
import { installForgeRuntime, invokeResolver, realSiteRouter, routerFromHandler, runAs, type ProductRouter } from '../../local/runtime';
import type { SimRequest, SimResponse } from '../../local/sim/http-types';

const RITA = '712020:0f1e2d3c-release-owner';
const DEV = '712020:1a2b3c4d-developer';

/** A tiny fake product: records what it received and answers what the test says. */
function fakeSite(answer: (remote: string, req: SimRequest) => SimResponse = () => ({ status: 200, body: { ok: true } })) {
  const calls: { remote: string; req: SimRequest }[] = [];
  const router: ProductRouter = async (remote, req) => {
    calls.push({ remote, req });
    return answer(remote, req);
  };
  return { calls, router };
}

function install(router: ProductRouter, extra: Partial<Parameters<typeof installForgeRuntime>[0]> = {}): void {
  installForgeRuntime({ products: router, kvs: new LocalKvs({ file: null }), ...extra });
}

describe('product calls', () => {
  it('asUser().requestJira reaches the product as the invoking user, with the request as sent', async () => {
    const site = fakeSite();
    install(site.router);
    const res = await runAs(RITA, () =>
      asUser().requestJira(route`/rest/api/3/project/${'PF'}/versions?expand=${'issuesstatus'}&maxResults=50`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ name: '1.0' }),
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(site.calls).toHaveLength(1);
    const { remote, req } = site.calls[0]!;
    expect(remote).toBe('jira');
    expect(req).toMatchObject({
      method: 'POST',
      path: '/rest/api/3/project/PF/versions',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: { name: '1.0' },
      accountId: RITA,
      asApp: false,
    });
    expect(req.query.get('expand')).toBe('issuesstatus');
    expect(req.query.get('maxResults')).toBe('50');
  });

  it('passes query values that route escaped, decoded once like a server would', async () => {
    const site = fakeSite();
    install(site.router);
    await runAs(RITA, () => asUser().requestJira(route`/rest/api/3/search/jql?jql=${'fixVersion = "1.0"'}`));
    expect(site.calls[0]!.req.query.get('jql')).toBe('fixVersion = "1.0"');
  });

  it('marks asApp() calls as the app, with no user', async () => {
    const site = fakeSite();
    install(site.router);
    await runAs(DEV, () => asApp().requestConfluence(route`/wiki/api/v2/pages/${'42'}`));
    expect(site.calls[0]).toMatchObject({ remote: 'confluence', req: { path: '/wiki/api/v2/pages/42', accountId: null, asApp: true } });
  });

  it('asUser(accountId) calls as that user even outside an invocation', async () => {
    const site = fakeSite();
    install(site.router);
    await asUser(DEV).requestJira(route`/rest/api/3/myself`);
    expect(site.calls[0]!.req.accountId).toBe(DEV);
  });

  it('asUser() with no invoking user fails as on Forge, without reaching the product', async () => {
    const site = fakeSite();
    install(site.router);
    await expect(asUser().requestJira(route`/rest/api/3/myself`)).rejects.toBeInstanceOf(NeedsAuthenticationError);
    await expect(runAs(null, () => asUser().requestJira(route`/rest/api/3/myself`))).rejects.toBeInstanceOf(NeedsAuthenticationError);
    expect(site.calls).toHaveLength(0);
  });

  it('returns product answers as fetch Responses: 204 without body, headers such as Retry-After kept', async () => {
    const site = fakeSite((_remote, req): SimResponse => {
      if (req.method === 'DELETE') return { status: 204 };
      if (req.path.endsWith('/busy')) return { status: 429, headers: { 'Retry-After': '3' }, body: { errorMessages: ['slow down'] } };
      return { status: 200, headers: { 'content-type': 'text/plain' }, body: 'plain text' };
    });
    install(site.router);
    await runAs(RITA, async () => {
      const deleted = await asUser().requestJira(route`/rest/api/3/version/${'10001'}`, { method: 'DELETE' });
      expect(deleted.status).toBe(204);
      expect(await deleted.text()).toBe('');

      const busy = await asUser().requestJira(route`/rest/api/3/busy`);
      expect(busy.status).toBe(429);
      expect(busy.ok).toBe(false);
      expect(busy.headers.get('retry-after')).toBe('3');
      expect(busy.headers.get('content-type')).toMatch(/application\/json/);
      expect(await busy.json()).toEqual({ errorMessages: ['slow down'] });

      const text = await asUser().requestJira(route`/rest/api/3/text`);
      expect(await text.text()).toBe('plain text');
    });
  });

  it('reports each call to onProductCall, and a second install replaces the routing', async () => {
    const first = fakeSite();
    const seen: string[] = [];
    install(first.router, { onProductCall: (remote, req, res) => seen.push(`${remote} ${req.method} ${req.path} ${res.status}`) });
    await asApp().requestJira(route`/rest/api/3/serverInfo`);
    expect(seen).toEqual(['jira GET /rest/api/3/serverInfo 200']);

    const second = fakeSite(() => ({ status: 404, body: { errorMessages: ['nope'] } }));
    install(second.router);
    const res = await asApp().requestJira(route`/rest/api/3/serverInfo`);
    expect(res.status).toBe(404);
    expect(first.calls).toHaveLength(1);
    expect(second.calls).toHaveLength(1);
    expect(seen).toHaveLength(1);
  });
});

describe('the simulated site as a router', () => {
  it('answers 404 for a path no simulated product owns', async () => {
    const myselfOnly = routerFromHandler(async (req) =>
      req.path === '/rest/api/3/myself' ? { status: 200, body: { accountId: req.accountId } } : undefined,
    );
    install(myselfOnly);
    await runAs(RITA, async () => {
      expect(await (await asUser().requestJira(route`/rest/api/3/myself`)).json()).toEqual({ accountId: RITA });
      expect((await asUser().requestJira(route`/rest/api/3/nothing`)).status).toBe(404);
    });
  });
});

describe('app context', () => {
  it('grants the scopes the manifest declares, as permissions.hasScope reports after deploy', () => {
    install(fakeSite().router, { scopes: ['read:jira-work', 'storage:app'] });
    expect(permissions.hasScope('storage:app')).toBe(true);
    expect(permissions.hasScope('write:confluence-content')).toBe(false);
  });
});

describe('resolvers', () => {
  it('invokes a Resolver definitions handler as Forge does: payload, context and the calling user', async () => {
    const site = fakeSite((_remote, req) => ({ status: 200, body: { accountId: req.accountId } }));
    install(site.router);
    const resolver = new Resolver();
    resolver.define('whoAmI', async (req) => {
      const myself = await asUser().requestJira(route`/rest/api/3/myself`);
      const app = getAppContext();
      return {
        payload: req.payload,
        accountId: req.context.accountId,
        moduleKey: req.context.moduleKey,
        extension: req.context.extension,
        installContext: req.context.installContext,
        productSaw: await myself.json(),
        appModuleKey: app.moduleKey,
        appAri: app.appAri.toString(),
      };
    });
    const result = await invokeResolver({
      handler: resolver.getDefinitions(),
      functionKey: 'whoAmI',
      payload: { versionId: '10001' },
      accountId: DEV,
      moduleKey: 'preflight-releases',
      extension: { type: 'jira:projectPage', project: { id: '10000', key: 'PF', type: 'software' } },
    });
    expect(result).toEqual({
      payload: { versionId: '10001' },
      accountId: DEV,
      moduleKey: 'preflight-releases',
      extension: { type: 'jira:projectPage', project: { id: '10000', key: 'PF', type: 'software' } },
      installContext: expect.stringMatching(/^ari:cloud:jira::site\//),
      productSaw: { accountId: DEV },
      appModuleKey: 'preflight-releases',
      appAri: expect.stringMatching(/^ari:cloud:ecosystem::app\//),
    });
  });

  it('lets a resolver use @forge/kvs and passes its errors to the caller', async () => {
    install(fakeSite().router);
    const resolver = new Resolver()
      .define('remember', async ({ payload }) => {
        await kvs.set('last', payload as object);
        return { stored: await kvs.get('last') };
      })
      .define('explode', () => {
        throw new Error('boom');
      });
    const handler = resolver.getDefinitions();
    const args = { handler, payload: { n: 1 }, accountId: RITA, moduleKey: 'preflight-releases', extension: { type: 'jira:projectPage' } };
    await expect(invokeResolver({ ...args, functionKey: 'remember' })).resolves.toEqual({ stored: { n: 1 } });
    await expect(invokeResolver({ ...args, functionKey: 'explode' })).rejects.toThrow('boom');
    await expect(invokeResolver({ ...args, functionKey: 'missing' })).rejects.toThrow(/no definition for 'missing'/);
  });

  it('keeps concurrent invocations apart', async () => {
    const site = fakeSite((_remote, req) => ({ status: 200, body: { accountId: req.accountId } }));
    install(site.router);
    const handler = new Resolver()
      .define('me', async () => {
        await new Promise((r) => setTimeout(r, 5));
        return (await asUser().requestJira(route`/rest/api/3/myself`)).json();
      })
      .getDefinitions();
    const call = (accountId: string) =>
      invokeResolver({ handler, functionKey: 'me', payload: {}, accountId, moduleKey: 'm', extension: { type: 'jira:projectPage' } });
    await expect(Promise.all([call(RITA), call(DEV)])).resolves.toEqual([{ accountId: RITA }, { accountId: DEV }]);
  });
});

describe('realSiteRouter', () => {
  it('is off unless site, email and token are all set', () => {
    expect(realSiteRouter({})).toBeUndefined();
    expect(realSiteRouter({ ATLASSIAN_SITE_URL: 'https://x.atlassian.net', ATLASSIAN_EMAIL: 'a@b.c' })).toBeUndefined();
  });

  it('calls the site with basic auth, keeping /wiki paths, queries and JSON bodies', async () => {
    const received: { method?: string; url?: string; auth?: string; body: string }[] = [];
    const server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ method: req.method, url: req.url, auth: req.headers.authorization, body });
        res.writeHead(201, { 'content-type': 'application/json', 'retry-after': '1' });
        res.end(JSON.stringify({ id: '42' }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const { port } = server.address() as AddressInfo;
      const router = realSiteRouter({
        ATLASSIAN_SITE_URL: `http://127.0.0.1:${port}`,
        ATLASSIAN_EMAIL: 'rita@example.com',
        ATLASSIAN_API_TOKEN: 'secret-token',
      });
      expect(router).toBeDefined();
      install(router!);
      const res = await runAs(RITA, () =>
        asUser().requestConfluence(route`/wiki/api/v2/pages?spaceId=${'7'}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ title: 'Release 1.0' }),
        }),
      );
      expect(res.status).toBe(201);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(await res.json()).toEqual({ id: '42' });
      expect(received).toEqual([
        {
          method: 'POST',
          url: '/wiki/api/v2/pages?spaceId=7',
          auth: `Basic ${Buffer.from('rita@example.com:secret-token').toString('base64')}`,
          body: JSON.stringify({ title: 'Release 1.0' }),
        },
      ]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
