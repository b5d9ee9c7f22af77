/**
 * `npm run build:cli`: bundles the CI client (cli/preflight.ts and what it imports) into ONE
 * CommonJS file, cli/package/preflight-release.cjs, with a shebang and no dependency, so that
 * `npm pack` in cli/package produces @preflight-release/cli and a pipeline can also run the file
 * with plain `node`. Fails when the output would require anything but Node's built-ins.
 *
 * esbuild (a devDependency at the version tsx and vite already bring, so nothing new is installed) does the bundling.
 */
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(__dirname, '..');
export const CLI_PACKAGE_DIR = join(ROOT, 'cli', 'package');
export const CLI_FILE = join(CLI_PACKAGE_DIR, 'preflight-release.cjs');

/** Every module name the bundle requires; a dependency-free file requires only built-ins. */
export function requiredModules(source: string): string[] {
  return [...source.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]!);
}

export function isBuiltin(name: string): boolean {
  return name.startsWith('node:') || builtinModules.includes(name);
}

export async function buildCli(): Promise<string> {
  const { version } = JSON.parse(readFileSync(join(CLI_PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string };
  const result = await build({
    entryPoints: [join(ROOT, 'cli', 'preflight.ts')],
    outfile: CLI_FILE,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    // Nothing is external: whatever cli/ imports ends up in the file, or the build fails below.
    banner: { js: `#!/usr/bin/env node\n// @preflight-release/cli ${version}: Preflight's CI client (gate, deployed). Built from cli/ by npm run build:cli.` },
    legalComments: 'none',
    logLevel: 'warning',
  });
  const source = result.outputFiles[0]!.text;
  const foreign = requiredModules(source).filter((name) => !isBuiltin(name));
  if (foreign.length > 0) throw new Error(`The CLI must not require anything but Node's built-ins, found: ${foreign.join(', ')}`);
  // Written aside and renamed: a concurrent `npm pack` (two test runs in one tree) never reads half a file.
  const partial = `${CLI_FILE}.${process.pid}.partial`;
  writeFileSync(partial, source, { mode: 0o755 });
  chmodSync(partial, 0o755);
  renameSync(partial, CLI_FILE);
  return CLI_FILE;
}

if (require.main === module) {
  buildCli().then(
    (file) => console.log(`built ${file}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
