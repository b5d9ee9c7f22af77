import Button from '@atlaskit/button/new';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  CHANNELS,
  CHANNEL_LABELS,
  INTEGRATION_KEYS,
  reminderDaysSchema,
  slackWebhookUrlSchema,
  teamsWebhookUrlSchema,
  type Channel,
  type IntegrationsView,
  type RotatedSecret,
  type TestMessageResult,
} from '../../../../../src/shared/notifications';
import { ResolverFailure, callResolver } from '../../bridge/call-resolver';
import { errorMessage, flagError, flagSuccess } from '../../bridge/flags';
import { CenteredSpinner } from '../../components/centered-spinner';
import { ReadOnlyNote } from '../../components/read-only-note';
import type { UiTranslator } from '../../i18n/load-translator';
import { useT } from '../../i18n/use-t';
import { instantText } from '../../lib/labels';

/**
 * The integrations part of the project settings: the CI gate (web trigger URL and its secret),
 * Slack and Teams webhooks, and the reminder window. A lazy chunk of its own, so the settings
 * page paints before this code arrives. Saves are project-admin only; everyone else reads.
 */

const sectionStyle = xcss({
  backgroundColor: 'elevation.surface.raised',
  boxShadow: 'elevation.shadow.raised',
  borderRadius: 'radius.large',
  padding: 'space.200',
});

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'loaded'; view: IntegrationsView };

/** The same schemas the resolver parses with, so the person hears about a bad URL before saving. */
const URL_SCHEMAS = { slack: slackWebhookUrlSchema, teams: teamsWebhookUrlSchema } as const;

/** The first problem with a typed webhook URL in the person's language, or undefined when it would be accepted. */
export function webhookUrlError(t: UiTranslator, channel: Channel, value: string): string | undefined {
  const result = URL_SCHEMAS[channel].safeParse(value);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  if (issue?.code === 'too_big') return t.t('settings.integrations.webhook.tooLong', { max: Number(issue.maximum) });
  return channel === 'slack'
    ? t.t('settings.integrations.webhook.invalid.slack', { example: 'https://hooks.slack.com/services/...' })
    : t.t('settings.integrations.webhook.invalid.teams', { example: 'https://....logic.azure.com/workflows/...', other: 'https://....webhook.office.com/...' });
}

/** The first problem with the typed number of reminder days, or undefined. Empty text is a problem, not 0. */
export function reminderDaysError(t: UiTranslator, text: string): string | undefined {
  if (text.trim() === '') return t.t('settings.integrations.reminders.empty');
  const result = reminderDaysSchema.safeParse(Number(text));
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  if (issue?.code === 'too_small') return t.t('settings.integrations.reminders.min', { min: Number(issue.minimum) });
  if (issue?.code === 'too_big') return t.t('settings.integrations.reminders.max', { max: Number(issue.maximum) });
  return t.t('settings.integrations.reminders.whole');
}

/** The server's message for one payload field, when it refused the input. */
function serverFieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ResolverFailure) || error.code !== 'INVALID_INPUT') return undefined;
  return error.fields?.find((f) => f.field === field || f.field.startsWith(`${field}.`))?.message;
}

export default function IntegrationsSection() {
  const { t } = useT();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const load = useCallback(() => {
    setState({ kind: 'loading' });
    callResolver<IntegrationsView>(INTEGRATION_KEYS.get, {})
      .then((view) => setState({ kind: 'loaded', view }))
      .catch((error: unknown) => setState({ kind: 'error', message: errorMessage(error) }));
  }, []);
  useEffect(load, [load]);

  return (
    <Box xcss={sectionStyle} testId="integrations">
      <Stack space="space.300">
        <Heading size="medium">{t('settings.integrations.heading')}</Heading>
        {state.kind === 'loading' && <CenteredSpinner label={t('settings.integrations.loading')} />}
        {state.kind === 'error' && (
          <SectionMessage
            appearance="error"
            title={t('settings.integrations.loadFailed')}
            actions={[
              <SectionMessageAction key="retry" onClick={load}>
                {t('settings.integrations.retry')}
              </SectionMessageAction>,
            ]}
          >
            <p>{state.message}</p>
          </SectionMessage>
        )}
        {state.kind === 'loaded' && <Loaded view={state.view} onChange={(view) => setState({ kind: 'loaded', view })} />}
      </Stack>
    </Box>
  );
}

