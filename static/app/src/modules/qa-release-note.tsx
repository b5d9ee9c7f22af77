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

type State = { kind: 'loading' } | { kind: 'error'; error: unknown } | { kind: 'loaded'; view: IssueReleaseNoteView };

/**
 * The issue's release note: the text customers read instead of the summary, and whether the issue
 * stays out of customer notes. Saved as the person into the issue property the release notes
 * read; people without a Preflight role see it read-only.
 */
export function ReleaseNoteEditor() {
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
      <Heading size="xsmall">Release note</Heading>
      {state.kind === 'loading' && <Text color="color.text.subtlest">Loading the release note…</Text>}
      {state.kind === 'error' && (
        <SectionMessage appearance="error" title="The release note could not be loaded" actions={[<SectionMessageAction key="retry" onClick={load}>Try again</SectionMessageAction>]}>
          <p>{errorMessage(state.error)}</p>
        </SectionMessage>
      )}
      {state.kind === 'loaded' && (state.view.me.canEdit ? <Editor view={state.view} onView={(view) => setState({ kind: 'loaded', view })} /> : <ReadOnly view={state.view} />)}
    </Stack>
  );
}

function ReadOnly({ view }: { view: IssueReleaseNoteView }) {
  return (
    <Stack space="space.075">
      {view.internal && <Lozenge appearance="moved">Internal only</Lozenge>}
      {/* People's text: a React text node, never markup. */}
      {view.text ? <Text>{view.text}</Text> : <Text color="color.text.subtlest">No release-note text: the notes show the issue's summary.</Text>}
      <ReadOnlyNote reason={view.me.readOnlyReason} />
    </Stack>
  );
}

function Editor({ view, onView }: { view: IssueReleaseNoteView; onView: (view: IssueReleaseNoteView) => void }) {
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
      flagSuccess(`Saved the release note of ${view.issue.key}`);
    } catch (error) {
      flagError('The release note was not saved', error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack space="space.075">
      <label htmlFor={textId}>
        <Text size="small" weight="medium">
          Text customers read instead of the summary (plain text; leave empty to use the summary)
        </Text>
      </label>
      <TextArea id={textId} value={text} onChange={(e) => setText(e.currentTarget.value)} isInvalid={tooLong} minimumRows={3} resize="vertical" />
      <Text size="small" color={tooLong ? 'color.text.danger' : 'color.text.subtlest'}>
        {tooLong
          ? `The release note is ${text.length.toLocaleString('en')} characters; at most ${RELEASE_NOTE_MAX.toLocaleString('en')} are allowed.`
          : `${text.length.toLocaleString('en')} / ${RELEASE_NOTE_MAX.toLocaleString('en')}`}
      </Text>
      <Checkbox label="Internal only: leave this issue out of customer release notes" isChecked={internal} onChange={(e) => setInternal(e.currentTarget.checked)} />
      <Inline space="space.100" alignBlock="center">
        <Button appearance="primary" onClick={() => void save()} isDisabled={tooLong || !changed || busy} isLoading={busy}>
          Save release note
        </Button>
        {!changed && <Text size="small" color="color.text.subtlest">No unsaved changes.</Text>}
      </Inline>
    </Stack>
  );
}
