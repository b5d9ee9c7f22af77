import type { KnownBlock } from '@slack/types';
import type { MessageContent } from '../usecases/notification-content';

/** What a Slack incoming webhook accepts: fallback text plus Block Kit blocks. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Slack's mrkdwn treats &, < and > as control characters; everything else is shown as written. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const ICON: Record<MessageContent['tone'], string> = { good: ':white_check_mark:', attention: ':warning:', neutral: ':information_source:' };

/** Header text is plain text of at most 150 characters; section fields at most 2,000 each. */
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** Renders a notification as a Slack Block Kit message. Pure. */
export function slackMessage(content: MessageContent): SlackMessage {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(content.title, 150), emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: clip(`${ICON[content.tone]} ${slackEscape(content.text)}`, 3000) } },
    {
      type: 'section',
      // Slack shows at most 10 fields in a section.
      fields: content.facts.slice(0, 10).map((f) => ({ type: 'mrkdwn' as const, text: clip(`*${slackEscape(f.label)}*\n${slackEscape(f.value)}`, 2000) })),
    },
  ];
  if (content.link) {
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: content.link.label }, url: content.link.url, action_id: 'open-release-panel' }],
    });
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Sent by Preflight' }] });
  return { text: content.title, blocks };
}
