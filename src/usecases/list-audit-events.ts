import type { AuditPage, ReleaseAuditPayload } from '../shared/release-panel';
import { assertVersionInProject } from './load-release';
import type { Actor, ReleaseDeps } from './release-deps';
import { toAuditView } from './release-view';

/** Older audit events, newest first, a page at a time. */
export async function listAuditEvents(deps: ReleaseDeps, actor: Actor, input: ReleaseAuditPayload): Promise<AuditPage> {
  await assertVersionInProject(deps, actor, input.versionId);
  const page = await deps.store.audit(input.versionId, { limit: 25, ...(input.cursor && { cursor: input.cursor }) });
  const names = await deps.people.names([...new Set(page.events.map((e) => e.by))]);
  return {
    events: page.events.map((e) => toAuditView(e, (id) => ({ accountId: id, displayName: names.get(id) ?? id }))),
    ...(page.nextCursor && { nextCursor: page.nextCursor }),
  };
}
