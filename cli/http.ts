import { SECRET_HEADER } from './contract';

/**
 * What both commands share: the process's outside world (passed in, so tests drive it without
 * waiting or a network), the web trigger address and secret, and one request with retries.
 */

export const EXIT = { go: 0, noGo: 1, error: 2 } as const;

/** The command's name as installed from @preflight-release/cli (never the unscoped `preflight`). */
export const COMMAND = 'preflight-release';

export interface CliIo {
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  out: (line: string) => void;
  err: (line: string) => void;
  env: Record<string, string | undefined>;
}

export class UsageError extends Error {}

/** "90", "90s", "1500ms", "15m", "2h" -> milliseconds. */
export function parseDuration(text: string, name: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new UsageError(`${name}: expected a duration such as 30s, 15m or 2h, got "${text}"`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Math.round(Number(match[1]) * unit);
}

export interface Target {
  /** The web trigger URL. */
  url: string;
  secret: string;
  /** Retries of one request on 429, 5xx and network errors. */
  retries: number;
  timeoutMs: number;
}

/**
 * The web trigger URL (`--gate-url`, else PREFLIGHT_GATE_URL), the secret (PREFLIGHT_GATE_SECRET
 * only: a command-line argument would show in `ps` and in CI logs) and the retry options.
 */
export function parseTarget(values: { 'gate-url'?: string; retries?: string; timeout?: string }, env: CliIo['env']): Target {
  const raw = values['gate-url'] ?? env.PREFLIGHT_GATE_URL?.trim();
  if (!raw) throw new UsageError('--gate-url is required (or set PREFLIGHT_GATE_URL): the web trigger URL from Project settings > Preflight > Integrations');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--gate-url: expected the web trigger URL, got "${raw}"`);
  }
  // The secret travels in a header: never in the clear, except to this machine (the local site).
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new UsageError('--gate-url: expected an https URL (plain http only for localhost), so the gate secret is never sent in the clear');
  }
  const secret = env.PREFLIGHT_GATE_SECRET?.trim();
  if (!secret) throw new UsageError('PREFLIGHT_GATE_SECRET is not set: put the project\'s gate secret in it (a CI secret variable)');
  const retries = values.retries === undefined ? 4 : Number(values.retries);
  if (!Number.isInteger(retries) || retries < 0 || retries > 10) throw new UsageError('--retries: expected a whole number from 0 to 10');
  return { url: url.href, secret, retries, timeoutMs: values.timeout === undefined ? 30_000 : parseDuration(values.timeout, '--timeout') };
}

/** Retry-After in seconds or as an HTTP date, capped: a pipeline should not sleep for an hour on one header. */
export function retryDelayMs(retryAfter: string | null, attempt: number, now: number): number {
  const cap = 60_000;
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(cap, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.min(cap, Math.max(0, date - now));
  }
  return Math.min(cap, 1000 * 2 ** attempt);
}

export type Answer = { kind: 'answer'; status: number; body: unknown } | { kind: 'unreachable'; reason: string };

/**
 * One request, retried on 429, 5xx and network errors with bounded backoff. Both requests may be
 * repeated safely: the gate only reads, and a deployment report states where a build is (the same
 * report twice leaves the same state).
 */
export async function send(target: Target, request: { method: 'GET' | 'POST'; url: URL; body?: unknown }, io: CliIo): Promise<Answer> {
  let last: Answer = { kind: 'unreachable', reason: 'no attempt made' };
  for (let attempt = 0; attempt <= target.retries; attempt++) {
    let retryAfter: string | null = null;
    try {
      const response = await io.fetch(request.url, {
        method: request.method,
        headers: {
          Accept: 'application/json',
          [SECRET_HEADER]: target.secret,
          'User-Agent': COMMAND,
          ...(request.body !== undefined && { 'Content-Type': 'application/json' }),
        },
        ...(request.body !== undefined && { body: JSON.stringify(request.body) }),
        signal: AbortSignal.timeout(target.timeoutMs),
        // A redirect would carry the secret header to wherever it points.
        redirect: 'error',
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // A proxy's HTML error page: kept as text for the message.
      }
      last = { kind: 'answer', status: response.status, body };
      if (response.status !== 429 && response.status < 500) return last;
      retryAfter = response.headers.get('retry-after');
    } catch (error) {
      last = { kind: 'unreachable', reason: error instanceof Error ? error.message : String(error) };
    }
    if (attempt < target.retries) {
      const delay = retryDelayMs(retryAfter, attempt, io.now());
      const why = last.kind === 'answer' ? `answered ${last.status}` : `could not be reached (${last.reason})`;
      io.err(`Preflight ${why}; retrying in ${Math.ceil(delay / 1000)} s (attempt ${attempt + 2} of ${target.retries + 1}).`);
      await io.sleep(delay);
    }
  }
  return last;
}

export function errorMessage(answer: Answer): string {
  if (answer.kind === 'unreachable') return `Preflight could not be reached: ${answer.reason}`;
  const detail = typeof answer.body === 'object' && answer.body !== null && 'error' in answer.body ? String((answer.body as { error: unknown }).error) : String(answer.body).slice(0, 200);
  return `Preflight answered ${answer.status}: ${detail}`;
}
