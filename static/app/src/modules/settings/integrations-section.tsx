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
import { useT } from '../../i18n/use-t';
import { formatInstant } from '../../lib/labels';

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

/** The first problem with a typed webhook URL, or undefined when it would be accepted. */
export function webhookUrlError(channel: Channel, value: string): string | undefined {
  const result = URL_SCHEMAS[channel].safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}

/** The first problem with the typed number of reminder days, or undefined. Empty text is a problem, not 0. */
export function reminderDaysError(text: string): string | undefined {
  if (text.trim() === '') return 'expected a number of days';
  const result = reminderDaysSchema.safeParse(Number(text));
  return result.success ? undefined : result.error.issues[0]?.message;
}

/** The server's message for one payload field, when it refused the input. */
function serverFieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ResolverFailure) || error.code !== 'INVALID_INPUT') return undefined;
  return error.fields?.find((f) => f.field === field || f.field.startsWith(`${field}.`))?.message;
}

export default function IntegrationsSection() {
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
        <Heading size="medium">Integrations</Heading>
        {state.kind === 'loading' && <CenteredSpinner label="Loading the integrations" />}
        {state.kind === 'error' && (
          <SectionMessage appearance="error" title="The integrations could not be loaded" actions={[<SectionMessageAction key="retry" onClick={load}>Try again</SectionMessageAction>]}>
            <p>{state.message}</p>
          </SectionMessage>
        )}
        {state.kind === 'loaded' && <Loaded view={state.view} onChange={(view) => setState({ kind: 'loaded', view })} />}
      </Stack>
    </Box>
  );
}

