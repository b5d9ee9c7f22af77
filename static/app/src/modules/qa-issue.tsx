import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import TextArea from '@atlaskit/textarea';
import { useCallback, useEffect, useState } from 'react';
import { QA_KEYS, QA_NOTE_MAX, type DecideQaResult, type IssueQaView, type IssueReleaseQa, type QaDecision, type QaEntryView } from '../../../../src/shared/qa';
import { callResolver } from '../bridge/call-resolver';
import { errorMessage, flagError, flagSuccess } from '../bridge/flags';
import { CenteredSpinner } from '../components/centered-spinner';
import { ReadOnlyNote } from '../components/read-only-note';
import { ReleaseNoteEditor } from './qa-release-note';

type State = { kind: 'loading' } | { kind: 'error'; error: unknown } | { kind: 'loaded'; view: IssueQaView };

const cardStyle = xcss({ borderColor: 'color.border', borderStyle: 'solid', borderWidth: 'border.width', borderRadius: 'radius.medium', padding: 'space.150' });

const DECISION_LOZENGE = { approved: { label: 'Approved', appearance: 'success' }, rejected: { label: 'Rejected', appearance: 'removed' } } as const;

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';

/**
 * The issue's QA approvals (jira:issueContext): per release the issue belongs to, the phase and
 * build under test, approve or reject with a note (QA role only), and the decision history.
 */
export default function QaIssue() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const load = useCallback(() => {
    setState({ kind: 'loading' });
    callResolver<IssueQaView>(QA_KEYS.issue, {})
      .then((view) => setState({ kind: 'loaded', view }))
      .catch((error: unknown) => setState({ kind: 'error', error }));
  }, []);
  useEffect(load, [load]);

  if (state.kind === 'loading') return <CenteredSpinner label="Loading QA approvals" />;
  if (state.kind === 'error') {
    return (
      <SectionMessage appearance="error" title="QA approvals could not be loaded" actions={[<SectionMessageAction key="retry" onClick={load}>Try again</SectionMessageAction>]}>
        <p>{errorMessage(state.error)}</p>
      </SectionMessage>
    );
  }
  return <Loaded view={state.view} onView={(view) => setState({ kind: 'loaded', view })} />;
}

function Loaded({ view, onView }: { view: IssueQaView; onView: (view: IssueQaView) => void }) {
  return (
    <Stack space="space.200">
      {!view.needsQa && (
        <Text color="color.text.subtle">{`${view.issue.issueType} issues need no QA approval in ${view.issue.projectKey} (${view.qaIssueTypes.join(', ') || 'no type'} do).`}</Text>
      )}
      <MirrorNote view={view} />
      {view.releases.length === 0 && <Text color="color.text.subtlest">This issue is in no release (no fix version).</Text>}
      {view.releases.map((release) => (
        <ReleaseCard key={release.versionId} release={release} view={view} onView={onView} />
      ))}
      <ReadOnlyNote reason={view.me.readOnlyReason} />
      <History entries={view.history} />
      <ReleaseNoteEditor />
    </Stack>
  );
}

/** The property Jira indexes is a mirror; when it disagrees, Preflight's record is what the gate counts. */
function MirrorNote({ view }: { view: IssueQaView }) {
  if (view.mirror.state === 'in-sync') return null;
  const property = view.mirror.property ? `${view.mirror.property.status} ${view.mirror.property.build}`.trim() : 'nothing';
  const app = view.latest ? `${view.latest.status} ${view.latest.build}` : 'no decision';
  return (
    <SectionMessage appearance="warning" title="Jira's QA property differs from Preflight's record">
      <p>{`Jira's issue property says ${property}; Preflight recorded ${app}. Gates count Preflight's record; the next decision here rewrites the property.`}</p>
    </SectionMessage>
  );
}

