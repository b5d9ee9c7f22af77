import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { invokeWebTrigger } from '../../local/runtime/invoke-trigger';
import { MONITORING_KEYS, type RotatedMonitoringSecret } from '../../src/shared/monitoring';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';
import { trackRelease, triggerSite } from './helpers';

/**
 * The monitoring web trigger as Forge runs it, with each tool's sample payload (written from the
 * tools' documented fields: test/fixtures/monitoring). Alerts open, update and resolve one incident
 * on the release bedding in; malformed bodies get 400 and change nothing; wrong credentials 401.
 */
const t = triggerSite();
const DAY = 86_400_000;
const now = Date.now();
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
let secret = '';
const SENTRY_CLIENT_SECRET = 'sentry-client-secret-0123456789abcdef';
let versionId = '';

/** A fixture with its placeholders dated: `__DATE__` epoch ms (as a string, as Datadog's $DATE), `__ISO__` an ISO instant. */
function fixture(name: string, at: number): Record<string, unknown> {
  const text = readFileSync(join(__dirname, '../fixtures/monitoring', name), 'utf8').replaceAll('__DATE__', String(at)).replaceAll('__ISO__', new Date(at).toISOString());
  return JSON.parse(text) as Record<string, unknown>;
}

async function send(tool: string, body: unknown, headers: Record<string, string> = {}, project = 'PAY') {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const answer = (await invokeWebTrigger({
    handler: t.site.handler('monitoring-webhook'),
    moduleKey: 'preflight-monitoring',
    request: {
      method: 'POST',
      path: '/',
      headers: Object.fromEntries(Object.entries({ 'Content-Type': 'application/json', ...headers }).map(([k, v]) => [k, [v]])),
      queryParameters: { project: [project], tool: [tool] },
      body: raw,
    },
  })) as { statusCode: number; body: string };
  return { status: answer.statusCode, body: JSON.parse(answer.body) as Record<string, unknown> };
}
const withSecret = () => ({ 'X-Preflight-Secret': secret });
const sentryHeaders = (body: unknown, resource: string) => ({
  'Sentry-Hook-Resource': resource,
  'Sentry-Hook-Signature': createHmac('sha256', SENTRY_CLIENT_SECRET).update(JSON.stringify(body), 'utf8').digest('hex'),
});

async function incidentGates(): Promise<Record<string, { status: string; reason: string }>> {
  const view = await t.ok<ReleaseView>('release-owner', PANEL_KEYS.get, { versionId }, 'preflight-releases');
  const gates = view.phases.flatMap((p) => p.gates).filter((g) => g.gateId === 'no-severe-incidents' || g.gateId === 'bedding-in-clean');
  return Object.fromEntries(gates.map((g) => [g.gateId, { status: g.status, reason: g.reason }]));
}

beforeAll(async () => {
  // PAY 2.1 went out two days ago: its 7-day bedding-in runs now.
  const v = t.site.jira.versions.find((x) => x.name === 'PAY 2.1')!;
  v.released = true;
  v.releaseDate = isoDay(now - 2 * DAY);
  versionId = v.id;
  // Tracked, so monitoring's changes land in its audit trail too.
  await trackRelease(t.site, 'PAY', versionId);
  secret = (await t.ok<RotatedMonitoringSecret>('release-owner', MONITORING_KEYS.rotateSecret, {})).secret;
  const saved = await t.call('release-owner', MONITORING_KEYS.saveSentrySecret, { clientSecret: SENTRY_CLIENT_SECRET });
  expect(saved.ok).toBe(true);
});
afterEach(() => expect(t.site.violations).toEqual([]));

