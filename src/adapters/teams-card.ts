import type { MessageContent } from '../usecases/notification-content';

/**
 * A Teams workflow webhook ("When a Teams webhook request is received") takes a message whose
 * attachment is an Adaptive Card. Version 1.4 is what Teams renders everywhere today.
 */
export interface TeamsMessage {
  type: 'message';
  attachments: Array<{ contentType: 'application/vnd.microsoft.card.adaptive'; contentUrl: null; content: AdaptiveCardJson }>;
}

export interface AdaptiveCardJson {
  $schema: string;
  type: 'AdaptiveCard';
  version: '1.4';
  body: Array<Record<string, unknown>>;
  actions?: Array<Record<string, unknown>>;
  msteams?: { width: 'Full' };
}

const COLOR: Record<MessageContent['tone'], string> = { good: 'Good', attention: 'Warning', neutral: 'Default' };

/** Renders a notification as a Teams message with an Adaptive Card. Pure. */
export function teamsMessage(content: MessageContent): TeamsMessage {
  const card: AdaptiveCardJson = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body: [
      { type: 'TextBlock', text: content.title, weight: 'Bolder', size: 'Medium', wrap: true, color: COLOR[content.tone] },
      // A RichTextBlock's TextRun is never read as Markdown, so text people typed (an override
      // reason) cannot turn into a link or formatting in the channel.
      { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: content.text }] },
      { type: 'FactSet', facts: content.facts.map((f) => ({ title: f.label, value: f.value })) },
      { type: 'TextBlock', text: 'Sent by Preflight', isSubtle: true, size: 'Small', wrap: true },
    ],
    ...(content.link && { actions: [{ type: 'Action.OpenUrl', title: content.link.label, url: content.link.url }] }),
    msteams: { width: 'Full' },
  };
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }] };
}
