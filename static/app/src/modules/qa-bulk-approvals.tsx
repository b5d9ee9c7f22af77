import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import Heading from '@atlaskit/heading';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import TextArea from '@atlaskit/textarea';
import { useState } from 'react';
import type { ReleaseView } from '../../../../src/shared/release-panel';
import { BULK_QA_MAX, QA_KEYS, QA_NOTE_MAX, type DecideManyQaResult, type QaDecision } from '../../../../src/shared/qa';
import { callResolver } from '../bridge/call-resolver';
import { flagError, flagSuccess } from '../bridge/flags';
import { IssueLink } from '../components/issue-link';
import { WhyDisabled } from '../components/why-disabled';
import { READ_ONLY_HINT } from '../lib/permissions';
import { useGateIssueList } from '../release-panel/use-gate-issue-list';

const QA_ROLE_REASON = 'Only the QA lead role of this project can approve or reject builds.';

/**
 * The release panel's bulk QA view: the issues that still need QA approval of the build under test
 * (a page at a time), where Jira's property disagrees with Preflight's record, and approve or reject
 * for several issues at once (QA role only; the server checks it again). After a decision the panel
 * reloads, so the QA gate and the audit trail show it.
 */
export function QaBulkApprovals({ view, onDecided }: { view: ReleaseView; onDecided: () => void }) {
  const build = view.buildUnderTest?.id;
  const isQa = view.me.roles.includes('qa');
  // A read-only person has the full reason once at the top of the panel.
  const readOnly = view.me.readOnlyReason ? READ_ONLY_HINT : isQa ? undefined : QA_ROLE_REASON;
  return (
    <Stack space="space.150" testId="qa-bulk">
      <Heading size="small">QA approvals</Heading>
      {!build ? (
        <Text color="color.text.subtlest">Set a build under test to collect QA approvals on its issues.</Text>
      ) : (
        <>
          <Mismatches view={view} />
          <PendingIssues key={build} versionId={view.version.id} build={build} readOnly={readOnly} onDecided={onDecided} />
        </>
      )}
    </Stack>
  );
}

function Mismatches({ view }: { view: ReleaseView }) {
  const list = view.qaMismatches ?? [];
  if (list.length === 0) return null;
  return (
    <SectionMessage appearance="warning" title="Jira's QA property disagrees with Preflight's record">
      <Stack space="space.050">
        <Text>The QA gate counts Preflight's record. A new decision on the issue rewrites the property.</Text>
        <ul data-testid="qa-mismatches">
          {list.map((m) => (
            <li key={m.issueId}>
              <IssueLink issueKey={m.issueKey} />
              {`: Jira says ${m.property}; Preflight recorded ${m.app ? `${m.app.status} ${m.app.build}` : 'no decision'}.`}
            </li>
          ))}
        </ul>
      </Stack>
    </SectionMessage>
  );
}

