import Button from '@atlaskit/button/new';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { useCallback, useEffect, useRef, useState } from 'react';
import { MONITORING_TOOL_LABELS, MONITORING_TOOLS, type MonitoringTool } from '../../../../../src/domain/incidents';
import { MONITORING_KEYS, saveSentrySecretPayload, type MonitoringView, type RotatedMonitoringSecret } from '../../../../../src/shared/monitoring';
import type { MonitoringSettings } from '../../../../../src/shared/settings';
import { ResolverFailure, callResolver } from '../../bridge/call-resolver';
import { errorMessage, flagError, flagSuccess } from '../../bridge/flags';
import { CenteredSpinner } from '../../components/centered-spinner';
import { ReadOnlyNote } from '../../components/read-only-note';
import { formatInstant } from '../../lib/labels';
import type { FieldErrors } from '../../settings/settings-draft';

/**
 * Monitoring (issue 13): where Datadog, New Relic and Sentry send their alerts, the project's own
 * monitoring secret (shown once), Sentry's client secret, and, as part of the settings form, the
 * dashboard links per tool and the issue type an incident may become. The credentials are saved
 * at once through the monitoring resolvers (project admins only); links and issue type are saved
 * with "Save settings", like the rest of the form.
 */

export interface MonitoringSectionProps {
  monitoring: MonitoringSettings | undefined;
  /** The project's issue types, to choose the incident issue type from. */
  issueTypes: string[];
  errors: FieldErrors;
  disabled: boolean;
  onChange: (monitoring: MonitoringSettings | undefined) => void;
}

const DASHBOARD_PLACEHOLDERS: Record<MonitoringTool, string> = {
  datadog: 'https://app.datadoghq.com/dashboard/…',
  newrelic: 'https://one.newrelic.com/dashboards/…',
  sentry: 'https://<org>.sentry.io/dashboards/…',
};

/** The draft's monitoring part, dropped entirely when nothing is set (so an untouched form stays unchanged). */
export function normalizeMonitoring(next: MonitoringSettings): MonitoringSettings | undefined {
  const links = Object.fromEntries(Object.entries(next.links).filter(([, v]) => v !== undefined && v !== '')) as MonitoringSettings['links'];
  if (Object.keys(links).length === 0 && !next.incidentIssueType) return undefined;
  return { links, ...(next.incidentIssueType && { incidentIssueType: next.incidentIssueType }) };
}

/** The web trigger URL for one tool: the trigger's address with the project and the tool in the query. */
export function toolUrl(base: string, projectKey: string, tool: MonitoringTool): string {
  const url = new URL(base);
  url.searchParams.set('project', projectKey);
  url.searchParams.set('tool', tool);
  return url.toString();
}

type IssueTypeOption = { label: string; value: string | undefined };

