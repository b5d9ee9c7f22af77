import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import TextArea from '@atlaskit/textarea';
import { view as forgeView } from '@forge/bridge';
import { useEffect, useRef, useState } from 'react';
import { PANEL_KEYS, type ReleaseView } from '../../../../src/shared/release-panel';
import { callResolver } from '../bridge/call-resolver';
import { errorMessage } from '../bridge/flags';
import { CenteredSpinner } from '../components/centered-spinner';
import { useT } from '../i18n/use-t';
import { advanceLabelOf, failingGates } from '../lib/labels';
import type { OverrideModalContext, OverrideModalResult } from './advance';

const REASON_MIN = 10;

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'loaded'; view: ReleaseView };

/**
 * The override dialog's content, in its own frame: the panel opens it through @forge/bridge's
 * Modal, so the host dims the whole page (issue 15). It reads the release afresh (the revision it
 * writes against), and closes with `view.close({ overridden, phase })`; the panel then reloads.
 * main.tsx renders it for the releases module when the context carries `extension.modal`.
 */
export default function OverrideDialog() {
  const translator = useT();
  const { t } = translator;
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [versionId, setVersionId] = useState<string>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    let current = true;
    forgeView
      .getContext()
      .then((context) => {
        const modal = (context.extension as { modal?: Partial<OverrideModalContext> }).modal;
        if (!modal?.versionId) throw new Error(t('advance.modal.noRelease'));
        setVersionId(modal.versionId);
        return callResolver<ReleaseView>(PANEL_KEYS.get, { versionId: modal.versionId });
      })
      .then((view) => current && setState({ kind: 'loaded', view }))
      .catch((e: unknown) => current && setState({ kind: 'error', message: errorMessage(e) }));
    return () => {
      current = false;
    };
  }, [t]);

  useEffect(() => {
    if (state.kind === 'loaded') field.current?.focus();
  }, [state.kind]);

  const close = () => void forgeView.close();

  if (state.kind === 'loading') return <CenteredSpinner label={t('advance.modal.loading')} />;
  if (state.kind === 'error') {
    return (
      <Box padding="space.300">
        <Stack space="space.200">
          <SectionMessage appearance="error" title={t('advance.modal.loadFailed')}>
            <p>{state.message}</p>
          </SectionMessage>
          <Inline alignInline="end">
            <Button onClick={close}>{t('advance.modal.cancel')}</Button>
          </Inline>
        </Stack>
      </Box>
    );
  }

  const { view } = state;
  const current = view.phases.find((p) => p.id === view.currentPhaseId);
  const failing = failingGates(current);
  const action = advanceLabelOf(translator, view.phases, view.currentPhaseId);

  const submit = async () => {
    const trimmed = reason.trim();
    if (trimmed.length < REASON_MIN) return setError(t('advance.modal.reasonTooShort', { min: REASON_MIN }));
    setBusy(true);
    try {
      await callResolver<ReleaseView>(PANEL_KEYS.advance, { versionId, revision: view.revision, override: { reason: trimmed } });
      const result: OverrideModalResult = { overridden: true, phase: current?.name ?? '' };
      await forgeView.close(result);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <Box padding="space.300">
      <form
        aria-labelledby="override-title"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack space="space.200">
          <Heading size="medium" id="override-title">
            {t('advance.modal.title')}
          </Heading>
          <Text>{t('advance.modal.intro', { action, count: failing.length })}</Text>
          {failing.length > 0 && (
            <ul>
              {failing.map((g) => (
                <li key={g.gateId}>{t('advance.gateLine', { gate: g.name, reason: g.reason })}</li>
              ))}
            </ul>
          )}
          <Stack space="space.050">
            <label htmlFor="override-reason">
              <Text weight="medium">{t('advance.modal.reason', { min: REASON_MIN })}</Text>
            </label>
            <TextArea
              id="override-reason"
              ref={field}
              value={reason}
              onChange={(e) => {
                setReason(e.currentTarget.value);
                setError(undefined);
              }}
              isInvalid={Boolean(error)}
              minimumRows={3}
              aria-describedby={error ? 'override-reason-error' : undefined}
            />
            {error && (
              <Text id="override-reason-error" color="color.text.danger" size="small">
                {error}
              </Text>
            )}
          </Stack>
          <Inline space="space.100" alignInline="end">
            <Button appearance="subtle" onClick={close}>
              {t('advance.modal.cancel')}
            </Button>
            <Button type="submit" appearance="warning" isLoading={busy}>
              {t('advance.modal.submit')}
            </Button>
          </Inline>
        </Stack>
      </form>
    </Box>
  );
}