function Loaded({ view, onChange }: { view: IntegrationsView; onChange: (view: IntegrationsView) => void }) {
  const reason = view.me.canEdit ? undefined : (view.me.readOnlyReason ?? 'Only project admins can change Preflight integrations.');
  return (
    <Stack space="space.300">
      {reason && (
        <SectionMessage appearance="information" title="You can look, but not change the integrations">
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
        Copy
      </Button>
      <span role="status">
        {copied === 'yes' && <Text size="small" color="color.text.subtle">Copied</Text>}
        {copied === 'select' && <Text size="small" color="color.text.subtle">Selected: press Ctrl+C (⌘C) to copy</Text>}
      </span>
    </Inline>
  );
}

function CiGate({ view, readOnly, onChange }: PartProps) {
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
      flagError('No new gate secret was generated', error);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <Stack space="space.150">
      <Heading size="small">CI gate</Heading>
      <Text color="color.text.subtle">
        Pipelines ask this address whether a version may deploy (go or no-go) and report their deployments, with the project’s secret in the <code>X-Preflight-Secret</code> header: with <code>curl</code>, or with <code>npx --yes @preflight-release/cli@1 gate</code> and the secret in <code>PREFLIGHT_GATE_SECRET</code>. Never <code>npx preflight</code>: that name is someone else’s package.
      </Text>
      {view.gate.url ? (
        <Stack space="space.050">
          <Label htmlFor="gate-url">Web trigger URL</Label>
          <Inline space="space.100" alignBlock="center">
            <Box xcss={xcss({ flexGrow: 1, maxWidth: '640px' })}>
              <Textfield id="gate-url" ref={urlRef} value={view.gate.url} isReadOnly isCompact onFocus={(e) => e.currentTarget.select()} />
            </Box>
            <CopyButton text={view.gate.url} label="Copy the web trigger URL" fallbackTarget={() => urlRef.current} />
          </Inline>
        </Stack>
      ) : (
        <SectionMessage appearance="warning" title="The web trigger URL is not available">
          <p>The platform did not tell Preflight its web trigger address. Reload the page to try again.</p>
        </SectionMessage>
      )}
      <Text>
        {hasSecret
          ? `Secret: generated ${formatInstant(view.gate.secretCreatedAt!)}. It is never shown again; rotate it if it is lost.`
          : 'Secret: none yet. Pipelines are refused (401) until one is generated.'}
      </Text>
      {shown && (
        <SectionMessage
          appearance="warning"
          title="Copy the new secret now: it won’t be shown again"
          actions={[<SectionMessageAction key="hide" onClick={() => setShown(undefined)}>I have stored it, hide it</SectionMessageAction>]}
        >
          <Stack space="space.100">
            <p>Store it as the PREFLIGHT_GATE_SECRET secret of your pipelines. Preflight keeps only a form it cannot show back.</p>
            <Stack space="space.050">
              <Label htmlFor="gate-secret">New gate secret</Label>
              <Inline space="space.100" alignBlock="center">
                <Box xcss={xcss({ flexGrow: 1, maxWidth: '640px' })}>
                  <Textfield id="gate-secret" ref={secretRef} value={shown.secret} isReadOnly isCompact isMonospaced onFocus={(e) => e.currentTarget.select()} />
                </Box>
                <CopyButton text={shown.secret} label="Copy the gate secret" fallbackTarget={() => secretRef.current} />
              </Inline>
            </Stack>
          </Stack>
        </SectionMessage>
      )}
      {confirming ? (
        // Inline rather than a modal: the frame grows with its content, so a modal centred in it can sit off screen.
        <SectionMessage appearance="warning" title="Rotate the gate secret?" testId="confirm-rotation">
          <Stack space="space.100">
            <p>The current secret stops working at once: every pipeline using it gets “no access” (401) until it has the new one.</p>
            <Inline space="space.100">
              <Button appearance="warning" onClick={() => void rotate()} isLoading={busy}>
                Rotate secret
              </Button>
              <Button appearance="subtle" onClick={() => setConfirming(false)} isDisabled={busy} autoFocus>
                Cancel
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
            {hasSecret ? 'Rotate secret…' : 'Generate secret'}
          </Button>
          <ReadOnlyNote reason={readOnly} />
        </Inline>
      )}
    </Stack>
  );
}

function Notifications({ view, readOnly, onChange }: PartProps) {
  return (
    <Stack space="space.150">
      <Heading size="small">Notifications</Heading>
      <Text color="color.text.subtle">
        Phase changes, releases, overdue releases and gates still failing close to the release date are posted to these channels. The webhook URLs are secrets: Preflight shows only whether each is set.
      </Text>
      {CHANNELS.map((channel) => (
        <WebhookRow key={channel} channel={channel} view={view} readOnly={readOnly} onChange={onChange} />
      ))}
    </Stack>
  );
}

const PLACEHOLDERS: Record<Channel, string> = {
  slack: 'https://hooks.slack.com/services/…',
  teams: 'https://….logic.azure.com/workflows/…',
};

function WebhookRow({ channel, view, readOnly, onChange }: PartProps & { channel: Channel }) {
  const label = CHANNEL_LABELS[channel];
  const state = view.webhooks[channel];
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const [serverError, setServerError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const clientError = webhookUrlError(channel, text);
  const shownError = serverError ?? (touched ? clientError : undefined);
  const inputId = `webhook-${channel}`;

  const save = async (value: string | null) => {
    setBusy(true);
    setServerError(undefined);
    try {
      const next = await callResolver<IntegrationsView>(INTEGRATION_KEYS.saveWebhooks, { [channel]: value });
      flagSuccess(value === null ? `${label} notifications turned off` : `${label} webhook saved`);
      setEditing(false);
      setText('');
      setTouched(false);
      onChange(next);
    } catch (error) {
      const fieldError = serverFieldError(error, channel);
      if (fieldError) setServerError(fieldError);
      else flagError(`The ${label} webhook was not saved`, error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack space="space.100" testId={`webhook-${channel}`} role="group" aria-label={label}>
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Text weight="medium">{label}</Text>
        {state.configured ? <Lozenge appearance="success">Set</Lozenge> : <Lozenge>Not set</Lozenge>}
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
            <Label htmlFor={inputId}>{`${label} webhook URL`}</Label>
            <Box xcss={xcss({ maxWidth: '640px' })}>
              <Textfield
                id={inputId}
                value={text}
                placeholder={PLACEHOLDERS[channel]}
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
                <HelperMessage>{state.configured ? 'The new URL replaces the stored one.' : `Paste the ${label} webhook URL.`}</HelperMessage>
              </span>
            )}
            <Inline space="space.100">
              <Button type="submit" appearance="primary" isDisabled={busy || text.trim() === ''} isLoading={busy}>
                {`Save ${label} webhook`}
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
                Cancel
              </Button>
            </Inline>
          </Stack>
        </form>
      ) : (
        <Inline space="space.100" alignBlock="center">
          <Button isDisabled={Boolean(readOnly) || busy} onClick={() => setEditing(true)}>
            {state.configured ? `Replace ${label} webhook URL` : `Set ${label} webhook URL`}
          </Button>
          {state.configured && (
            <Button appearance="subtle" isDisabled={Boolean(readOnly) || busy} isLoading={busy} onClick={() => void save(null)}>
              {`Clear ${label} webhook`}
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
  const [text, setText] = useState(String(view.reminderDays));
  const [serverError, setServerError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const clientError = reminderDaysError(text);
  const error = serverError ?? clientError;
  const dirty = text.trim() !== String(view.reminderDays);

  const save = async () => {
    setBusy(true);
    try {
      const next = await callResolver<IntegrationsView>(INTEGRATION_KEYS.saveReminders, { reminderDays: Number(text) });
      flagSuccess('Reminder days saved');
      setText(String(next.reminderDays));
      onChange(next);
    } catch (failure) {
      const fieldError = serverFieldError(failure, 'reminderDays');
      if (fieldError) setServerError(fieldError);
      else flagError('The reminder days were not saved', failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack space="space.150">
      <Heading size="small">Reminders</Heading>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!clientError && dirty) void save();
        }}
      >
        <Stack space="space.050">
          <Label htmlFor="reminder-days">Remind of failing gates this many days before the release date</Label>
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
              <HelperMessage>A daily message per release while a gate of its current phase fails; 0 means on the release day only.</HelperMessage>
            </span>
          )}
          <Inline space="space.100" alignBlock="center">
            <Button type="submit" isDisabled={Boolean(readOnly) || busy || !dirty || Boolean(clientError)} isLoading={busy}>
              Save reminder days
            </Button>
            <ReadOnlyNote reason={readOnly} />
          </Inline>
        </Stack>
      </form>
    </Stack>
  );
}
