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
import type { UiTranslator } from '../i18n/load-translator';
import { useT } from '../i18n/use-t';
import { instantText } from '../lib/labels';
import { ReleaseNoteEditor } from './qa-release-note';

type State = { kind: 'loading' } | { kind: 'error'; error: unknown } | { kind: 'loaded'; view: IssueQaView };

const cardStyle = xcss({ borderColor: 'color.border', borderStyle: 'solid', borderWidth: 'border.width', borderRadius: 'radius.medium', padding: 'space.150' });

const DECISION_APPEARANCE = { approved: 'success', rejected: 'removed' } as const;

/** A decision's name ("Approved"), or the raw status Jira's property holds when it is not one of Preflight's. */
export function decisionName(t: UiTranslator, status: string): string {
  return status === 'approved' || status === 'rejected' ? t.t(`qa.decision.${status}`) : status;
}

/**
 * The issue's QA approvals (jira:issueContext): per release the issue belongs to, the phase and
 * build under test, approve or reject with a note (QA role only), and the decision history.
 */
export default function QaIssue() {
  const { t } = useT();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const load = useCallback(() => {
    setState({ kind: 'loading' });
    callResolver<IssueQaView>(QA_KEYS.issue, {})
      .then((view) => setState({ kind: 'loaded', view }))
      .catch((error: unknown) => setState({ kind: 'error', error }));
  }, []);
  useEffect(load, [load]);

  if (state.kind === 'loading') return <CenteredSpinner label={t('qa.issue.loading')} />;
  if (state.kind === 'error') {
    return (
      <SectionMessage appearance="error" title={t('qa.issue.loadError')} actions={[<SectionMessageAction key="retry" onClick={load}>{t('qa.tryAgain')}</SectionMessageAction>]}>
        <p>{errorMessage(state.error)}</p>
      </SectionMessage>
    );
  }
  return <Loaded view={state.view} onView={(view) => setState({ kind: 'loaded', view })} />;
}

function Loaded({ view, onView }: { view: IssueQaView; onView: (view: IssueQaView) => void }) {
  const { t, list } = useT();
  const values = { issueType: view.issue.issueType, projectKey: view.issue.projectKey, types: list(view.qaIssueTypes) };
  return (
    <Stack space="space.200">
      {!view.needsQa && (
        <Text color="color.text.subtle">{view.qaIssueTypes.length > 0 ? t('qa.issue.noQaNeeded', values) : t('qa.issue.noQaNeededNoType', values)}</Text>
      )}
      <MirrorNote view={view} />
      {view.releases.length === 0 && <Text color="color.text.subtlest">{t('qa.issue.noRelease')}</Text>}
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
  const translator = useT();
  const { t } = translator;
  if (view.mirror.state === 'in-sync') return null;
  const property = view.mirror.property ? `${decisionName(translator, view.mirror.property.status)} ${view.mirror.property.build}`.trim() : t('qa.mirror.nothing');
  const app = view.latest ? `${decisionName(translator, view.latest.status)} ${view.latest.build}` : t('qa.mirror.noDecision');
  return (
    <SectionMessage appearance="warning" title={t('qa.mirror.title')}>
      <p>{t('qa.mirror.body', { property, app })}</p>
    </SectionMessage>
  );
}

function ReleaseCard({ release, view, onView }: { release: IssueReleaseQa; view: IssueQaView; onView: (view: IssueQaView) => void }) {
  const { t } = useT();
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
      flagSuccess(t(decision === 'approved' ? 'qa.flag.approved' : 'qa.flag.rejected', { build: release.buildUnderTest, issueKey: view.issue.key }));
      if (result.mirrorWarning) flagError(t('qa.flag.jiraNotUpdated'), new Error(result.mirrorWarning));
    } catch (error) {
      flagError(t('qa.flag.notSaved'), error);
    } finally {
      setBusy(undefined);
    }
  };

  const decided = release.decisionForBuild;
  return (
    <Box xcss={cardStyle} testId={`qa-release-${release.versionId}`}>
      <Stack space="space.100">
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <Heading size="xsmall" as="h3">
            {release.versionName}
          </Heading>
          {release.phase && <Lozenge>{release.phase.name}</Lozenge>}
          {release.released && <Lozenge appearance="success">{t('common.versionStatus.released')}</Lozenge>}
        </Inline>
        {release.buildUnderTest && (
          <Inline space="space.100" alignBlock="center" shouldWrap>
            <Text>{t('qa.release.buildUnderTest', { build: release.buildUnderTest })}</Text>
            {decided ? (
              <Lozenge appearance={DECISION_APPEARANCE[decided.status]}>{t(decided.status === 'approved' ? 'qa.decision.approvedBy' : 'qa.decision.rejectedBy', { name: decided.by.displayName })}</Lozenge>
            ) : (
              <Lozenge appearance="moved">{t('qa.release.awaiting')}</Lozenge>
            )}
          </Inline>
        )}
        {release.blockedReason && <Text color="color.text.subtlest">{release.blockedReason}</Text>}
        {canDecide && (
          <Stack space="space.075">
            <label htmlFor={noteId}>
              <Text size="small" weight="medium">{t('qa.release.noteLabel', { build: release.buildUnderTest })}</Text>
            </label>
            <TextArea id={noteId} value={note} onChange={(e) => setNote(e.currentTarget.value)} isInvalid={tooLong} minimumRows={2} resize="vertical" />
            <Text size="small" color={tooLong ? 'color.text.danger' : 'color.text.subtlest'}>
              {t(tooLong ? 'qa.note.tooLong' : 'qa.note.count', { length: note.length, max: QA_NOTE_MAX })}
            </Text>
            <Inline space="space.100">
              <Button appearance="primary" onClick={() => void decide('approved')} isDisabled={tooLong || busy !== undefined} isLoading={busy === 'approved'}>
                {t('qa.release.approve', { build: release.buildUnderTest })}
              </Button>
              <Button appearance="danger" onClick={() => void decide('rejected')} isDisabled={tooLong || note.trim() === '' || busy !== undefined} isLoading={busy === 'rejected'}>
                {t('qa.release.reject', { build: release.buildUnderTest })}
              </Button>
            </Inline>
            {note.trim() === '' && <Text size="small" color="color.text.subtlest">{t('qa.release.rejectNeedsNote')}</Text>}
          </Stack>
        )}
      </Stack>
    </Box>
  );
}

function History({ entries }: { entries: QaEntryView[] }) {
  const translator = useT();
  const { t } = translator;
  return (
    <Stack space="space.100">
      <Heading size="xsmall" as="h3">
        {t('qa.history.heading')}
      </Heading>
      {entries.length === 0 && <Text color="color.text.subtlest">{t('qa.history.empty')}</Text>}
      <Stack space="space.100" testId="qa-history">
        {entries.map((e) => (
          <Stack key={`${e.at}-${e.by.accountId}`} space="space.025">
            <Inline space="space.100" alignBlock="center" shouldWrap>
              <Lozenge appearance={DECISION_APPEARANCE[e.status]}>{t(`qa.decision.${e.status}`)}</Lozenge>
              <Text weight="medium">{e.build}</Text>
              <Text size="small" color="color.text.subtle">{t(e.versionName ? 'qa.history.byAtIn' : 'qa.history.byAt', { name: e.by.displayName, at: instantText(translator, e.at), version: e.versionName })}</Text>
            </Inline>
            {/* Notes are people's text: a React text node, never markup. */}
            {e.note && <Text size="small">{e.note}</Text>}
          </Stack>
        ))}
      </Stack>
    </Stack>
  );
}
