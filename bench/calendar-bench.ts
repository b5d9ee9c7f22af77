/**
 * `npm run bench` (calendar part): what the release calendar costs across projects (issue 14's
 * scale bullet): the Jira global page's calendar of 20 projects (PAY, MOB and 18 more, three
 * versions each around today) with every product call delayed 150 ms; then one project's
 * calendar and the Confluence macro on PAY and MOB. Prints REST calls and wall time.
 *
 *   node --import tsx bench/calendar-bench.ts [--latency=150] [--projects=20]
 *
 * In-process over the emulated site, without the contract checks (the tests run them).
 */
import { createEmulatedSite, projectPageExtension, type EmulatedSite } from '../local/emulated-site';
import { NO_FAULTS, type FaultKnobs } from '../local/sim/faults';
import { addCalendarProjects } from '../local/sim/seed/more-projects';
import { invokeOk, numberOption, timed } from './bench-kit';
import { CALENDAR_KEYS, CALENDAR_MACRO_MODULE, type CalendarView } from '../src/shared/calendar';

const LATENCY_MS = numberOption('latency', 150);
const PROJECTS = numberOption('projects', 20);

const invoke = (site: EmulatedSite, functionKey: string, payload: object, moduleKey: string, extension: Record<string, unknown>) =>
  invokeOk<CalendarView>(site, { as: 'viewer', functionKey, payload, moduleKey, extension });

async function main(): Promise<void> {
  const knobs: FaultKnobs = { ...NO_FAULTS, latencyMs: LATENCY_MS };
  const site = createEmulatedSite({ issues: 400, faults: knobs, contracts: false, extendSeed: (jira, now) => addCalendarProjects(jira, { count: Math.max(PROJECTS - 2, 0), now }) });
  // A first look warms the code paths (module loading), as a running Forge function would be.
  knobs.latencyMs = 0;
  await invoke(site, CALENDAR_KEYS.global, {}, 'preflight-portfolio', { type: 'jira:globalPage' });
  knobs.latencyMs = LATENCY_MS;

  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const calls = (n: number) => `${n} REST ${n === 1 ? 'call' : 'calls'}`;
  const global = await timed(site, () => invoke(site, CALENDAR_KEYS.global, {}, 'preflight-portfolio', { type: 'jira:globalPage' }));
  const project = await timed(site, () => invoke(site, CALENDAR_KEYS.project, {}, 'preflight-releases', projectPageExtension(site, 'PAY')));
  const config = { projectKeys: ['PAY', 'MOB'], zoom: 'quarter' };
  const macro = await timed(site, () =>
    invoke(site, CALENDAR_KEYS.macro, { config }, CALENDAR_MACRO_MODULE, { type: 'macro', content: { id: '98308', type: 'page' }, space: { id: '98305', key: 'REL' }, config }),
  );
  console.log(`Release calendar, ${LATENCY_MS} ms per REST call`);
  console.log(`  calendar of ${global.result.projects.length} projects: ${calls(global.calls)}, ${s(global.ms)} (${global.result.releases.length} releases in ${global.result.window.from} to ${global.result.window.to})`);
  console.log(`  project calendar (PAY): ${calls(project.calls)}, ${s(project.ms)} (${project.result.releases.length} releases)`);
  console.log(`  "Release calendar" macro on PAY and MOB: ${calls(macro.calls)}, ${s(macro.ms)} (${macro.result.releases.length} releases)`);
  console.log(`${global.ms < 2000 ? 'MET ' : 'MISSED'}  calendar of ${global.result.projects.length} projects in ${s(global.ms)} (target < 2 s)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
