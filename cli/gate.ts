import { parseArgs } from 'node:util';
import { GATE_SECRET_HEADER, gateAnswerSchema } from '../src/shared/ci-gate';

/**
 * `preflight gate`: asks Preflight's CI gate web trigger whether a release may deploy.
 * Exit codes: 0 go, 1 no-go, 2 error (bad arguments, wrong secret, unknown version, Preflight
 * unreachable after retries). Everything the process touches (fetch, sleep, clock, output) is
 * passed in, so tests drive it without waiting.
 */

export const EXIT = { go: 0, noGo: 1, error: 2 } as const;

export interface GateIo {
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  out: (line: string) => void;
  err: (line: string) => void;
  env: Record<string, string | undefined>;
}

export interface GateOptions {
  url: string;
  project: string;
  version: string;
  secret: string;
  json: boolean;
  /** Poll until go or until this many ms have passed; 0 asks once. */
  waitMs: number;
  intervalMs: number;
  /** Retries of one request on 429, 5xx and network errors. */
  retries: number;
  timeoutMs: number;
}

export const USAGE = `Usage: preflight gate --url <web trigger URL> --project <KEY> --version <name or id> [options]

Asks Preflight whether a release may deploy. The project's gate secret comes from the
PREFLIGHT_GATE_SECRET environment variable (Project settings > Preflight > Integrations).

Options:
  --json               print the answer as JSON (for machines)
  --wait <duration>    poll until go or until the time runs out (e.g. 30s, 15m, 2h)
  --interval <dur>     time between polls with --wait (default 30s)
  --retries <n>        retries of a request on 429, 5xx or network errors (default 4)
  --timeout <dur>      time limit of one request (default 30s)

Exit codes: 0 go, 1 no-go, 2 error.`;

/** "90", "90s", "1500ms", "15m", "2h" -> milliseconds. */
export function parseDuration(text: string, name: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new UsageError(`${name}: expected a duration such as 30s, 15m or 2h, got "${text}"`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Math.round(Number(match[1]) * unit);
}

export class UsageError extends Error {}

/** Validated options from argv and the environment. @throws UsageError naming the problem. */
export function parseGateArgs(argv: string[], env: GateIo['env']): GateOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        url: { type: 'string' },
        project: { type: 'string' },
        version: { type: 'string' },
        json: { type: 'boolean', default: false },
        wait: { type: 'string' },
        interval: { type: 'string' },
        retries: { type: 'string' },
        timeout: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  for (const name of ['url', 'project', 'version'] as const) {
    if (!values[name]) throw new UsageError(`--${name} is required`);
  }
  let url: URL;
  try {
    url = new URL(values.url!);
  } catch {
    throw new UsageError(`--url: expected the web trigger URL, got "${values.url}"`);
  }
  // The secret travels in a header: never in the clear, except to this machine (the local site).
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new UsageError('--url: expected an https URL (plain http only for localhost), so the gate secret is never sent in the clear');
  }
  const secret = env.PREFLIGHT_GATE_SECRET?.trim();
  if (!secret) throw new UsageError('PREFLIGHT_GATE_SECRET is not set: put the project\'s gate secret in it (a CI secret variable)');
  const retries = values.retries === undefined ? 4 : Number(values.retries);
  if (!Number.isInteger(retries) || retries < 0 || retries > 10) throw new UsageError('--retries: expected a whole number from 0 to 10');
  return {
    url: url.href,
    project: values.project!,
    version: values.version!,
    secret,
    json: values.json ?? false,
    waitMs: values.wait === undefined ? 0 : parseDuration(values.wait, '--wait'),
    intervalMs: values.interval === undefined ? 30_000 : Math.max(1000, parseDuration(values.interval, '--interval')),
    retries,
    timeoutMs: values.timeout === undefined ? 30_000 : parseDuration(values.timeout, '--timeout'),
  };
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

