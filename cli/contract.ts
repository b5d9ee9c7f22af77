/**
 * The CI gate web trigger's contract as the CLI sees it. The app's side is src/shared/ci-gate.ts
 * (zod schemas); the CLI keeps its own small, dependency-free copy because it is shipped as one
 * file that pipelines download and run (bundling zod would add ~750 kB for four field checks).
 * test/cli/contract.test.ts holds the two copies together.
 */

/** Header that carries the project's gate secret (the trigger also accepts `Authorization: Bearer`). */
export const SECRET_HEADER = 'x-preflight-secret';

/** Atlassian's deployment states (the Deployments API's `state`), which the trigger accepts as `status`. */
export const DEPLOYMENT_STATUSES = ['pending', 'in_progress', 'successful', 'failed', 'rolled_back', 'cancelled', 'unknown'] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/** The gate's answer: phase and gate names only, never issue content. */
export interface GateAnswer {
  project: string;
  version: string;
  versionId?: string;
  phase: string;
  decision: 'go' | 'no-go';
  failingGates: string[];
  reason?: string;
  rule?: string;
  evaluatedAt: string;
}

/** The gate's answer for a release train: each member as in a version's answer, plus the unticked train gates. */
export interface TrainGateAnswer {
  train: string;
  name?: string;
  decision: 'go' | 'no-go';
  /** The train-level gates not ticked. */
  failingGates: string[];
  members: Array<{ project: string; version: string; phase: string; decision: 'go' | 'no-go'; failingGates: string[] }>;
  reason?: string;
  rule?: string;
  evaluatedAt: string;
}

/** What the trigger answers a deployment report. */
export interface DeploymentAnswer {
  recorded: true;
  project: string;
  environment: string;
  /** The kind the project counts the environment as (development, testing, staging, production). */
  kind: string;
  build: string;
  status: string;
  /** The release it was recorded on, or null when none matched. */
  release: { version: string } | null;
  /** One sentence for the log: what was recorded where, or why no release matched. */
  message: string;
}

type Check = { ok: true } | { ok: false; problem: string };
const object = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function fields(body: unknown, spec: Record<string, (value: unknown) => boolean>, expected: Record<string, string>): Check {
  if (!object(body)) return { ok: false, problem: 'expected a JSON object' };
  for (const [name, test] of Object.entries(spec)) {
    if (!test(body[name])) return { ok: false, problem: `${name}: expected ${expected[name]}` };
  }
  return { ok: true };
}

const str = (v: unknown) => typeof v === 'string';
const optStr = (v: unknown) => v === undefined || typeof v === 'string';

/** Loose, like the app's gateAnswerSchema: unknown fields may be added later. */
export function checkGateAnswer(body: unknown): { ok: true; value: GateAnswer } | { ok: false; problem: string } {
  const check = fields(
    body,
    {
      project: str,
      version: str,
      versionId: optStr,
      phase: str,
      decision: (v) => v === 'go' || v === 'no-go',
      failingGates: (v) => Array.isArray(v) && v.every(str),
      reason: optStr,
      rule: optStr,
      evaluatedAt: str,
    },
    { project: 'a string', version: 'a string', versionId: 'a string', phase: 'a string', decision: '"go" or "no-go"', failingGates: 'a list of gate names', reason: 'a string', rule: 'a string', evaluatedAt: 'a string' },
  );
  return check.ok ? { ok: true, value: body as GateAnswer } : check;
}

const decisionOf = (v: unknown) => v === 'go' || v === 'no-go';
const names = (v: unknown) => Array.isArray(v) && v.every(str);

/** Loose, like the app's trainGateAnswerSchema. */
export function checkTrainGateAnswer(body: unknown): { ok: true; value: TrainGateAnswer } | { ok: false; problem: string } {
  const member = (m: unknown) => object(m) && str(m.project) && str(m.version) && str(m.phase) && decisionOf(m.decision) && names(m.failingGates);
  const check = fields(
    body,
    { train: str, name: optStr, decision: decisionOf, failingGates: names, members: (v) => Array.isArray(v) && v.every(member), reason: optStr, rule: optStr, evaluatedAt: str },
    {
      train: 'a string',
      name: 'a string',
      decision: '"go" or "no-go"',
      failingGates: 'a list of gate names',
      members: 'a list of members (project, version, phase, decision, failingGates)',
      reason: 'a string',
      rule: 'a string',
      evaluatedAt: 'a string',
    },
  );
  return check.ok ? { ok: true, value: body as TrainGateAnswer } : check;
}

export function checkDeploymentAnswer(body: unknown): { ok: true; value: DeploymentAnswer } | { ok: false; problem: string } {
  const check = fields(
    body,
    {
      recorded: (v) => v === true,
      project: str,
      environment: str,
      kind: str,
      build: str,
      status: str,
      release: (v) => v === null || (object(v) && str(v.version)),
      message: str,
    },
    { recorded: 'true', project: 'a string', environment: 'a string', kind: 'a string', build: 'a string', status: 'a string', release: '{"version": "..."} or null', message: 'a string' },
  );
  return check.ok ? { ok: true, value: body as DeploymentAnswer } : check;
}

/**
 * "PAY 2.2" for project PAY and version "PAY 2.2" (Jira names versions after the project often),
 * "SHOP 1.4.0" for project SHOP and version "1.4.0".
 */
export function releaseLabel(project: string, version: string): string {
  // Project keys are upper case in Jira but typed any way on a command line ("--project pay"), and
  // version names spell the key with a space, dash or underscore ("PAY 2.2", "PAY-2.2").
  const key = project.toUpperCase();
  const name = version.toUpperCase();
  const named = name === key || (name.startsWith(key) && /^[\s_-]/.test(name.slice(key.length)));
  return named ? version : `${project} ${version}`;
}
