import { callerTranslator } from '../i18n/server-translator';
import type { AuditEvent } from '../ports';
import { auditKindOf, type AuditPage, type ReleaseAuditPayload } from '../shared/release-panel';
import { assertVersionInProject } from './load-release';
import type { Actor, ReleaseDeps } from './release-deps';
import { toAuditView } from './release-view';

const PAGE = 25;
/** A filtered page reads the trail 100 events at a time, at most this many times a call. */
const SCANS = 5;

/**
 * Older audit events, newest first, a page at a time; optionally only one kind of decision and/or
 * one person's. A filtered page may hold fewer than 25 events (even none) while `nextCursor`
 * says more of the trail is left to search: the filter runs over the stored trail in steps, so a
 * sparse match costs a bounded number of reads per call.
 * @throws AppError NOT_FOUND for a version of another project.
 */
export async function listAuditEvents(deps: ReleaseDeps, actor: Actor, input: ReleaseAuditPayload): Promise<AuditPage> {
  await assertVersionInProject(deps, actor, input.versionId);
  const matches = (e: AuditEvent) => (input.kind === undefined || auditKindOf(e.type) === input.kind) && (input.by === undefined || e.by === input.by);
  const filtered = input.kind !== undefined || input.by !== undefined;
  const events: AuditEvent[] = [];
  let cursor = input.cursor;
  for (let scan = 0; scan < (filtered ? SCANS : 1); scan++) {
    const page = await deps.store.audit(input.versionId, { limit: filtered ? 100 : PAGE, ...(cursor && { cursor }) });
    events.push(...page.events.filter(matches));
    cursor = page.nextCursor;
    if (!cursor || events.length >= PAGE) break;
  }
  const names = await deps.people.names([...new Set(events.flatMap((e) => [e.by, ...(e.snapshot ?? []).flatMap((g) => (g.signatures ?? []).map((s) => s.by))]))]);
  return {
    events: events.map((e) => toAuditView(e, (id) => ({ accountId: id, displayName: names.get(id) ?? id }), callerTranslator(actor.locale, actor.timeZone))),
    ...(cursor && { nextCursor: cursor }),
  };
}