type Answer = { kind: 'answer'; status: number; body: unknown } | { kind: 'unreachable'; reason: string };

/** One question, retried on 429, 5xx and network errors with bounded backoff. */
async function ask(options: GateOptions, io: GateIo): Promise<Answer> {
  const url = new URL(options.url);
  url.searchParams.set('project', options.project);
  url.searchParams.set('version', options.version);
  let last: Answer = { kind: 'unreachable', reason: 'no attempt made' };
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    let retryAfter: string | null = null;
    try {
      const response = await io.fetch(url, {
        method: 'GET',
        headers: { Accept: 'application/json', [GATE_SECRET_HEADER]: options.secret, 'User-Agent': 'preflight-cli' },
        signal: AbortSignal.timeout(options.timeoutMs),
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
    if (attempt < options.retries) {
      const delay = retryDelayMs(retryAfter, attempt, io.now());
      const why = last.kind === 'answer' ? `answered ${last.status}` : `could not be reached (${last.reason})`;
      io.err(`Preflight ${why}; retrying in ${Math.ceil(delay / 1000)} s (attempt ${attempt + 2} of ${options.retries + 1}).`);
      await io.sleep(delay);
    }
  }
  return last;
}

function errorMessage(answer: Answer): string {
  if (answer.kind === 'unreachable') return `Preflight could not be reached: ${answer.reason}`;
  const detail = typeof answer.body === 'object' && answer.body !== null && 'error' in answer.body ? String((answer.body as { error: unknown }).error) : String(answer.body).slice(0, 200);
  return `Preflight answered ${answer.status}: ${detail}`;
}

/** Runs the command; returns the exit code. */
export async function runGate(options: GateOptions, io: GateIo): Promise<number> {
  const deadline = io.now() + options.waitMs;
  for (;;) {
    const answer = await ask(options, io);
    const parsed = answer.kind === 'answer' && answer.status === 200 ? gateAnswerSchema.safeParse(answer.body) : undefined;
    if (!parsed?.success) {
      const message = parsed ? `Preflight's answer had an unexpected shape: ${parsed.error.issues[0]?.message ?? ''}` : errorMessage(answer);
      if (options.json) io.out(JSON.stringify({ error: message, ...(answer.kind === 'answer' && { status: answer.status }) }));
      else io.err(message);
      return EXIT.error;
    }
    const result = parsed.data;
    const remaining = deadline - io.now();
    if (result.decision === 'go' || remaining <= 0) {
      if (options.json) io.out(JSON.stringify(result));
      else summary(result, io);
      return result.decision === 'go' ? EXIT.go : EXIT.noGo;
    }
    if (!options.json) io.err(`No-go for ${result.project} ${result.version} (${result.phase}); asking again in ${Math.ceil(Math.min(options.intervalMs, remaining) / 1000)} s.`);
    await io.sleep(Math.min(options.intervalMs, remaining));
  }
}

function summary(result: ReturnType<typeof gateAnswerSchema.parse>, io: GateIo): void {
  io.out(`Preflight: ${result.decision === 'go' ? 'GO' : 'NO-GO'} for ${result.project} ${result.version} (phase: ${result.phase})`);
  if (result.failingGates.length > 0) {
    io.out('Failing gates:');
    for (const gate of result.failingGates) io.out(`  - ${gate}`);
  }
  if (result.reason) io.out(`Why: ${result.reason}`);
  io.out(`Evaluated at ${result.evaluatedAt}`);
}

/** The `preflight` command: `preflight gate ...`. */
export async function main(argv: string[], io: GateIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return command === undefined ? EXIT.error : 0;
  }
  if (command !== 'gate') {
    io.err(`Unknown command "${command}".\n${USAGE}`);
    return EXIT.error;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  try {
    return await runGate(parseGateArgs(rest, io.env), io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USAGE}`);
      return EXIT.error;
    }
    io.err(`preflight failed: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.error;
  }
}
