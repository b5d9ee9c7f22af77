/**
 * `npm run bench`: what a release costs Preflight in REST calls, wall time and memory, for
 * releases of 100, 1,000 and 5,000 issues, with every product call delayed 150 ms as a real
 * Jira Cloud site would (a hop from Forge to Jira and back). Next to each operation it measures
 * the naive way (sequential `search/jql` pages of 100 with all fields, what an app that reads the
 * whole release would do) and prints the ratio.
 *
 * Measured in-process (local/emulated-site.ts): the unmodified @forge/resolver, @forge/api and
 * @forge/kvs over the simulated Jira and Confluence, without the contract checks (they would
 * dominate the time, and the tests run them anyway). Run with --expose-gc (the npm script does) so
 * the heap baseline is taken after a full collection.
 *
 *   npm run bench                               sizes 100 1000 5000, then the large fault,
 *                                               concurrency and fuzz tests
 *   node --expose-gc --import tsx bench/bench.ts [sizes...] [--latency=150] [--json=out.json]
 */
import { writeFileSync } from 'node:fs';
import api, { route } from '@forge/api';
import { countRounds } from '../local/call-rounds';
import { createEmulatedSite, type EmulatedSite } from '../local/emulated-site';
import { runAs } from '../local/runtime';
import { NO_FAULTS, type FaultKnobs } from '../local/sim/faults';
import type { Envelope } from '../src/shared/envelope';
import { MACRO_KEYS, MACRO_MODULES } from '../src/shared/macros';
import { PANEL_KEYS, type ReleaseView } from '../src/shared/release-panel';
import { RELEASE_KEYS } from '../src/shared/releases';

/** One operation's cost. */
export interface Measurement {
  calls: number;
  /** Of those, the acting person's Preflight role lookup (project roles, permissions): fixed, whatever the size. */
  roleCalls: number;
  /** Points the calls cost against Jira's and Confluence's hourly quotas (1 a call, +1 per object a read returns). */
  points: number;
  ms: number;
  /** Sequential rounds: the longest chain of product calls that waited on each other. */
  rounds: number;
  /** Most product calls in flight at once. */
  maxInFlight: number;
  /** Peak heap during the operation minus the heap before it, in MB. */
  heapDeltaMb: number;
  /** Peak heap of the whole process (simulated Jira included), in MB. */
  heapPeakMb: number;
}

export interface SizeResult {
  issues: number;
  readiness: Measurement;
  /** The REST calls of the readiness evaluation itself (version counts and JQL counts), without the role check and settings reads. */
  readinessEvaluationCalls: number;
  releaseNotes: Measurement;
  retrospective: Measurement;
  /** The project's releases list (releases/list, first page). */
  list: Measurement;
  naive: Measurement;
}

const args = process.argv.slice(2);
const option = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const sizes = args.filter((a) => /^\d+$/.test(a)).map(Number);
const LATENCY_MS = Number(option('latency') ?? 150);

const gc = (globalThis as { gc?: () => void }).gc;
const heapMb = () => process.memoryUsage().heapUsed / 2 ** 20;

/** Runs `work`, sampling the heap every 5 ms and counting the product calls it makes. */
async function measure(site: EmulatedSite, work: () => Promise<unknown>): Promise<Measurement> {
  gc?.();
  const before = heapMb();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, heapMb())), 5);
  const firstCall = site.calls.length;
  const pointsBefore = site.rateLimits.points.jira + site.rateLimits.points.confluence;
  site.inFlight.max = 0;
  const started = performance.now();
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  const ms = performance.now() - started;
  peak = Math.max(peak, heapMb());
  const roleCalls = site.calls.slice(firstCall).filter((c) => /\/role(\/\d+)?$|\/mypermissions$/.test(c.path)).length;
  const rounds = countRounds(site.calls.slice(firstCall));
  const points = site.rateLimits.points.jira + site.rateLimits.points.confluence - pointsBefore;
  return { calls: site.calls.length - firstCall, roleCalls, points, rounds, ms, maxInFlight: site.inFlight.max, heapDeltaMb: peak - before, heapPeakMb: peak };
}

/** Puts exactly `target` issues of the project into the version, through Jira's REST API. */
async function fillRelease(site: EmulatedSite, projectId: string, versionId: string, target: number): Promise<void> {
  const put = async (issueId: string, op: 'add' | 'remove') => {
    const res = await site.jiraRest('release-owner', 'PUT', `/rest/api/3/issue/${issueId}`, { update: { fixVersions: [{ [op]: { id: versionId } }] } });
    if (res.status !== 204) throw new Error(`could not ${op} issue ${issueId}: ${res.status}`);
  };
  let inRelease = site.jira.issues.filter((i) => i.fixVersionIds.includes(versionId));
  for (const issue of inRelease.slice(target)) await put(issue.id, 'remove');
  inRelease = inRelease.slice(0, target);
  for (const issue of site.jira.issues) {
    if (inRelease.length >= target) break;
    if (issue.projectId !== projectId || issue.fixVersionIds.includes(versionId)) continue;
    await put(issue.id, 'add');
    inRelease.push(issue);
  }
  if (inRelease.length !== target) throw new Error(`the seed has too few issues for a release of ${target}`);
}

