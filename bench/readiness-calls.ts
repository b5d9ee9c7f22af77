/**
 * Counts the REST calls one readiness evaluation makes, for a release of the default seed and of
 * a large one. The release is set up so every counted gate has work to do: scope frozen with
 * issues added since, a build under test, blocker priorities configured.
 *
 * A release of N issues: the seed is made big enough, then issues of the project join the
 * version through Jira's REST API (before the freeze) until it holds N.
 *
 *   npx tsx bench/readiness-calls.ts [issues-in-release...]     (default: 400 5000)
 */
import { createEmulatedSite } from '../local/emulated-site';
import type { Envelope } from '../src/shared/envelope';
import { PANEL_KEYS, type ReleaseView } from '../src/shared/release-panel';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);

async function measure(target: number): Promise<{ issues: number; inVersion: number; evaluation: number; wholeGet: number; ms: number }> {
  const site = createEmulatedSite({ issues: Math.max(450, target * 2.5) });
  const project = site.jira.projects.find((p) => p.key === 'PAY')!;
  // The biggest unreleased version of the project: the one a large seed piles its issues into.
  const counts = new Map<string, number>();
  for (const issue of site.jira.issues) for (const id of issue.fixVersionIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  const version = site.jira.versions
    .filter((v) => v.projectId === project.id && !v.released)
    .sort((a, b) => (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0))[0]!;
  for (const issue of site.jira.issues) {
    if ((counts.get(version.id) ?? 0) >= target) break;
    if (issue.projectId !== project.id || issue.fixVersionIds.includes(version.id)) continue;
    const res = await site.jiraRest('release-owner', 'PUT', `/rest/api/3/issue/${issue.id}`, { update: { fixVersions: [{ add: { id: version.id } }] } });
    if (res.status !== 204) throw new Error(`could not add ${issue.key} to the release: ${res.status}`);
    counts.set(version.id, (counts.get(version.id) ?? 0) + 1);
  }
  const extension = { type: 'jira:projectPage', project: { id: project.id, key: project.key, type: 'software' } };
  const invoke = async (functionKey: string, payload: object) => {
    const answer = await site.invoke<Envelope<ReleaseView>>({ as: 'release-owner', functionKey, payload: { versionId: version.id, ...payload }, moduleKey: 'preflight-releases', extension });
    if (!answer.ok) throw new Error(`${functionKey}: ${answer.error.message}`);
    return answer.data;
  };
  let view = await invoke(PANEL_KEYS.get, {});
  view = await invoke(PANEL_KEYS.advance, { revision: view.revision, override: { reason: 'Benchmark: freeze scope now' } });
  view = await invoke(PANEL_KEYS.setBuild, { revision: view.revision, buildId: 'bench-1' });
  const outsider = site.jira.issues.find((i) => i.projectId === project.id && !i.fixVersionIds.includes(version.id))!;
  await site.jiraRest('release-owner', 'PUT', `/rest/api/3/issue/${outsider.id}`, { update: { fixVersions: [{ add: { id: version.id } }] } });

  const before = site.calls.length;
  const started = performance.now();
  await invoke(PANEL_KEYS.get, {});
  const ms = performance.now() - started;
  const calls = site.calls.slice(before);
  const evaluation = calls.filter((c) => c.path === `/rest/api/3/version/${version.id}` || /approximate-count|search\/jql$/.test(c.path));
  if (site.violations.length > 0) throw new Error(`contract violations: ${site.violations.join('\n')}`);
  return { issues: site.jira.issues.length, inVersion: view.issueCounts.total, evaluation: evaluation.length, wholeGet: calls.length, ms };
}

async function main() {
  const rows = [];
  for (const n of sizes.length > 0 ? sizes : [400, 5000]) rows.push(await measure(n));
  console.log('seed issues | issues in release | REST calls: readiness evaluation | REST calls: whole release/get | ms (in-process, no latency)');
  for (const r of rows) console.log(`${r.issues} | ${r.inVersion} | ${r.evaluation} | ${r.wholeGet} | ${r.ms.toFixed(0)}`);
}

void main();
