import { z } from 'zod';
import { english, isServerMessageId, say, type ServerMessageId, type Text, type TextValue } from '../i18n/server-translator';
import type { Translator } from '../shared/i18n/translator';

/**
 * An audit event's line, kept two ways: `text` (a message id and its values, said in each reader's
 * language when the trail is shown or published) and `summary` (the same line in English with ISO
 * dates: what logs, the CLI and events older than `text` carry). Both are stored, so the evidence
 * digest covers what a reader of any language sees.
 */
export function auditLine(id: ServerMessageId, values?: Record<string, TextValue>): { summary: string; text: Text } {
  const message: Text = values ? { id, values } : { id };
  return { summary: english(message), text: message };
}

/** An event's line in the reader's language; events stored before `text` existed, or with an id this build lacks, read as stored. */
export function auditSummary(tr: Translator<ServerMessageId>, event: { summary: string; text?: Text | undefined }): string {
  if (!event.text || !isServerMessageId(event.text.id)) return event.summary;
  try {
    return say(tr, event.text);
  } catch (error) {
    console.warn(`Preflight could not word the audit line ${event.text.id}; showing it as stored`, error);
    return event.summary;
  }
}

/** A stored value of a Text: plain data, a day, an instant, a time, a list or a nested Text (never a Date: stored as JSON). */
const textValueSchema: z.ZodType<TextValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.object({ day: z.string() }).strict(),
    z.object({ instant: z.string() }).strict(),
    z.object({ time: z.string() }).strict(),
    z.object({ list: z.array(textValueSchema), type: z.enum(['conjunction', 'disjunction']).optional() }).strict(),
    storedTextSchema,
  ]),
);

/** A Text as stored in an audit event. The id is any string: a later build may know ids this one does not (auditSummary falls back). */
export const storedTextSchema: z.ZodType<Text> = z.lazy(() => z.object({ id: z.string() as unknown as z.ZodType<ServerMessageId>, values: z.record(z.string(), textValueSchema).optional() }).strict()) as z.ZodType<Text>;
