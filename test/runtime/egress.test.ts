/**
 * Egress as Forge enforces it: a backend fetch to a host that manifest.yml does not declare under
 * permissions.external.fetch.backend answers 403 (it does not throw), and Preflight records that
 * as a failed delivery naming the host, not retried, since a retry cannot change the answer.
 */
import { join } from 'node:path';
import { REPO_ROOT } from '../../local/contracts/spec-files';
import { runAs } from '../../local/runtime';
import { egressHostsFromManifest, installExternalFetch } from '../../local/runtime/external-fetch';
import { fetchWebhookPoster } from '../../src/adapters/webhook-poster';
import { notifyDeps } from '../../src/composition';
import { INTEGRATION_KEYS, NOTIFICATION_KEYS, type NotificationStatusView } from '../../src/shared/notifications';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';
import { retryPending } from '../../src/usecases/send-notification';
import { triggerSite } from '../triggers/helpers';

const RITA = '712020:0f1e2d3c-release-owner';
const SLACK = 'https://hooks.slack.com/services/T0000/B0000/abcdefghijkl';
const TEAMS = 'https://prod-42.westeurope.logic.azure.com:443/workflows/0a1b2c/triggers/manual/paths/invoke?sig=zzzz';

describe('a backend fetch inside an invocation', () => {
  const routed: string[] = [];
  beforeEach(() => {
    routed.length = 0;
    installExternalFetch({
      allowedHosts: ['hooks.slack.com', '*.example.com'],
      route: async (url) => {
        routed.push(url.href);
        return new Response('ok', { status: 200 });
      },
    });
  });

  it('answers 403 for an undeclared host instead of throwing, and never leaves the machine', async () => {
    const res = await runAs(RITA, () => fetch('https://hooks.example.org/services/T0/B0/secret', { method: 'POST', body: '{}' }));
    expect(res.status).toBe(403);
    expect(res.headers.get('forge-proxy-error')).toBe('REQUEST_EGRESS_ALLOWLIST_ERR');
    expect(await res.text()).toBe(
      'URL not included in the external fetch backend permissions: https://hooks.example.org/services/T0/B0/secret. Visit go.atlassian.com/forge-egress for more information.',
    );
    // A wildcard covers subdomains only, never its parent domain.
    expect((await runAs(RITA, () => fetch('https://example.com/hook'))).status).toBe(403);
    expect((await runAs(RITA, () => fetch('https://ci.example.com/hook'))).status).toBe(200);
    expect((await runAs(RITA, () => fetch('http://hooks.slack.com/services/x'))).status).toBe(400);
    expect(routed).toEqual(['https://ci.example.com/hook']);
  });

  it('is a final delivery failure for the webhook poster, naming the host and not the secret path', async () => {
    const poster = fetchWebhookPoster();
    const content = { title: 'PAY 2.2 moved to Build & test', text: 'The release left Planning.', facts: [], tone: 'neutral' as const };
    const refused = await runAs(RITA, () => poster.post('slack', 'https://hooks.example.org/services/T0/B0/secret', content));
    expect(refused).toEqual({
      ok: false,
      final: true,
      error: 'hooks.example.org is not an allowed destination: Preflight can only post to Slack and Teams webhooks. Not retried.',
    });
    expect(await runAs(RITA, () => poster.post('slack', SLACK, content))).toEqual({ ok: true });
  });
});

describe('the app when the manifest does not declare a webhook host', () => {
  const t = triggerSite({ issues: 120 });
  // As if manifest.yml lacked '*.logic.azure.com': the Teams URL still passes validation (which
  // follows Teams' hosts), so only egress stops it: the defence in depth the platform provides.
  beforeEach(() =>
    installExternalFetch({
      allowedHosts: egressHostsFromManifest(join(REPO_ROOT, 'manifest.yml')).filter((h) => h !== '*.logic.azure.com'),
      route: t.sink.handle,
    }),
  );
  afterEach(() => expect(t.site.violations).toEqual([]));

  it('refuses to save a webhook on any other host in the first place', async () => {
    const bad = await t.call('release-owner', INTEGRATION_KEYS.saveWebhooks, { slack: 'https://hooks.example.org/services/T0/B0/x', teams: 'https://hooks.example.org/workflows/x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ field: 'slack' }, { field: 'teams' }] } });
  });

  it('records the refused delivery on the release panel, naming the host, and does not retry it', async () => {
    await t.ok('release-owner', INTEGRATION_KEYS.saveWebhooks, { slack: SLACK, teams: TEAMS });
    const v = t.version('PAY 2.2');
    const view = await t.ok<ReleaseView>('release-owner', PANEL_KEYS.get, { versionId: v.id }, 'preflight-releases');
    const moved = await t.call<ReleaseView>('release-owner', PANEL_KEYS.advance, { versionId: v.id, revision: view.revision, override: { reason: 'Scope agreed' } }, 'preflight-releases');
    expect(moved.ok).toBe(true); // the person's change stands
    expect(t.sink.messages.map((m) => m.service)).toEqual(['slack']);

    const status = await t.ok<NotificationStatusView>('viewer', NOTIFICATION_KEYS.status, { versionId: v.id }, 'preflight-releases');
    expect(status.failed).toEqual([
      expect.objectContaining({ channel: 'teams', title: 'PAY 2.2 moved to Build & test with gates overridden', attempts: 1, lastError: expect.stringMatching(/^prod-42\.westeurope\.logic\.azure\.com refused the message \(403 Forbidden\)/) }),
    ]);
    expect(status.failed[0]!.nextAttemptAt).toBeUndefined();
    expect(JSON.stringify(status)).not.toContain('sig=zzzz');

    // Hours later the retry job leaves it alone: the answer would be the same.
    const later = { now: () => new Date(Date.now() + 24 * 3_600_000) };
    expect(await runAs(null, () => retryPending({ ...notifyDeps(), clock: later }))).toEqual({ retried: 0, delivered: 0 });
    expect(t.sink.messages).toHaveLength(1);
  });
});
