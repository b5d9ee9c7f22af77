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
import type { UiTranslator } from '../../i18n/load-translator';
import { useT } from '../../i18n/use-t';
import { instantText } from '../../lib/labels';
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

/** Example addresses shown in the empty fields: the same in every language. */
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
  const { t } = useT();
  const current: MonitoringSettings = monitoring ?? { links: {} };
  const edit = (patch: Partial<MonitoringSettings>) => onChange(normalizeMonitoring({ ...current, ...patch }));
  const chosenType = current.incidentIssueType;
  const typeOptions: IssueTypeOption[] = [
    { label: t('settings.monitoring.incidents.none'), value: undefined },
    ...[...issueTypes, ...(chosenType && !issueTypes.includes(chosenType) ? [chosenType] : [])].map((type) => ({ label: type, value: type })),
  ];

  return (
    <Stack space="space.300" testId="monitoring-settings">
      <Heading size="medium">{t('settings.monitoring.heading')}</Heading>
      <Text color="color.text.subtle">{t('settings.monitoring.intro')}</Text>
      <MonitoringCredentials />
      <Stack space="space.150">
        <Heading size="small">{t('settings.monitoring.dashboards.heading')}</Heading>
        <Text color="color.text.subtle">{t('settings.monitoring.dashboards.intro', { save: t('settings.save') })}</Text>
        {MONITORING_TOOLS.map((tool) => {
          const id = `monitoring-link-${tool}`;
          const error = errors[`monitoring.links.${tool}`];
          return (
            <Stack key={tool} space="space.050">
              <Label htmlFor={id}>{t('settings.monitoring.dashboards.label', { tool: MONITORING_TOOL_LABELS[tool] })}</Label>
              <Box xcss={xcss({ maxWidth: '640px' })}>
                <Textfield
                  id={id}
                  value={current.links[tool] ?? ''}
                  placeholder={t('settings.monitoring.example', { url: DASHBOARD_PLACEHOLDERS[tool] })}
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
                  <ErrorMessage>{t('settings.monitoring.dashboards.error', { tool: MONITORING_TOOL_LABELS[tool], error })}</ErrorMessage>
                </span>
              )}
            </Stack>
          );
        })}
      </Stack>
      <Stack space="space.050">
        <Heading size="small">{t('settings.monitoring.incidents.heading')}</Heading>
        <Label htmlFor="monitoring-issue-type">{t('settings.monitoring.incidents.label')}</Label>
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
          <ErrorMessage>{t('settings.monitoring.incidents.error', { error: errors['monitoring.incidentIssueType'] })}</ErrorMessage>
        ) : (
          <HelperMessage>{t('settings.monitoring.incidents.help', { save: t('settings.save') })}</HelperMessage>
        )}
      </Stack>
    </Stack>
  );
}

type CredentialsState = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'loaded'; view: MonitoringView };

