import { z } from 'zod';

/**
 * Deployments per environment: what CI reports ("build 2.2.0 went to production, successfully, by
 * deploy #42"), how a free-text environment name maps to a kind, and what a release's record keeps
 * of it. Pure: no I/O.
 */

/** Atlassian's deployment states (the Jira Software deployments API), so CI tools can pass theirs through. */
export const DEPLOYMENT_STATUSES = ['pending', 'in_progress', 'successful', 'failed', 'rolled_back', 'cancelled', 'unknown'] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/** The environment kinds Preflight reasons about; a project maps its own names (UAT, SIT, qa1) onto them. */
export const ENVIRONMENT_KINDS = ['development', 'testing', 'staging', 'production'] as const;
export type EnvironmentKind = (typeof ENVIRONMENT_KINDS)[number];

export const ENVIRONMENT_KIND_LABELS: Record<EnvironmentKind, string> = {
  development: 'Development',
  testing: 'Testing',
  staging: 'Staging',
  production: 'Production',
};

/** A build id as CI tools print them: 1 to 64 letters, digits, `.`, `-`, `_`, `+`. */
export const buildIdSchema = z.string().regex(/^[A-Za-z0-9._+-]{1,64}$/, 'expected 1 to 64 letters, digits, ".", "-", "_" or "+"');

const isoInstant = z.string().datetime({ message: 'expected an ISO 8601 timestamp' });

/** An environment name as teams write them: "production", "UAT", "prod-eu", "qa 1". */
export const environmentNameSchema = z
  .string()
  .trim()
  .min(1, 'expected an environment name such as "production"')
  .max(64, 'expected at most 64 characters')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._/-]*$/u, 'expected letters, digits, spaces, ".", "_", "/" or "-", starting with a letter or digit');

export const deploymentStatusSchema = z.enum(DEPLOYMENT_STATUSES, {
  message: `expected one of ${DEPLOYMENT_STATUSES.join(', ')}`,
});
export const environmentKindSchema = z.enum(ENVIRONMENT_KINDS, {
  message: `expected one of ${ENVIRONMENT_KINDS.join(', ')}`,
});

/** A pipeline run link: https only, because the panel renders it as a link. */
export const deploymentUrlSchema = z
  .string()
  .trim()
  .max(2000, 'expected at most 2000 characters')
  .url('expected an https:// link to the pipeline run')
  .refine((url) => url.startsWith('https://'), 'expected an https:// link to the pipeline run');

/** A pipeline run's label, e.g. "deploy #42". */
export const pipelineLabelSchema = z.string().trim().min(1, 'expected a pipeline run label such as "deploy #42"').max(120, 'expected at most 120 characters');

/** One environment's latest deployment, as a release record or the project's "what runs where" keeps it. */
export const deploymentSchema = z.object({
  kind: environmentKindSchema,
  build: z.string().min(1).max(64),
  status: deploymentStatusSchema,
  at: isoInstant,
  url: z.string().optional(),
  pipeline: z.string().optional(),
});
export type Deployment = z.infer<typeof deploymentSchema>;

/** A release record's deployments, by environment name (as CI reported it). */
export const releaseDeploymentsSchema = z.record(z.string(), deploymentSchema);
export type ReleaseDeployments = z.infer<typeof releaseDeploymentsSchema>;

/**
 * The latest SUCCESSFUL production deployment a release has recorded: when the release really went
 * live (the bedding-in window and the announcement date count from it). Undefined before one.
 */
export function productionDeployment(record: { deployments?: ReleaseDeployments }): { build: string; at: string } | undefined {
  const successful = Object.values(record.deployments ?? {}).filter((d) => d.kind === 'production' && d.status === 'successful');
  const latest = successful.sort((a, b) => b.at.localeCompare(a.at))[0];
  return latest && { build: latest.build, at: latest.at };
}

