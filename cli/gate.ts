import { parseArgs } from 'node:util';
import { checkGateAnswer, checkTrainGateAnswer, releaseLabel, type GateAnswer, type TrainGateAnswer } from './contract';
import { COMMAND, EXIT, UsageError, errorMessage, parseDuration, parseTarget, send, type CliIo, type Target } from './http';

/**
 * `preflight-release gate`: asks Preflight's CI gate web trigger whether a release may deploy.
 * Exit codes: 0 go, 1 no-go, 2 error (bad arguments, wrong secret, unknown version, Preflight
 * unreachable after retries).
 */

export interface GateOptions extends Target {
  /** A release: project and version. */
  project?: string;
  version?: string;
  /** Or a release train by id (e.g. "2026.12"), instead of project and version. */
  train?: string;
  json: boolean;
  /** Poll until go or until this many ms have passed; 0 asks once. */
  waitMs: number;
  intervalMs: number;
}

export const GATE_USAGE = `Usage: ${COMMAND} gate --gate-url <web trigger URL> --project <KEY> --version <name, id or tag> [options]
       ${COMMAND} gate --gate-url <web trigger URL> --train <train id> [options]

Asks Preflight whether a release (or a release train: every member go and every train gate
ticked) may deploy. The project's gate secret comes from the PREFLIGHT_GATE_SECRET environment
variable (Project settings > Preflight > Integrations); for a train, the secret of any of its
member projects. The web trigger URL may come from PREFLIGHT_GATE_URL instead of --gate-url.

Options:
  --json               print the answer as JSON (for machines)
  --wait <duration>    poll until go or until the time runs out (e.g. 30s, 15m, 2h)
  --interval <dur>     time between polls with --wait (default 30s)
  --retries <n>        retries of a request on 429, 5xx or network errors (default 4)
  --timeout <dur>      time limit of one request (default 30s)

Exit codes: 0 go, 1 no-go, 2 error.`;

/** Validated options from argv and the environment. @throws UsageError naming the problem. */
export function parseGateArgs(argv: string[], env: CliIo['env']): GateOptions {
  if (argv.some((a) => a === '--url' || a.startsWith('--url='))) {
    throw new UsageError('--url: the web trigger address is --gate-url (or PREFLIGHT_GATE_URL); --url is the deployment link of the deployed command');
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'gate-url': { type: 'string' },
        project: { type: 'string' },
        version: { type: 'string' },
        train: { type: 'string' },
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
  if (values.train !== undefined) {
    if (values.project !== undefined || values.version !== undefined) throw new UsageError('--train: ask about a train or about one release (--project and --version), not both');
    if (!/^[a-z0-9][a-z0-9._-]{0,62}$/.test(values.train)) throw new UsageError('--train: expected a train id such as "2026.12" (lower-case letters, digits, . _ -)');
  } else {
    for (const name of ['project', 'version'] as const) {
      if (!values[name]) throw new UsageError(`--${name} is required (or --train <train id>)`);
    }
  }
  return {
    ...parseTarget(values, env),
    ...(values.train !== undefined ? { train: values.train } : { project: values.project!, version: values.version! }),
    json: values.json ?? false,
    waitMs: values.wait === undefined ? 0 : parseDuration(values.wait, '--wait'),
    intervalMs: values.interval === undefined ? 30_000 : Math.max(1000, parseDuration(values.interval, '--interval')),
  };
}

/** Runs the command; returns the exit code. */
export async function runGate(options: GateOptions, io: CliIo): Promise<number> {
  const deadline = io.now() + options.waitMs;
  const url = new URL(options.url);
  if (options.train !== undefined) url.searchParams.set('train', options.train);
  else {
    url.searchParams.set('project', options.project ?? '');
    url.searchParams.set('version', options.version ?? '');
  }
  const check = (body: unknown) => (options.train !== undefined ? checkTrainGateAnswer(body) : checkGateAnswer(body));
  for (;;) {
    const answer = await send(options, { method: 'GET', url }, io);
    const parsed = answer.kind === 'answer' && answer.status === 200 ? check(answer.body) : undefined;
    if (!parsed?.ok) {
      const message = parsed ? `Preflight's answer had an unexpected shape: ${parsed.problem}` : errorMessage(answer);
      if (options.json) io.out(JSON.stringify({ error: message, ...(answer.kind === 'answer' && { status: answer.status }) }));
      else io.err(message);
      return EXIT.error;
    }
    const result = parsed.value;
    const remaining = deadline - io.now();
    if (result.decision === 'go' || remaining <= 0) {
      if (options.json) io.out(JSON.stringify(result));
      else if ('members' in result) trainSummary(result, io);
      else summary(result, io);
      return result.decision === 'go' ? EXIT.go : EXIT.noGo;
    }
    const what = 'members' in result ? `the train ${result.name ?? result.train}` : `${releaseLabel(result.project, result.version)} (${result.phase})`;
    if (!options.json) io.err(`No-go for ${what}; asking again in ${Math.ceil(Math.min(options.intervalMs, remaining) / 1000)} s.`);
    await io.sleep(Math.min(options.intervalMs, remaining));
  }
}

function summary(result: GateAnswer, io: CliIo): void {
  io.out(`Preflight: ${result.decision === 'go' ? 'GO' : 'NO-GO'} for ${releaseLabel(result.project, result.version)} (phase: ${result.phase})`);
  if (result.failingGates.length > 0) {
    io.out('Failing gates:');
    for (const gate of result.failingGates) io.out(`  - ${gate}`);
  }
  if (result.reason) io.out(`Why: ${result.reason}`);
  io.out(`Evaluated at ${result.evaluatedAt}`);
}

function trainSummary(result: TrainGateAnswer, io: CliIo): void {
  io.out(`Preflight: ${result.decision === 'go' ? 'GO' : 'NO-GO'} for the train ${result.name ?? result.train}`);
  io.out(result.members.length > 0 ? 'Members:' : 'Members: none yet');
  for (const m of result.members) {
    io.out(`  ${m.decision === 'go' ? 'GO   ' : 'NO-GO'} ${releaseLabel(m.project, m.version)} (phase: ${m.phase})`);
    for (const gate of m.failingGates) io.out(`        - ${gate}`);
  }
  if (result.failingGates.length > 0) {
    io.out('Train gates not ticked:');
    for (const gate of result.failingGates) io.out(`  - ${gate}`);
  }
  if (result.reason) io.out(`Why: ${result.reason}`);
  io.out(`Evaluated at ${result.evaluatedAt}`);
}
