import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import { ErrorMessage, Fieldset, HelperMessage, Label, Legend } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import { Suspense, lazy, useCallback, useEffect, useMemo, useState } from 'react';
import { PREFLIGHT_ROLES, RELEASE_TYPES, type ReleaseType } from '../../../../src/domain/template';
import { APP_LOCALES, LANGUAGE_NAMES, type AppLocale } from '../../../../src/shared/i18n/locales';
import { SETTINGS_KEYS, type ProjectSettings, type SettingsView } from '../../../../src/shared/settings';
import { ResolverFailure, callResolver } from '../bridge/call-resolver';
import { errorMessage, flagConflict, flagError, flagSuccess } from '../bridge/flags';
import { CenteredSpinner } from '../components/centered-spinner';
import { useT } from '../i18n/use-t';
import { releaseTypeName, roleName } from '../lib/labels';
import { sameSettings, serverFieldErrors, toggleValue, validateSettings, type FieldErrors } from '../settings/settings-draft';
import { SettingsSection } from '../settings/settings-section';
import { TemplateEditor, TextInput } from '../settings/template-editor';

/** CI gate, webhooks and reminders: a chunk of its own, loaded after the page paints. */
import { DeploymentsSection } from './settings/deployments-section';
import { MonitoringSection } from './settings/monitoring-section';
const IntegrationsSection = lazy(() => import('./settings/integrations-section'));

type PageState = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'loaded'; view: SettingsView };

/**
 * The project settings page (module `preflight-settings`): templates, role mapping, QA issue
 * types, blocker priorities, bedding-in days and the default release type. Edits stay local until
 * saved; "Undo changes" returns to what was last saved.
 */
export default function SettingsPage() {
  const { t } = useT();
  const [state, setState] = useState<PageState>({ kind: 'loading' });

  const load = useCallback(() => {
    callResolver<SettingsView>(SETTINGS_KEYS.get, {})
      .then((view) => setState({ kind: 'loaded', view }))
      .catch((error: unknown) => setState({ kind: 'error', message: errorMessage(error) }));
  }, []);
  useEffect(load, [load]);

  return (
    <Box padding="space.200">
      <Stack space="space.200">
        <Heading size="large">{t('settings.page.heading')}</Heading>
        {state.kind === 'loading' && <CenteredSpinner label={t('settings.page.loading')} />}
        {state.kind === 'error' && (
          <SectionMessage
            appearance="error"
            title={t('settings.page.loadFailed')}
            actions={[
              <SectionMessageAction key="retry" onClick={() => { setState({ kind: 'loading' }); load(); }}>
                {t('settings.page.retry')}
              </SectionMessageAction>,
            ]}
          >
            <p>{state.message}</p>
          </SectionMessage>
        )}
        {state.kind === 'loaded' && <SettingsForm key={state.view.revision} view={state.view} onSaved={(view) => setState({ kind: 'loaded', view })} onReload={load} />}
        {state.kind === 'loaded' && (
          <SettingsSection title={t('settings.section.integrations')}>
            <Suspense fallback={<CenteredSpinner label={t('settings.page.loadingIntegrations')} />}>
              <IntegrationsSection />
            </Suspense>
          </SettingsSection>
        )}
      </Stack>
    </Box>
  );
}

