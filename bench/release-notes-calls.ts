/**
 * Times release notes for a large release and counts their REST calls: the seed is made big
 * enough, issues of the project join one version through Jira's REST API until it holds N, then
 * the release notes macro's resolver runs (customer-facing, by type) as the release owner.
 *
 *   npx tsx bench/release-notes-calls.ts [issues-in-release...]     (default: 5000)
 */
import { createEmulatedSite } from '../local/emulated-site';
import type { Envelope } from '../src/shared/envelope';
import { MACRO_KEYS, MACRO_MODULES, type ReleaseNotesView } from '../src/shared/macros';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);

async function measure(target: number) {
  const site = createEmulatedSite({ issues: Math.max(450, target * 2.5) });
  const project = site.jira.projects.find((p) => p.key === 'PAY')!;
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
  const config = { projectKey: 'PAY', versionId: version.id, audience: 'customer', grouping: 'type' };
  const invoke = () =>
    site.invoke<Envelope<ReleaseNotesView>>({
      as: 'release-owner',
      functionKey: MACRO_KEYS.releaseNotes,
      payload: { config },
      moduleKey: MACRO_MODULES.releaseNotes,
      extension: { type: 'macro', content: { id: '98306', type: 'page' }, space: { id: '98305', key: 'REL' }, config },
    });
  await invoke(); // warm-up: contract validators compile on first use
  const before = site.calls.length;
  const started = performance.now();
  const answer = await invoke();
  const ms = performance.now() - started;
  if (!answer.ok) throw new Error(answer.error.message);
  const calls = site.calls.slice(before);
  if (site.violations.length > 0) throw new Error(`contract violations: ${site.violations.join('\n')}`);
  const by = (re: RegExp) => calls.filter((c) => re.test(c.path)).length;
  return { inVersion: counts.get(version.id) ?? 0, entries: answer.data.total, calls: calls.length, search: by(/search\/jql$/), bulk: by(/bulkfetch$/), ms };
}

async function main() {
  console.log('issues in release | entries (customer) | REST calls | search/jql | bulkfetch | ms (in-process, contract checks on, no latency)');
  for (const n of sizes.length > 0 ? sizes : [5000]) {
    const r = await measure(n);
    console.log(`${r.inVersion} | ${r.entries} | ${r.calls} | ${r.search} | ${r.bulk} | ${r.ms.toFixed(0)}`);
  }
}

void main();
