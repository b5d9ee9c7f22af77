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
import { useT } from '../i18n/use-t';
import { useGateIssueList } from '../release-panel/use-gate-issue-list';

/**
 * The release panel's bulk QA view: the issues that still need QA approval of the build under test
 * (a page at a time), where Jira's property disagrees with Preflight's record, and approve or reject
 * for several issues at once (QA role only; the server checks it again). After a decision the panel
 * reloads, so the QA gate and the audit trail show it.
 */
export function QaBulkApprovals({ view, onDecided }: { view: ReleaseView; onDecided: () => void }) {
  const { t } = useT();
  const build = view.buildUnderTest?.id;
  const isQa = view.me.roles.includes('qa');
  // A read-only person has the full reason once at the top of the panel: nothing repeats it here.
  const readOnly = Boolean(view.me.readOnlyReason) || !isQa;
  const why = view.me.readOnlyReason || isQa ? undefined : t('qa.bulk.roleReason');
  return (
    <Stack space="space.150" testId="qa-bulk">
      <Heading size="small">{t('qa.bulk.heading')}</Heading>
      {!build ? (
        <Text color="color.text.subtlest">{t('qa.bulk.noBuild')}</Text>
      ) : (
        <>
          <Mismatches view={view} />
          <PendingIssues key={build} versionId={view.version.id} build={build} readOnly={readOnly} why={why} onDecided={onDecided} />
        </>
      )}
    </Stack>
  );
}

function Mismatches({ view }: { view: ReleaseView }) {
  const { t } = useT();
  const list = view.qaMismatches ?? [];
  if (list.length === 0) return null;
  return (
    <SectionMessage appearance="warning" title={t('qa.bulk.mismatch.title')}>
      <Stack space="space.050">
        <Text>{t('qa.bulk.mismatch.body')}</Text>
        <ul data-testid="qa-mismatches">
          {list.map((m) => (
            <li key={m.issueId}>
              <IssueLink issueKey={m.issueKey} />
              {t('qa.bulk.mismatch.line', {
                property: t(m.property === 'approved' ? 'qa.bulk.property.approved' : 'qa.bulk.property.notApproved'),
                app: m.app ? `${t(`qa.decision.${m.app.status}`)} ${m.app.build}` : t('qa.mirror.noDecision'),
              })}
            </li>
          ))}
        </ul>
      </Stack>
    </SectionMessage>
  );
}

function PendingIssues({ versionId, build, readOnly, why, onDecided }: { versionId: string; build: string; readOnly: boolean; why: string | undefined; onDecided: () => void }) {
  const { t } = useT();
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
      const count = result.decided.length;
      if (count > 0) flagSuccess(t(decision === 'approved' ? 'qa.bulk.flag.approved' : 'qa.bulk.flag.rejected', { build, count }));
      for (const failure of result.failed) flagError(t('qa.bulk.flag.notDecided', { issue: failure.issueKey ?? failure.issueId }), new Error(failure.message));
      for (const warning of result.mirrorWarnings) flagError(t('qa.flag.jiraNotUpdated'), new Error(warning));
      onDecided();
    } catch (error) {
      flagError(t('qa.bulk.flag.notSaved'), error);
      setBusy(undefined);
    }
  };

  const isOpen = state.kind !== 'closed';
  return (
    <Stack space="space.100">
      <Inline space="space.100" alignBlock="center">
        <Button spacing="compact" aria-expanded={isOpen} onClick={isOpen ? close : open}>
          {isOpen ? t('qa.bulk.hide') : t('qa.bulk.show', { build })}
        </Button>
      </Inline>
      {state.kind === 'loading' && <Spinner size="small" label={t('qa.bulk.loading')} />}
      {state.kind === 'error' && (
        <SectionMessage appearance="error" title={t('qa.bulk.loadError')}>
          <p>{state.message}</p>
        </SectionMessage>
      )}
      {state.kind === 'open' && state.issues.length === 0 && <Text color="color.text.subtlest">{t('qa.bulk.allApproved', { build })}</Text>}
      {state.kind === 'open' && state.issues.length > 0 && (
        <Stack space="space.100">
          {!readOnly && (
            <Inline>
              <Button spacing="compact" appearance="subtle" onClick={() => setSelected(new Set(state.issues.slice(0, BULK_QA_MAX).map((i) => i.id)))}>
                {t('qa.bulk.selectFirst', { count: Math.min(BULK_QA_MAX, state.issues.length) })}
              </Button>
              <Button spacing="compact" appearance="subtle" onClick={() => setSelected(new Set())} isDisabled={selected.size === 0}>
                {t('qa.bulk.clear')}
              </Button>
            </Inline>
          )}
          <Stack space="space.050" testId="qa-pending-issues">
            {state.issues.map((issue) => (
              <Inline key={issue.id} space="space.100" alignBlock="center">
                {!readOnly && (
                  // The issue key beside it says which issue: the name is for screen readers, not repeated on screen.
                  <Checkbox isChecked={selected.has(issue.id)} onChange={(e) => toggle(issue.id, e.currentTarget.checked)} aria-label={t('qa.bulk.select', { issueKey: issue.key })} />
                )}
                <IssueLink issueKey={issue.key} />
                {/* Summaries are people's text: a React text node, never markup. */}
                <Text>{issue.summary}</Text>
                <Text size="small" color="color.text.subtlest">{`${issue.issueType} · ${issue.status}`}</Text>
                {issue.rejection && (
                  // The note is a person's text: a React text node, never markup.
                  <Text size="small" color="color.text.danger" testId={`qa-rejected-${issue.key}`}>
                    {t(issue.rejection.note ? 'qa.bulk.rejectedWithNote' : 'qa.bulk.rejected', { build: issue.rejection.build, name: issue.rejection.by.displayName, note: issue.rejection.note })}
                  </Text>
                )}
              </Inline>
            ))}
          </Stack>
          {state.nextCursor && (
            <Inline>
              <Button spacing="compact" onClick={more} isLoading={state.loadingMore}>
                {t('qa.bulk.loadMore')}
              </Button>
            </Inline>
          )}
          {!readOnly && (
            <Stack space="space.075">
              <label htmlFor="qa-bulk-note">
                <Text size="small" weight="medium">{t('qa.bulk.noteLabel')}</Text>
              </label>
              <TextArea id="qa-bulk-note" value={note} onChange={(e) => setNote(e.currentTarget.value)} isInvalid={tooLong} minimumRows={2} resize="vertical" />
              {tooLong && <Text size="small" color="color.text.danger">{t('qa.bulk.noteTooLong', { max: QA_NOTE_MAX, length: note.length })}</Text>}
              {tooMany && <Text size="small" color="color.text.danger">{t('qa.bulk.tooMany', { max: BULK_QA_MAX })}</Text>}
              <Inline space="space.100">
                <Button appearance="primary" onClick={() => void decide('approved')} isDisabled={selected.size === 0 || tooMany || tooLong || busy !== undefined} isLoading={busy === 'approved'}>
                  {t('qa.bulk.approve', { build, count: selected.size })}
                </Button>
                <Button appearance="danger" onClick={() => void decide('rejected')} isDisabled={selected.size === 0 || tooMany || tooLong || note.trim() === '' || busy !== undefined} isLoading={busy === 'rejected'}>
                  {t('qa.bulk.reject', { build, count: selected.size })}
                </Button>
              </Inline>
            </Stack>
          )}
        </Stack>
      )}
      <WhyDisabled reason={why} />
    </Stack>
  );
}
