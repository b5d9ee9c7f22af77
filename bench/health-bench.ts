/**
 * `npm run bench`: what Release health costs (issue 14's scale bullet): PAY's last 50 releases,
 * each tracked with a record, audit trail, deployments and incidents in the KVS, every product
 * call delayed 150 ms. Prints the REST calls and the wall time of `health/project`.
 *
 *   node --import tsx bench/health-bench.ts [--latency=150] [--releases=50]
 *
 * In-process over the emulated site, without the contract checks (the tests run them).
 */
import { createEmulatedSite, projectPageExtension } from '../local/emulated-site';
import { NO_FAULTS, type FaultKnobs } from '../local/sim/faults';
import { invokeOk, numberOption, timed } from './bench-kit';
import { HEALTH_KEYS, HEALTH_WINDOWS, type HealthWindow, type ReleaseHealthView } from '../src/shared/health';
import { addReleasedVersions, storeReleaseHistory } from '../test/support/health-history';

const LATENCY_MS = numberOption('latency', 150);
const RELEASES = numberOption('releases', 50) as HealthWindow;

async function main(): Promise<void> {
  if (!HEALTH_WINDOWS.includes(RELEASES)) throw new Error(`--releases must be one of ${HEALTH_WINDOWS.join(', ')}`);
  // Latency on at creation (the site decides then whether any knob is on), off for the setup.
  const knobs: FaultKnobs = { ...NO_FAULTS, latencyMs: LATENCY_MS };
  const site = createEmulatedSite({ issues: 10_000, faults: knobs, contracts: false, extendSeed: (jira, now) => addReleasedVersions(jira, now, RELEASES) });
  knobs.latencyMs = 0;
  await site.history;
  await storeReleaseHistory(site.jira);

  knobs.latencyMs = LATENCY_MS;
  const before = site.calls.length;
  const { result, ms } = await timed(site, () =>
    invokeOk<ReleaseHealthView>(site, { as: 'viewer', functionKey: HEALTH_KEYS.project, payload: { releases: RELEASES }, moduleKey: 'preflight-releases', extension: projectPageExtension(site, 'PAY') }),
  );
  const calls = site.calls.slice(before);
  const perIssue = calls.filter((c) => /\/issue|\/search/.test(c.path)).length;
  const a = result.aggregates;
  console.log(`Release health: PAY's last ${RELEASES} releases (${a.tracked} tracked), ${LATENCY_MS} ms per REST call`);
  console.log(`  health of ${a.releases} releases: ${calls.length} REST calls, ${(ms / 1000).toFixed(2)} s (${perIssue} per-issue calls)`);
  console.log(`${perIssue === 0 && calls.length <= 1 ? 'MET ' : 'MISSED'}  health of ${a.releases} releases from stored records without any per-issue calls`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
