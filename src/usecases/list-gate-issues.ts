import type { IssuePage, ReleaseIssuesPayload } from '../shared/release-panel';
import { countsQuery } from './evaluate-release';
import { loadRelease } from './load-release';
import type { Actor, ReleaseDeps } from './release-deps';

export const GATE_ISSUES_PAGE = 50;

/** The issues behind a failing auto gate, a page at a time, read as the person. */
export async function listGateIssues(deps: ReleaseDeps, actor: Actor, input: ReleaseIssuesPayload): Promise<IssuePage> {
  const { version, record, settings } = await loadRelease(deps, actor, input.versionId);
  return deps.reads.issues({
    ...countsQuery(version, record, settings, deps.clock.now()),
    list: input.list,
    ...(input.cursor && { cursor: input.cursor }),
    limit: GATE_ISSUES_PAGE,
  });
}
