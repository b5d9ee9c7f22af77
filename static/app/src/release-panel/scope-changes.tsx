import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { PANEL_KEYS, type ReleaseView, type ScopeChangeView } from '../../../../src/shared/release-panel';
import { IssueLink } from '../components/issue-link';
import { ReadOnlyNote } from '../components/read-only-note';
import { formatInstant } from '../lib/labels';
import type { ReleaseController } from './use-release';

const HEAD = {
  cells: [
    { key: 'key', content: 'Issue' },
    { key: 'summary', content: 'Summary' },
    { key: 'decision', content: 'Decision' },
  ],
};

/** Issues added after the scope freeze: each blocks Build & test until accepted or removed. */
export function ScopeChanges({ view, ctl }: { view: ReleaseView; ctl: ReleaseController }) {
  if (!view.frozenAt) return null;
  const readOnly = view.me.readOnlyReason;
  const disabled = Boolean(readOnly) || ctl.busy !== undefined;
  const decide = (change: ScopeChangeView, decision: 'accepted' | 'removed') =>
    void ctl.write(PANEL_KEYS.decideScope, { issueId: change.issueId, decision }, `The decision on ${change.issueKey} was not saved`);

  const rows = view.scopeChanges.map((change) => ({
    key: change.issueId,
    cells: [
      { key: 'key', content: <IssueLink issueKey={change.issueKey} /> },
      { key: 'summary', content: change.summary },
      {
        key: 'decision',
        content: change.decision ? (
          <Lozenge appearance={change.decision === 'accepted' ? 'success' : 'removed'}>{change.decision === 'accepted' ? 'Accepted' : 'Removed'}</Lozenge>
        ) : (
          <Inline space="space.050">
            <Button spacing="compact" isDisabled={disabled} onClick={() => decide(change, 'accepted')} aria-label={`Accept ${change.issueKey}`}>
              Accept
            </Button>
            <Button spacing="compact" appearance="warning" isDisabled={disabled} onClick={() => decide(change, 'removed')} aria-label={`Remove ${change.issueKey}`}>
              Remove
            </Button>
          </Inline>
        ),
      },
    ],
  }));

  return (
    <Stack space="space.100">
      <Heading size="small">Scope changes since the freeze</Heading>
      <Text color="color.text.subtle">{`Scope frozen ${formatInstant(view.frozenAt)}. Removing an issue takes it out of this version in Jira.`}</Text>
      {rows.length === 0 ? <Text color="color.text.subtlest">No issues were added after the freeze.</Text> : <DynamicTable head={HEAD} rows={rows} />}
      <ReadOnlyNote reason={rows.length > 0 ? readOnly : undefined} />
    </Stack>
  );
}