function ReleaseCard({ release, view, onView }: { release: IssueReleaseQa; view: IssueQaView; onView: (view: IssueQaView) => void }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<QaDecision>();
  const tooLong = note.length > QA_NOTE_MAX;
  const canDecide = view.me.canDecide && !release.blockedReason && release.buildUnderTest !== undefined;
  const noteId = `qa-note-${release.versionId}`;

  const decide = async (decision: QaDecision) => {
    if (!release.buildUnderTest || tooLong) return;
    setBusy(decision);
    try {
      const result = await callResolver<DecideQaResult>(QA_KEYS.decide, { versionId: release.versionId, build: release.buildUnderTest, decision, note });
      setNote('');
      onView(result.view);
      flagSuccess(`${decision === 'approved' ? 'Approved' : 'Rejected'} build ${release.buildUnderTest} on ${view.issue.key}`);
      if (result.mirrorWarning) flagError('Jira was not updated', new Error(result.mirrorWarning));
    } catch (error) {
      flagError('The QA decision was not saved', error);
    } finally {
      setBusy(undefined);
    }
  };

  const decided = release.decisionForBuild;
  return (
    <Box xcss={cardStyle} testId={`qa-release-${release.versionId}`}>
      <Stack space="space.100">
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <Heading size="xsmall">{release.versionName}</Heading>
          {release.phase && <Lozenge>{release.phase.name}</Lozenge>}
          {release.released && <Lozenge appearance="success">Released</Lozenge>}
        </Inline>
        {release.buildUnderTest && (
          <Inline space="space.100" alignBlock="center" shouldWrap>
            <Text>{`Build under test: ${release.buildUnderTest}`}</Text>
            {decided ? (
              <Lozenge appearance={DECISION_LOZENGE[decided.status].appearance}>{`${DECISION_LOZENGE[decided.status].label} by ${decided.by.displayName}`}</Lozenge>
            ) : (
              <Lozenge appearance="moved">Awaiting QA</Lozenge>
            )}
          </Inline>
        )}
        {release.blockedReason && <Text color="color.text.subtlest">{release.blockedReason}</Text>}
        {canDecide && (
          <Stack space="space.075">
            <label htmlFor={noteId}>
              <Text size="small" weight="medium">{`Note for ${release.buildUnderTest} (needed to reject)`}</Text>
            </label>
            <TextArea id={noteId} value={note} onChange={(e) => setNote(e.currentTarget.value)} isInvalid={tooLong} minimumRows={2} resize="vertical" />
            <Text size="small" color={tooLong ? 'color.text.danger' : 'color.text.subtlest'}>
              {tooLong ? `The note is ${note.length.toLocaleString('en')} characters; at most ${QA_NOTE_MAX.toLocaleString('en')} are allowed.` : `${note.length.toLocaleString('en')} / ${QA_NOTE_MAX.toLocaleString('en')}`}
            </Text>
            <Inline space="space.100">
              <Button appearance="primary" onClick={() => void decide('approved')} isDisabled={tooLong || busy !== undefined} isLoading={busy === 'approved'}>
                {`Approve ${release.buildUnderTest}`}
              </Button>
              <Button appearance="danger" onClick={() => void decide('rejected')} isDisabled={tooLong || note.trim() === '' || busy !== undefined} isLoading={busy === 'rejected'}>
                {`Reject ${release.buildUnderTest}`}
              </Button>
            </Inline>
            {note.trim() === '' && <Text size="small" color="color.text.subtlest">A rejection needs a note saying what failed.</Text>}
          </Stack>
        )}
      </Stack>
    </Box>
  );
}

function History({ entries }: { entries: QaEntryView[] }) {
  return (
    <Stack space="space.100">
      <Heading size="xsmall">Decision history</Heading>
      {entries.length === 0 && <Text color="color.text.subtlest">No QA decisions yet.</Text>}
      <Stack space="space.100" testId="qa-history">
        {entries.map((e) => (
          <Stack key={`${e.at}-${e.by.accountId}`} space="space.025">
            <Inline space="space.100" alignBlock="center" shouldWrap>
              <Lozenge appearance={DECISION_LOZENGE[e.status].appearance}>{DECISION_LOZENGE[e.status].label}</Lozenge>
              <Text weight="medium">{e.build}</Text>
              <Text size="small" color="color.text.subtle">{`${e.by.displayName}, ${when(e.at)}${e.versionName ? ` · ${e.versionName}` : ''}`}</Text>
            </Inline>
            {/* Notes are people's text: a React text node, never markup. */}
            {e.note && <Text size="small">{e.note}</Text>}
          </Stack>
        ))}
      </Stack>
    </Stack>
  );
}