export function MonitoringSection({ monitoring, issueTypes, errors, disabled, onChange }: MonitoringSectionProps) {
  const current: MonitoringSettings = monitoring ?? { links: {} };
  const edit = (patch: Partial<MonitoringSettings>) => onChange(normalizeMonitoring({ ...current, ...patch }));
  const chosenType = current.incidentIssueType;
  const typeOptions: IssueTypeOption[] = [
    { label: 'None: incidents stay in Preflight', value: undefined },
    ...[...issueTypes, ...(chosenType && !issueTypes.includes(chosenType) ? [chosenType] : [])].map((t) => ({ label: t, value: t })),
  ];

  return (
    <Stack space="space.300" testId="monitoring-settings">
      <Heading size="medium">Monitoring</Heading>
      <Text color="color.text.subtle">
        Alerts from Datadog, New Relic and Sentry during a release’s bedding-in become incidents on it and drive the Post-release review gates. README “Monitoring” has each tool’s set-up.
      </Text>
      <MonitoringCredentials />
      <Stack space="space.150">
        <Heading size="small">Dashboards</Heading>
        <Text color="color.text.subtle">Links shown in Post-release review and the checklist macro. Saved with “Save settings”.</Text>
        {MONITORING_TOOLS.map((tool) => {
          const id = `monitoring-link-${tool}`;
          const error = errors[`monitoring.links.${tool}`];
          return (
            <Stack key={tool} space="space.050">
              <Label htmlFor={id}>{`${MONITORING_TOOL_LABELS[tool]} dashboard link`}</Label>
              <Box xcss={xcss({ maxWidth: '640px' })}>
                <Textfield
                  id={id}
                  value={current.links[tool] ?? ''}
                  placeholder={DASHBOARD_PLACEHOLDERS[tool]}
                  isCompact
                  isDisabled={disabled}
                  isInvalid={Boolean(error)}
                  spellCheck={false}
                  aria-describedby={error ? `${id}-error` : undefined}
                  onChange={(e) => edit({ links: { ...current.links, [tool]: e.currentTarget.value } })}
                />
              </Box>
              {error && (
                <span id={`${id}-error`}>
                  <ErrorMessage>{`${MONITORING_TOOL_LABELS[tool]} dashboard link: ${error}`}</ErrorMessage>
                </span>
              )}
            </Stack>
          );
        })}
      </Stack>
      <Stack space="space.050">
        <Heading size="small">Incidents as Jira issues</Heading>
        <Label htmlFor="monitoring-issue-type">Incident issue type</Label>
        <div style={{ maxWidth: 320 }}>
          <Select<IssueTypeOption>
            inputId="monitoring-issue-type"
            options={typeOptions}
            value={typeOptions.find((o) => o.value === chosenType)}
            isDisabled={disabled}
            isSearchable={false}
            onChange={(o) => edit({ incidentIssueType: o?.value })}
          />
        </div>
        {errors['monitoring.incidentIssueType'] ? (
          <ErrorMessage>{`Incident issue type: ${errors['monitoring.incidentIssueType']}`}</ErrorMessage>
        ) : (
          <HelperMessage>When set, each new incident also becomes a Jira issue of this type in the release’s version. Saved with “Save settings”.</HelperMessage>
        )}
      </Stack>
    </Stack>
  );
}

type CredentialsState = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'loaded'; view: MonitoringView };

/** The web trigger URLs and the two secrets: loaded and saved on their own, at once. */
function MonitoringCredentials() {
  const [state, setState] = useState<CredentialsState>({ kind: 'loading' });
  const load = useCallback(() => {
    setState({ kind: 'loading' });
    callResolver<MonitoringView>(MONITORING_KEYS.get, {})
      .then((view) => setState({ kind: 'loaded', view }))
      .catch((error: unknown) => setState({ kind: 'error', message: errorMessage(error) }));
  }, []);
  useEffect(load, [load]);

  if (state.kind === 'loading') return <CenteredSpinner label="Loading the monitoring secrets" />;
  if (state.kind === 'error') {
    return (
      <SectionMessage appearance="error" title="The monitoring web trigger could not be loaded" actions={[<SectionMessageAction key="retry" onClick={load}>Try again</SectionMessageAction>]}>
        <p>{state.message}</p>
      </SectionMessage>
    );
  }
  const view = state.view;
  const readOnly = view.me.canEdit ? undefined : (view.me.readOnlyReason ?? 'Only project admins can change Preflight monitoring.');
  const onChange = (next: MonitoringView) => setState({ kind: 'loaded', view: next });
  return (
    <Stack space="space.300">
      {readOnly && (
        <SectionMessage appearance="information" title="You can look, but not change the monitoring secrets">
          <p>{readOnly}</p>
        </SectionMessage>
      )}
      <TriggerUrls view={view} />
      <MonitoringSecret view={view} readOnly={readOnly} onChange={onChange} />
      <SentrySecret view={view} readOnly={readOnly} onChange={onChange} />
    </Stack>
  );
}

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

