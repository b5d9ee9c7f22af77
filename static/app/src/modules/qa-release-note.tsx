import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import TextArea from '@atlaskit/textarea';
import { useCallback, useEffect, useState } from 'react';
import { QA_KEYS, RELEASE_NOTE_MAX, type IssueReleaseNoteView } from '../../../../src/shared/qa';
import { callResolver } from '../bridge/call-resolver';
import { errorMessage, flagError, flagSuccess } from '../bridge/flags';
import { ReadOnlyNote } from '../components/read-only-note';
import { useT } from '../i18n/use-t';

type State = { kind: 'loading' } | { kind: 'error'; error: unknown } | { kind: 'loaded'; view: IssueReleaseNoteView };

/**
 * The issue's release note: the text customers read instead of the summary, and whether the issue
 * stays out of customer notes. Saved as the person into the issue property the release notes
 * read; people without a Preflight role see it read-only.
 */
export function ReleaseNoteEditor() {
  const { t } = useT();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const load = useCallback(() => {
    setState({ kind: 'loading' });
    callResolver<IssueReleaseNoteView>(QA_KEYS.releaseNote, {})
      .then((view) => setState({ kind: 'loaded', view }))
      .catch((error: unknown) => setState({ kind: 'error', error }));
  }, []);
  useEffect(load, [load]);

  return (
    <Stack space="space.100" testId="release-note">
      <Heading size="xsmall" as="h3">
        {t('qa.note.heading')}
      </Heading>
      {state.kind === 'loading' && <Text color="color.text.subtlest">{t('qa.note.loading')}</Text>}
      {state.kind === 'error' && (
        <SectionMessage appearance="error" title={t('qa.note.loadError')} actions={[<SectionMessageAction key="retry" onClick={load}>{t('qa.tryAgain')}</SectionMessageAction>]}>
          <p>{errorMessage(state.error)}</p>
        </SectionMessage>
      )}
      {state.kind === 'loaded' && (state.view.me.canEdit ? <Editor view={state.view} onView={(view) => setState({ kind: 'loaded', view })} /> : <ReadOnly view={state.view} />)}
    </Stack>
  );
}

function ReadOnly({ view }: { view: IssueReleaseNoteView }) {
  const { t } = useT();
  return (
    <Stack space="space.075">
      {view.internal && <Lozenge appearance="moved">{t('qa.note.internalOnly')}</Lozenge>}
      {/* People's text: a React text node, never markup. */}
      {view.text ? <Text>{view.text}</Text> : <Text color="color.text.subtlest">{t('qa.note.noText')}</Text>}
      <ReadOnlyNote reason={view.me.readOnlyReason} />
    </Stack>
  );
}

function Editor({ view, onView }: { view: IssueReleaseNoteView; onView: (view: IssueReleaseNoteView) => void }) {
  const { t } = useT();
  const [text, setText] = useState(view.text);
  const [internal, setInternal] = useState(view.internal);
  const [busy, setBusy] = useState(false);
  const tooLong = text.length > RELEASE_NOTE_MAX;
  const changed = text.trim() !== view.text || internal !== view.internal;
  const textId = `release-note-${view.issue.id}`;

  const save = async () => {
    if (tooLong) return;
    setBusy(true);
    try {
      const saved = await callResolver<IssueReleaseNoteView>(QA_KEYS.saveReleaseNote, { text, internal });
      setText(saved.text);
      setInternal(saved.internal);
      onView(saved);
      flagSuccess(t('qa.note.saved', { issueKey: view.issue.key }));
    } catch (error) {
      flagError(t('qa.note.notSaved'), error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack space="space.075">
      <label htmlFor={textId}>
        <Text size="small" weight="medium">
          {t('qa.note.textLabel')}
        </Text>
      </label>
      <TextArea id={textId} value={text} onChange={(e) => setText(e.currentTarget.value)} isInvalid={tooLong} minimumRows={3} resize="vertical" />
      <Text size="small" color={tooLong ? 'color.text.danger' : 'color.text.subtlest'}>
        {t(tooLong ? 'qa.note.textTooLong' : 'qa.note.count', { length: text.length, max: RELEASE_NOTE_MAX })}
      </Text>
      <Checkbox label={t('qa.note.internalLabel')} isChecked={internal} onChange={(e) => setInternal(e.currentTarget.checked)} />
      <Inline space="space.100" alignBlock="center">
        <Button appearance="primary" onClick={() => void save()} isDisabled={tooLong || !changed || busy} isLoading={busy}>
          {t('qa.note.save')}
        </Button>
        {!changed && <Text size="small" color="color.text.subtlest">{t('qa.note.noChanges')}</Text>}
      </Inline>
    </Stack>
  );
}