function Loaded({ view, onChange }: { view: IntegrationsView; onChange: (view: IntegrationsView) => void }) {
  const { t } = useT();
  const reason = view.me.canEdit ? undefined : (view.me.readOnlyReason ?? t('settings.integrations.readOnly.body'));
  return (
    <Stack space="space.300">
      {reason && (
        <SectionMessage appearance="information" title={t('settings.integrations.readOnly.title')}>
          <p>{reason}</p>
        </SectionMessage>
      )}
      <CiGate view={view} readOnly={reason} onChange={onChange} />
      <Notifications view={view} readOnly={reason} onChange={onChange} />
      <Reminders view={view} readOnly={reason} onChange={onChange} />
    </Stack>
  );
}

type PartProps = { view: IntegrationsView; readOnly: string | undefined; onChange: (view: IntegrationsView) => void };

/** Copies text; a frame without clipboard permission falls back to selecting it for Ctrl+C. */
function CopyButton({ text, label, fallbackTarget }: { text: string; label: string; fallbackTarget: () => HTMLInputElement | null }) {
  const { t } = useT();
  const [copied, setCopied] = useState<'yes' | 'select' | undefined>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      fallbackTarget()?.select();
      setCopied('select');
    }
  };
  return (
    <Inline space="space.100" alignBlock="center">
      <Button onClick={() => void copy()} aria-label={label}>
        {t('settings.integrations.copy.button')}
      </Button>
      <span role="status">
        {copied === 'yes' && (
          <Text size="small" color="color.text.subtle">
            {t('settings.integrations.copy.done')}
          </Text>
        )}
        {copied === 'select' && (
          <Text size="small" color="color.text.subtle">
            {t('settings.integrations.copy.selected')}
          </Text>
        )}
      </span>
    </Inline>
  );
}

