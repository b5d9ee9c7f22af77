import { z } from 'zod';
// Imports only zod, like this file.
import { trainIdSchema } from './trains';
import { buildIdSchema, DEPLOYMENT_STATUSES, deploymentStatusSchema, deploymentUrlSchema, environmentNameSchema, pipelineLabelSchema, type DeploymentStatus, type EnvironmentKind } from '../domain/deployments';

/**
 * The CI/CD go/no-go web trigger's contract, shared by the trigger (src/triggers) and the
 * CI client @preflight-release/cli (cli/), which keeps a dependency-free copy of the answer shapes
 * (cli/contract.ts; test/cli/contract.test.ts holds the two together). Imports only zod.
 */

/** The manifest key of the web trigger module (what `webTrigger.getUrl` and the local site use). */
export const GATE_WEBTRIGGER_KEY = 'preflight-ci-gate';

/** Header that carries the project's gate secret. `Authorization: Bearer <secret>` works too. */
export const GATE_SECRET_HEADER = 'x-preflight-secret';

/** A Jira project key as Jira allows them: a capital letter, then capitals, digits or underscores. */
export const projectKeySchema = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'expected a Jira project key such as "SHOP" (capital letters, digits, underscores)');

/** What a pipeline asks: one project and one of its versions, by id or by name. */
export const gateQuerySchema = z
  .object({
    project: projectKeySchema,
    /** A version id (digits) or a version name such as "1.4.0". */
    version: z.string().trim().min(1, 'expected a version id or name such as "1.4.0"').max(255, 'expected at most 255 characters'),
  })
  .strict();
export type GateQuery = z.infer<typeof gateQuerySchema>;

/** Optional `tag` on a gate answer when the pipeline sent a tag that the project's tag rule mapped to the Jira version. */
export interface GateTagMatch {
  /** What the pipeline sent, e.g. "v2.2.0". */
  tag: string;
  /** The Jira version name the rule gave, e.g. "PAY 2.2". */
  mappedTo: string;
}

export type GateDecision = 'go' | 'no-go';

/**
 * The answer. Only phase and gate names: never issue keys, summaries or any other issue content,
 * because a pipeline's logs are read by more people than the Jira project is.
 */
export interface GateAnswer {
  project: string;
  /** The version's name. */
  version: string;
  versionId: string;
  /** The release's current phase, by name. */
  phase: string;
  decision: GateDecision;
  /** Names of the gates that stand between the release and "go" (empty on go). */
  failingGates: string[];
  /** One sentence: why this decision, in terms of the rule below. */
  reason: string;
  /** The rule applied, so a pipeline log says what "go" means. */
  rule: string;
  /** Set when `version` was a tag that the project's tag rule mapped to this Jira version. */
  tag?: GateTagMatch;
  evaluatedAt: string;
}

/** What "go" means; documented in README.md and repeated in every answer. */
export const GO_RULE =
  'go when the release has reached the phase that releases the Jira version (Deployment in the default templates) or a later one, ' +
  'or when it is in the phase just before it (Release preparation) and none of that phase\'s gates block, the go/no-go sign-off included';

/** An error answer: what went wrong, in a sentence a pipeline log can show. */
export interface GateErrorBody {
  error: string;
}

/** Tests parse answers with this loose schema (the CLI's cli/contract.ts agrees): unknown fields may be added later. */
export const gateAnswerSchema = z.looseObject({
  project: z.string(),
  version: z.string(),
  versionId: z.string().optional(),
  phase: z.string(),
  decision: z.enum(['go', 'no-go']),
  failingGates: z.array(z.string()),
  reason: z.string().optional(),
  rule: z.string().optional(),
  evaluatedAt: z.string(),
});

// ---- Release trains (issue 14) ----------------------------------------------------------------

/**
 * What a pipeline asks about a release train: `train=<id>` instead of project and version. The
 * secret is the gate secret of any member project: a train is shared by its members, so a member's
 * pipeline may read the train's member names, phases and failing gate names (never issue content).
 */
export const trainGateQuerySchema = z.object({ train: trainIdSchema }).strict();
export type TrainGateQuery = z.infer<typeof trainGateQuerySchema>;

/** One member of the train in the answer: the same fields as a version's gate answer. */
export interface TrainGateMember {
  project: string;
  version: string;
  versionId: string;
  phase: string;
  decision: GateDecision;
  failingGates: string[];
}

export interface TrainGateAnswer {
  /** The train's id. */
  train: string;
  /** The train's name. */
  name: string;
  decision: GateDecision;
  /** The train-level gates not ticked (the members' own failing gates are in `members`). */
  failingGates: string[];
  members: TrainGateMember[];
  reason: string;
  rule: string;
  evaluatedAt: string;
}

/** Tests parse train answers with this loose schema (the CLI's cli/contract.ts agrees). */
export const trainGateAnswerSchema = z.looseObject({
  train: z.string(),
  name: z.string().optional(),
  decision: z.enum(['go', 'no-go']),
  failingGates: z.array(z.string()),
  members: z.array(z.looseObject({ project: z.string(), version: z.string(), phase: z.string(), decision: z.enum(['go', 'no-go']), failingGates: z.array(z.string()) })),
  reason: z.string().optional(),
  rule: z.string().optional(),
  evaluatedAt: z.string(),
});

// ---- Deployment reports (issue 13) ------------------------------------------------------------

/**
 * A deployment report: POST to the same web trigger, with the project's secret, a JSON body whose
 * `deployment` says which build went to which environment with which outcome. `version` (a tag or
 * a Jira version name) names the release; without it, the release whose build under test is
 * `build`. Field errors name the field, e.g. "deployment.status: expected one of …".
 */
export const deploymentReportSchema = z
  .object({
    project: projectKeySchema,
    deployment: z
      .object({
        environment: environmentNameSchema,
        build: buildIdSchema,
        status: deploymentStatusSchema,
        version: z.string().trim().min(1, 'expected a tag or a Jira version name such as "v2.2.0"').max(255, 'expected at most 255 characters').optional(),
        url: deploymentUrlSchema.optional(),
        pipeline: pipelineLabelSchema.optional(),
      })
      .strict(),
  })
  .strict();
export type DeploymentReport = z.infer<typeof deploymentReportSchema>;

export { DEPLOYMENT_STATUSES };

/** The answer to a deployment report. */
export interface DeploymentAnswer {
  recorded: true;
  project: string;
  environment: string;
  /** The kind the environment counts as (the project's mapping, else guessed from the name). */
  kind: EnvironmentKind;
  build: string;
  status: DeploymentStatus;
  /** The Preflight release the deployment was recorded on, or null when none matched. */
  release: { version: string; versionId: string } | null;
  /** One sentence for the pipeline log: what was recorded where, and what to do when nothing matched. */
  message: string;
}

/** Tests parse deployment answers with this loose schema (the CLI's cli/contract.ts agrees). */
export const deploymentAnswerSchema = z.looseObject({
  recorded: z.literal(true),
  project: z.string(),
  environment: z.string(),
  kind: z.string(),
  build: z.string(),
  status: z.string(),
  release: z.looseObject({ version: z.string() }).nullable(),
  message: z.string(),
});
