/**
 * Runs the local site (as `npm start` composes it) in its own process, so a test can `kill -9` it
 * and restart it on the same data directory. Prints `READY <url>` once it listens.
 * Environment: PREFLIGHT_DATA_DIR (required), PREFLIGHT_SEED_ISSUES (optional).
 */
import { resolve } from 'node:path';
import { createLocalSite } from '../../local/site/compose';

createLocalSite({ port: 0, appRoot: resolve(__dirname, '../..'), log: () => undefined })
  .then((site) => {
    process.stdout.write(`READY ${site.url}\n`);
  })
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
