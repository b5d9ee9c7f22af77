import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadContracts, productOf, withContractChecks } from '../../local/contracts/openapi-validator';
import { findSpecFile, requireSpecFile, specSearchDirs } from '../../local/contracts/spec-files';
import type { SimRequest, SimResponse } from '../../local/sim/http-types';

function request(method: string, pathAndQuery: string, body?: unknown): SimRequest {
  const [path = '', query = ''] = pathAndQuery.split('?');
  return { method, path, query: new URLSearchParams(query), headers: {}, body, accountId: 'someone', asApp: false };
}

const contracts = loadContracts();

describe('productOf', () => {
  it('tells Jira and Confluence paths apart and owns nothing else', () => {
    expect(productOf('/rest/api/3/version/1')).toBe('jira');
    expect(productOf('/wiki/api/v2/pages')).toBe('confluence');
    expect(productOf('/api/invoke')).toBeUndefined();
    expect(productOf('/restaurant')).toBeUndefined();
  });
});

describe('checkRequest', () => {
  it('accepts a request the spec describes, with repeated and comma-separated array parameters', () => {
    expect(contracts.checkRequest(request('GET', '/rest/api/3/version/10000?expand=issuesstatus'))).toEqual([]);
    expect(contracts.checkRequest(request('GET', '/rest/api/3/search/jql?jql=project%3DREL&maxResults=50&fields=summary&fields=status'))).toEqual([]);
    expect(contracts.checkRequest(request('GET', '/wiki/api/v2/spaces?keys=REL,OPS&limit=25'))).toEqual([]);
  });

  it('accepts a Confluence page body in either documented shape (oneOf relaxed to anyOf)', () => {
    const flat = { spaceId: '1', status: 'current', title: 'Notes', body: { representation: 'storage', value: '<p>x</p>' } };
    const nested = { spaceId: '1', status: 'current', title: 'Notes', body: { atlas_doc_format: { representation: 'atlas_doc_format', value: '{}' } } };
    expect(contracts.checkRequest(request('POST', '/wiki/api/v2/pages', flat))).toEqual([]);
    expect(contracts.checkRequest(request('POST', '/wiki/api/v2/pages', nested))).toEqual([]);
  });

  it('names the field and the expectation when a body is wrong', () => {
    const errors = contracts.checkRequest(request('POST', '/wiki/api/v2/pages', { spaceId: 1, title: 'Notes', status: 'published' }));
    expect(errors).toContain('POST /wiki/api/v2/pages (createPage): request body at spaceId must be string');
    expect(errors.find((e) => e.includes('at status'))).toMatch(/must be equal to one of the allowed values \(\["current","draft"\]\)/);
  });

  it('reports a missing required body', () => {
    expect(contracts.checkRequest(request('POST', '/wiki/api/v2/pages'))).toEqual(['POST /wiki/api/v2/pages (createPage): request body is required']);
  });

  it('reports an endpoint or method the spec does not have', () => {
    expect(contracts.checkRequest(request('GET', '/rest/api/3/foo'))).toEqual(['GET /rest/api/3/foo: no such operation in the Jira spec']);
    expect(contracts.checkRequest(request('PATCH', '/wiki/api/v2/pages/1'))).toEqual(['PATCH /wiki/api/v2/pages/1: no such operation in the Confluence spec']);
    // Confluence v1 lives outside the v2 server root, so it is not part of this contract.
    expect(contracts.checkRequest(request('GET', '/wiki/rest/api/content'))).toEqual(['GET /wiki/rest/api/content: no such operation in the Confluence spec']);
    expect(contracts.checkRequest(request('GET', '/elsewhere'))[0]).toMatch(/belongs to neither Jira .* nor Confluence/);
  });

  it('reports every query parameter the operation does not declare, and badly typed ones', () => {
    expect(contracts.checkRequest(request('GET', '/rest/api/3/version/10000?expand=issuesstatus&foo=1&bar=2'))).toEqual([
      "GET /rest/api/3/version/10000 (getVersion): query parameter 'foo' is not declared by getVersion",
      "GET /rest/api/3/version/10000 (getVersion): query parameter 'bar' is not declared by getVersion",
    ]);
    expect(contracts.checkRequest(request('GET', '/rest/api/3/search/jql?maxResults=lots'))).toEqual([
      "GET /rest/api/3/search/jql (searchAndReconsileIssuesUsingJql): query parameter 'maxResults' must be integer",
    ]);
  });
});

