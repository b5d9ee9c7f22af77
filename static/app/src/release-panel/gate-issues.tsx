import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { useState } from 'react';
import { PANEL_KEYS, type IssueList, type IssuePage, type IssueRow } from '../../../../src/shared/release-panel';
import { callResolver } from '../bridge/call-resolver';
import { errorMessage } from '../bridge/flags';
import { IssueLink } from '../components/issue-link';

type IssuesState =
  | { kind: 'closed' }
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'open'; issues: IssueRow[]; nextCursor?: string; loadingMore: boolean };

/**
 * The issues behind an automatic gate, loaded only when asked for: a gate over 5,000 issues costs
 * nothing until someone wants the list, and then one page at a time.
 */
export function GateIssues({ versionId, list, gateName }: { versionId: string; list: IssueList; gateName: string }) {
  const [state, setState] = useState<IssuesState>({ kind: 'closed' });

  const fetchPage = (cursor?: string) =>
    callResolver<IssuePage>(PANEL_KEYS.issues, { versionId, list, ...(cursor && { cursor }) });

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

  const isOpen = state.kind !== 'closed';
  return (
    <Stack space="space.100">
      <Inline>
        <Button spacing="compact" aria-expanded={isOpen} onClick={isOpen ? () => setState({ kind: 'closed' }) : open}>
          {isOpen ? 'Hide issues' : 'Show issues'}
        </Button>
      </Inline>
      {state.kind === 'loading' && <Spinner size="small" label={`Loading the issues of ${gateName}`} />}
      {state.kind === 'error' && (
        <SectionMessage appearance="error" title="The issues could not be loaded">
          <p>{state.message}</p>
        </SectionMessage>
      )}
      {state.kind === 'open' && state.issues.length === 0 && <Text color="color.text.subtlest">No issues.</Text>}
      {state.kind === 'open' && state.issues.length > 0 && (
        <>
          <DynamicTable head={HEAD} rows={state.issues.map(row)} />
          {state.nextCursor && (
            <Inline>
              <Button spacing="compact" onClick={more} isLoading={state.loadingMore}>
                Load more issues
              </Button>
            </Inline>
          )}
        </>
      )}
    </Stack>
  );
}

const HEAD = {
  cells: [
    { key: 'key', content: 'Key' },
    { key: 'summary', content: 'Summary' },
    { key: 'type', content: 'Type' },
    { key: 'priority', content: 'Priority' },
    { key: 'status', content: 'Status' },
  ],
};

const CATEGORY_APPEARANCE = { new: 'default', indeterminate: 'inprogress', done: 'success' } as const;

function row(issue: IssueRow) {
  return {
    key: issue.id,
    cells: [
      { key: 'key', content: <IssueLink issueKey={issue.key} /> },
      // Summaries are people's text: rendered as a React text node, never as markup.
      { key: 'summary', content: issue.summary },
      { key: 'type', content: issue.issueType },
      { key: 'priority', content: issue.priority ?? '—' },
      { key: 'status', content: <Lozenge appearance={CATEGORY_APPEARANCE[issue.statusCategory]}>{issue.status}</Lozenge> },
    ],
  };
}
