/**
 * A version renamed in Jira to something hostile, then moved with a hostile override reason,
 * through the emulated site to the webhook sink: what Slack and Teams receive neither pings a
 * channel nor carries a disguised link (issue 12, finding 1).
 */
import { z } from 'zod';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';
import { INTEGRATION_KEYS } from '../../src/shared/notifications';
import { triggerSite } from './helpers';

const t = triggerSite();
afterEach(() => expect(t.site.violations).toEqual([]));

const HOSTILE = '2.2 <!channel> <https://evil.example|click> [v](javascript:alert(1)) @here';

it('never lets a version name or a reason ping a channel or hide a link, in Slack or Teams', async () => {
  await t.ok('release-owner', INTEGRATION_KEYS.saveWebhooks, {
    slack: 'https://hooks.slack.com/services/T0000/B0000/abcdefghijkl',
    teams: 'https://prod-42.westeurope.logic.azure.com/workflows/0a1b2c/triggers/manual/paths/invoke?sig=zzzz',
  });
  const v = t.version('PAY 2.2');
  expect((await t.site.jiraRest('release-owner', 'PUT', `/rest/api/3/version/${v.id}`, { name: HOSTILE })).status).toBe(200);
  const view = await t.ok<ReleaseView>('release-owner', PANEL_KEYS.get, { versionId: v.id }, 'preflight-releases');
  await t.ok('release-owner', PANEL_KEYS.advance, { versionId: v.id, revision: view.revision, override: { reason: '<!everyone> see <https://evil.example|the plan> **now**' } }, 'preflight-releases');

  const slack = z.object({ text: z.string(), blocks: z.array(z.record(z.string(), z.unknown())) }).parse(t.sink.messages.find((m) => m.service === 'slack')!.body);
  expect(slack.text).toBe('2.2 &lt;!channel&gt; &lt;https://evil.example|click&gt; [v](javascript:alert(1)) @\u2060here moved to Build &amp; test with gates overridden');
  expect(slack.blocks[1]).toEqual({
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: expect.stringMatching(/^:warning: The release left .+ and is now in Build &amp; test\. Rita Owens overrode failing gates \(.+\)\. Reason: &lt;!everyone&gt; see &lt;https:\/\/evil\.example\|the plan&gt; \*\*now\*\*$/),
    },
  });

  const teams = z.object({ attachments: z.array(z.object({ content: z.object({ body: z.array(z.object({ type: z.string() }).passthrough()) }) })) }).parse(t.sink.messages.find((m) => m.service === 'teams')!.body);
  const body = teams.attachments[0]!.content.body;
  expect(body[0]).toEqual({ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: `${HOSTILE} moved to Build & test with gates overridden`, weight: 'Bolder', size: 'Medium', color: 'Warning' }] });
  expect(body[1]).toEqual({ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: expect.stringContaining('Reason: <!everyone> see <https://evil.example|the plan> **now**') }] });
  // Only Preflight's own footer is in a Markdown-reading TextBlock; no FactSet at all.
  expect(body.filter((b) => b.type !== 'RichTextBlock')).toEqual([{ type: 'TextBlock', text: 'Sent by Preflight', isSubtle: true, size: 'Small', wrap: true }]);
});
