import type { KnownBlock, MrkdwnElement, PlainTextElement } from '@slack/types';
import type { MessageContent } from '../ports';

/** What a Slack incoming webhook accepts: fallback text plus Block Kit blocks. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/**
 * Broadcast words Slack (with link_names) and people read as a ping of everyone. A WORD JOINER
 * (U+2060, invisible, not a bidi control) after the @ keeps the word as written but no longer a
 * mention.
 */
const BROADCAST = /@(channel|here|everyone)\b/gi;

/**
 * The one way user text enters a Slack message. Slack documents &, < and > as mrkdwn's control
 * characters, to be sent as &amp; &lt; &gt; (https://api.slack.com/reference/surfaces/formatting#escaping):
 * escaping them also turns <!channel>, <!here>, <@U…> and <url|label> links into visible text. A
 * plain_text object is never parsed for markup, so it keeps its characters (escaping there would
 * show the entities); both kinds get broadcast words defused. *bold*, _italic_, ~strike~ and
 * `code` stay: Slack has no escape for them, and they can neither ping nor link.
 */
export function slackText(text: string, type: 'mrkdwn'): MrkdwnElement & { text: string };
export function slackText(text: string, type: 'plain_text'): PlainTextElement;
export function slackText(text: string, type: 'mrkdwn' | 'plain_text'): MrkdwnElement | PlainTextElement {
  const defused = text.replace(BROADCAST, '@\u2060$1');
  if (type === 'plain_text') return { type, text: defused };
  return { type, text: defused.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') };
}

const ICON: Record<MessageContent['tone'], string> = { good: ':white_check_mark:', attention: ':warning:', neutral: ':information_source:' };

/**
 * Header text is plain text of at most 150 characters; section text at most 3,000 and fields at
 * most 2,000, counted after escaping. A cut never splits an entity (&amp;) or a surrogate pair.
 */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp !== -1 && text.indexOf(';', amp) >= cut) cut = amp;
  if (/[\uD800-\uDBFF]/.test(text.charAt(cut - 1))) cut--;
  return `${text.slice(0, cut)}…`;
}

/** Escapes first, then clips to Slack's limit for the field. */
const mrkdwn = (text: string, max: number) => clip(slackText(text, 'mrkdwn').text, max);

/** Renders a notification as a Slack Block Kit message; every string that came from content is escaped. Pure. */
export function slackMessage(content: MessageContent): SlackMessage {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { ...slackText(clip(content.title, 150), 'plain_text'), emoji: true } },
    // The icon is Preflight's own mrkdwn; only the text after it is escaped.
    { type: 'section', text: { type: 'mrkdwn', text: `${ICON[content.tone]} ${mrkdwn(content.text, 2900)}` } },
    {
      type: 'section',
      // Slack shows at most 10 fields in a section. The label's *…* is Preflight's own bold.
      fields: content.facts.slice(0, 10).map((f) => ({ type: 'mrkdwn' as const, text: `*${mrkdwn(f.label, 150)}*\n${mrkdwn(f.value, 1800)}` })),
    },
  ];
  if (content.link) {
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', text: slackText(clip(content.link.label, 75), 'plain_text'), url: content.link.url, action_id: 'open-release-panel' }],
    });
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: mrkdwn(content.footer ?? 'Sent by Preflight', 300) }] });
  // The top-level text is the notification phones show, and Slack parses it as mrkdwn too.
  return { text: mrkdwn(content.title, 3000), blocks };
}
