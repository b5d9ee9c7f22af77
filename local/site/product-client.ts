import type { SimHandler, SimResponse } from '../sim/http-types';

/**
 * How the local site's own pages read Jira and Confluence: through the same REST handler that
 * serves `/rest/api/3` and `/wiki/api/v2`, as the signed-in local user. The pages therefore show
 * exactly what that user may see, and depend only on the public REST surface, not on simulator
 * internals.
 */
export class ProductClient {
  constructor(
    private readonly products: SimHandler,
    private readonly accountId: string,
  ) {}

  /**
   * GET a path (with optional query) and return status and parsed body. Jira's and Confluence's
   * own pages ride out a passing 429 or 5xx, so the local pages do too (a few quick retries): the
   * fault knobs are there to test the app, not to break the simulated products' own screens.
   */
  async get(path: string, query: Record<string, string> = {}): Promise<SimResponse & { status: number }> {
    let response = await this.once(path, query);
    for (let attempt = 1; attempt < 4 && (response.status === 429 || response.status >= 500); attempt++) {
      response = await this.once(path, query);
    }
    return response;
  }

  private async once(path: string, query: Record<string, string>): Promise<SimResponse & { status: number }> {
    const response = await this.products({
      method: 'GET',
      path,
      query: new URLSearchParams(query),
      headers: { accept: 'application/json' },
      body: undefined,
      accountId: this.accountId,
      asApp: false,
    });
    return response ?? { status: 404, body: { errorMessages: [`No simulated endpoint for ${path}`] } };
  }

  /**
   * GET and return the body (for the caller to parse) when the status is 2xx, undefined on 404.
   * @throws ProductReadError for other statuses, with the status for the page to show.
   */
  async getOk(path: string, query: Record<string, string> = {}): Promise<unknown> {
    const response = await this.get(path, query);
    if (response.status === 404) return undefined;
    if (response.status < 200 || response.status >= 300) throw new ProductReadError(path, response.status);
    return response.body;
  }
}

/** A product read failed with a status the page cannot turn into content. */
export class ProductReadError extends Error {
  constructor(
    readonly path: string,
    readonly status: number,
  ) {
    super(`GET ${path} answered ${status}`);
    this.name = 'ProductReadError';
  }
}
