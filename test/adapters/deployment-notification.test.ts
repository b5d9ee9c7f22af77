/**
 * A failed production deployment in Slack and Teams: CI's text (environment, pipeline label) goes
 * through the same escaping as every other field, and the pipeline's URL is not in the message
 * (notifications link to the release panel only).
 */
import type { SlackMessage } from '../../src/adapters/slack-message';
import type { TeamsMessage } from '../../src/adapters/teams-card';
import { channelPayload } from '../../src/adapters/webhook-poster';
import type { ReleaseNotification } from '../../src/ports';
import { dedupeKey, messageContent, notificationTitle } from '../../src/usecases/notification-content';

const failed: ReleaseNotification = {
  projectKey: 'PAY',
  versionId: '10004',
  versionName: 'PAY 2.2',
  panelUrl: 'https://acme.atlassian.net/jira/software/projects/PAY/apps/x/y/10004',
  day: '2026-12-01',
  at: '2026-12-01T10:15:00.000Z',
  event: { kind: 'deployment-failed', environment: 'prod <!channel>', build: '2.2.0+b7', status: 'rolled_back', pipeline: 'deploy <https://evil.example|#43>', url: 'https://ci.example/run/43' },
};

describe('a failed production deployment notification', () => {
  it('says what failed where, in the title a phone shows alone', () => {
    expect(notificationTitle(failed)).toBe('PAY 2.2: the production deployment of 2.2.0+b7 was rolled back');
    expect(messageContent(failed)).toMatchObject({
      tone: 'attention',
      facts: [
        { label: 'Project', value: 'PAY' },
        { label: 'Environment', value: 'prod <!channel>' },
        { label: 'Build', value: '2.2.0+b7' },
        { label: 'Pipeline run', value: 'deploy <https://evil.example|#43>' },
      ],
      link: { label: 'Open the release panel', url: failed.panelUrl },
    });
  });

  it('reaches Slack and Teams escaped, without the pipeline URL', () => {
    const slack = JSON.stringify(channelPayload('slack', messageContent(failed)) as SlackMessage);
    expect(slack).toContain('prod &lt;!channel&gt;');
    expect(slack).toContain('deploy &lt;https://evil.example|#43&gt;');
    expect(slack).not.toContain('<!channel>');
    expect(slack).not.toContain('ci.example');
    const teams = JSON.stringify(channelPayload('teams', messageContent(failed)) as TeamsMessage);
    expect(teams).not.toContain('ci.example');
  });

  it('is sent once per report: the key names the environment, the build and when, in characters a KVS key allows', () => {
    const key = dedupeKey(failed);
    expect(key).toBe('10004:deployment-failed-prod___channel_-2.2.0_b7-2026-12-01T10:15:00.000Z:2026-12-01');
    expect(key).toMatch(/^[A-Za-z0-9:._\s\-#]+$/);
    expect(dedupeKey({ ...failed, at: '2026-12-01T11:00:00.000Z' })).not.toBe(key);
  });
});
