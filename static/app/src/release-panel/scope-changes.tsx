import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { useRef, useState } from 'react';
import { PANEL_KEYS, type ReleaseView, type ScopeChangeView } from '../../../../src/shared/release-panel';
import { InlineConfirm } from '../components/inline-confirm';
import { IssueLink } from '../components/issue-link';
import { WhyDisabled } from '../components/why-disabled';
import { formatInstant } from '../lib/labels';
import { refusalFor } from '../lib/permissions';
import type { ReleaseController } from './use-release';

const HEAD = {
  cells: [
    { key: 'key', content: 'Issue' },
    { key: 'summary', content: 'Summary' },
    { key: 'decision', content: 'Decision' },
    { key: 'decided', content: 'Decided by' },
  ],
};

/**
 * Issues added after the scope freeze: each blocks Build & test until accepted or removed. Every
 * decision stays listed with who made it and when, also after the release (from the record).
 * Removing takes the version off the issue in Jira, so it asks for a confirmation in place first.
 */
export function ScopeChanges({ view, ctl }: { view: ReleaseView; ctl: ReleaseController }) {
  const [confirmingRemove, setConfirmingRemove] = useState<string>();
  const section = useRef<HTMLDivElement>(null);
  if (!view.frozenAt) return null;
  const refused = refusalFor(view.me, 'decide-scope');
  const disabled = Boolean(refused) || ctl.busy !== undefined;
  const decide = async (change: ScopeChangeView, decision: 'accepted' | 'removed') => {
    // The decided row's buttons go away: the next undecided row's first button, else the section, keeps the focus.
    await ctl.write(PANEL_KEYS.decideScope, { issueId: change.issueId, decision }, `The decision on ${change.issueKey} was not saved`, {
      focusAfter: () => section.current?.querySelector<HTMLElement>('button[data-scope-decision]') ?? section.current,
    });
    setConfirmingRemove(undefined);
  };
  const focusRemove = (change: ScopeChangeView) =>
    requestAnimationFrame(() => section.current?.querySelector<HTMLElement>(`button[data-scope-remove="${change.issueId}"]`)?.focus());

  const rows = view.scopeChanges.map((change) => ({
    key: change.issueId,
    cells: [
      { key: 'key', content: <IssueLink issueKey={change.issueKey} /> },
      { key: 'summary', content: change.summary },
      {
        key: 'decision',
        content: change.decision ? (
          <Lozenge appearance={change.decision === 'accepted' ? 'success' : 'removed'}>{change.decision === 'accepted' ? 'Accepted' : 'Removed'}</Lozenge>
        ) : confirmingRemove === change.issueId ? (
          <InlineConfirm
            question={`Remove ${change.issueKey} from ${view.version.name}? This takes the version off the issue in Jira.`}
            confirmLabel={`Remove ${change.issueKey}`}
            onConfirm={() => void decide(change, 'removed')}
            onCancel={() => {
              setConfirmingRemove(undefined);
              focusRemove(change);
            }}
            isLoading={ctl.busy === PANEL_KEYS.decideScope}
          />
        ) : (
          <Inline space="space.050">
            <Button
              spacing="compact"
              isDisabled={disabled}
              onClick={() => void decide(change, 'accepted')}
              aria-label={`Accept ${change.issueKey}`}
              data-scope-decision=""
            >
              Accept
            </Button>
            <Button
              spacing="compact"
              appearance="warning"
              isDisabled={disabled}
              onClick={() => setConfirmingRemove(change.issueId)}
              aria-label={`Remove ${change.issueKey}`}
              data-scope-remove={change.issueId}
            >
              Remove
            </Button>
          </Inline>
        ),
      },
      { key: 'decided', content: change.decidedBy && change.decidedAt ? `${change.decidedBy.displayName}, ${formatInstant(change.decidedAt)}` : '' },
    ],
  }));

  return (
    <div ref={section} tabIndex={-1} role="group" aria-label="Scope changes since the freeze">
      <Stack space="space.100">
        <Heading size="small">Scope changes since the freeze</Heading>
        <Text color="color.text.subtle">{`Scope frozen ${formatInstant(view.frozenAt)}. Removing an issue takes it out of this version in Jira.`}</Text>
        {rows.length === 0 ? <Text color="color.text.subtlest">No issues were added after the freeze, and no scope decision was made.</Text> : <DynamicTable head={HEAD} rows={rows} />}
        <WhyDisabled reason={rows.some((r) => !view.scopeChanges.find((c) => c.issueId === r.key)?.decision) ? refused : undefined} />
      </Stack>
    </div>
  );
}
