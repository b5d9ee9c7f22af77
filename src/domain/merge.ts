import { day, isServerMessageId, text, time, type Text } from '../i18n/server-translator';

/**
 * Merging concurrent changes to one release, pure. Every change declares what it `touches` (the
 * parts of the record it writes) and what else it `reads` (parts its precondition depends on).
 * A change computed on an older revision is re-applied on the latest one unless something saved
 * since touched what it touches or reads: then it is a real clash and the person is told, in one
 * sentence, who changed what.
 *
 * Touch keys are colon paths; one key covers every key it is a prefix of (`checklist` covers
 * `checklist:rollback-plan`), and `*` covers everything:
 *   checklist:<gateId>            a checklist item's tick
 *   signoff:<gateId>:<role>       one role's sign-off on a gate
 *   phaseDates:<phaseId>          a phase's planned dates
 *   phase                         the current phase (advance, override, completing the release)
 *   build, announcement           the build under test, the announcement date
 *   qa:<issueKey>                 a QA decision on an issue
 *   published                     the pages published for the release
 *   *                             anything (changes that declare nothing, and stored events whose touches are unknown)
 */

export const ANYTHING = '*';

/** The `data` field under which a saved audit event keeps the keys its change touched (space-separated). */
export const TOUCHES_DATA_KEY = 'touches';

/** True when a change to `a` and a change to (or a read of) `b` concern the same part of the record. */
export function overlaps(a: string, b: string): boolean {
  if (a === ANYTHING || b === ANYTHING) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return long === short || long.startsWith(`${short}:`);
}

/** What a stored audit event says it changed; the parts of it a merge needs. */
export interface SavedEvent {
  type: string;
  by: string;
  at: string;
  summary: string;
  /** The summary as a message (src/domain/audit-line.ts), on events recorded since it existed. */
  text?: Text | undefined;
  data?: Record<string, string>;
}

/**
 * The keys a saved event's change touched: the ones stamped on it when it was saved, else what its
 * type implies for events written outside the merging path (QA decisions, publishing). Anything
 * else, older events included, counts as having touched everything, so nothing is merged blindly.
 */
export function touchesOf(event: SavedEvent): string[] {
  const stamped = event.data?.[TOUCHES_DATA_KEY];
  if (stamped !== undefined) return stamped.split(' ').filter((k) => k.length > 0);
  switch (event.type) {
    case 'qa-decision':
      return event.data?.issueKey ? [`qa:${event.data.issueKey}`] : ['qa'];
    case 'page-published':
      return ['published'];
    case 'release-started':
      // Saved with the first change: creating the record from the template touches nothing a change depends on.
      return [];
    default:
      return [ANYTHING];
  }
}

/** The event data that records what a change touched, merged into the data the event already has. */
export function stampTouches(data: Record<string, string> | undefined, touches: readonly string[]): Record<string, string> {
  return { ...data, [TOUCHES_DATA_KEY]: touches.join(' ') };
}

export interface ChangeScope {
  touches: readonly string[];
  reads?: readonly string[];
}

/**
 * The most recent saved event (of those since the person's revision, oldest first) that clashes
 * with a change of this scope, or undefined when the change can be re-applied on the latest revision.
 */
export function findClash<E extends SavedEvent>(scope: ChangeScope, since: readonly E[]): E | undefined {
  const mine = [...scope.touches, ...(scope.reads ?? [])];
  for (let i = since.length - 1; i >= 0; i--) {
    const event = since[i]!;
    if (touchesOf(event).some((theirs) => mine.some((k) => overlaps(k, theirs)))) return event;
  }
  return undefined;
}

/**
 * The one sentence a refused person reads: who did what, when. The panel shows it under "Your
 * change was not saved" and reloads itself, so the sentence says neither again.
 * "Rita Owner ticked "Rollback plan verified" at 14:02 UTC since you loaded this page."
 * `now` decides whether the day needs saying; times are in the reader's time zone (UTC in English logs).
 */
export function clashSentence(event: SavedEvent, who: { name: string; isYou: boolean }, now: Date): Text {
  const at = new Date(event.at);
  const described = describeSummary(event.summary);
  // English reshapes the stored summary into the sentence; other languages quote the event's own line.
  const what = typeof described === 'string' && event.text && isServerMessageId(event.text.id) ? { english: described, otherwise: event.text } : described;
  const values = { you: who.isYou ? 'yes' : 'no', name: who.name, what };
  if (Number.isNaN(at.getTime())) return text('errors.clash.recently', values);
  const iso = at.toISOString();
  const sameDay = iso.slice(0, 10) === now.toISOString().slice(0, 10);
  return text('errors.clash.named', { ...values, sameDay: sameDay ? 'yes' : 'no', date: day(iso), time: time(iso) });
}

/** When nothing saved can be named (the audit trail was unreadable or too long to search). */
export const UNNAMED_CLASH: Text = text('errors.clash.unnamed');

/** After the bounded retries all lost the compare-and-swap to other people's saves. */
export const BUSY_CLASH: Text = text('errors.clash.busy');

/** A summary as the middle of a sentence: first letter lowered (unless an acronym), details after ";" and a trailing link dropped. */
function describeSummary(summary: string): string | Text {
  let said = summary.split(';')[0]!.trim();
  said = said.replace(/\s*\((https?:\/\/[^)]*)\)$/, '');
  said = said.replace(/[.\s]+$/, '');
  if (said.length > 1 && /^[A-Z][a-z]/.test(said)) said = said.charAt(0).toLowerCase() + said.slice(1);
  return said.length > 0 ? said : text('errors.clash.changedRelease');
}
