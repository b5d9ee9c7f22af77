import { adfProblems } from '../../src/domain/adf/adf-kit';
import { runInvocation } from '../../local/runtime/forge-runtime';
import { projectPageExtension } from '../../local/emulated-site';
import type { Envelope } from '../../src/shared/envelope';
import { MACRO_KEYS, MACRO_MODULES, type ChecklistMacroView, type MacroConfigInput, type RetrospectiveView } from '../../src/shared/macros';
import { MONITORING_KEYS, type RotatedMonitoringSecret } from '../../src/shared/monitoring';
import { PANEL_KEYS, type AuditPage, type ReleaseView } from '../../src/shared/release-panel';
import { SETTINGS_KEYS, type SettingsView } from '../../src/shared/settings';
import { trackRelease, triggerSite } from '../triggers/helpers';
import { DAY, isoDay, monitoringFixture, sendAlert, yesterdaysIncident } from '../triggers/monitoring-alerts';
import { adfTexts } from '../support/adf-text';

/**
 * What people read about a release's incidents, end to end through the emulator: an alert sent
 * through the monitoring web trigger shows on the panel (severity, times relative to the
 * deployment, time to restore, the project's change failure rate, the dashboards), in the audit
 * trail's "incidents" filter, in the checklist macro and in the retrospective (macro and export).
 */
// Without the seeded history: the change failure rate here counts only this test's releases.
const t = triggerSite({ history: false });
const { site } = t;
/** PAY 2.2 went live yesterday (Jira's release day, 00:00 UTC: no production deployment reported). */
const { today, live, started, resolved } = yesterdaysIncident();
const DASHBOARD = 'https://app.datadoghq.com/dashboard/abc-123/checkout';
let secret = '';
let v21 = '';
let v22 = '';

