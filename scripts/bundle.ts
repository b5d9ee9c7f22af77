/**
 * `npm run bundle`: bundles the app's functions with Forge's own bundler, the way `forge deploy`
 * does, into build/bundle/ (git-ignored). The local site, the emulated site of the tests and the
 * benchmark then load their handlers from that folder (local/runtime/bundle.ts), not from src/.
 *
 * What `forge deploy` does (read in @forge/cli 13.3's deploy/packager/runtime-bundler.js and
 * command-line/dependency-injection.js), and what this script repeats step for step:
 * - handlers: `ConfigFile.getAppHandlers()` of @forge/cli-shared (manifest `function` entries,
 *   `index.handler` -> module `index`); entry points: `getEntryPoints(handlers)` (src/<module>);
 * - bundler: `getNodeBundler(logger, wrapperProvider, configFile).bundle({ appDirectory, entryPoints })`,
 *   i.e. webpack + ts-loader over the app's own tsconfig.json, output `[name].cjs` with source maps;
 * - archive: every file of the bundler's output folder, its `additionalOutputs`, the manifest
 *   (as JSON, under manifest.yml) and package.json / package-lock.json.
 * The one difference: the CLI downloads Forge's runtime loader and wrapper (`__forge__.cjs`,
 * `__forge_wrapper__.cjs`) from Atlassian's CDN. This script works offline, so those two files are
 * placeholders that say so; locally, local/runtime plays the loader's part (see its README).
 *
 * Usage: npm run bundle [-- --if-stale]
 *   --if-stale  build only when src/, manifest.yml, tsconfig.json or the package files changed
 *               after the last bundle (npm start, npm test, test:e2e, bench and jest's globalSetup
 *               use it; a plain `npm run bundle`, as in CI, always builds).
 * Concurrent runs (several people's jest runs in one tree) take turns through a lock folder, and
 * the finished bundle replaces the old one by rename, so a reader never sees half a bundle.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { getEntryPoints, getNodeBundler } from '@forge/bundler';
import { ConfigFile, FileSystemReader, FileSystemWriter, type Logger } from '@forge/cli-shared';
import { BUNDLE_DIR, bundleFile, bundleStaleness } from '../local/runtime/bundle';

const APP_ROOT = join(__dirname, '..');
const LOCK_DIR = join(APP_ROOT, 'build', '.bundle-lock');
/** A lock older than this belongs to a run that died; bundling takes well under a minute. */
const LOCK_STALE_MS = 5 * 60_000;

const OFFLINE_RUNTIME_NOTE =
  "Forge's runtime loader and wrapper are downloaded from Atlassian's CDN by forge deploy. " +
  'npm run bundle works offline and leaves them out; locally, local/runtime loads index.cjs instead.';

/** Stands in for @forge/bundler's NetworkWrapperProvider, which fetches the runtime from the CDN. */
const offlineWrapperProvider = {
  getNodeRuntimeWrapper: () => Promise.resolve({ script: `throw new Error(${JSON.stringify(OFFLINE_RUNTIME_NOTE)});\n`, source: 'offline', version: 'offline-placeholder' }),
  getNodeRuntimeLoader: () => Promise.resolve({ script: `throw new Error(${JSON.stringify(OFFLINE_RUNTIME_NOTE)});\n`, source: 'offline', version: 'offline-placeholder' }),
};

const logger: Logger = {
  traceEnabled: false,
  debugEnabled: false,
  trace: () => undefined,
  debug: () => undefined,
  info: (message) => console.log(message),
  warn: (message) => console.warn(`bundle warning: ${message}`),
  error: (error) => console.error(error),
};

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function withLock<T>(run: () => Promise<T>): Promise<T> {
  mkdirSync(dirname(LOCK_DIR), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - statSync(LOCK_DIR, { throwIfNoEntry: false })!.mtimeMs;
      if (age > LOCK_STALE_MS) rmSync(LOCK_DIR, { recursive: true, force: true });
      else await sleep(250);
    }
  }
  try {
    return await run();
  } finally {
    rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

export interface BundleReport {
  /** Files of the bundle folder with their sizes in bytes, largest first. */
  files: Array<{ name: string; bytes: number }>;
  /** Size of the code Forge runs: the emitted `.cjs` files (not maps, manifest or package files). */
  codeBytes: number;
  totalBytes: number;
  ms: number;
  /** Packages webpack put in the bundle, as @forge/bundler reports them to the CLI. */
  modules: string[];
}

function listFiles(dir: string, prefix = ''): Array<{ name: string; bytes: number }> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listFiles(join(dir, entry.name), join(prefix, entry.name))
      : [{ name: join(prefix, entry.name), bytes: statSync(join(dir, entry.name)).size }],
  );
}

