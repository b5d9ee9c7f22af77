import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Where `npm run bundle` puts what `forge deploy` would upload for the app's functions, and how the
 * local runtime finds a module's code in it. The local site, the emulated site of the tests and the
 * benchmark load handlers from here, never from src/, so they run the code Forge runs.
 */

/** The bundle folder under the app root (git-ignored). */
export const BUNDLE_DIR = join('build', 'bundle');

/**
 * The file @forge/bundler's Node bundler emits for a handler module (`index` of `index.handler`):
 * its webpack config names outputs `[name].cjs`, one per module the manifest's handlers name.
 */
export function bundleFile(appRoot: string, module: string): string {
  return join(appRoot, BUNDLE_DIR, `${module}.cjs`);
}

/**
 * Set by jest's globalSetup when rebuilding a stale bundle failed: the handler loader then refuses
 * to load the old bundle and says why, rather than run code that no longer matches src/.
 */
export const BUNDLE_FAILED_ENV = 'PREFLIGHT_BUNDLE_FAILED';

/** Inputs of the bundle: a change to any of them means the bundle no longer matches the code. */
const INPUT_FILES = ['manifest.yml', 'tsconfig.json', 'package.json', 'package-lock.json'];
const INPUT_DIRS = ['src'];

/** The newest file or folder under dir (a folder's mtime moves when a file in it is deleted or renamed). */
function newestUnder(dir: string): { file: string; mtimeMs: number } | undefined {
  let newest: { file: string; mtimeMs: number } | undefined = { file: dir, mtimeMs: statSync(dir).mtimeMs };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const candidate = entry.isDirectory() ? newestUnder(path) : { file: path, mtimeMs: statSync(path).mtimeMs };
    if (candidate && (!newest || candidate.mtimeMs > newest.mtimeMs)) newest = candidate;
  }
  return newest;
}

/**
 * Why the bundle needs building, or undefined when it is there and newer than every input.
 * Walks src/ by mtime only (a few hundred stat calls), so a fresh bundle costs milliseconds.
 */
export function bundleStaleness(appRoot: string, module = 'index'): string | undefined {
  const file = bundleFile(appRoot, module);
  if (!existsSync(file)) return `${relative(appRoot, file)} does not exist`;
  const builtAt = statSync(file).mtimeMs;
  const inputs = [
    ...INPUT_FILES.filter((f) => existsSync(join(appRoot, f))).map((f) => ({ file: join(appRoot, f), mtimeMs: statSync(join(appRoot, f)).mtimeMs })),
    ...INPUT_DIRS.map((d) => newestUnder(join(appRoot, d))).filter((n) => n !== undefined),
  ];
  const newer = inputs.filter((i) => i.mtimeMs > builtAt).sort((a, b) => b.mtimeMs - a.mtimeMs)[0];
  return newer ? `${relative(appRoot, newer.file)} changed after the bundle was built` : undefined;
}