function CiGate({ view, readOnly, onChange }: PartProps) {
  const translator = useT();
  const { t } = translator;
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<RotatedSecret | undefined>();
  const urlRef = useRef<HTMLInputElement>(null);
  const secretRef = useRef<HTMLInputElement>(null);
  const hasSecret = Boolean(view.gate.secretCreatedAt);

  const rotate = async () => {
    setBusy(true);
    try {
      const rotated = await callResolver<RotatedSecret>(INTEGRATION_KEYS.rotateGateSecret, {});
      setShown(rotated);
      onChange(rotated.view);
    } catch (error) {
      flagError(t('settings.integrations.gate.rotateFailed'), error);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <Stack space="space.150">
      <Heading size="small">{t('settings.integrations.gate.heading')}</Heading>
      <Text color="color.text.subtle">
        {t('settings.integrations.gate.intro', {
          header: 'X-Preflight-Secret',
          curl: 'curl',
          cli: 'npx --yes @preflight-release/cli@1 gate',
          env: 'PREFLIGHT_GATE_SECRET',
          wrong: 'npx preflight',
        })}
      </Text>
      {view.gate.url ? (
        <Stack space="space.050">
          <Label htmlFor="gate-url">{t('settings.integrations.gate.url')}</Label>
          <Inline space="space.100" alignBlock="center">
            <Box xcss={xcss({ flexGrow: 1, maxWidth: '640px' })}>
              <Textfield id="gate-url" ref={urlRef} value={view.gate.url} isReadOnly isCompact onFocus={(e) => e.currentTarget.select()} />
            </Box>
            <CopyButton text={view.gate.url} label={t('settings.integrations.copy.gateUrl')} fallbackTarget={() => urlRef.current} />
          </Inline>
        </Stack>
      ) : (
        <SectionMessage appearance="warning" title={t('settings.integrations.gate.urlMissing.title')}>
          <p>{t('settings.integrations.gate.urlMissing.body')}</p>
        </SectionMessage>
      )}
      <Text>
        {hasSecret
          ? t('settings.integrations.gate.secretGenerated', { when: instantText(translator, view.gate.secretCreatedAt!) })
          : t('settings.integrations.gate.secretNone')}
      </Text>
      {shown && (
        <SectionMessage
          appearance="warning"
          title={t('settings.integrations.gate.newSecret.title')}
          actions={[
            <SectionMessageAction key="hide" onClick={() => setShown(undefined)}>
              {t('settings.integrations.gate.newSecret.hide')}
            </SectionMessageAction>,
          ]}
        >
          <Stack space="space.100">
            <p>{t('settings.integrations.gate.newSecret.body', { env: 'PREFLIGHT_GATE_SECRET' })}</p>
            <Stack space="space.050">
              <Label htmlFor="gate-secret">{t('settings.integrations.gate.newSecret.label')}</Label>
              <Inline space="space.100" alignBlock="center">
                <Box xcss={xcss({ flexGrow: 1, maxWidth: '640px' })}>
                  <Textfield id="gate-secret" ref={secretRef} value={shown.secret} isReadOnly isCompact isMonospaced onFocus={(e) => e.currentTarget.select()} />
                </Box>
                <CopyButton text={shown.secret} label={t('settings.integrations.copy.gateSecret')} fallbackTarget={() => secretRef.current} />
              </Inline>
            </Stack>
          </Stack>
        </SectionMessage>
      )}
      {confirming ? (
        // Inline rather than a modal: the frame grows with its content, so a modal centred in it can sit off screen.
        <SectionMessage appearance="warning" title={t('settings.integrations.gate.confirm.title')} testId="confirm-rotation">
          <Stack space="space.100">
            <p>{t('settings.integrations.gate.confirm.body')}</p>
            <Inline space="space.100">
              <Button appearance="warning" onClick={() => void rotate()} isLoading={busy}>
                {t('settings.integrations.gate.confirm.rotate')}
              </Button>
              <Button appearance="subtle" onClick={() => setConfirming(false)} isDisabled={busy} autoFocus>
                {t('settings.integrations.cancel')}
              </Button>
            </Inline>
          </Stack>
        </SectionMessage>
      ) : (
        <Inline space="space.100" alignBlock="center">
          <Button
            appearance={hasSecret ? 'default' : 'primary'}
            isDisabled={Boolean(readOnly) || busy}
            isLoading={busy}
            // A first secret breaks nothing; replacing one stops every pipeline still using it, so that asks first.
            onClick={() => (hasSecret ? setConfirming(true) : void rotate())}
          >
            {hasSecret ? t('settings.integrations.gate.rotate') : t('settings.integrations.gate.generate')}
          </Button>
          <ReadOnlyNote reason={readOnly} />
        </Inline>
      )}
    </Stack>
  );
}

function Notifications({ view, readOnly, onChange }: PartProps) {
  const { t } = useT();
  return (
    <Stack space="space.150">
      <Heading size="small">{t('settings.integrations.notifications.heading')}</Heading>
      <Text color="color.text.subtle">{t('settings.integrations.notifications.intro')}</Text>
      {CHANNELS.map((channel) => (
        <WebhookRow key={channel} channel={channel} view={view} readOnly={readOnly} onChange={onChange} />
      ))}
    </Stack>
  );
}

/** Example addresses shown in the empty field: the same in every language, so one message with the URL as a value. */
const PLACEHOLDERS: Record<Channel, string> = {
  slack: 'https://hooks.slack.com/services/…',
  teams: 'https://….logic.azure.com/workflows/…',
};

function WebhookRow({ channel, view, readOnly, onChange }: PartProps & { channel: Channel }) {
  const translator = useT();
  const { t } = translator;
  const label = CHANNEL_LABELS[channel];
  const state = view.webhooks[channel];
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const [serverError, setServerError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const clientError = webhookUrlError(translator, channel, text);
  const shownError = serverError ?? (touched ? clientError : undefined);
  const inputId = `webhook-${channel}`;

  const save = async (value: string | null) => {
    setBusy(true);
    setServerError(undefined);
    try {
      const next = await callResolver<IntegrationsView>(INTEGRATION_KEYS.saveWebhooks, { [channel]: value });
      flagSuccess(value === null ? t('settings.integrations.webhook.turnedOff', { channel: label }) : t('settings.integrations.webhook.saved', { channel: label }));
      setEditing(false);
      setText('');
      setTouched(false);
      onChange(next);
    } catch (error) {
      const fieldError = serverFieldError(error, channel);
      if (fieldError) setServerError(fieldError);
      else flagError(t('settings.integrations.webhook.saveFailed', { channel: label }), error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack space="space.100" testId={`webhook-${channel}`} role="group" aria-label={t('settings.integrations.webhook.channel', { channel: label })}>
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Text weight="medium">{t('settings.integrations.webhook.channel', { channel: label })}</Text>
        {state.configured ? <Lozenge appearance="success">{t('settings.integrations.webhook.set')}</Lozenge> : <Lozenge>{t('settings.integrations.webhook.notSet')}</Lozenge>}
        {state.configured && state.hint && <Text size="small" color="color.text.subtlest">{state.hint}</Text>}
      </Inline>
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setTouched(true);
            if (!clientError) void save(text.trim());
          }}
        >
          <Stack space="space.050">
            <Label htmlFor={inputId}>{t('settings.integrations.webhook.urlLabel', { channel: label })}</Label>
            <Box xcss={xcss({ maxWidth: '640px' })}>
              <Textfield
                id={inputId}
                value={text}
                placeholder={t('settings.integrations.webhook.placeholder', { url: PLACEHOLDERS[channel] })}
                autoComplete="off"
                spellCheck={false}
                isInvalid={Boolean(shownError)}
                isDisabled={busy}
                isCompact
                autoFocus
                aria-describedby={shownError ? `${inputId}-error` : `${inputId}-help`}
                onChange={(e) => {
                  setText(e.currentTarget.value);
                  setServerError(undefined);
                }}
                onBlur={() => setTouched(text.trim() !== '')}
              />
            </Box>
            {shownError ? (
              <span id={`${inputId}-error`}>
                <ErrorMessage>{shownError}</ErrorMessage>
              </span>
            ) : (
              <span id={`${inputId}-help`}>
                <HelperMessage>
                  {state.configured ? t('settings.integrations.webhook.replaceHelp') : t('settings.integrations.webhook.pasteHelp', { channel: label })}
                </HelperMessage>
              </span>
            )}
            <Inline space="space.100">
              <Button type="submit" appearance="primary" isDisabled={busy || text.trim() === ''} isLoading={busy}>
                {t('settings.integrations.webhook.save', { channel: label })}
              </Button>
              <Button
                appearance="subtle"
                isDisabled={busy}
                onClick={() => {
                  setEditing(false);
                  setText('');
                  setTouched(false);
                  setServerError(undefined);
                }}
              >
                {t('settings.integrations.cancel')}
              </Button>
            </Inline>
          </Stack>
        </form>
      ) : (
        <Inline space="space.100" alignBlock="center">
          <Button isDisabled={Boolean(readOnly) || busy} onClick={() => setEditing(true)}>
            {state.configured ? t('settings.integrations.webhook.replace', { channel: label }) : t('settings.integrations.webhook.setUrl', { channel: label })}
          </Button>
          {state.configured && (
            <Button appearance="subtle" isDisabled={Boolean(readOnly) || busy} isLoading={busy} onClick={() => void save(null)}>
              {t('settings.integrations.webhook.clear', { channel: label })}
            </Button>
          )}
          {state.configured && <TestMessage channel={channel} label={label} disabled={Boolean(readOnly) || busy} />}
          <ReadOnlyNote reason={readOnly} />
        </Inline>
      )}
    </Stack>
  );
}

