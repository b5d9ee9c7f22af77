import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The two Atlassian products whose published OpenAPI documents we validate against. */
export type Product = 'jira' | 'confluence';

/** File names as they sit in ../shared/contracts (and in the download cache). */
export const SPEC_FILE_NAMES: Readonly<Record<Product, string>> = {
  jira: 'jira-platform.openapi.json',
  confluence: 'confluence-v2.openapi.json',
};

/** Atlassian's published copies, downloaded only when no local copy exists (see scripts/fetch-contracts.ts). */
export const SPEC_UPSTREAM_URLS: Readonly<Record<Product, string>> = {
  jira: 'https://developer.atlassian.com/cloud/jira/platform/swagger-v3.v3.json',
  confluence: 'https://developer.atlassian.com/cloud/confluence/openapi-v2.v3.json',
};

/** Human names used in error messages. */
export const PRODUCT_NAMES: Readonly<Record<Product, string>> = { jira: 'Jira', confluence: 'Confluence' };

/**
 * The repository root, found from this file's location rather than from process.cwd(): tests,
 * scripts and the local site may each be started from a different directory.
 */
export const REPO_ROOT = resolve(__dirname, '..', '..');

/** The ignored folder that scripts/fetch-contracts.ts fills when no other copy exists. */
export const CONTRACTS_CACHE_DIR = join(REPO_ROOT, '.cache', 'contracts');

/** One place the specs may be, with a label saying why we look there (for error messages). */
export interface SpecDir {
  dir: string;
  why: string;
}

/**
 * The folders searched for spec files, in order: PREFLIGHT_CONTRACTS_DIR (when set), the shared
 * folder beside the repository, then the download cache.
 */
export function specSearchDirs(env: NodeJS.ProcessEnv = process.env): SpecDir[] {
  const dirs: SpecDir[] = [];
  const fromEnv = env['PREFLIGHT_CONTRACTS_DIR'];
  if (fromEnv && fromEnv.trim() !== '') dirs.push({ dir: resolve(fromEnv), why: 'PREFLIGHT_CONTRACTS_DIR' });
  dirs.push({ dir: resolve(REPO_ROOT, '..', 'shared', 'contracts'), why: 'shared folder beside the repository' });
  dirs.push({ dir: CONTRACTS_CACHE_DIR, why: 'download cache filled by scripts/fetch-contracts.ts' });
  return dirs;
}

/** Where a product's spec file is, or undefined when none of the search folders has it. */
export function findSpecFile(product: Product, dirs: readonly SpecDir[] = specSearchDirs()): string | undefined {
  for (const { dir } of dirs) {
    const file = join(dir, SPEC_FILE_NAMES[product]);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/**
 * Like findSpecFile, but throws an error that lists every place looked in and how to fix it, so
 * a contract test on a fresh machine fails with something a person can act on.
 */
export function requireSpecFile(product: Product, dirs: readonly SpecDir[] = specSearchDirs()): string {
  const found = findSpecFile(product, dirs);
  if (found) return found;
  const looked = dirs
    .map(({ dir, why }) => `  - ${join(dir, SPEC_FILE_NAMES[product])} (${why})`)
    .join('\n');
  throw new Error(
    `The ${PRODUCT_NAMES[product]} OpenAPI spec (${SPEC_FILE_NAMES[product]}) was not found. Looked in:\n${looked}\n` +
      `Set PREFLIGHT_CONTRACTS_DIR to a folder holding it, or run \`npx tsx scripts/fetch-contracts.ts\` ` +
      `with network access to download it from ${SPEC_UPSTREAM_URLS[product]}.`,
  );
}
