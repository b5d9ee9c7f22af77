import { createEmulatedSite } from '../../local/emulated-site';
import { NO_FAULTS, type FaultKnobs } from '../../local/sim/faults';
import { addCalendarProjects } from '../../local/sim/seed/more-projects';
import { CALENDAR_KEYS, type CalendarView } from '../../src/shared/calendar';
import type { Envelope } from '../../src/shared/envelope';
import { timeWait } from '../support/wait-time';

const LATENCY_MS = 150;

/** Issue 14's target: the calendar of 20 projects in under 2 s at 150 ms a REST call, at one call per project plus one. */
describe('scale', () => {
  it('a calendar of 20 projects costs one call per project plus one, in under 2 s at 150 ms latency', async () => {
    const knobs: FaultKnobs = { ...NO_FAULTS, latencyMs: LATENCY_MS };
    const site = createEmulatedSite({ issues: 100, faults: knobs, contracts: false, extendSeed: (jira, now) => addCalendarProjects(jira, { count: 18, now }) });
    // The seeded history is written in the background as the site starts: the timing is the calendar's alone.
    await site.history;
    const wait = await timeWait(site, LATENCY_MS, () =>
      site.invoke<Envelope<CalendarView>>({ as: 'viewer', functionKey: CALENDAR_KEYS.global, payload: {}, moduleKey: 'preflight-portfolio', extension: { type: 'jira:globalPage' } }),
    );
    if (!wait.result.ok) throw new Error(wait.result.error.message);
    const view = wait.result.data;
    console.log(`calendar of ${view.projects.length} projects: ${wait.line}`);
    expect(view.projects).toHaveLength(20);
    expect(view.releases.length).toBeGreaterThanOrEqual(40);
    expect(wait.calls).toHaveLength(21);
    expect(wait.seconds).toBeLessThan(2);
  });
});