/**
 * Where `build` stands in production, for the Deployment gate: with several production
 * environments (prod-eu, prod-us) the latest one that is NOT successful, else the latest
 * successful one. A failed or rolled-back environment counts against the build even after another
 * succeeded. Undefined when no production environment reported this build.
 */
export function productionStateOf(record: { deployments?: ReleaseDeployments }, build: string): { environment: string; deployment: Deployment } | undefined {
  const entries = Object.entries(record.deployments ?? {})
    .filter(([, d]) => d.kind === 'production' && d.build === build)
    .map(([environment, deployment]) => ({ environment, deployment }))
    .sort((a, b) => b.deployment.at.localeCompare(a.deployment.at));
  return entries.find((e) => e.deployment.status !== 'successful') ?? entries[0];
}

// ---- Environment names -> kinds ---------------------------------------------------------------

/**
 * Words that name a kind, matched as whole words of the environment name ("prod-eu" has the word
 * "prod"; "product-demo" has none). Trailing digits are ignored ("qa1", "stage2"). UAT and SIT
 * count as testing: they are where people test the build, not a copy of production.
 */
const KIND_WORDS: Array<[EnvironmentKind, ReadonlySet<string>]> = [
  ['staging', new Set(['staging', 'stage', 'stg', 'preprod', 'preproduction', 'prestaging', 'preview'])],
  ['production', new Set(['production', 'prod', 'prd', 'live'])],
  ['testing', new Set(['test', 'tests', 'testing', 'tst', 'qa', 'uat', 'sit', 'acceptance', 'integration', 'int', 'e2e'])],
  ['development', new Set(['development', 'dev', 'develop', 'local', 'sandbox', 'review'])],
];

/** The kind an unmapped, unrecognised name counts as: the one that can open no gate. */
export const FALLBACK_KIND: EnvironmentKind = 'development';

/**
 * The kind a name suggests, or undefined when no word of it is known. "pre-prod" and "pre prod"
 * are staging, not production: the two words are read together first.
 */
export function guessEnvironmentKind(name: string): EnvironmentKind | undefined {
  const lower = name.toLowerCase();
  const words = lower.split(/[^a-z0-9]+/).filter((w) => w.length > 0);
  const joined = new Set(words.slice(1).map((w, i) => `${words[i]}${w}`));
  const bare = new Set(words.map((w) => w.replace(/\d+$/, '')));
  for (const [kind, known] of KIND_WORDS) {
    if ([...joined].some((w) => known.has(w))) return kind;
  }
  for (const [kind, known] of KIND_WORDS) {
    if ([...bare].some((w) => known.has(w))) return kind;
  }
  return undefined;
}

/** Environment name -> kind as a project maps them; keys compare case-insensitively. */
export type EnvironmentMapping = Record<string, EnvironmentKind>;

/**
 * The kind of an environment: the project's mapping first (case-insensitive), else the guess from
 * its name, else FALLBACK_KIND. `source` says which, so an answer can tell CI to map the name.
 */
export function environmentKindOf(name: string, mapping: EnvironmentMapping | undefined): { kind: EnvironmentKind; source: 'mapping' | 'guess' | 'fallback' } {
  const key = name.trim().toLowerCase();
  const mapped = Object.entries(mapping ?? {}).find(([n]) => n.trim().toLowerCase() === key)?.[1];
  if (mapped) return { kind: mapped, source: 'mapping' };
  const guessed = guessEnvironmentKind(name);
  return guessed ? { kind: guessed, source: 'guess' } : { kind: FALLBACK_KIND, source: 'fallback' };
}

// ---- Tag rules: v2.2.0 -> PAY 2.2 ---------------------------------------------------------------

/**
 * A tag rule as a PM writes it: a tag pattern with placeholders and the Jira version name to build
 * from them, e.g. `v{major}.{minor}.{patch}` -> `PAY {major}.{minor}`. Placeholders stand for
 * digits only and everything else is literal, so a rule compiles to a regular expression without
 * alternation or nested repetition: matching is linear in the tag's length and cannot hang.
 */
