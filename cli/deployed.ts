import { parseArgs } from 'node:util';
import { DEPLOYMENT_STATUSES, checkDeploymentAnswer, releaseLabel, type DeploymentAnswer, type DeploymentStatus } from './contract';
import { COMMAND, EXIT, UsageError, errorMessage, parseTarget, send, type CliIo, type Target } from './http';

/**
 * `preflight-release deployed`: reports a deployment (which build, in which environment, with what
 * outcome) to the same web trigger the gate uses. Exit codes: 0 recorded, 2 error.
 */

export interface DeployedOptions extends Target {
  project: string;
  deployment: { environment: string; build: string; status: DeploymentStatus; version?: string; url?: string; pipeline?: string };
  json: boolean;
}

export const DEPLOYED_USAGE = `Usage: ${COMMAND} deployed --gate-url <web trigger URL> --project <KEY> --env <environment> --build <id> --status <status> [options]

Tells Preflight which build was deployed to which environment, and how it went. The project's
gate secret comes from PREFLIGHT_GATE_SECRET; the web trigger URL may come from
PREFLIGHT_GATE_URL instead of --gate-url.

  --env <name>         the environment as your pipeline names it (production, UAT, qa1, ...)
  --build <id>         the build that was deployed (the release's "build under test")
  --status <status>    ${DEPLOYMENT_STATUSES.join(', ')}

Options:
  --version <name>     the release: a tag (v2.2.0) or a Jira version name; without it, the
                       release whose build under test is --build
  --url <link>         a link to the deployment (the pipeline run)
  --pipeline <text>    the pipeline run's name, e.g. "deploy #42"
  --json               print the answer as JSON (for machines)
  --retries <n>        retries of the request on 429, 5xx or network errors (default 4)
  --timeout <dur>      time limit of one request (default 30s)

Exit codes: 0 recorded, 2 error.`;

/** Validated options from argv and the environment. @throws UsageError naming the problem. */
export function parseDeployedArgs(argv: string[], env: CliIo['env']): DeployedOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'gate-url': { type: 'string' },
        project: { type: 'string' },
        env: { type: 'string' },
        build: { type: 'string' },
        status: { type: 'string' },
        version: { type: 'string' },
        url: { type: 'string' },
        pipeline: { type: 'string' },
        json: { type: 'boolean', default: false },
        retries: { type: 'string' },
        timeout: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  for (const name of ['project', 'env', 'build', 'status'] as const) {
    if (!values[name]?.trim()) throw new UsageError(`--${name} is required`);
  }
  const status = values.status!.trim();
  if (!(DEPLOYMENT_STATUSES as readonly string[]).includes(status)) {
    throw new UsageError(`--status: expected one of ${DEPLOYMENT_STATUSES.join(', ')}, got "${status}"`);
  }
  if (values.url !== undefined) {
    let link: URL | undefined;
    try {
      link = new URL(values.url);
    } catch {
      link = undefined;
    }
    if (!link || (link.protocol !== 'https:' && link.protocol !== 'http:')) throw new UsageError(`--url: expected an http(s) link to the deployment, got "${values.url}"`);
  }
  return {
    ...parseTarget(values, env),
    project: values.project!.trim(),
    deployment: {
      environment: values.env!.trim(),
      build: values.build!.trim(),
      status: status as DeploymentStatus,
      ...(values.version?.trim() && { version: values.version.trim() }),
      ...(values.url !== undefined && { url: values.url }),
      ...(values.pipeline?.trim() && { pipeline: values.pipeline.trim() }),
    },
    json: values.json ?? false,
  };
}

/** Runs the command; returns the exit code. */
export async function runDeployed(options: DeployedOptions, io: CliIo): Promise<number> {
  const answer = await send(options, { method: 'POST', url: new URL(options.url), body: { project: options.project, deployment: options.deployment } }, io);
  const parsed = answer.kind === 'answer' && answer.status === 200 ? checkDeploymentAnswer(answer.body) : undefined;
  if (!parsed?.ok) {
    const message = parsed ? `Preflight's answer had an unexpected shape: ${parsed.problem}` : errorMessage(answer);
    if (options.json) io.out(JSON.stringify({ error: message, ...(answer.kind === 'answer' && { status: answer.status }) }));
    else io.err(message);
    return EXIT.error;
  }
  if (options.json) io.out(JSON.stringify(parsed.value));
  else summary(parsed.value, io);
  return EXIT.go;
}

function summary(result: DeploymentAnswer, io: CliIo): void {
  const where = result.kind !== result.environment ? `${result.environment} (${result.kind})` : result.environment;
  const release = result.release ? `for ${releaseLabel(result.project, result.release.version)}` : `for ${result.project}, no release matched`;
  io.out(`Preflight: recorded build ${result.build} ${result.status} in ${where} ${release}`);
  io.out(result.message);
}
