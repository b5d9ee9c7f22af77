import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BUNDLE_FAILED_ENV, bundleStaleness } from '../../local/runtime/bundle';

const APP_ROOT = join(__dirname, '..', '..');

/**
 * Jest globalSetup: the emulated and local sites load handlers from the Forge bundle
 * (build/bundle/), so a targeted `npx jest test/...` right after editing src/ must not run the old
 * bundle. When src/, manifest.yml, tsconfig.json or the package files are newer than the bundle,
 * rebuild it with `npm run bundle`'s script; when it is fresh this costs a directory walk. When
 * bundling fails (a TypeScript error in src/, as `forge deploy` would report it), no test runs the
 * old bundle: loading any handler fails with that news.
 */
export default function bundleGlobalSetup(): void {
  const reason = bundleStaleness(APP_ROOT);
  if (!reason) return;
  console.log(`\nThe Forge bundle is out of date (${reason}): rebuilding it (npm run bundle)`);
  const tsx = require.resolve('tsx/cli', { paths: [APP_ROOT] });
  // --if-stale: the script checks again under its lock, so parallel jest runs build it once.
  const run = spawnSync(process.execPath, [tsx, join(APP_ROOT, 'scripts', 'bundle.ts'), '--if-stale'], { cwd: APP_ROOT, stdio: 'inherit' });
  // Tests that never load a handler (domain, use cases) still run; every handler load fails with
  // this reason instead of running the old bundle (local/site/manifest.ts reads it).
  if (run.status !== 0) process.env[BUNDLE_FAILED_ENV] = `npm run bundle failed (${reason}); see its errors above the test results`;
}
