import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { validate } from '@forge/manifest';
import { lint, problemCount, type LintResult } from '@forge/lint';
import { StatsigReader, type DynamicConfig, type DynamicConfigKey } from '@forge/cli-shared';
import { REPO_ROOT as repoRoot, requireSpecFile } from '../contracts/spec-files';

/**
 * The checks `forge deploy` runs before it uploads, run offline: full manifest validation and the
 * client-side Forge linter (which also checks that manifest scopes cover every REST call in src/).
 */

export interface ManifestCheckResult {
  success: boolean;
  errors: string[];
}

/** Full (not basic) validation of manifest.yml, as `forge deploy` does. */
export async function checkManifest(manifestPath = join(repoRoot, 'manifest.yml')): Promise<ManifestCheckResult> {
  const result = await validate(false, manifestPath);
  return {
    success: result.success,
    errors: (result.errors ?? []).map((e) => `${e.message}${e.reference ? ` (${String(e.reference)})` : ''}`),
  };
}

/** The Forge CLI asks a remote feature-flag service; offline, every flag is off and configs empty. */
class OfflineFlags extends StatsigReader {
  async checkGate(): Promise<boolean | null> {
    return null;
  }
  async getDynamicConfig<F extends DynamicConfigKey>(): Promise<DynamicConfig[F] | null> {
    return null;
  }
}

export interface ForgeLintSummary {
  errors: number;
  warnings: number;
  /** One line per problem: file:line rule message. */
  problems: string[];
}

/**
 * Runs @forge/lint in client-side mode on the backend sources. The permission linter needs six
 * product specs; Preflight calls only Jira platform v3 and Confluence v2, which come from the
 * contract files. The others (JSM, Jira Software, Confluence v1, Bitbucket) get empty specs, so a
 * call to one of those APIs shows up as an unknown endpoint instead of passing silently.
 */
export async function runForgeLint(
  files: string[],
  options: {
    /** Lint as if manifest.yml declared these scopes instead: proves the linter catches a missing one. */
    scopesOverride?: string[];
  } = {},
): Promise<ForgeLintSummary> {
  const emptySpecDir = join(repoRoot, '.cache', 'forge-lint');
  mkdirSync(emptySpecDir, { recursive: true });
  const emptySpec = join(emptySpecDir, 'empty-openapi.json');
  writeFileSync(emptySpec, JSON.stringify({ openapi: '3.0.1', info: { title: 'unused', version: '0' }, paths: {} }));
  Object.assign(process.env, {
    USE_LOCAL_SWAGGER: '1',
    LOCAL_JIRA_SWAGGER: requireSpecFile('jira'),
    LOCAL_CONF_V2_SWAGGER: requireSpecFile('confluence'),
    LOCAL_JSM_SWAGGER: emptySpec,
    LOCAL_JSW_SWAGGER: emptySpec,
    LOCAL_CONF_SWAGGER: emptySpec,
    LOCAL_BB_SWAGGER: emptySpec,
  });
  const manifest = await validate(false, join(repoRoot, 'manifest.yml'));
  if (!manifest.success || !manifest.manifestObject) {
    throw new Error(`manifest.yml is invalid: ${(manifest.errors ?? []).map((e) => e.message).join('; ')}`);
  }
  const typed = manifest.manifestObject.typedContent;
  const linted = options.scopesOverride && typed
    ? { ...typed, permissions: { ...(typed.permissions ?? {}), scopes: options.scopesOverride } }
    : typed;
  const quietLogger = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined, trace: () => undefined };
  const previousCwd = process.cwd();
  // The linter resolves paths and tsconfig relative to the app directory, like the CLI does.
  process.chdir(repoRoot);
  let results: LintResult[];
  try {
    results = await lint(
      files.map((f) => relative(repoRoot, f)),
      linted as Parameters<typeof lint>[1],
      'development',
      quietLogger as unknown as Parameters<typeof lint>[3],
      new OfflineFlags() as unknown as Parameters<typeof lint>[4],
      { linter: { mode: 'client-side' } },
    );
  } finally {
    process.chdir(previousCwd);
  }
  const counts = problemCount(results);
  const problems = results.flatMap((r) =>
    [...r.errors, ...r.warnings].map((p) => `${r.file}:${p.line} ${p.reference ?? ''} ${p.message}`),
  );
  return { errors: counts.errors, warnings: counts.warnings, problems };
}