/**
 * Bundles the app's functions into build/bundle/ as `forge deploy` would.
 * @throws Error with the bundler's message (TypeScript errors included) when bundling fails.
 */
export async function bundle(): Promise<BundleReport> {
  const started = Date.now();
  // The CLI runs in the app folder: ConfigFile reads ./manifest.yml, getEntryPoints resolves ./src.
  process.chdir(APP_ROOT);
  const configFile = new ConfigFile(new FileSystemReader(), new FileSystemWriter());
  const handlers = await configFile.getAppHandlers();
  const bundler = getNodeBundler(logger, offlineWrapperProvider, configFile);
  const output = await bundler.bundle({ appDirectory: APP_ROOT, entryPoints: getEntryPoints(handlers) });

  const target = join(APP_ROOT, BUNDLE_DIR);
  const next = `${target}.next-${process.pid}`;
  rmSync(next, { recursive: true, force: true });
  cpSync(output.outputDir, next, { recursive: true });
  rmSync(output.outputDir, { recursive: true, force: true });
  for (const [name, content] of output.additionalOutputs ?? []) {
    mkdirSync(dirname(join(next, name)), { recursive: true });
    // Buffers are generated files; strings are paths of files to copy (i18n resources).
    if (typeof content === 'string') copyFileSync(content, join(next, name));
    else writeFileSync(join(next, name), content);
  }
  writeFileSync(join(next, 'manifest.yml'), JSON.stringify(await configFile.readConfig()));
  for (const name of ['package.json', 'package-lock.json', 'yarn.lock']) {
    if (existsSync(join(APP_ROOT, name))) copyFileSync(join(APP_ROOT, name), join(next, name));
  }
  // Stamp the code with the moment bundling began: a source saved while webpack ran is then newer
  // than the bundle, and the next `--if-stale` run rebuilds instead of trusting a bundle without it.
  for (const file of readdirSync(next).filter((name) => name.endsWith('.cjs'))) utimesSync(join(next, file), new Date(started), new Date(started));
  const previous = `${target}.previous-${process.pid}`;
  if (existsSync(target)) renameSync(target, previous);
  renameSync(next, target);
  rmSync(previous, { recursive: true, force: true });

  const files = listFiles(target).sort((a, b) => b.bytes - a.bytes);
  return {
    files,
    codeBytes: files.filter((f) => f.name.endsWith('.cjs') && !f.name.startsWith('__forge')).reduce((sum, f) => sum + f.bytes, 0),
    totalBytes: files.reduce((sum, f) => sum + f.bytes, 0),
    ms: Date.now() - started,
    modules: output.metadata?.modules ?? [],
  };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

async function main(): Promise<void> {
  const ifStale = process.argv.includes('--if-stale');
  const index = relative(APP_ROOT, bundleFile(APP_ROOT, 'index'));
  if (ifStale && !bundleStaleness(APP_ROOT)) {
    console.log(`Forge bundle ${index} is up to date with src/, manifest.yml, tsconfig.json and the package files.`);
    return;
  }
  const report = await withLock(async () => {
    // Someone else may have built it while this run waited for the lock.
    const reason = bundleStaleness(APP_ROOT);
    if (ifStale && !reason) return undefined;
    if (ifStale) console.log(`Rebuilding the Forge bundle: ${reason}`);
    return bundle();
  });
  if (!report) return;
  console.log(`Forge bundle in ${BUNDLE_DIR}/ (${(report.ms / 1000).toFixed(1)} s, @forge/bundler):`);
  for (const file of report.files) console.log(`  ${file.name.padEnd(28)} ${String(file.bytes).padStart(9)} B  ${kib(file.bytes).padStart(11)}`);
  console.log(`Code Forge runs (${index}): ${report.codeBytes} B (${kib(report.codeBytes)}); whole folder ${kib(report.totalBytes)}; ${report.modules.length} packages bundled`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`npm run bundle failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}

