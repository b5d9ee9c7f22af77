import type { QaRecord } from '../domain/qa';
import type { IssuePage, IssueRow, ReleaseIssuesPayload } from '../shared/release-panel';
import { countsQuery } from './evaluate-release';
import { loadRelease } from './load-release';
import type { Actor, ReleaseDeps } from './release-deps';

export const GATE_ISSUES_PAGE = 50;

/**
 * The issues behind a failing auto gate, a page at a time, read as the person. In the list of
 * issues awaiting QA, an issue whose latest decision rejected the build under test is marked with
 * that rejection (who, when, the note): "awaiting QA" alone would hide that QA said no.
 * A read: it stores nothing.
 */
export async function listGateIssues(deps: ReleaseDeps, actor: Actor, input: ReleaseIssuesPayload): Promise<IssuePage> {
  const { version, record, settings } = await loadRelease(deps, actor, input.versionId);
  const build = record.buildUnderTest?.id;
  const [page, rejected] = await Promise.all([
    deps.reads.issues({
      ...countsQuery(version, record, settings, deps.clock.now()),
      list: input.list,
      ...(input.cursor && { cursor: input.cursor }),
      limit: GATE_ISSUES_PAGE,
    }),
    // One KVS query for the build's rejections in the project (indexed by project and build), whatever the page.
    input.list === 'qa-pending' && build && deps.qaChecks ? deps.qaChecks.store.rejectedFor(actor.project.key, build) : Promise.resolve([] as QaRecord[]),
  ]);
  if (rejected.length === 0) return page;
  const byIssue = new Map(rejected.map((r) => [r.issueId, r.latest]));
  const shown = page.issues.flatMap((i) => byIssue.get(i.id) ?? []);
  const names = shown.length > 0 ? await deps.people.names([...new Set(shown.map((e) => e.by))]) : new Map<string, string>();
  const issues = page.issues.map((issue): IssueRow => {
    const entry = byIssue.get(issue.id);
    if (!entry) return issue;
    return { ...issue, rejection: { build: entry.build, by: { accountId: entry.by, displayName: names.get(entry.by) ?? entry.by }, at: entry.at, note: entry.note } };
  });
  return { ...page, issues };
}