function PendingIssues({ versionId, build, readOnly, onDecided }: { versionId: string; build: string; readOnly: string | undefined; onDecided: () => void }) {
  const { state, open, more, close } = useGateIssueList(versionId, 'qa-pending');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<QaDecision>();

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const tooMany = selected.size > BULK_QA_MAX;
  const tooLong = note.length > QA_NOTE_MAX;

  const decide = async (decision: QaDecision) => {
    setBusy(decision);
    try {
      const result = await callResolver<DecideManyQaResult>(QA_KEYS.decideMany, { versionId, build, decision, note, issueIds: [...selected] });
      const verb = decision === 'approved' ? 'Approved' : 'Rejected';
      if (result.decided.length > 0) flagSuccess(`${verb} build ${build} on ${result.decided.length} issue${result.decided.length === 1 ? '' : 's'}`);
      for (const failure of result.failed) flagError(`${failure.issueKey ?? failure.issueId} was not decided`, new Error(failure.message));
      for (const warning of result.mirrorWarnings) flagError('Jira was not updated', new Error(warning));
      onDecided();
    } catch (error) {
      flagError('The QA decisions were not saved', error);
      setBusy(undefined);
    }
  };

  const isOpen = state.kind !== 'closed';
  return (
    <Stack space="space.100">
      <Inline space="space.100" alignBlock="center">
        <Button spacing="compact" aria-expanded={isOpen} onClick={isOpen ? close : open}>
          {isOpen ? 'Hide issues awaiting QA' : `Show issues awaiting QA of ${build}`}
        </Button>
      </Inline>
      {state.kind === 'loading' && <Spinner size="small" label="Loading the issues awaiting QA" />}
      {state.kind === 'error' && (
        <SectionMessage appearance="error" title="The issues could not be loaded">
          <p>{state.message}</p>
        </SectionMessage>
      )}
      {state.kind === 'open' && state.issues.length === 0 && <Text color="color.text.subtlest">{`Every issue that needs QA has an approval of ${build}.`}</Text>}
      {state.kind === 'open' && state.issues.length > 0 && (
        <Stack space="space.100">
          {!readOnly && (
            <Inline>
              <Button spacing="compact" appearance="subtle" onClick={() => setSelected(new Set(state.issues.slice(0, BULK_QA_MAX).map((i) => i.id)))}>
                {`Select the first ${Math.min(BULK_QA_MAX, state.issues.length)}`}
              </Button>
              <Button spacing="compact" appearance="subtle" onClick={() => setSelected(new Set())} isDisabled={selected.size === 0}>
                Clear selection
              </Button>
            </Inline>
          )}
          <Stack space="space.050" testId="qa-pending-issues">
            {state.issues.map((issue) => (
              <Inline key={issue.id} space="space.100" alignBlock="center">
                {!readOnly && (
                  <Checkbox isChecked={selected.has(issue.id)} onChange={(e) => toggle(issue.id, e.currentTarget.checked)} label={`Select ${issue.key}`} />
                )}
                <IssueLink issueKey={issue.key} />
                {/* Summaries are people's text: a React text node, never markup. */}
                <Text>{issue.summary}</Text>
                <Text size="small" color="color.text.subtlest">{`${issue.issueType} · ${issue.status}`}</Text>
                {issue.rejection && (
                  // The note is a person's text: a React text node, never markup.
                  <Text size="small" color="color.text.danger" testId={`qa-rejected-${issue.key}`}>
                    {`Rejected build ${issue.rejection.build} by ${issue.rejection.by.displayName}${issue.rejection.note ? `: ${issue.rejection.note}` : ''}`}
                  </Text>
                )}
              </Inline>
            ))}
          </Stack>
          {state.nextCursor && (
            <Inline>
              <Button spacing="compact" onClick={more} isLoading={state.loadingMore}>
                Load more issues
              </Button>
            </Inline>
          )}
          {!readOnly && (
            <Stack space="space.075">
              <label htmlFor="qa-bulk-note">
                <Text size="small" weight="medium">Note for the selected issues (optional)</Text>
              </label>
              <TextArea id="qa-bulk-note" value={note} onChange={(e) => setNote(e.currentTarget.value)} isInvalid={tooLong} minimumRows={2} resize="vertical" />
              {tooLong && <Text size="small" color="color.text.danger">{`At most ${QA_NOTE_MAX.toLocaleString('en')} characters (now ${note.length.toLocaleString('en')}).`}</Text>}
              {tooMany && <Text size="small" color="color.text.danger">{`Select at most ${BULK_QA_MAX} issues at once.`}</Text>}
              <Inline space="space.100">
                <Button appearance="primary" onClick={() => void decide('approved')} isDisabled={selected.size === 0 || tooMany || tooLong || busy !== undefined} isLoading={busy === 'approved'}>
                  {`Approve ${build} on ${selected.size} selected`}
                </Button>
                <Button appearance="danger" onClick={() => void decide('rejected')} isDisabled={selected.size === 0 || tooMany || tooLong || note.trim() === '' || busy !== undefined} isLoading={busy === 'rejected'}>
                  {`Reject ${build} on ${selected.size} selected`}
                </Button>
              </Inline>
            </Stack>
          )}
        </Stack>
      )}
      <WhyDisabled reason={readOnly} />
    </Stack>
  );
}
