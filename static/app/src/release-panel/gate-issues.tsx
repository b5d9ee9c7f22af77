import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { IssueList, IssueRow } from '../../../../src/shared/release-panel';
import { IssueLink } from '../components/issue-link';
import { useGateIssueList } from './use-gate-issue-list';

/**
 * The issues behind an automatic gate, loaded only when asked for: a gate over 5,000 issues costs
 * nothing until someone wants the list, and then one page at a time.
 */
export function GateIssues({ versionId, list, gateName }: { versionId: string; list: IssueList; gateName: string }) {
  const { state, open, more, close } = useGateIssueList(versionId, list);

  const isOpen = state.kind !== 'closed';
  return (
    <Stack space="space.100">
      <Inline>
        <Button spacing="compact" aria-expanded={isOpen} onClick={isOpen ? close : open}>
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
