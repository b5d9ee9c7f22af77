import api from '@forge/api';
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { z } from 'zod';
import { jiraEventDeps, reevaluationDeps } from '../composition';
import { queueAfterJiraChange } from '../usecases/evaluate-in-background';
import { ProductError } from '../errors';
import { recordScopeChange, type FixVersionChange } from '../usecases/record-scope-change';
import { recordVersionEvent, type VersionEventInput } from '../usecases/record-version-event';

/**
 * Jira's product events (manifest: trigger preflight-jira-events). Forge calls
 * `handler(event, context)` with no user, after the change in Jira; payload shapes from
 * developer.atlassian.com/platform/forge/events-reference/jira. The schemas are loose (Jira adds
 * fields); an event that does not parse is logged and dropped, never thrown: retrying cannot fix it.
 */

const versionSchema = z.looseObject({
  id: z.string().regex(/^\d+$/, 'expected a numeric version id'),
  name: z.string(),
  releaseDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});
const VERSION_EVENTS = {
  'avi:jira:released:version': 'released',
  'avi:jira:unreleased:version': 'unreleased',
  'avi:jira:updated:version': 'updated',
  'avi:jira:deleted:version': 'deleted',
  'avi:jira:merged:version': 'merged',
} as const satisfies Record<string, VersionEventInput['kind']>;

const versionEventSchema = z.looseObject({
  eventType: z.enum(Object.keys(VERSION_EVENTS) as [keyof typeof VERSION_EVENTS, ...Array<keyof typeof VERSION_EVENTS>]),
  atlassianId: z.string().min(1).max(128).optional(),
  version: versionSchema,
  mergedVersion: versionSchema.optional(),
  newFixVersion: versionSchema.optional(),
});

const changeItemSchema = z.looseObject({
  field: z.string().optional(),
  fieldId: z.string().optional(),
  from: z.string().nullish(),
  to: z.string().nullish(),
});
const issueUpdatedSchema = z.looseObject({
  eventType: z.literal('avi:jira:updated:issue'),
  atlassianId: z.string().min(1).max(128).optional(),
  issue: z.looseObject({ id: z.string(), key: z.string() }),
  changelog: z.looseObject({ id: z.union([z.string(), z.number()]).transform(String), items: z.array(changeItemSchema) }).optional(),
});

/** A fix-version item of a changelog: Jira names the field `Fix Version` and its id `fixVersions`. */
const isFixVersion = (item: z.infer<typeof changeItemSchema>) => item.fieldId === 'fixVersions' || item.field === 'Fix Version';

/** What an issue update changed in fix versions, or undefined when it changed none. */
export function fixVersionChange(event: z.infer<typeof issueUpdatedSchema>): FixVersionChange | undefined {
  const items = (event.changelog?.items ?? []).filter(isFixVersion);
  if (items.length === 0 || !event.changelog) return undefined;
  const added = items.flatMap((i) => (i.to ? [i.to] : []));
  const removed = items.flatMap((i) => (i.from && !i.to ? [i.from] : []));
  return { issue: { id: event.issue.id, key: event.issue.key }, changelogId: event.changelog.id, added, removed, ...(event.atlassianId && { by: event.atlassianId }) };
}

/** How many times Forge runs an event again at our request (documented maximum: four). */
const MAX_RETRIES = 4;

export async function jiraEventsTrigger(event: unknown): Promise<InvocationError | undefined> {
  const type = typeof event === 'object' && event !== null ? (event as { eventType?: unknown }).eventType : undefined;
  const retryCount = (event as { retryContext?: { retryCount?: number } } | null)?.retryContext?.retryCount ?? 0;
  try {
    if (typeof type === 'string' && type in VERSION_EVENTS) {
      const parsed = versionEventSchema.safeParse(event);
      if (!parsed.success) return dropped(type, parsed.error.message);
      const e = parsed.data;
      const into = e.mergedVersion ?? e.newFixVersion;
      await recordVersionEvent(jiraEventDeps(api.asApp()), {
        kind: VERSION_EVENTS[e.eventType],
        version: { id: e.version.id, name: e.version.name, ...(e.version.releaseDate && { releaseDate: e.version.releaseDate }) },
        ...(e.atlassianId && { by: e.atlassianId }),
        // A merge names the other version (which way round is not documented: recordVersionEvent finds out);
        // a deletion names where the issues went, as the merge target or the fix-version replacement.
        ...(into && { mergedInto: { id: into.id, name: into.name } }),
      });
      // The overview's counts for this version are stale now (dates, released flag): evaluate again.
      const kind = VERSION_EVENTS[e.eventType];
      if (kind === 'updated' || kind === 'released' || kind === 'unreleased') await queueAfterJiraChange(reevaluationDeps(), [e.version.id]);
      return undefined;
    }
    if (type === 'avi:jira:updated:issue') {
      const parsed = issueUpdatedSchema.safeParse(event);
      if (!parsed.success) return dropped(type, parsed.error.message);
      const change = fixVersionChange(parsed.data);
      if (change) await recordScopeChange(jiraEventDeps(api.asApp()), change);
      // An issue joined or left a version: the overview's counts of both versions are stale.
      // (A status change names no version in the event; the daily and list evaluations catch it.)
      if (change) await queueAfterJiraChange(reevaluationDeps(), [...change.added, ...change.removed]);
      return undefined;
    }
    return dropped(String(type), 'not an event Preflight subscribes to');
  } catch (error) {
    // Jira down or rate-limiting: Forge runs the event again later (at most four times). Anything else is logged.
    const transient = error instanceof ProductError && (error.status === 429 || error.status >= 500 || error.status === 0);
    if (transient && retryCount < MAX_RETRIES) {
      return new InvocationError({
        retryAfter: Math.min(900, 30 * 2 ** retryCount),
        retryReason: (error as ProductError).status === 429 ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
      });
    }
    console.warn(`Preflight could not process Jira event ${String(type)}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

function dropped(type: string, why: string): undefined {
  console.warn(`Preflight ignored Jira event ${type}: ${why}`);
  return undefined;
}
