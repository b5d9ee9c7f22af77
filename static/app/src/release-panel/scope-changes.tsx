import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { useRef, useState } from 'react';
import { PANEL_KEYS, type ReleaseView, type ScopeChangeView } from '../../../../src/shared/release-panel';
import { InlineConfirm } from '../components/inline-confirm';
import { IssueLink } from '../components/issue-link';
import { useT } from '../i18n/use-t';
import { instantText } from '../lib/labels';
import { refusalFor } from '../lib/permissions';
import { PanelWhy } from './panel-why';
import type { ReleaseController } from './use-release';

/**
 * Issues added after the scope freeze: each blocks Build & test until accepted or removed. Every
 * decision stays listed with who made it and when, also after the release (from the record).
 * Removing takes the version off the issue in Jira, so it asks for a confirmation in place first.
 */
export function ScopeChanges({ view, ctl }: { view: ReleaseView; ctl: ReleaseController }) {
  const translator = useT();
  const { t } = translator;
  const [confirmingRemove, setConfirmingRemove] = useState<string>();
  const section = useRef<HTMLDivElement>(null);
  if (!view.frozenAt) return null;
  const frozenAt = view.frozenAt;
  const head = {
    cells: [
      { key: 'key', content: t('panel.scope.col.issue') },
      { key: 'summary', content: t('panel.scope.col.summary') },
      { key: 'decision', content: t('panel.scope.col.decision') },
      { key: 'decided', content: t('panel.scope.col.decided') },
    ],
  };
  const refused = refusalFor(translator, view.me, 'decide-scope');
  const disabled = Boolean(refused) || ctl.busy !== undefined;
  const decide = async (change: ScopeChangeView, decision: 'accepted' | 'removed') => {
    // The decided row's buttons go away: the next undecided row's first button, else the section, keeps the focus.
    await ctl.write(PANEL_KEYS.decideScope, { issueId: change.issueId, decision }, t('panel.scope.failed', { issue: change.issueKey }), {
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
          <Lozenge appearance={change.decision === 'accepted' ? 'success' : 'removed'}>{change.decision === 'accepted' ? t('panel.scope.accepted') : t('panel.scope.removed')}</Lozenge>
        ) : confirmingRemove === change.issueId ? (
          <InlineConfirm
            question={t('panel.scope.removeQuestion', { issue: change.issueKey, version: view.version.name })}
            confirmLabel={t('panel.scope.removeNamed', { issue: change.issueKey })}
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
              aria-label={t('panel.scope.acceptNamed', { issue: change.issueKey })}
              data-scope-decision=""
            >
              {t('panel.scope.accept')}
            </Button>
            <Button
              spacing="compact"
              appearance="warning"
              isDisabled={disabled}
              onClick={() => setConfirmingRemove(change.issueId)}
              aria-label={t('panel.scope.removeNamed', { issue: change.issueKey })}
              data-scope-remove={change.issueId}
            >
              {t('panel.scope.remove')}
            </Button>
          </Inline>
        ),
      },
      { key: 'decided', content: change.decidedBy && change.decidedAt ? t('panel.scope.decidedBy', { name: change.decidedBy.displayName, when: instantText(translator, change.decidedAt) }) : '' },
    ],
  }));

  return (
    <div ref={section} tabIndex={-1} role="group" aria-labelledby="scope-changes-heading">
      <Stack space="space.100">
        <Heading size="small" id="scope-changes-heading">
          {t('panel.scope.heading')}
        </Heading>
        <Text color="color.text.subtle">{t('panel.scope.frozen', { when: instantText(translator, frozenAt) })}</Text>
        {rows.length === 0 ? <Text color="color.text.subtlest">{t('panel.scope.none')}</Text> : <DynamicTable head={head} rows={rows} />}
        <PanelWhy view={view} reason={rows.some((r) => !view.scopeChanges.find((c) => c.issueId === r.key)?.decision) ? refused : undefined} />
      </Stack>
    </div>
  );
}