describe('each tool\'s alert opens, updates and resolves one incident on the release bedding in', () => {
  it('Datadog: triggered opens a severity 2 incident, the Post-release gate turns red, recovered resolves it and the gate turns green', async () => {
    const before = await incidentGates();
    expect(before['no-severe-incidents']).toEqual({ status: 'pass', reason: 'No incident recorded' });
    expect(before['bedding-in-clean']!.status).toBe('fail');
    // The panel says the day through Intl in the reader's language (English here).
    const until = new Date(`${isoDay(Date.parse(`${isoDay(now - 2 * DAY)}T00:00:00Z`) + 7 * DAY)}T00:00:00Z`);
    expect(before['bedding-in-clean']!.reason).toBe(`Bedding-in until ${new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(until)}: 0 incidents so far`);

    const started = now - 60 * 60_000;
    const opened = await send('datadog', fixture('datadog-triggered.json', started), withSecret());
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ recorded: true, change: 'opened', release: { version: 'PAY 2.1' }, incident: { severity: 2, title: '[Triggered] checkout-api error rate above 5%', startedAt: new Date(started).toISOString() } });
    const red = await incidentGates();
    expect(red['no-severe-incidents']).toEqual({ status: 'fail', reason: '1 open incident of severity 1-2' });
    expect(red['bedding-in-clean']!.reason).toMatch(/: 1 incident so far$/);

    // The same notification again (Datadog retries on a 5xx): nothing changes.
    const repeat = await send('datadog', fixture('datadog-triggered.json', started), withSecret());
    expect(repeat.status).toBe(202);
    expect(repeat.body['recorded']).toBe(false);

    const escalated = await send('datadog', { ...fixture('datadog-triggered.json', started + 10 * 60_000), transition: 'Re-Triggered', priority: 'P1' }, withSecret());
    expect(escalated.status).toBe(200);
    expect(escalated.body).toMatchObject({ change: 'updated', incident: { severity: 1 } });

    const recovered = await send('datadog', { ...fixture('datadog-triggered.json', started + 40 * 60_000), transition: 'Recovered', title: '[Recovered] checkout-api error rate above 5%' }, withSecret());
    expect(recovered.status).toBe(200);
    expect(recovered.body).toMatchObject({ change: 'resolved', incident: { severity: 1, startedAt: new Date(started).toISOString(), resolvedAt: new Date(started + 40 * 60_000).toISOString() } });

    const green = await incidentGates();
    expect(green['no-severe-incidents']).toEqual({ status: 'pass', reason: 'No open incident of severity 1-2 (1 incident recorded)' });
    // An incident happened in the window: bedding-in was not clean, whatever happens next.
    expect(green['bedding-in-clean']!.status).toBe('fail');

    // The audit trail says what monitoring did, in order.
    const audit = await t.ok<{ events: Array<{ type: string; summary: string }> }>('release-owner', PANEL_KEYS.audit, { versionId }, 'preflight-releases');
    expect(audit.events.filter((e) => e.type.startsWith('incident-')).map((e) => e.type)).toEqual(['incident-resolved', 'incident-updated', 'incident-opened']);
  });

  it('New Relic: ACTIVATED opens (HIGH is severity 2), ACKNOWLEDGED updates, CLOSED resolves the same incident', async () => {
    const created = now - 30 * 60_000;
    const opened = await send('newrelic', fixture('newrelic-activated.json', created), withSecret());
    expect(opened).toMatchObject({ status: 200, body: { change: 'opened', incident: { severity: 2, title: "Memory Used % > 90 for at least 2 minutes on 'checkout'" } } });
    const acked = await send('newrelic', { ...fixture('newrelic-activated.json', created), state: 'ACKNOWLEDGED', priority: 'CRITICAL', updatedAt: created + 5 * 60_000 }, { Authorization: `Bearer ${secret}` });
    expect(acked).toMatchObject({ status: 200, body: { change: 'updated', incident: { severity: 1 } } });
    const closed = await send('newrelic', { ...fixture('newrelic-activated.json', created), state: 'CLOSED', updatedAt: created + 25 * 60_000 }, withSecret());
    expect(closed).toMatchObject({ status: 200, body: { change: 'resolved', incident: { resolvedAt: new Date(created + 25 * 60_000).toISOString() } } });
  });

  it('Sentry: a signed critical metric alert opens a severity 1 incident and its resolved webhook closes it', async () => {
    const started = now - 20 * 60_000;
    const critical = fixture('sentry-metric-alert-critical.json', started);
    const opened = await send('sentry', critical, sentryHeaders(critical, 'metric_alert'));
    expect(opened).toMatchObject({ status: 200, body: { change: 'opened', incident: { severity: 1, title: 'Too many errors' } } });
    const data = critical['data'] as Record<string, Record<string, unknown>>;
    const resolved = { ...critical, action: 'resolved', data: { ...data, metric_alert: { ...data['metric_alert'], date_closed: new Date(started + 15 * 60_000).toISOString() } } };
    const closed = await send('sentry', resolved, sentryHeaders(resolved, 'metric_alert'));
    expect(closed).toMatchObject({ status: 200, body: { change: 'resolved', incident: { resolvedAt: new Date(started + 15 * 60_000).toISOString() } } });
    // Sentry's installation webhook is acknowledged and ignored.
    const install = { action: 'created', data: { installation: { uuid: 'x' } } };
    expect((await send('sentry', install, sentryHeaders(install, 'installation'))).status).toBe(202);
  });

  it('an alert that started outside every bedding-in window is answered 202 and not stored', async () => {
    const old = await send('datadog', { ...fixture('datadog-triggered.json', now - 40 * DAY), alertCycleKey: 'old-cycle' }, withSecret());
    expect(old.status).toBe(202);
    expect(old.body).toMatchObject({ recorded: false, release: null });
    expect(String(old.body['message'])).toMatch(/outside the bedding-in window \(7 days from the production deployment\) of every release of PAY/);
  });
});

