import type { MessageContent } from '../ports';

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

/** An Adaptive Card TextRun, with the styling a RichTextBlock's run may carry. */
export interface TeamsTextRun {
  type: 'TextRun';
  text: string;
  weight?: 'Bolder';
  size?: 'Medium';
  color?: string;
}

/**
 * The one way user text enters a Teams card: as a TextRun. Teams reads Markdown in a TextBlock's
 * text and in a FactSet's titles and values (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format),
 * never in a TextRun (the Adaptive Cards SDK applies Markdown to TextBlock only: `useMarkdown` in
 * adaptivecards/lib/card-elements.js), and a card is never read as HTML. So `[v](javascript:…)`,
 * `**bold**`, `<b>` and `&amp;` all show as typed. Mentions need an `<at>` tag plus an
 * msteams.entities entry Preflight never sends, so `@everyone` is just text too.
 */
export function teamsText(text: string, style: Omit<TeamsTextRun, 'type' | 'text'> = {}): TeamsTextRun {
  return { type: 'TextRun', text, ...style };
}

/** A paragraph of runs (a RichTextBlock has no `wrap`: its text wraps as a paragraph does). */
const paragraph = (...inlines: TeamsTextRun[]) => ({ type: 'RichTextBlock', inlines });

/** Renders a notification as a Teams message with an Adaptive Card; every string from content is a TextRun. Pure. */
export function teamsMessage(content: MessageContent): TeamsMessage {
  const card: AdaptiveCardJson = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body: [
      paragraph(teamsText(content.title, { weight: 'Bolder', size: 'Medium', color: COLOR[content.tone] })),
      paragraph(teamsText(content.text)),
      // Facts as runs, not a FactSet: Teams reads a fact's title and value as Markdown.
      ...content.facts.map((f) => paragraph(teamsText(`${f.label}: `, { weight: 'Bolder' }), teamsText(f.value))),
      // Preflight's own sign-off, from its catalogue in the project's language (no Markdown in any translation).
      { type: 'TextBlock', text: content.footer ?? 'Sent by Preflight', isSubtle: true, size: 'Small', wrap: true },
    ],
    // The label is Preflight's own; an action's title is never Markdown either.
    ...(content.link && { actions: [{ type: 'Action.OpenUrl', title: content.link.label, url: content.link.url }] }),
    msteams: { width: 'Full' },
  };
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }] };
}
