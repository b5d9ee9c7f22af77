import { loadContracts } from '../../local/contracts/openapi-validator';
import { NO_FAULTS, faultKnobsFromEnv, withFaults, type FaultKnobs } from '../../local/sim/faults';
import type { SimHandler, SimRequest } from '../../local/sim/http-types';

/** A small seeded generator (mulberry32), so a test sees the same faults on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function request(method: string, path: string): SimRequest {
  return { method, path, query: new URLSearchParams(), headers: {}, body: undefined, accountId: 'someone', asApp: false };
}

/** A product that always succeeds and counts how often it was reached. */
function countingProduct() {
  const reached: string[] = [];
  const handler: SimHandler = async (req) => {
    reached.push(`${req.method} ${req.path}`);
    return { status: 200, body: { ok: true } };
  };
  return { handler, reached };
}

const knobs = (overrides: Partial<FaultKnobs>): FaultKnobs => ({ ...NO_FAULTS, ...overrides });

describe('faultKnobsFromEnv', () => {
  it('defaults to no faults', () => {
    expect(faultKnobsFromEnv({})).toEqual(NO_FAULTS);
    expect(faultKnobsFromEnv({ PREFLIGHT_SIM_429_RATE: '' })).toEqual(NO_FAULTS);
  });

  it('reads every knob', () => {
    expect(
      faultKnobsFromEnv({
        PREFLIGHT_SIM_LATENCY_MS: '120',
        PREFLIGHT_SIM_429_RATE: '0.1',
        PREFLIGHT_SIM_5XX_RATE: '0.05',
        PREFLIGHT_SIM_409_RATE: '1',
        PREFLIGHT_SIM_RETRY_AFTER_S: '3',
      }),
    ).toEqual({ latencyMs: 120, rate429: 0.1, rate5xx: 0.05, rate409: 1, retryAfterSeconds: 3 });
  });

  it('names each bad variable and its value', () => {
    expect(() => faultKnobsFromEnv({ PREFLIGHT_SIM_429_RATE: '2', PREFLIGHT_SIM_LATENCY_MS: 'soon' })).toThrow(
      "Invalid simulator fault settings: PREFLIGHT_SIM_LATENCY_MS must be a whole number from 0 to 60000 (got 'soon'); PREFLIGHT_SIM_429_RATE must be a number from 0 to 1 (got '2')",
    );
    expect(() => faultKnobsFromEnv({ PREFLIGHT_SIM_5XX_RATE: '-0.1' })).toThrow(/PREFLIGHT_SIM_5XX_RATE must be a number from 0 to 1 \(got '-0.1'\)/);
  });
});

describe('withFaults', () => {
  it('is the product itself when every knob is off', () => {
    const { handler } = countingProduct();
    expect(withFaults(handler, NO_FAULTS)).toBe(handler);
  });

  it('answers some calls 429 with Retry-After and a Jira-shaped body, without reaching the product', async () => {
    const product = countingProduct();
    const faulty = withFaults(product.handler, knobs({ rate429: 0.3, retryAfterSeconds: 2 }), seeded(42));
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) {
      const res = await faulty(request('GET', '/rest/api/3/version/1'));
      statuses.push(res!.status);
      if (res!.status === 429) {
        expect(res!.headers).toMatchObject({ 'retry-after': '2', 'x-preflight-simulated-fault': '429' });
        expect(res!.body).toEqual({ errorMessages: ['Rate limit exceeded (simulated).'], errors: {} });
      }
    }
    const limited = statuses.filter((s) => s === 429).length;
    expect(limited).toBeGreaterThan(40);
    expect(limited).toBeLessThan(80);
    expect(product.reached).toHaveLength(200 - limited);
  });

  it('gives the same faults for the same seed', async () => {
    const run = async () => {
      const faulty = withFaults(countingProduct().handler, knobs({ rate429: 0.2, rate5xx: 0.2 }), seeded(7));
      const out: number[] = [];
      for (let i = 0; i < 50; i++) out.push((await faulty(request('GET', '/wiki/api/v2/pages')))!.status);
      return out;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).toEqual(expect.arrayContaining([200, 429, 503]));
  });

  it('answers 503 with a Confluence-shaped body on Confluence paths', async () => {
    const faulty = withFaults(countingProduct().handler, knobs({ rate5xx: 1 }), seeded(1));
    const res = await faulty(request('GET', '/wiki/api/v2/spaces'));
    expect(res).toEqual({
      status: 503,
      headers: { 'x-preflight-simulated-fault': '503' },
      body: { errors: [{ status: 503, code: 'SERVICE_UNAVAILABLE', title: 'Service unavailable (simulated outage).', detail: null }] },
    });
  });

  it('answers 409 only to mutating calls', async () => {
    const product = countingProduct();
    const faulty = withFaults(product.handler, knobs({ rate409: 1 }), seeded(3));
    expect((await faulty(request('GET', '/rest/api/3/version/1')))!.status).toBe(200);
    expect((await faulty(request('PUT', '/rest/api/3/version/1')))!.status).toBe(409);
    expect((await faulty(request('DELETE', '/wiki/api/v2/pages/1')))!.status).toBe(409);
    expect(product.reached).toEqual(['GET /rest/api/3/version/1']);
  });

  it('leaves the local site alone and adds latency to product calls', async () => {
    const product = countingProduct();
    const faulty = withFaults(product.handler, knobs({ latencyMs: 40, rate5xx: 1 }), seeded(5));
    // Even with every product call failing, a site page is served.
    expect((await faulty(request('GET', '/wiki/spaces/REL/pages/1')))!.status).toBe(200);
    const start = Date.now();
    expect((await faulty(request('GET', '/rest/api/3/myself')))!.status).toBe(503);
    expect(Date.now() - start).toBeGreaterThanOrEqual(35);
  });

  it('produces faults the contract checks accept as real platform answers', async () => {
    const contracts = loadContracts();
    const faulty = withFaults(countingProduct().handler, knobs({ rate429: 1 }), seeded(9));
    const req = request('GET', '/rest/api/3/version/1');
    expect(contracts.checkResponse(req, (await faulty(req))!)).toEqual([]);
  });
});
