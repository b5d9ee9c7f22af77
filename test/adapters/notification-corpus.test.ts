import { slackMessage } from '../../src/adapters/slack-message';
import { teamsMessage } from '../../src/adapters/teams-card';
import { safeDeep } from '../../src/domain/safe-text';
import type { ReleaseNotification } from '../../src/ports';
import { messageContent } from '../../src/usecases/notification-content';
import { HOSTILE_TEXT } from '../fixtures/hostile-text';

/**
 * Every payload of the hostile-text corpus as a version name in a notification, through the same
 * steps as the app (cleaned as the notification is built, then rendered for the channel). The
 * expected output is written from the formats' documented rules: Slack sends &, < and > as
 * entities and broadcast words lose their ping; Teams carries the text as typed in a TextRun.
 */
const slackEscaped = (text: string) =>
  text
    .replace(/@(channel|here|everyone)\b/gi, '@\u2060$1')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');

function overdue(versionName: string) {
  const notification: ReleaseNotification = {
    projectKey: 'PAY',
    versionId: '10004',
    versionName,
    day: '2026-12-01',
    at: '2026-12-01T09:00:00.000Z',
    event: { kind: 'overdue', daysLate: 3, phase: 'Deployment' },
  };
  return messageContent(safeDeep(notification));
}

describe.each(HOSTILE_TEXT.filter((p) => p.kind !== 'size'))('a version named with $kind payload "$name"', ({ safe, payload }) => {
  it('reaches Slack escaped exactly, with nothing that pings or links', () => {
    const message = slackMessage(overdue(payload));
    expect(message.text).toBe(`${slackEscaped(safe)} is overdue by 3 days`);
    expect(message.text).not.toMatch(/<|>|[\u202A-\u202E\u2066-\u2069]|@(channel|here|everyone)\b/i);
  });

  it('reaches Teams as the safe text, in a TextRun only', () => {
    const body = teamsMessage(overdue(payload)).attachments[0]!.content.body as Array<{ type: string; inlines?: Array<{ type: string; text: string }>; text?: string }>;
    expect(body[0]!.inlines![0]).toMatchObject({ type: 'TextRun', text: `${safe} is overdue by 3 days` });
    // The only TextBlock (which Teams reads as Markdown) is Preflight's own footer.
    expect(body.filter((b) => b.type === 'TextBlock').map((b) => b.text)).toEqual(['Sent by Preflight']);
  });
});

it('a 32 KB version name is clipped to what Slack accepts, never mid-entity', () => {
  const big = HOSTILE_TEXT.find((p) => p.kind === 'size')!;
  const message = slackMessage(overdue(big.payload));
  expect(message.text.length).toBeLessThanOrEqual(3000);
  expect(message.text.endsWith('…')).toBe(true);
  expect(message.text).not.toMatch(/&[a-z]*…$/);
});