/**
 * Moves the changes just made an hour back: a real release is filled well before its scope freezes.
 * Without this, the issues fillRelease moved a moment ago would match "added after the freeze"
 * (JQL's CHANGED AFTER counts in minutes), which no real release looks like.
 */
function backdateChanges(site: EmulatedSite, minutes: number): void {
  const recent = Date.now() - 10 * 60_000;
  for (const issue of site.jira.issues) {
    for (const entry of issue.changelog) {
      const at = Date.parse(entry.created);
      if (at > recent) entry.created = new Date(at - minutes * 60_000).toISOString();
    }
  }
}

/**
 * The naive way: read the whole release, page by page, with every field, one page after the
 * other (each page's token comes from the one before), then count in memory.
 */
async function naiveRelease(accountId: string, versionId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let token: string | undefined;
  do {
    const body = { jql: `fixVersion = ${versionId} ORDER BY key ASC`, maxResults: 100, fields: ['*all'], ...(token && { nextPageToken: token }) };
    const res = await runAs(accountId, () =>
      api.asUser().requestJira(route`/rest/api/3/search/jql`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    );
    if (!res.ok) throw new Error(`naive search failed: ${res.status}`);
    const page = (await res.json()) as { issues: Array<{ fields: { status?: { statusCategory?: { key?: string } } } }>; nextPageToken?: string };
    for (const issue of page.issues) {
      const category = issue.fields.status?.statusCategory?.key ?? 'unknown';
      counts[category] = (counts[category] ?? 0) + 1;
    }
    token = page.nextPageToken;
  } while (token);
  return counts;
}

async function benchSize(issues: number): Promise<SizeResult> {
  const knobs: FaultKnobs = { ...NO_FAULTS, latencyMs: LATENCY_MS };
  const site = createEmulatedSite({ issues: Math.max(450, Math.ceil(issues * 2.5)), faults: knobs, contracts: false });
  const project = site.jira.projects.find((p) => p.key === 'PAY')!;
  const version = site.jira.versions.find((v) => v.projectId === project.id && v.name === 'PAY 2.2')!;
  await fillRelease(site, project.id, version.id, issues);
  backdateChanges(site, 60);
  const owner = site.user('release-owner');
  const panel = { type: 'jira:projectPage', project: { id: project.id, key: project.key, type: 'software' } };
  const invoke = async <T>(functionKey: string, payload: object, moduleKey = 'preflight-releases', extension: Record<string, unknown> = panel): Promise<T> => {
    const answer = await site.invoke<Envelope<T>>({ as: 'release-owner', functionKey, payload, moduleKey, extension });
    if (!answer.ok) throw new Error(`${functionKey}: ${answer.error.code} ${answer.error.message}`);
    return answer.data;
  };
  // Every counted gate has work to do: scope frozen, a build under test, an issue added after the freeze.
  let view = await invoke<ReleaseView>(PANEL_KEYS.get, { versionId: version.id });
  view = await invoke<ReleaseView>(PANEL_KEYS.advance, { versionId: version.id, revision: view.revision, override: { reason: 'Benchmark: freeze scope now' } });
  await invoke<ReleaseView>(PANEL_KEYS.setBuild, { versionId: version.id, revision: view.revision, buildId: 'bench-1' });
  const outsider = site.jira.issues.find((i) => i.projectId === project.id && !i.fixVersionIds.includes(version.id))!;
  const moved = site.jira.issues.find((i) => i.projectId === project.id && i.fixVersionIds.includes(version.id))!;
  await site.jiraRest('release-owner', 'PUT', `/rest/api/3/issue/${outsider.id}`, { update: { fixVersions: [{ add: { id: version.id } }] } });
  await site.jiraRest('release-owner', 'PUT', `/rest/api/3/issue/${moved.id}`, { update: { fixVersions: [{ remove: { id: version.id } }] } });

  const config = { projectKey: 'PAY', versionId: version.id };
  const macro = { type: 'macro', content: { id: '98306', type: 'page' }, space: { id: '98305', key: 'REL' }, config };
  // Warm-up: module loading and the first KVS reads are not what we measure.
  await invoke(PANEL_KEYS.get, { versionId: version.id });

  const firstCall = site.calls.length;
  const readiness = await measure(site, () => invoke(PANEL_KEYS.get, { versionId: version.id }));
  const readinessEvaluationCalls = site.calls
    .slice(firstCall)
    .filter((c) => c.path === `/rest/api/3/version/${version.id}` || /approximate-count|search\/jql$/.test(c.path)).length;
  const releaseNotes = await measure(site, () => invoke(MACRO_KEYS.releaseNotes, { config }, MACRO_MODULES.releaseNotes, macro));
  const retrospective = await measure(site, () => invoke(MACRO_KEYS.retrospective, { config }, MACRO_MODULES.retrospective, macro));
  const list = await measure(site, () => invoke(RELEASE_KEYS.list, {}));
  const naive = await measure(site, () => naiveRelease(owner.accountId, version.id));
  return { issues, readiness, readinessEvaluationCalls, releaseNotes, retrospective, list, naive };
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (m: number) => `${m.toFixed(0)} MB`;
const ratio = (naive: number, ours: number) => `${(naive / Math.max(ours, 1e-9)).toFixed(1)}x`;

/** The Markdown table the README carries. */
export function table(rows: SizeResult[], latencyMs: number): string {
  const lines = [
    `REST calls, points (Jira and Confluence hourly quotas: 1 a call, +1 per object a read returns), wall time (${latencyMs} ms per REST call), most calls in flight, heap growth / process peak; naive = sequential search/jql pages of 100 with all fields.`,
    '',
    '| Issues | Operation | REST calls (role lookup) | Points | Rounds | Wall time | In flight | Heap growth / peak | Naive calls / time | Naive ÷ Preflight (calls, time) |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const ops: Array<[string, Measurement]> = [
      [`Readiness evaluation (release/get; ${r.readinessEvaluationCalls} evaluation calls)`, r.readiness],
      ['Release notes', r.releaseNotes],
      ['Retrospective facts', r.retrospective],
      ['Releases list (first page)', r.list],
    ];
    for (const [name, m] of ops) {
      lines.push(
        `| ${r.issues.toLocaleString('en')} | ${name} | ${m.calls} (${m.roleCalls}) | ${m.points.toLocaleString('en')} | ${m.rounds} | ${s(m.ms)} | ${m.maxInFlight} | ${mb(m.heapDeltaMb)} / ${mb(m.heapPeakMb)} | ${r.naive.calls} / ${s(r.naive.ms)} | ${ratio(r.naive.calls, m.calls)}, ${ratio(r.naive.ms, m.ms)} |`,
      );
    }
  }
  return lines.join('\n');
}

/** Each target of issue 7, met or not, with the number that decides it. */
export function verdicts(rows: SizeResult[]): string[] {
  const out: string[] = [];
  const check = (ok: boolean, text: string) => out.push(`${ok ? 'MET ' : 'MISSED'}  ${text}`);
  for (const r of rows) {
    const n = r.issues.toLocaleString('en');
    check(r.readiness.rounds <= 3, `${n}: release/get waits on ${r.readiness.rounds} sequential rounds of REST calls (target <= 3)`);
    check(r.readiness.ms < 500, `${n}: release/get answers in ${s(r.readiness.ms)} (target < 0.5 s)`);
    check(r.readinessEvaluationCalls <= 8, `${n}: readiness evaluation makes ${r.readinessEvaluationCalls} REST calls (target <= 8; release/get in all: ${r.readiness.calls})`);
    const notesLimit = Math.ceil(r.issues / 100) + 3;
    const notesData = r.releaseNotes.calls - r.releaseNotes.roleCalls;
    check(r.releaseNotes.calls <= notesLimit, `${n}: release notes make ${r.releaseNotes.calls} REST calls (target <= ${notesLimit}); without the ${r.releaseNotes.roleCalls}-call role lookup: ${notesData}`);
    check(r.releaseNotes.maxInFlight <= 10, `${n}: release notes keep ${r.releaseNotes.maxInFlight} calls in flight at most (target <= 10)`);
    const peak = Math.max(r.readiness.heapPeakMb, r.releaseNotes.heapPeakMb, r.retrospective.heapPeakMb);
    check(peak < 200, `${n}: peak heap ${mb(peak)} for the whole process, simulated Jira included (target < 200 MB)`);
  }
  const big = rows.find((r) => r.issues === 5000);
  if (big) {
    check(big.readiness.ms < 1500, `5,000: readiness evaluation takes ${s(big.readiness.ms)} (target < 1.5 s)`);
    check(big.releaseNotes.ms < 2500, `5,000: release notes take ${s(big.releaseNotes.ms)} (target < 2.5 s)`);
  }
  return out;
}

async function main(): Promise<void> {
  if (!gc) console.warn('(run with node --expose-gc for a clean heap baseline)');
  const rows: SizeResult[] = [];
  for (const n of sizes.length > 0 ? sizes : [100, 1000, 5000]) {
    process.stderr.write(`measuring a release of ${n} issues...\n`);
    rows.push(await benchSize(n));
  }
  console.log(table(rows, LATENCY_MS));
  console.log('');
  for (const line of verdicts(rows)) console.log(line);
  const json = option('json');
  if (json) writeFileSync(json, JSON.stringify({ latencyMs: LATENCY_MS, rows }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
