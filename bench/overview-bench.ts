/**
 * `npm run bench` (second part): what the Releases overview costs on a big project (issue 14's
 * scale bullet): PAY with 300 versions, 50 of them tracked, and 10,000 issues, every product call
 * delayed 150 ms. Prints the REST calls and wall time of the list's first page before and after the
 * background evaluation, and what that evaluation cost on the queue.
 *
 *   node --import tsx bench/overview-bench.ts [--latency=150] [--issues=10000]
 *
 * In-process over the emulated site, without the contract checks (the tests run them).
 */
import { createEmulatedSite, projectPageExtension, type EmulatedSite } from '../local/emulated-site';
import { NO_FAULTS, type FaultKnobs } from '../local/sim/faults';
import type { JiraState } from '../local/sim/jira';
import { PANEL_KEYS, type ReleaseView } from '../src/shared/release-panel';
import { invokeOk, numberOption, timed } from './bench-kit';
import { RELEASE_KEYS, type ListReleasesResult } from '../src/shared/releases';

const LATENCY_MS = numberOption('latency', 150);
const ISSUES = numberOption('issues', 10_000);
const VERSIONS = 300;
const TRACKED = 50;

/** Adds versions to PAY until it has `total`: a third released, the rest spread over the next months. */
function addVersions(jira: JiraState, now: Date, total: number): void {
  const pay = jira.projects.find((p) => p.key === 'PAY')!;
  const existing = jira.versions.filter((v) => v.projectId === pay.id);
  let sequence = Math.max(...existing.map((v) => v.sequence)) + 1;
  for (let i = existing.length; i < total; i++) {
    const released = i % 3 === 0;
    const day = new Date(now.getTime() + (released ? -i : i) * 86_400_000).toISOString().slice(0, 10);
    jira.versions.push({
      id: String(jira.counters.versionId++),
      projectId: pay.id,
      name: `PAY 9.${i}`,
      description: 'Benchmark version.',
      startDate: null,
      releaseDate: day,
      released,
      archived: false,
      sequence: sequence++,
      driverAccountId: null,
      relatedWork: [],
    });
  }
}

const invoke = <T>(site: EmulatedSite, functionKey: string, payload: object) =>
  invokeOk<T>(site, { as: 'release-owner', functionKey, payload, moduleKey: 'preflight-releases', extension: projectPageExtension(site, 'PAY') });

async function main(): Promise<void> {
  // Latency on at creation (the site decides then whether any knob is on), off for the setup.
  const knobs: FaultKnobs = { ...NO_FAULTS, latencyMs: LATENCY_MS };
  // The seed gives PAY about half of its issues (the rest go to the other projects).
  const site = createEmulatedSite({ issues: Math.ceil(ISSUES * 2.08), faults: knobs, contracts: false, extendSeed: (jira, now) => addVersions(jira, now, VERSIONS) });
  knobs.latencyMs = 0;
  const pay = site.jira.projects.find((p) => p.key === 'PAY')!;
  const versions = site.jira.versions.filter((v) => v.projectId === pay.id);
  const issues = site.jira.issues.filter((i) => i.projectId === pay.id).length;

  // Setup at full speed: 50 unreleased versions tracked (a person changed each one's release type).
  process.stderr.write(`tracking ${TRACKED} of PAY's ${versions.length} versions...\n`);
  for (const version of versions.filter((v) => !v.released).slice(0, TRACKED)) {
    const view = await invoke<ReleaseView>(site, PANEL_KEYS.get, { versionId: version.id });
    await invoke<ReleaseView>(site, PANEL_KEYS.setType, { versionId: version.id, revision: view.revision, releaseType: 'hotfix' });
  }
  await site.queue.drain();

  knobs.latencyMs = LATENCY_MS;
  const cold = await timed(site, () => invoke<ListReleasesResult>(site, RELEASE_KEYS.list, {}));
  const untracked = cold.result.releases.filter((r) => r.tracking === 'untracked' && !r.released && !r.gateSummary).length;
  const background = await timed(site, () => site.queue.drain());
  const warm = await timed(site, () => invoke<ListReleasesResult>(site, RELEASE_KEYS.list, {}));
  const counted = warm.result.releases.filter((r) => r.gateSummary).length;

  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`Releases overview: PAY with ${versions.length} versions (${TRACKED} tracked) and ${issues.toLocaleString('en')} issues, ${LATENCY_MS} ms per REST call`);
  console.log(`  first page, first open: ${cold.calls} REST calls, ${s(cold.ms)} (${cold.result.releases.length} versions, ${untracked} without gate counts yet, queued)`);
  console.log(`  background evaluation of those on the queue: ${background.calls} REST calls, ${s(background.ms)} of queue time (${(background.calls / Math.max(untracked, 1)).toFixed(1)} calls a version)`);
  console.log(`  first page, next open: ${warm.calls} REST calls, ${s(warm.ms)} (${counted} of ${warm.result.releases.length} versions with gate counts)`);
  console.log(`${cold.calls <= 3 && cold.ms < 1000 ? 'MET ' : 'MISSED'}  overview first paint data in ${cold.calls} REST calls and ${s(cold.ms)} (target <= 3 calls, < 1 s)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
