import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { IssueList, IssueRow } from '../../../../src/shared/release-panel';
import { IssueLink } from '../components/issue-link';
import { useT } from '../i18n/use-t';
import { useGateIssueList } from './use-gate-issue-list';

/**
 * The issues behind an automatic gate, loaded only when asked for: a gate over 5,000 issues costs
 * nothing until someone wants the list, and then one page at a time.
 */
export function GateIssues({ versionId, list, gateName }: { versionId: string; list: IssueList; gateName: string }) {
  const { t } = useT();
  const { state, open, more, close } = useGateIssueList(versionId, list);
  const head = {
    cells: [
      { key: 'key', content: t('panel.issues.col.key') },
      { key: 'summary', content: t('panel.issues.col.summary') },
      { key: 'type', content: t('panel.issues.col.type') },
      { key: 'priority', content: t('panel.issues.col.priority') },
      { key: 'status', content: t('panel.issues.col.status') },
    ],
  };

  const isOpen = state.kind !== 'closed';
  return (
    <Stack space="space.100">
      <Inline>
        <Button spacing="compact" aria-expanded={isOpen} onClick={isOpen ? close : open}>
          {isOpen ? t('panel.issues.hide') : t('panel.issues.show')}
        </Button>
      </Inline>
      {state.kind === 'loading' && <Spinner size="small" label={t('panel.issues.loading', { gate: gateName })} />}
      {state.kind === 'error' && (
        <SectionMessage appearance="error" title={t('panel.issues.loadFailed')}>
          <p>{state.message}</p>
        </SectionMessage>
      )}
      {state.kind === 'open' && state.issues.length === 0 && <Text color="color.text.subtlest">{t('panel.issues.none')}</Text>}
      {state.kind === 'open' && state.issues.length > 0 && (
        <>
          <DynamicTable head={head} rows={state.issues.map(row)} />
          {state.nextCursor && (
            <Inline>
              <Button spacing="compact" onClick={more} isLoading={state.loadingMore}>
                {t('panel.issues.more')}
              </Button>
            </Inline>
          )}
        </>
      )}
    </Stack>
  );
}

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
