import { z } from 'zod';

/**
 * The CI/CD go/no-go web trigger's contract, shared by the trigger (src/triggers) and the
 * `preflight gate` CLI (cli/). Imports only zod.
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

/** The CLI and tests parse answers with this loose schema: unknown fields may be added later. */
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