type TestState = { kind: 'idle' } | { kind: 'sending' } | { kind: 'sent' } | { kind: 'failed'; error: string };

/** Posts a test message to the channel's webhook and says, next to the button, whether it arrived. */
function TestMessage({ channel, label, disabled }: { channel: Channel; label: string; disabled: boolean }) {
  const { t } = useT();
  const [state, setState] = useState<TestState>({ kind: 'idle' });
  const send = async () => {
    setState({ kind: 'sending' });
    try {
      const result = await callResolver<TestMessageResult>(INTEGRATION_KEYS.sendTestMessage, { channel });
      setState(result.ok ? { kind: 'sent' } : { kind: 'failed', error: result.error });
    } catch (error) {
      setState({ kind: 'failed', error: errorMessage(error) });
    }
  };
  return (
    <>
      <Button isDisabled={disabled || state.kind === 'sending'} isLoading={state.kind === 'sending'} onClick={() => void send()}>
        {t('settings.webhook.test')}
      </Button>
      <span role="status" data-testid={`test-message-${channel}`}>
        {state.kind === 'sending' && <Text color="color.text.subtle">{t('settings.webhook.testing')}</Text>}
        {state.kind === 'sent' && <Text color="color.text.success">{t('settings.webhook.testSent', { channel: label })}</Text>}
        {state.kind === 'failed' && <Text color="color.text.danger">{t('settings.webhook.testFailed', { error: state.error })}</Text>}
      </span>
    </>
  );
}