const panel = (versionId: string) => t.ok<ReleaseView>('viewer', PANEL_KEYS.get, { versionId }, 'preflight-releases');
const macroConfig = (versionId: string): MacroConfigInput => ({ projectKey: 'PAY', versionId });
async function macro<T>(functionKey: string, moduleKey: string, versionId: string): Promise<T> {
  const config = macroConfig(versionId);
  const extension = { type: 'macro', content: { id: '98306', type: 'page' }, space: { id: '98305', key: 'REL' }, config };
  const answer = await site.invoke<Envelope<T>>({ as: 'viewer', functionKey, payload: { config }, moduleKey, extension });
  if (!answer.ok) throw new Error(`${functionKey}: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}
const linksIn = (node: unknown): string[] => {
  const n = node as { marks?: Array<{ type: string; attrs?: { href?: string } }>; content?: unknown[] };
  return [...(n.marks ?? []).flatMap((m) => (m.type === 'link' && m.attrs?.href ? [m.attrs.href] : [])), ...(n.content ?? []).flatMap(linksIn)];
};
async function exportAdf(handler: string, versionId: string): Promise<unknown> {
  const accountId = site.user('viewer').accountId;
  const event = { exportType: 'pdf', extensionPayload: { config: macroConfig(versionId) }, context: { siteUrl: 'http://localhost:4000' } };
  return runInvocation({ accountId, moduleKey: 'export' }, async () => site.handler(handler)(event, { principal: { accountId } }));
}

beforeAll(async () => {
  v21 = t.version('PAY 2.1').id;
  v22 = t.version('PAY 2.2').id;
  // Two tracked releases released in Jira (the trigger records each release): PAY 2.1 three days ago, PAY 2.2 yesterday.
  for (const [id, day] of [
    [v21, isoDay(today - 3 * DAY)],
    [v22, isoDay(live)],
  ] as const) {
    await trackRelease(site, 'PAY', id);
    const answer = await site.jiraRest('release-owner', 'PUT', `/rest/api/3/version/${id}`, { released: true, releaseDate: day });
    expect(answer.status).toBe(200);
  }
  await site.events.drain();
  secret = (await t.ok<RotatedMonitoringSecret>('release-owner', MONITORING_KEYS.rotateSecret, {})).secret;
  const current = await t.ok<SettingsView>('release-owner', SETTINGS_KEYS.get, {});
  await t.ok('release-owner', SETTINGS_KEYS.save, { revision: current.revision, settings: { ...current.settings, monitoring: { links: { datadog: DASHBOARD } } } });
});
afterEach(() => expect(site.violations).toEqual([]));

describe('a release bedding in, before any alert', () => {
  it('shows an empty incidents section with the dashboards, and counts no failed change yet', async () => {
    const view = await panel(v22);
    expect(view.currentPhaseId).toBe('post-release');
    expect(view.incidents).toEqual({
      liveSince: new Date(live).toISOString(),
      beddingInEndsAt: new Date(live + 7 * DAY).toISOString(),
      incidents: [],
      open: 0,
      changeFailureRate: { failed: 0, total: 2, rate: 0, percent: 0, window: 10 },
      phaseId: 'post-release',
      dashboards: [{ tool: 'datadog', label: 'Datadog', url: DASHBOARD }],
    });
  });
});

describe('an alert during bedding-in', () => {
  it('shows on the panel with its severity and relative time, turns the Post-release gate red, and its resolution gives the time to restore', async () => {
    const opened = await sendAlert(site, secret, monitoringFixture('datadog-triggered.json', started));
    expect(opened).toMatchObject({ status: 200, body: { change: 'opened', release: { version: 'PAY 2.2' } } });

    const red = await panel(v22);
    const [incident] = red.incidents!.incidents;
    expect(incident).toMatchObject({
      tool: 'datadog',
      toolLabel: 'Datadog',
      severity: 2,
      severe: true,
      title: '[Triggered] checkout-api error rate above 5%',
      link: 'https://app.datadoghq.com/event/event?id=7284923645129837461',
      startedAt: new Date(started).toISOString(),
      startedRelative: '+2 h 10 min after deployment',
    });
    expect(incident!.resolvedAt).toBeUndefined();
    expect(red.incidents!.open).toBe(1);
    expect(red.incidents!.timeToRestore).toBeUndefined();
    expect(red.phases.find((p) => p.id === 'post-release')!.gates.find((g) => g.gateId === 'no-severe-incidents')).toMatchObject({ status: 'fail', reason: '1 open incident of severity 1-2' });

    const recovered = await sendAlert(site, secret, { ...monitoringFixture('datadog-triggered.json', resolved), transition: 'Recovered', title: '[Recovered] checkout-api error rate above 5%' });
    expect(recovered).toMatchObject({ status: 200, body: { change: 'resolved' } });
    const green = await panel(v22);
    expect(green.incidents!.incidents[0]).toMatchObject({ resolvedAt: new Date(resolved).toISOString(), restoredAfter: '40 min', startedRelative: '+2 h 10 min after deployment' });
    expect(green.incidents!.open).toBe(0);
    expect(green.incidents!.timeToRestore).toEqual({ meanMinutes: 40, medianMinutes: 40, restored: 1, mean: '40 min', median: '40 min' });
  });

  it('words the same incident for a German reader of the panel', async () => {
    const answer = await t.site.invoke<Envelope<ReleaseView>>({ as: 'viewer', functionKey: PANEL_KEYS.get, payload: { versionId: v22 }, moduleKey: 'preflight-releases', extension: projectPageExtension(t.site, 'PAY'), locale: 'de-DE' });
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.data.incidents!.incidents[0]).toMatchObject({ startedRelative: '2 Std. 10 Min. nach der Bereitstellung', restoredAfter: '40 Min.' });
    expect(answer.data.incidents!.timeToRestore).toMatchObject({ mean: '40 Min.', median: '40 Min.' });
  });

  it('counts the project\'s change failure rate from the stored records: 1 of the 2 live releases had an incident', async () => {
    // Computed from what is stored: the tracked releases that went live (Jira's release or a
    // production deployment on record), and which of them have an incident.
    const state = JSON.parse(site.kvs.snapshot()) as { entities: Record<string, Record<string, unknown>> };
    const rows = (entity: string) => Object.values(state.entities[entity] ?? {}).map((r) => ((r as { value?: unknown }).value ?? r) as Record<string, unknown>);
    const liveReleases = rows('release')
      .map((r) => r['record'] as { versionId: string; jiraRelease?: unknown; deployments?: unknown })
      .filter((r) => r.jiraRelease !== undefined || r.deployments !== undefined)
      .map((r) => r.versionId);
    const withIncidents = new Set(rows('incident').map((r) => r['versionId'] as string));
    const failed = liveReleases.filter((id) => withIncidents.has(id)).length;
    expect({ failed, total: liveReleases.length }).toEqual({ failed: 1, total: 2 });
    console.log(`Change failure rate from the stored records: ${failed} of ${liveReleases.length} live releases had an incident (${Math.round((failed / liveReleases.length) * 100)}%)`);
    for (const id of [v21, v22]) {
      expect((await panel(id)).incidents!.changeFailureRate).toEqual({ failed: 1, total: 2, rate: 0.5, percent: 50, window: 10 });
    }
    // PAY 2.1 is live too but had no incident: its own section says so.
    expect((await panel(v21)).incidents).toMatchObject({ incidents: [], open: 0, liveSince: new Date(today - 3 * DAY).toISOString() });
  });

  it('is filterable in the audit trail as "incidents"', async () => {
    const page = await t.ok<AuditPage>('viewer', PANEL_KEYS.audit, { versionId: v22, kind: 'incidents' }, 'preflight-releases');
    expect(page.events.map((e) => e.type)).toEqual(['incident-resolved', 'incident-opened']);
    expect(page.events.every((e) => e.kind === 'incidents')).toBe(true);
    const release = await t.ok<AuditPage>('viewer', PANEL_KEYS.audit, { versionId: v22, kind: 'release' }, 'preflight-releases');
    expect(release.events.some((e) => e.type.startsWith('incident-'))).toBe(false);
  });
});

describe('the Confluence macros', () => {
  it('the retrospective lists the incident "+2 h 10 min after deployment", resolved after 40 min, with the time to restore and the change failure rate', async () => {
    const retro = await macro<RetrospectiveView>(MACRO_KEYS.retrospective, MACRO_MODULES.retrospective, v22);
    expect(retro.monitoring!.incidents).toEqual([expect.objectContaining({ severity: 2, title: '[Recovered] checkout-api error rate above 5%', startedRelative: '+2 h 10 min after deployment', restoredAfter: '40 min' })]);
    expect(retro.monitoring!.changeFailureRate).toMatchObject({ failed: 1, total: 2, percent: 50 });

    const adf = await exportAdf('retrospective-export', v22);
    expect(adfProblems(adf)).toEqual([]);
    const words = adfTexts(adf).join('');
    expect(words).toContain('Incidents (1)');
    expect(words).toContain('Severity 2 · Datadog: [Recovered] checkout-api error rate above 5% (+2 h 10 min after deployment, resolved after 40 min)');
    expect(words).toContain('Time to restore: 40 min on average (median 40 min, 1 incident resolved)');
    expect(words).toContain('Change failure rate: 50% (1 of the last 2 releases had an incident during bedding-in)');
    // Monitoring's list replaces the old placeholder, which would contradict it.
    expect(words).not.toContain('Incidents are not logged yet.');
    expect(linksIn(adf)).toContain('https://app.datadoghq.com/event/event?id=7284923645129837461');
  });

  it('the checklist macro and its export show the monitoring dashboards in Post-release review', async () => {
    const checklist = await macro<ChecklistMacroView>(MACRO_KEYS.checklist, MACRO_MODULES.checklist, v22);
    expect(checklist.release.incidents).toMatchObject({ phaseId: 'post-release', dashboards: [{ tool: 'datadog', url: DASHBOARD }] });
    const adf = await exportAdf('checklist-export', v22);
    expect(adfProblems(adf)).toEqual([]);
    expect(adfTexts(adf).join('')).toContain('Monitoring dashboards: Datadog');
    expect(linksIn(adf)).toContain(DASHBOARD);
  });
});
