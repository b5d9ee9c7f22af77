import { useState } from 'react';
import { PANEL_KEYS, type IssueList, type IssuePage, type IssueRow } from '../../../../src/shared/release-panel';
import { callResolver } from '../bridge/call-resolver';
import { errorMessage } from '../bridge/flags';

export type GateIssueListState =
  | { kind: 'closed' }
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'open'; issues: IssueRow[]; nextCursor?: string; loadingMore: boolean };

/**
 * One of the issue lists behind a gate (`release/issues`), loaded only when opened and then a
 * page at a time: a gate over 5,000 issues costs nothing until someone asks for its list.
 */
export function useGateIssueList(versionId: string, list: IssueList) {
  const [state, setState] = useState<GateIssueListState>({ kind: 'closed' });
  const fetchPage = (cursor?: string) => callResolver<IssuePage>(PANEL_KEYS.issues, { versionId, list, ...(cursor && { cursor }) });

  const open = () => {
    setState({ kind: 'loading' });
    fetchPage()
      .then((page) => setState({ kind: 'open', issues: page.issues, nextCursor: page.nextCursor, loadingMore: false }))
      .catch((error: unknown) => setState({ kind: 'error', message: errorMessage(error) }));
  };

  const more = () => {
    if (state.kind !== 'open' || !state.nextCursor) return;
    setState({ ...state, loadingMore: true });
    fetchPage(state.nextCursor)
      .then((page) => setState((s) => (s.kind === 'open' ? { kind: 'open', issues: [...s.issues, ...page.issues], nextCursor: page.nextCursor, loadingMore: false } : s)))
      .catch((error: unknown) => setState({ kind: 'error', message: errorMessage(error) }));
  };

  const close = () => setState({ kind: 'closed' });
  return { state, open, more, close };
}
