/**
 * `npm start`: serves the local site (after `npm run build` has built the Custom UI).
 * `npm start -- --reset` re-seeds Jira, Confluence and the KVS. Ctrl-C flushes data and stops.
 */
import { createLocalSite } from './site/compose';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--reset');
  if (unknown.length > 0) {
    console.error(`Unknown option ${unknown.join(' ')}. Usage: npm start [-- --reset]`);
    process.exit(2);
  }
  const site = await createLocalSite({ reset: args.includes('--reset') });
  console.log(`Preflight local site: ${site.url}  (data in ${site.dataDir}; Ctrl-C to stop)`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: saving data and stopping…`);
    site
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  console.error(code === 'EADDRINUSE' ? `The port is taken: ${message}. Set PORT to use another one.` : `The local site could not start: ${message}`);
  process.exit(1);
});