function Reminders({ view, readOnly, onChange }: PartProps) {
  const translator = useT();
  const { t } = translator;
  const [text, setText] = useState(String(view.reminderDays));
  const [serverError, setServerError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const clientError = reminderDaysError(translator, text);
  const error = serverError ?? clientError;
  const dirty = text.trim() !== String(view.reminderDays);

  const save = async () => {
    setBusy(true);
    try {
      const next = await callResolver<IntegrationsView>(INTEGRATION_KEYS.saveReminders, { reminderDays: Number(text) });
      flagSuccess(t('settings.integrations.reminders.saved'));
      setText(String(next.reminderDays));
      onChange(next);
    } catch (failure) {
      const fieldError = serverFieldError(failure, 'reminderDays');
      if (fieldError) setServerError(fieldError);
      else flagError(t('settings.integrations.reminders.saveFailed'), failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack space="space.150">
      <Heading size="small">{t('settings.integrations.reminders.heading')}</Heading>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!clientError && dirty) void save();
        }}
      >
        <Stack space="space.050">
          <Label htmlFor="reminder-days">{t('settings.integrations.reminders.label')}</Label>
          <Textfield
            id="reminder-days"
            type="number"
            width={120}
            value={text}
            isCompact
            isInvalid={Boolean(error)}
            isDisabled={Boolean(readOnly) || busy}
            aria-describedby={error ? 'reminder-days-error' : 'reminder-days-help'}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setServerError(undefined);
            }}
          />
          {error ? (
            <span id="reminder-days-error">
              <ErrorMessage>{error}</ErrorMessage>
            </span>
          ) : (
            <span id="reminder-days-help">
              <HelperMessage>{t('settings.integrations.reminders.help')}</HelperMessage>
            </span>
          )}
          <Inline space="space.100" alignBlock="center">
            <Button type="submit" isDisabled={Boolean(readOnly) || busy || !dirty || Boolean(clientError)} isLoading={busy}>
              {t('settings.integrations.reminders.save')}
            </Button>
            <ReadOnlyNote reason={readOnly} />
          </Inline>
        </Stack>
      </form>
    </Stack>
  );
}