describe('refuses', () => {
  it('malformed payloads with 400 naming the field, and stores nothing', async () => {
    const before = await incidentGates();
    const cases: Array<[string, unknown, RegExp]> = [
      ['datadog', { ...fixture('datadog-triggered.json', now), transition: 'Exploded', alertCycleKey: 'bad-1' }, /transition: expected \$ALERT_TRANSITION/],
      ['datadog', { ...fixture('datadog-triggered.json', now), date: 'yesterday', alertCycleKey: 'bad-2' }, /date: expected epoch milliseconds/],
      ['newrelic', { ...fixture('newrelic-activated.json', now), id: undefined }, /id: required/],
      ['newrelic', { ...fixture('newrelic-activated.json', now), priority: 'URGENT' }, /priority: expected \{\{ json priority \}\}/],
      ['datadog', '{not json', /body: expected JSON/],
    ];
    for (const [tool, body, message] of cases) {
      const answer = await send(tool, body, withSecret());
      expect(answer.status).toBe(400);
      expect(String(answer.body['error'])).toMatch(message);
    }
    const sentryBad = { action: 'critical', data: { metric_alert: { id: '99' } } };
    const answer = await send('sentry', sentryBad, sentryHeaders(sentryBad, 'metric_alert'));
    expect(answer.status).toBe(400);
    expect(String(answer.body['error'])).toMatch(/data\.metric_alert\.date_started: required/);
    expect(await incidentGates()).toEqual(before);
  });

  it('an unknown tool or project key with 400', async () => {
    expect((await send('pagerduty', {}, withSecret())).body['error']).toMatch(/tool: expected one of datadog, newrelic, sentry/);
    expect((await send('datadog', {}, withSecret(), 'pay')).status).toBe(400);
  });

  it('a wrong or missing secret with 401 before reading anything, and a bad Sentry signature with 401', async () => {
    const callsBefore = t.site.calls.length;
    const body = { ...fixture('datadog-triggered.json', now), alertCycleKey: 'intruder' };
    expect((await send('datadog', body)).status).toBe(401);
    expect((await send('datadog', body, { 'X-Preflight-Secret': 'pfm_wrong' })).status).toBe(401);
    // The monitoring secret is the project's own: another project's does not open PAY.
    expect((await send('datadog', body, withSecret(), 'MOB')).status).toBe(401);
    const critical = fixture('sentry-metric-alert-critical.json', now);
    const forged = await send('sentry', critical, { 'Sentry-Hook-Resource': 'metric_alert', 'Sentry-Hook-Signature': createHmac('sha256', 'not-the-secret').update(JSON.stringify(critical)).digest('hex') });
    expect(forged.status).toBe(401);
    // A monitoring secret is no Sentry signature.
    expect((await send('sentry', critical, { ...withSecret(), 'Sentry-Hook-Resource': 'metric_alert' })).status).toBe(401);
    expect(t.site.calls.length).toBe(callsBefore);
  });

  it('other methods with 405', async () => {
    const answer = (await invokeWebTrigger({
      handler: t.site.handler('monitoring-webhook'),
      moduleKey: 'preflight-monitoring',
      request: { method: 'GET', path: '/', headers: {}, queryParameters: { project: ['PAY'], tool: ['datadog'] }, body: '' },
    })) as { statusCode: number };
    expect(answer.statusCode).toBe(405);
  });
});