/** The web trigger URLs and the two secrets: loaded and saved on their own, at once. */
function MonitoringCredentials() {
  const { t } = useT();
  const [state, setState] = useState<CredentialsState>({ kind: 'loading' });
  const load = useCallback(() => {
    setState({ kind: 'loading' });
    callResolver<MonitoringView>(MONITORING_KEYS.get, {})
      .then((view) => setState({ kind: 'loaded', view }))
      .catch((error: unknown) => setState({ kind: 'error', message: errorMessage(error) }));
  }, []);
  useEffect(load, [load]);

  if (state.kind === 'loading') return <CenteredSpinner label={t('settings.monitoring.loading')} />;
  if (state.kind === 'error') {
    return (
      <SectionMessage
        appearance="error"
        title={t('settings.monitoring.loadFailed')}
        actions={[
          <SectionMessageAction key="retry" onClick={load}>
            {t('settings.monitoring.retry')}
          </SectionMessageAction>,
        ]}
      >
        <p>{state.message}</p>
      </SectionMessage>
    );
  }
  const view = state.view;
  const readOnly = view.me.canEdit ? undefined : (view.me.readOnlyReason ?? t('settings.monitoring.readOnly.body'));
  const onChange = (next: MonitoringView) => setState({ kind: 'loaded', view: next });
  return (
    <Stack space="space.300">
      {readOnly && (
        <SectionMessage appearance="information" title={t('settings.monitoring.readOnly.title')}>
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
        {t('settings.monitoring.copy.button')}
      </Button>
      <span role="status">
        {copied === 'yes' && (
          <Text size="small" color="color.text.subtle">
            {t('settings.monitoring.copy.done')}
          </Text>
        )}
        {copied === 'select' && (
          <Text size="small" color="color.text.subtle">
            {t('settings.monitoring.copy.selected')}
          </Text>
        )}
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
  const { t } = useT();
  return (
    <Stack space="space.150">
      <Heading size="small">{t('settings.monitoring.urls.heading')}</Heading>
      {view.url ? (
        <>
          <Text color="color.text.subtle">{t('settings.monitoring.urls.intro', { header: 'X-Preflight-Secret' })}</Text>
          {MONITORING_TOOLS.map((tool) => (
            <CopyableField
              key={tool}
              id={`monitoring-url-${tool}`}
              label={t('settings.monitoring.urls.label', { tool: MONITORING_TOOL_LABELS[tool] })}
              value={toolUrl(view.url!, view.project.key, tool)}
              copyLabel={t('settings.monitoring.urls.copy', { tool: MONITORING_TOOL_LABELS[tool] })}
            />
          ))}
        </>
      ) : (
        <SectionMessage appearance="warning" title={t('settings.monitoring.urls.missing.title')}>
          <p>{t('settings.monitoring.urls.missing.body')}</p>
        </SectionMessage>
      )}
    </Stack>
  );
}

type PartProps = { view: MonitoringView; readOnly: string | undefined; onChange: (view: MonitoringView) => void };

function MonitoringSecret({ view, readOnly, onChange }: PartProps) {
  const translator = useT();
  const { t } = translator;
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
      flagError(t('settings.monitoring.secret.rotateFailed'), error);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <Stack space="space.150" testId="monitoring-secret">
      <Heading size="small">{t('settings.monitoring.secret.heading')}</Heading>
      <Text>
        {hasSecret
          ? t('settings.monitoring.secret.generated', { when: instantText(translator, view.secretCreatedAt!) })
          : t('settings.monitoring.secret.none')}
      </Text>
      <Text size="small" color="color.text.subtle">
        {t('settings.monitoring.secret.own')}
      </Text>
      {shown && (
        <SectionMessage
          appearance="warning"
          title={t('settings.monitoring.secret.new.title')}
          actions={[
            <SectionMessageAction key="hide" onClick={() => setShown(undefined)}>
              {t('settings.monitoring.secret.new.hide')}
            </SectionMessageAction>,
          ]}
        >
          <Stack space="space.100">
            <p>{t('settings.monitoring.secret.new.body', { header: 'X-Preflight-Secret' })}</p>
            <CopyableField
              id="monitoring-secret-value"
              label={t('settings.monitoring.secret.new.label')}
              value={shown.secret}
              copyLabel={t('settings.monitoring.secret.new.copy')}
              monospaced
            />
          </Stack>
        </SectionMessage>
      )}
      {confirming ? (
        // Inline rather than a modal: the frame grows with its content, so a modal centred in it can sit off screen.
        <SectionMessage appearance="warning" title={t('settings.monitoring.secret.confirm.title')} testId="confirm-monitoring-rotation">
          <Stack space="space.100">
            <p>{t('settings.monitoring.secret.confirm.body')}</p>
            <Inline space="space.100">
              <Button appearance="warning" onClick={() => void rotate()} isLoading={busy}>
                {t('settings.monitoring.secret.confirm.rotate')}
              </Button>
              <Button appearance="subtle" onClick={() => setConfirming(false)} isDisabled={busy} autoFocus>
                {t('settings.monitoring.cancel')}
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
            {hasSecret ? t('settings.monitoring.secret.rotate') : t('settings.monitoring.secret.generate')}
          </Button>
          <ReadOnlyNote reason={readOnly} />
        </Inline>
      )}
    </Stack>
  );
}

/** The first problem with a typed Sentry client secret, checked with the resolver's own schema, in the person's language. */
export function sentrySecretError(t: UiTranslator, text: string): string | undefined {
  const result = saveSentrySecretPayload.safeParse({ clientSecret: text });
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  return issue?.code === 'too_big' ? t.t('settings.monitoring.sentry.tooLong', { max: Number(issue.maximum) }) : t.t('settings.monitoring.sentry.tooShort');
}

function SentrySecret({ view, readOnly, onChange }: PartProps) {
  const translator = useT();
  const { t } = translator;
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const [serverError, setServerError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const clientError = sentrySecretError(translator, text);
  const shownError = serverError ?? (touched ? clientError : undefined);
  const configured = Boolean(view.sentrySetAt);

  const save = async (clientSecret: string | null) => {
    setBusy(true);
    setServerError(undefined);
    try {
      const next = await callResolver<MonitoringView>(MONITORING_KEYS.saveSentrySecret, { clientSecret });
      flagSuccess(clientSecret === null ? t('settings.monitoring.sentry.clearedFlag') : t('settings.monitoring.sentry.savedFlag'));
      setEditing(false);
      setText('');
      setTouched(false);
      onChange(next);
    } catch (error) {
      const field = error instanceof ResolverFailure && error.code === 'INVALID_INPUT' ? error.fields?.find((f) => f.field.startsWith('clientSecret'))?.message : undefined;
      if (field) setServerError(field);
      else flagError(t('settings.monitoring.sentry.saveFailed'), error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack space="space.150" testId="sentry-secret">
      <Inline space="space.100" alignBlock="center">
        <Heading size="small">{t('settings.monitoring.sentry.heading')}</Heading>
        {configured ? <Lozenge appearance="success">{t('settings.monitoring.sentry.set')}</Lozenge> : <Lozenge>{t('settings.monitoring.sentry.notSet')}</Lozenge>}
      </Inline>
      <Text color="color.text.subtle">
        {configured ? t('settings.monitoring.sentry.savedAt', { when: instantText(translator, view.sentrySetAt!) }) : t('settings.monitoring.sentry.missing')}
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
            <Label htmlFor="sentry-client-secret">{t('settings.monitoring.sentry.label')}</Label>
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
                <ErrorMessage>{t('settings.monitoring.sentry.error', { error: shownError })}</ErrorMessage>
              </span>
            )}
            <Inline space="space.100">
              <Button type="submit" appearance="primary" isDisabled={busy || text.trim() === ''} isLoading={busy}>
                {t('settings.monitoring.sentry.save')}
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
                {t('settings.monitoring.cancel')}
              </Button>
            </Inline>
          </Stack>
        </form>
      ) : (
        <Inline space="space.100" alignBlock="center">
          <Button isDisabled={Boolean(readOnly) || busy} onClick={() => setEditing(true)}>
            {configured ? t('settings.monitoring.sentry.replace') : t('settings.monitoring.sentry.setButton')}
          </Button>
          {configured && (
            <Button appearance="subtle" isDisabled={Boolean(readOnly) || busy} isLoading={busy} onClick={() => void save(null)}>
              {t('settings.monitoring.sentry.clear')}
            </Button>
          )}
          <ReadOnlyNote reason={readOnly} />
        </Inline>
      )}
    </Stack>
  );
}
