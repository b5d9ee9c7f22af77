import type { CliIo } from '../../cli/http';

export interface SentRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** The CLI's outside world with a scripted fetch and a fake clock: no waiting, no network. */
export function scriptedIo(answers: Array<{ status: number; body: unknown; headers?: Record<string, string> }>, env: CliIo['env'] = { PREFLIGHT_GATE_SECRET: 'pfg_test' }) {
  let now = 0;
  const out: string[] = [];
  const err: string[] = [];
  const sleeps: number[] = [];
  const sent: SentRequest[] = [];
  const fake: CliIo = {
    fetch: (async (url: URL, init: RequestInit = {}) => {
      sent.push({
        url: String(url),
        method: init.method ?? 'GET',
        headers: Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v])),
        ...(typeof init.body === 'string' && { body: JSON.parse(init.body) as unknown }),
      });
      const next = answers.shift() ?? { status: 500, body: { error: 'script ran out' } };
      return new Response(JSON.stringify(next.body), { status: next.status, headers: next.headers });
    }) as typeof fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    now: () => now,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env,
  };
  return { fake, out, err, sleeps, sent, requests: () => sent.map((r) => r.url) };
}