describe('checkResponse', () => {
  const getVersion = request('GET', '/rest/api/3/version/10000');

  it('accepts a documented status with a body that fits its schema', () => {
    const version = { id: '10000', name: '1.0', released: false, archived: false, releaseDate: '2026-03-01', projectId: 10000 };
    expect(contracts.checkResponse(getVersion, { status: 200, body: version })).toEqual([]);
    expect(contracts.checkResponse(request('DELETE', '/wiki/api/v2/pages/5'), { status: 204 })).toEqual([]);
  });

  it('lists each body problem with where it is', () => {
    const errors = contracts.checkResponse(getVersion, { status: 200, body: { id: 10000, releaseDate: '1 March' } });
    expect(errors).toEqual([
      'GET /rest/api/3/version/10000 (getVersion) -> 200: response body at id must be string',
      'GET /rest/api/3/version/10000 (getVersion) -> 200: response body at releaseDate must match format "date"',
    ]);
  });

  it('reports a status the operation does not document', () => {
    expect(contracts.checkResponse(getVersion, { status: 418, body: {} })).toEqual([
      'GET /rest/api/3/version/10000 (getVersion) -> 418: status 418 is not documented (documented: 200, 401, 404)',
    ]);
  });

  it('reports a missing body where the status documents one', () => {
    expect(contracts.checkResponse(getVersion, { status: 200 })).toEqual([
      'GET /rest/api/3/version/10000 (getVersion) -> 200: response body must be object',
    ]);
  });

  it('checks nested arrays and reports the index', () => {
    const res: SimResponse = { status: 200, body: { results: [{ id: '1', key: 'REL' }, { id: 2 }], _links: {} } };
    expect(contracts.checkResponse(request('GET', '/wiki/api/v2/spaces'), res)).toEqual([
      'GET /wiki/api/v2/spaces (getSpaces) -> 200: response body at results[1].id must be string',
    ]);
  });
});

describe('withContractChecks', () => {
  it('passes answers through and collects violations from both directions', async () => {
    const { handler, violations } = withContractChecks(async (req) => {
      if (req.path.startsWith('/rest/')) return { status: 200, body: { id: 7 } };
      return undefined;
    }, contracts);
    const res = await handler(request('GET', '/rest/api/3/version/7?nope=1'));
    expect(res).toEqual({ status: 200, body: { id: 7 } });
    expect(await handler(request('GET', '/wiki/api/v2/pages/1'))).toBeUndefined();
    expect(violations).toEqual([
      "GET /rest/api/3/version/7 (getVersion): query parameter 'nope' is not declared by getVersion",
      'GET /rest/api/3/version/7 (getVersion) -> 200: response body at id must be string',
    ]);
  });
});

describe('spec lookup', () => {
  let empty: string;
  beforeAll(() => {
    empty = mkdtempSync(join(tmpdir(), 'preflight-contracts-'));
  });
  afterAll(() => rmSync(empty, { recursive: true, force: true }));

  it('looks in PREFLIGHT_CONTRACTS_DIR first, then beside the repository, then the download cache', () => {
    const dirs = specSearchDirs({ PREFLIGHT_CONTRACTS_DIR: empty });
    expect(dirs.map((d) => d.why)).toEqual([
      'PREFLIGHT_CONTRACTS_DIR',
      'shared folder beside the repository',
      'download cache filled by scripts/fetch-contracts.ts',
    ]);
    expect(dirs[0]?.dir).toBe(empty);
    expect(dirs[1]?.dir).toMatch(/[\\/]shared[\\/]contracts$/);
    expect(dirs[2]?.dir).toMatch(/[\\/]\.cache[\\/]contracts$/);
  });

  it('prefers the folder named by PREFLIGHT_CONTRACTS_DIR when it has the file', () => {
    writeFileSync(join(empty, 'confluence-v2.openapi.json'), '{}');
    expect(findSpecFile('confluence', specSearchDirs({ PREFLIGHT_CONTRACTS_DIR: empty }))).toBe(join(empty, 'confluence-v2.openapi.json'));
  });

  it('says everywhere it looked, and how to get the file, when no folder has it', () => {
    expect(() => requireSpecFile('jira', [{ dir: empty, why: 'test folder' }])).toThrow(
      new RegExp(`Jira OpenAPI spec \\(jira-platform.openapi.json\\) was not found. Looked in:\\n  - ${empty}/jira-platform.openapi.json \\(test folder\\)[\\s\\S]*scripts/fetch-contracts.ts`),
    );
  });
});

describe('statuses a real server sends without the spec listing them', () => {
  it('accepts rate limiting and outages on any operation, and Confluence 409 on a stale page update', () => {
    const getVersion = request('GET', '/rest/api/3/version/10000');
    expect(contracts.checkResponse(getVersion, { status: 429, headers: { 'retry-after': '2' }, body: { errorMessages: ['Rate limit exceeded'] } })).toEqual([]);
    expect(contracts.checkResponse(getVersion, { status: 503 })).toEqual([]);
    expect(contracts.checkResponse(request('PUT', '/wiki/api/v2/pages/5'), { status: 409, body: {} })).toEqual([]);
    expect(contracts.checkResponse(request('POST', '/wiki/api/v2/pages'), { status: 409, body: {} })[0]).toMatch(/status 409 is not documented/);
  });
});