function CopyableField({ id, label, value, copyLabel, monospaced = false }: { id: string; label: string; value: string; copyLabel: string; monospaced?: boolean }) {
  const ref = useRef<HTMLInputElement>(null);
  return (
    <Stack space="space.050">
      <Label htmlFor={id}>{label}</Label>
      <Inline space="space.100" alignBlock="center">
        <Box xcss={xcss({ flexGrow: 1, maxWidth: '640px' })}>
          <Textfield id={id} ref={ref} value={value} isReadOnly isCompact isMonospaced={monospaced} onFocus={(e) => e.currentTarget.select()} />
        </Box>
        <CopyButton text={value} label={copyLabel} fallbackTarget={() => ref.current} />
      </Inline>
    </Stack>
  );
}

function TriggerUrls({ view }: { view: MonitoringView }) {
  return (
    <Stack space="space.150">
      <Heading size="small">Alert webhook URLs</Heading>
      {view.url ? (
        <>
          <Text color="color.text.subtle">
            Each tool posts its alerts to its own URL. Datadog and New Relic send the monitoring secret in the <code>X-Preflight-Secret</code> header; Sentry signs each webhook with its client secret instead.
          </Text>
          {MONITORING_TOOLS.map((tool) => (
            <CopyableField key={tool} id={`monitoring-url-${tool}`} label={`${MONITORING_TOOL_LABELS[tool]} webhook URL`} value={toolUrl(view.url!, view.project.key, tool)} copyLabel={`Copy the ${MONITORING_TOOL_LABELS[tool]} webhook URL`} />
          ))}
        </>
      ) : (
        <SectionMessage appearance="warning" title="The web trigger URL is not available">
          <p>The platform did not tell Preflight its web trigger address. Reload the page to try again.</p>
        </SectionMessage>
      )}
    </Stack>
  );
}

type PartProps = { view: MonitoringView; readOnly: string | undefined; onChange: (view: MonitoringView) => void };

