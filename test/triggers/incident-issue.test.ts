import { MONITORING_KEYS, type RotatedMonitoringSecret } from '../../src/shared/monitoring';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';
import { SETTINGS_KEYS, type SettingsView } from '../../src/shared/settings';
import { trackRelease, triggerSite } from './helpers';
import { monitoringFixture, sendAlert } from './monitoring-alerts';

/**
 * The optional Jira issue per incident, through the emulator: the monitoring web trigger as Forge
 * runs it, the app's asApp POST /rest/api/3/issue answered by the local Jira (contract-checked).
 * With an incident issue type set, an alert opening an incident files one issue of that type in
 * the release's version; updates, redeliveries and the resolution file none; without the setting
 * nothing is filed. The panel shows the issue's key on the incident.
 */
const t = triggerSite();
const DAY = 86_400_000;
const now = Date.now();
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
let secret = '';
let versionId = '';
const send = (body: unknown) => sendAlert(t.site, secret, body);

function datadog(alert: string, at: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...monitoringFixture('datadog-triggered.json', at), alertCycleKey: alert, ...extra };
}

/** PAY's issues created after the seed, as the local Jira holds them. */
const seeded = new Set<string>();
const newIssues = () => t.site.jira.issues.filter((i) => !seeded.has(i.id));

async function setIssueType(type: string | undefined) {
  const current = await t.ok<SettingsView>('release-owner', SETTINGS_KEYS.get, {});
  const { incidentIssueType: _drop, ...monitoring } = current.settings.monitoring ?? {};
  await t.ok('release-owner', SETTINGS_KEYS.save, { revision: current.revision, settings: { ...current.settings, monitoring: { ...monitoring, ...(type && { incidentIssueType: type }) } } });
}

beforeAll(async () => {
  // PAY 2.1 went out two days ago: its bedding-in runs now.
  const v = t.site.jira.versions.find((x) => x.name === 'PAY 2.1')!;
  v.released = true;
  v.releaseDate = isoDay(now - 2 * DAY);
  versionId = v.id;
  await trackRelease(t.site, 'PAY', versionId);
  secret = (await t.ok<RotatedMonitoringSecret>('release-owner', MONITORING_KEYS.rotateSecret, {})).secret;
  for (const i of t.site.jira.issues) seeded.add(i.id);
});
afterEach(() => expect(t.site.violations).toEqual([]));

describe('an incident issue type is set', () => {
  it('files exactly one Bug in PAY, in the version, naming the alert, whatever Datadog sends next; the panel shows its key', async () => {
    await setIssueType('Bug');
    const started = now - 60 * 60_000;
    const opened = await send(datadog('cycle-with-issue', started));
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ change: 'opened', release: { version: 'PAY 2.1' } });

    const filed = newIssues();
    expect(filed).toHaveLength(1);
    const issue = filed[0]!;
    expect(issue.key).toMatch(/^PAY-\d+$/);
    expect(issue.issueTypeId).toBe('10003'); // Bug
    expect(issue.fixVersionIds).toEqual([versionId]);
    expect(issue.summary).toBe('Incident (severity 2): [Triggered] checkout-api error rate above 5%');
    expect(issue.description).toContain('Datadog alert during the bedding-in of PAY 2.1');
    expect(issue.description).toContain('https://app.datadoghq.com/event/event?id=');
    expect(t.site.jira.issues.filter((i) => i.summary.includes('checkout-api error rate'))).toHaveLength(1);

    // Redelivery, escalation and recovery fold into the same incident: no second issue.
    expect((await send(datadog('cycle-with-issue', started))).body.recorded).toBe(false);
    expect((await send(datadog('cycle-with-issue', started + 10 * 60_000, { transition: 'Re-Triggered', priority: 'P1' }))).body).toMatchObject({ change: 'updated' });
    expect((await send(datadog('cycle-with-issue', started + 40 * 60_000, { transition: 'Recovered' }))).body).toMatchObject({ change: 'resolved' });
    expect(newIssues()).toHaveLength(1);

    const view = await t.ok<ReleaseView>('release-owner', PANEL_KEYS.get, { versionId }, 'preflight-releases');
    expect(view.incidents?.incidents.find((i) => i.title.includes('checkout-api'))?.jiraIssueKey).toBe(issue.key);
  });
});

describe('no incident issue type', () => {
  it('opens the incident and files nothing in Jira', async () => {
    await setIssueType(undefined);
    const before = newIssues().length;
    const opened = await send(datadog('cycle-without-issue', now - 30 * 60_000, { title: '[Triggered] ledger latency above 2 s' }));
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ change: 'opened' });
    const view = await t.ok<ReleaseView>('release-owner', PANEL_KEYS.get, { versionId }, 'preflight-releases');
    expect(view.incidents?.incidents.find((i) => i.title.includes('ledger latency'))).toMatchObject({ title: '[Triggered] ledger latency above 2 s' });
    expect(view.incidents?.incidents.find((i) => i.title.includes('ledger latency'))?.jiraIssueKey).toBeUndefined();
    expect(newIssues()).toHaveLength(before);
  });
});