function SettingsForm({ view, onSaved, onReload }: { view: SettingsView; onSaved: (view: SettingsView) => void; onReload: () => void }) {
  const translator = useT();
  const { t } = translator;
  const [draft, setDraft] = useState<ProjectSettings>(view.settings);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [daysText, setDaysText] = useState(String(view.settings.beddingInDays));
  const clientErrors = useMemo(() => validateSettings(draft), [draft]);
  // The server's word wins where it has spoken; it knows things the schema cannot (e.g. roles that no longer exist).
  const errors = { ...clientErrors, ...serverErrors };
  const dirty = !sameSettings(draft, view.settings);
  const disabled = !view.me.canEdit || saving;
  const errorCount = Object.keys(errors).length;

  const edit = (next: ProjectSettings) => {
    setDraft(next);
    setServerErrors({});
  };

  const save = async () => {
    if (Object.keys(clientErrors).length > 0) return;
    setSaving(true);
    try {
      const saved = await callResolver<SettingsView>(SETTINGS_KEYS.save, { revision: view.revision, settings: draft });
      flagSuccess(t('settings.saved.title'), t('settings.saved.body'));
      onSaved(saved);
    } catch (error) {
      if (error instanceof ResolverFailure && error.code === 'CONFLICT') {
        flagConflict(errorMessage(error), translator);
        onReload();
      } else if (error instanceof ResolverFailure && error.code === 'INVALID_INPUT' && error.fields?.length) {
        setServerErrors(serverFieldErrors(error.fields));
      } else {
        flagError(t('settings.saveFailed'), error);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack space="space.300">
      {!view.me.canEdit && (
        <SectionMessage appearance="information" title={t('settings.readOnly.title')}>
          <p>{view.me.readOnlyReason ?? t('settings.readOnly.body')}</p>
        </SectionMessage>
      )}
      <SettingsSection title={t('settings.section.general')} defaultOpen>
          <ReleaseTypeField value={draft.defaultReleaseType} disabled={disabled} error={errors.defaultReleaseType} onChange={(defaultReleaseType) => edit({ ...draft, defaultReleaseType })} />
          <TextInput
            label={t('settings.general.beddingIn')}
            id="beddingInDays"
            type="number"
            width={120}
            value={daysText}
            error={errors.beddingInDays}
            disabled={disabled}
            onChange={(v) => {
              // The field keeps what was typed; an empty entry becomes NaN so the schema names the problem.
              setDaysText(v);
              edit({ ...draft, beddingInDays: v.trim() === '' ? Number.NaN : Number(v) });
            }}
          />
          <LanguageField value={draft.language} disabled={disabled} error={errors.language} onChange={(language) => edit({ ...draft, language })} />
      </SettingsSection>
      <SettingsSection title={t('settings.section.roles')}>
          <Text color="color.text.subtle">{t('settings.roles.intro')}</Text>
          {PREFLIGHT_ROLES.map((role) => (
            <Fieldset key={role} legend={<Legend>{roleName(translator, role)}</Legend>}>
              <Inline space="space.200" shouldWrap>
                {view.projectRoles.map((projectRole) => (
                  <Checkbox
                    key={projectRole.id}
                    label={projectRole.name}
                    isChecked={draft.roleMapping[role].includes(projectRole.id)}
                    isDisabled={disabled}
                    onChange={(e) => edit({ ...draft, roleMapping: { ...draft.roleMapping, [role]: toggleValue(draft.roleMapping[role], projectRole.id, e.currentTarget.checked) } })}
                  />
                ))}
                {view.projectRoles.length === 0 && <Text color="color.text.subtlest">{t('settings.roles.none')}</Text>}
              </Inline>
              {errors[`roleMapping.${role}`] && <ErrorMessage>{errors[`roleMapping.${role}`]}</ErrorMessage>}
            </Fieldset>
          ))}
      </SettingsSection>
      <SettingsSection title={t('settings.section.issues')}>
          <ChoiceList
            legend={t('settings.issues.qaTypes')}
            helper={t('settings.issues.qaTypesHelp')}
            offered={view.issueTypes}
            chosen={draft.qaIssueTypes}
            error={errors.qaIssueTypes}
            disabled={disabled}
            onChange={(qaIssueTypes) => edit({ ...draft, qaIssueTypes })}
          />
          <ChoiceList
            legend={t('settings.issues.blockers')}
            helper={t('settings.issues.blockersHelp')}
            offered={view.priorities}
            chosen={draft.blockerPriorities}
            error={errors.blockerPriorities}
            disabled={disabled}
            onChange={(blockerPriorities) => edit({ ...draft, blockerPriorities })}
          />
      </SettingsSection>
      <SettingsSection title={t('settings.section.deployments')}>
        <DeploymentsSection
          environments={draft.environments}
          tagRules={draft.tagRules}
          errors={errors}
          disabled={disabled}
          onChange={(patch) => edit({ ...draft, ...patch })}
        />
      </SettingsSection>
      <SettingsSection title={t('settings.section.monitoring')}>
        <MonitoringSection monitoring={draft.monitoring} issueTypes={view.issueTypes} errors={errors} disabled={disabled} onChange={(monitoring) => edit({ ...draft, monitoring })} />
      </SettingsSection>
      <SettingsSection title={t('settings.section.templates')} testId="template-settings">
          <Text color="color.text.subtle">{t('settings.templates.intro')}</Text>
          <TemplateEditor template={draft.template} saved={view.settings.template} errors={errors} disabled={disabled} onChange={(template) => edit({ ...draft, template })} />
      </SettingsSection>
      {errorCount > 0 && (
        <SectionMessage appearance="error" title={t('settings.errors.title', { count: errorCount })}>
          <ul>
            {Object.entries(errors).map(([field, message]) => (
              <li key={field}>{t('settings.errors.item', { field, message })}</li>
            ))}
          </ul>
        </SectionMessage>
      )}
      <Inline space="space.100">
        <Button appearance="primary" onClick={() => void save()} isDisabled={disabled || !dirty || Object.keys(clientErrors).length > 0} isLoading={saving}>
          {t('settings.save')}
        </Button>
        <Button
          onClick={() => {
            setDraft(view.settings);
            setDaysText(String(view.settings.beddingInDays));
            setServerErrors({});
          }}
          isDisabled={disabled || !dirty}
        >
          {t('settings.undo')}
        </Button>
        {dirty && !disabled && <Text color="color.text.subtlest">{t('settings.unsaved')}</Text>}
      </Inline>
    </Stack>
  );
}

type TypeOption = { label: string; value: ReleaseType };

function ReleaseTypeField({ value, disabled, error, onChange }: { value: ReleaseType; disabled: boolean; error: string | undefined; onChange: (v: ReleaseType) => void }) {
  const translator = useT();
  const options: TypeOption[] = RELEASE_TYPES.map((v) => ({ value: v, label: releaseTypeName(translator, v) }));
  return (
    <Stack space="space.050">
      <Label htmlFor="defaultReleaseType">{translator.t('settings.general.releaseType')}</Label>
      <div style={{ maxWidth: 240 }}>
        <Select<TypeOption> inputId="defaultReleaseType" options={options} value={options.find((o) => o.value === value)} isDisabled={disabled} isSearchable={false} onChange={(o) => o && onChange(o.value)} />
      </div>
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </Stack>
  );
}

type LanguageOption = { label: string; value: AppLocale };
const LANGUAGE_OPTIONS: LanguageOption[] = APP_LOCALES.map((value) => ({ value, label: LANGUAGE_NAMES[value] }));

/** The one language of the project's generated pages and notifications; each person still reads Preflight in their own. */
function LanguageField({ value, disabled, error, onChange }: { value: AppLocale; disabled: boolean; error: string | undefined; onChange: (v: AppLocale) => void }) {
  const { t } = useT();
  return (
    <Stack space="space.050">
      <Label htmlFor="projectLanguage">{t('settings.general.language')}</Label>
      <div style={{ maxWidth: 240 }}>
        <Select<LanguageOption>
          inputId="projectLanguage"
          options={LANGUAGE_OPTIONS}
          value={LANGUAGE_OPTIONS.find((o) => o.value === value)}
          isDisabled={disabled}
          isSearchable={false}
          onChange={(o) => o && onChange(o.value)}
          aria-describedby="projectLanguage-help"
        />
      </div>
      <HelperMessage>
        <span id="projectLanguage-help">{t('settings.general.languageHelp')}</span>
      </HelperMessage>
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </Stack>
  );
}

/** Checkboxes for a list setting; values saved earlier but no longer offered stay visible so they can be removed. */
function ChoiceList({ legend, helper, offered, chosen, error, disabled, onChange }: { legend: string; helper: string; offered: string[]; chosen: string[]; error: string | undefined; disabled: boolean; onChange: (v: string[]) => void }) {
  const all = [...offered, ...chosen.filter((c) => !offered.includes(c))];
  return (
    <Fieldset legend={<Legend>{legend}</Legend>}>
      <HelperMessage>{helper}</HelperMessage>
      <Inline space="space.200" shouldWrap>
        {all.map((value) => (
          <Checkbox key={value} label={value} isChecked={chosen.includes(value)} isDisabled={disabled} onChange={(e) => onChange(toggleValue(chosen, value, e.currentTarget.checked))} />
        ))}
      </Inline>
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </Fieldset>
  );
}
