/**
 * Text people typed (version names, phase and gate names, override reasons, who overrode) reaches
 * Slack and Teams only through one escaping function per format: these are the exact messages a
 * channel receives for hostile input, so no ping, link, formatting or markup comes out of it.
 */
import { channelPayload } from '../../src/adapters/webhook-poster';
import { slackText, type SlackMessage } from '../../src/adapters/slack-message';
import { teamsText, type TeamsMessage } from '../../src/adapters/teams-card';
import type { ReleaseNotification } from '../../src/ports';
import { messageContent } from '../../src/usecases/notification-content';

const WJ = '\u2060'; // WORD JOINER: invisible, keeps "@channel" from being a mention

const HOSTILE_NAME = '2.2 <!channel> <https://evil.example|click> [v](javascript:alert(1))';
const REASON = 'ok <!here> @everyone *bold* _it_ &amp; <b>html</b><script>alert(1)</script> <@U123>';

const notification: ReleaseNotification = {
  projectKey: 'PAY',
  versionId: '10001',
  versionName: HOSTILE_NAME,
  releaseDate: '2026-12-24',
  panelUrl: 'https://acme.atlassian.net/projects/PAY?selectedItem=preflight',
  day: '2026-12-01',
  at: '2026-12-01T10:00:00.000Z',
  event: { kind: 'phase-changed', from: 'Plan <!channel>', to: 'Build & test', toPhaseId: 'build', override: { reason: REASON, gates: ['QA *done*', '@here sign-off'], by: 'Eve <@U999>' } },
};

describe('slackText, the one way text enters a Slack message', () => {
  it.each([
    ['<!channel>', '&lt;!channel&gt;'],
    ['<!here>', '&lt;!here&gt;'],
    ['<@U024BE7LH>', '&lt;@U024BE7LH&gt;'],
    ['@everyone @Channel @here!', `@${WJ}everyone @${WJ}Channel @${WJ}here!`],
    ['<https://evil.example|click>', '&lt;https://evil.example|click&gt;'],
    ['[v](javascript:alert(1))', '[v](javascript:alert(1))'],
    ['*bold* _it_', '*bold* _it_'],
    ['&amp; already escaped', '&amp;amp; already escaped'],
    ['<b>html</b><script>x</script>', '&lt;b&gt;html&lt;/b&gt;&lt;script&gt;x&lt;/script&gt;'],
    ['mail me@heresy.example', 'mail me@heresy.example'],
  ])('makes %j safe mrkdwn', (input, output) => {
    expect(slackText(input, 'mrkdwn')).toEqual({ type: 'mrkdwn', text: output });
  });

  it('leaves plain_text as typed apart from broadcast words, since Slack never parses it', () => {
    expect(slackText('<!channel> &amp; @here', 'plain_text')).toEqual({ type: 'plain_text', text: `<!channel> &amp; @${WJ}here` });
  });
});

describe('a hostile release in a Slack message', () => {
  it('is escaped in the fallback text, the header, the section and every fact', () => {
    const message = channelPayload('slack', messageContent(notification)) as SlackMessage;
    expect(message).toEqual({
      text: '2.2 &lt;!channel&gt; &lt;https://evil.example|click&gt; [v](javascript:alert(1)) moved to Build &amp; test with gates overridden',
      blocks: [
        // A header is plain_text, which Slack shows as typed: no entity would be decoded there.
        { type: 'header', text: { type: 'plain_text', text: `${HOSTILE_NAME} moved to Build & test with gates overridden`, emoji: true } },
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text:
              ':warning: The release left Plan &lt;!channel&gt; and is now in Build &amp; test. Eve &lt;@U999&gt; overrode failing gates ' +
              `(QA *done*, @${WJ}here sign-off). Reason: ok &lt;!here&gt; @${WJ}everyone *bold* _it_ &amp;amp; &lt;b&gt;html&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;@U123&gt;`,
          },
        },
        {
          type: 'section',
          fields: [
            { type: 'mrkdwn', text: '*Project*\nPAY' },
            { type: 'mrkdwn', text: '*Release date*\nDec 24, 2026' },
            { type: 'mrkdwn', text: '*From*\nPlan &lt;!channel&gt;' },
            { type: 'mrkdwn', text: '*To*\nBuild &amp; test' },
          ],
        },
        { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open the release panel' }, url: notification.panelUrl, action_id: 'open-release-panel' }] },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'Sent by Preflight' }] },
      ],
    });
    // Nothing Slack would parse as a ping or a link is left in any mrkdwn the message carries.
    const mrkdwn = [message.text, ...JSON.stringify(message.blocks.slice(1)).match(/"text":"[^"]*"/g)!];
    for (const text of mrkdwn) expect(text).not.toMatch(/<[!@#]|<https?:|@(channel|here|everyone)\b/i);
  });

  it('clips a long title for the header, and long text after escaping without splitting an entity', () => {
    const long = channelPayload('slack', messageContent({ ...notification, versionName: 'v'.repeat(200) })) as SlackMessage;
    expect(long.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: `${'v'.repeat(149)}…`, emoji: true } });
    const reason = `${'x'.repeat(2800)}${'<'.repeat(200)}`;
    const message = channelPayload('slack', messageContent({ ...notification, event: { kind: 'phase-changed', from: 'Plan', to: 'Build', toPhaseId: 'build', override: { reason, gates: [] } } })) as SlackMessage;
    const section = message.blocks[1] as { text: { text: string } };
    expect(section.text.text.length).toBeLessThanOrEqual(3000);
    expect(section.text.text).toMatch(/x(&lt;)+…$/);
  });
});

describe('a hostile release in a Teams card', () => {
  it('puts every string people typed in a TextRun, which Teams never reads as Markdown', () => {
    const message = channelPayload('teams', messageContent(notification)) as TeamsMessage;
    const title = `${HOSTILE_NAME} moved to Build & test with gates overridden`;
    expect(message.attachments[0]!.content.body).toEqual([
      { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: title, weight: 'Bolder', size: 'Medium', color: 'Warning' }] },
      {
        type: 'RichTextBlock',
        inlines: [{ type: 'TextRun', text: `The release left Plan <!channel> and is now in Build & test. Eve <@U999> overrode failing gates (QA *done*, @here sign-off). Reason: ${REASON}` }],
      },
      { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'Project: ', weight: 'Bolder' }, { type: 'TextRun', text: 'PAY' }] },
      { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'Release date: ', weight: 'Bolder' }, { type: 'TextRun', text: 'Dec 24, 2026' }] },
      { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'From: ', weight: 'Bolder' }, { type: 'TextRun', text: 'Plan <!channel>' }] },
      { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'To: ', weight: 'Bolder' }, { type: 'TextRun', text: 'Build & test' }] },
      { type: 'TextBlock', text: 'Sent by Preflight', isSubtle: true, size: 'Small', wrap: true },
    ]);
    expect(message.attachments[0]!.content.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open the release panel', url: notification.panelUrl }]);
  });

  it('has no Markdown-reading field (TextBlock or FactSet) carrying text from the release', () => {
    const card = (channelPayload('teams', messageContent(notification)) as TeamsMessage).attachments[0]!.content;
    const markdownFields = card.body.filter((b) => b.type === 'TextBlock' || b.type === 'FactSet');
    expect(markdownFields).toEqual([{ type: 'TextBlock', text: 'Sent by Preflight', isSubtle: true, size: 'Small', wrap: true }]);
    expect(teamsText('[v](javascript:alert(1)) &amp; <b>x</b>')).toEqual({ type: 'TextRun', text: '[v](javascript:alert(1)) &amp; <b>x</b>' });
  });
});