function MonitoringSecret({ view, readOnly, onChange }: PartProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<RotatedMonitoringSecret | undefined>();
  const hasSecret = Boolean(view.secretCreatedAt);

  const rotate = async () => {
    setBusy(true);
    try {
      const rotated = await callResolver<RotatedMonitoringSecret>(MONITORING_KEYS.rotateSecret, {});
      setShown(rotated);
      onChange(rotated.view);
    } catch (error) {
      flagError('No new monitoring secret was generated', error);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <Stack space="space.150" testId="monitoring-secret">
      <Heading size="small">Monitoring secret</Heading>
      <Text>
        {hasSecret
          ? `Secret: generated ${formatInstant(view.secretCreatedAt!)}. It is never shown again; rotate it if it is lost.`
          : 'Secret: none yet. Datadog and New Relic alerts are refused (401) until one is generated.'}
      </Text>
      <Text size="small" color="color.text.subtle">It is the project’s own, not the CI gate’s: a leaked pipeline secret cannot open incidents.</Text>
      {shown && (
        <SectionMessage
          appearance="warning"
          title="Copy the new secret now: it won’t be shown again"
          actions={[<SectionMessageAction key="hide" onClick={() => setShown(undefined)}>I have stored it, hide it</SectionMessageAction>]}
        >
          <Stack space="space.100">
            <p>Put it in the X-Preflight-Secret header of the Datadog and New Relic webhooks. Preflight keeps only a form it cannot show back.</p>
            <CopyableField id="monitoring-secret-value" label="New monitoring secret" value={shown.secret} copyLabel="Copy the monitoring secret" monospaced />
          </Stack>
        </SectionMessage>
      )}
      {confirming ? (
        // Inline rather than a modal: the frame grows with its content, so a modal centred in it can sit off screen.
        <SectionMessage appearance="warning" title="Rotate the monitoring secret?" testId="confirm-monitoring-rotation">
          <Stack space="space.100">
            <p>The current secret stops working at once: Datadog and New Relic get “no access” (401) until their webhooks have the new one.</p>
            <Inline space="space.100">
              <Button appearance="warning" onClick={() => void rotate()} isLoading={busy}>
                Rotate monitoring secret
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
            // A first secret breaks nothing; replacing one stops every tool still using it, so that asks first.
            onClick={() => (hasSecret ? setConfirming(true) : void rotate())}
          >
            {hasSecret ? 'Rotate monitoring secret…' : 'Generate monitoring secret'}
          </Button>
          <ReadOnlyNote reason={readOnly} />
        </Inline>
      )}
    </Stack>
  );
}

/** The first problem with a typed Sentry client secret, from the resolver's own schema. */
export function sentrySecretError(text: string): string | undefined {
  const result = saveSentrySecretPayload.safeParse({ clientSecret: text });
  return result.success ? undefined : result.error.issues[0]?.message;
}

function SentrySecret({ view, readOnly, onChange }: PartProps) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const [serverError, setServerError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const clientError = sentrySecretError(text);
  const shownError = serverError ?? (touched ? clientError : undefined);
  const configured = Boolean(view.sentrySetAt);

  const save = async (clientSecret: string | null) => {
    setBusy(true);
    setServerError(undefined);
    try {
      const next = await callResolver<MonitoringView>(MONITORING_KEYS.saveSentrySecret, { clientSecret });
      flagSuccess(clientSecret === null ? 'Sentry client secret cleared' : 'Sentry client secret saved');
      setEditing(false);
      setText('');
      setTouched(false);
      onChange(next);
    } catch (error) {
      const field = error instanceof ResolverFailure && error.code === 'INVALID_INPUT' ? error.fields?.find((f) => f.field.startsWith('clientSecret'))?.message : undefined;
      if (field) setServerError(field);
      else flagError('The Sentry client secret was not saved', error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack space="space.150" testId="sentry-secret">
      <Inline space="space.100" alignBlock="center">
        <Heading size="small">Sentry client secret</Heading>
        {configured ? <Lozenge appearance="success">Set</Lozenge> : <Lozenge>Not set</Lozenge>}
      </Inline>
      <Text color="color.text.subtle">
        {configured
          ? `Saved ${formatInstant(view.sentrySetAt!)}. Sentry signs each webhook with it; Preflight refuses unsigned ones.`
          : 'Paste the client secret from your Sentry internal integration’s page. Until then Sentry webhooks are refused (401).'}
      </Text>
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setTouched(true);
            if (!clientError) void save(text.trim());
          }}
        >
          <Stack space="space.050">
            <Label htmlFor="sentry-client-secret">Sentry client secret</Label>
            <Box xcss={xcss({ maxWidth: '640px' })}>
              <Textfield
                id="sentry-client-secret"
                type="password"
                value={text}
                autoComplete="off"
                spellCheck={false}
                isCompact
                autoFocus
                isDisabled={busy}
                isInvalid={Boolean(shownError)}
                aria-describedby={shownError ? 'sentry-client-secret-error' : undefined}
                onChange={(e) => {
                  setText(e.currentTarget.value);
                  setServerError(undefined);
                }}
                onBlur={() => setTouched(text.trim() !== '')}
              />
            </Box>
            {shownError && (
              <span id="sentry-client-secret-error">
                <ErrorMessage>{`Sentry client secret: ${shownError}`}</ErrorMessage>
              </span>
            )}
            <Inline space="space.100">
              <Button type="submit" appearance="primary" isDisabled={busy || text.trim() === ''} isLoading={busy}>
                Save Sentry client secret
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
            {configured ? 'Replace Sentry client secret' : 'Set Sentry client secret'}
          </Button>
          {configured && (
            <Button appearance="subtle" isDisabled={Boolean(readOnly) || busy} isLoading={busy} onClick={() => void save(null)}>
              Clear Sentry client secret
            </Button>
          )}
          <ReadOnlyNote reason={readOnly} />
        </Inline>
      )}
    </Stack>
  );
}