export const TAG_PLACEHOLDERS = ['major', 'minor', 'patch', 'build'] as const;
const PLACEHOLDER = /\{([a-z]+)\}/g;

export const tagRuleSchema = z
  .object({
    tag: z.string().trim().min(1, 'expected a tag pattern such as "v{major}.{minor}.{patch}"').max(100, 'expected at most 100 characters'),
    version: z.string().trim().min(1, 'expected a version name such as "PAY {major}.{minor}"').max(100, 'expected at most 100 characters'),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const inTag = [...rule.tag.matchAll(PLACEHOLDER)].map((m) => m[1]!);
    const unknown = [...inTag, ...[...rule.version.matchAll(PLACEHOLDER)].map((m) => m[1]!)].find((p) => !(TAG_PLACEHOLDERS as readonly string[]).includes(p));
    if (unknown) ctx.addIssue({ code: 'custom', path: [inTag.includes(unknown) ? 'tag' : 'version'], message: `unknown placeholder {${unknown}}: use ${TAG_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}` });
    if (inTag.length === 0) ctx.addIssue({ code: 'custom', path: ['tag'], message: 'expected at least one placeholder such as {major}' });
    if (new Set(inTag).size !== inTag.length) ctx.addIssue({ code: 'custom', path: ['tag'], message: 'expected each placeholder at most once' });
    // Two placeholders side by side ("{major}{minor}") cannot be told apart.
    if (/\}\{/.test(rule.tag)) ctx.addIssue({ code: 'custom', path: ['tag'], message: 'expected something between two placeholders, such as "."' });
    const missing = [...rule.version.matchAll(PLACEHOLDER)].map((m) => m[1]!).find((p) => !inTag.includes(p));
    if (missing && !unknown) ctx.addIssue({ code: 'custom', path: ['version'], message: `{${missing}} is not in the tag pattern` });
  });
export type TagRule = z.infer<typeof tagRuleSchema>;

export const tagRulesSchema = z.array(tagRuleSchema).max(5, 'expected at most 5 tag rules');

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The Jira version name a tag maps to under one rule, or undefined when the tag does not fit it. */
export function applyTagRule(tag: string, rule: TagRule): string | undefined {
  if (tag.length > 255) return undefined;
  const names: string[] = [];
  const source = rule.tag
    .split(PLACEHOLDER)
    .map((part, i) => {
      if (i % 2 === 0) return escapeRegExp(part);
      names.push(part);
      return '(\\d{1,9})';
    })
    .join('');
  const match = new RegExp(`^${source}$`).exec(tag.trim());
  if (!match) return undefined;
  const values = new Map(names.map((n, i) => [n, String(Number(match[i + 1]))]));
  return rule.version.replace(PLACEHOLDER, (_all, p: string) => values.get(p) ?? '');
}

/** The version name the first fitting rule gives a tag (rules in order), with the rule that fit. */
export function versionForTag(tag: string, rules: readonly TagRule[] | undefined): { name: string; rule: TagRule } | undefined {
  for (const rule of rules ?? []) {
    const name = applyTagRule(tag, rule);
    if (name !== undefined) return { name, rule };
  }
  return undefined;
}

// ---- Recording a deployment on a release ------------------------------------------------------

/** A deployment CI reported, once its environment's kind is known. */
export interface ReportedDeployment {
  environment: string;
  kind: EnvironmentKind;
  build: string;
  status: DeploymentStatus;
  at: string;
  url?: string;
  pipeline?: string;
}

/** The same report as the one stored: same environment, build, status and pipeline run (CI retried the call). */
export function sameDeployment(stored: Deployment | undefined, d: ReportedDeployment): boolean {
  return stored !== undefined && stored.kind === d.kind && stored.build === d.build && stored.status === d.status && (stored.pipeline ?? '') === (d.pipeline ?? '');
}
