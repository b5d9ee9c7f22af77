/**
 * Pre-test step: makes sure both Atlassian OpenAPI specs are available to the contract tests.
 *
 * Looks where local/contracts looks (PREFLIGHT_CONTRACTS_DIR, ../shared/contracts); only when
 * neither has a file does it download Atlassian's published copy into the ignored .cache/contracts
 * folder. The specs are Atlassian's, so they are never committed to this repository.
 *
 * A failed download is reported but does not stop `npm test`: the other tests still run, and the
 * contract tests then fail with a message listing every place the specs were looked for.
 *
 * Usage: npx tsx scripts/fetch-contracts.ts
 */
import { join } from 'node:path';
import { writeJsonAtomic } from '../local/persist/json-file';
import {
  CONTRACTS_CACHE_DIR,
  PRODUCT_NAMES,
  SPEC_FILE_NAMES,
  SPEC_UPSTREAM_URLS,
  findSpecFile,
  type Product,
} from '../local/contracts/spec-files';

const DOWNLOAD_TIMEOUT_MS = 60_000;

/** Downloads one spec and checks it looks like an OpenAPI document before caching it. */
async function download(product: Product): Promise<string> {
  const url = SPEC_UPSTREAM_URLS[product];
  const res = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}`);
  const doc = (await res.json()) as { openapi?: unknown; paths?: unknown };
  // A captive portal or an error page would otherwise be cached and fail every test obscurely.
  if (typeof doc.openapi !== 'string' || typeof doc.paths !== 'object' || doc.paths === null) {
    throw new Error(`${url} did not return an OpenAPI document`);
  }
  const file = join(CONTRACTS_CACHE_DIR, SPEC_FILE_NAMES[product]);
  writeJsonAtomic(file, doc);
  return file;
}

async function main(): Promise<void> {
  for (const product of ['jira', 'confluence'] as const) {
    const existing = findSpecFile(product);
    if (existing) {
      console.log(`contracts: ${PRODUCT_NAMES[product]} spec found at ${existing}`);
      continue;
    }
    try {
      console.log(`contracts: downloading the ${PRODUCT_NAMES[product]} spec from ${SPEC_UPSTREAM_URLS[product]}`);
      console.log(`contracts: saved to ${await download(product)}`);
    } catch (err) {
      console.warn(
        `contracts: could not download the ${PRODUCT_NAMES[product]} spec (${err instanceof Error ? err.message : String(err)}). ` +
          'Contract tests will fail until it is available; set PREFLIGHT_CONTRACTS_DIR to a folder holding it.',
      );
    }
  }
}

void main();
