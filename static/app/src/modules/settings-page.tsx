import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import { ErrorMessage, Fieldset, HelperMessage, Label, Legend } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import { Suspense, lazy, useCallback, useEffect, useMemo, useState } from 'react';
import { PREFLIGHT_ROLES, RELEASE_TYPES, type ReleaseType } from '../../../../src/domain/template';
import { SETTINGS_KEYS, type ProjectSettings, type SettingsView } from '../../../../src/shared/settings';
import { ResolverFailure, callResolver } from '../bridge/call-resolver';
import { errorMessage, flagConflict, flagError, flagSuccess } from '../bridge/flags';
import { CenteredSpinner } from '../components/centered-spinner';
import { RELEASE_TYPE_NAMES, ROLE_NAMES } from '../lib/labels';
import { sameSettings, serverFieldErrors, toggleValue, validateSettings, type FieldErrors } from '../settings/settings-draft';
import { TemplateEditor, TextInput } from '../settings/template-editor';

/** CI gate, webhooks and reminders: a chunk of its own, loaded after the page paints. */
import { DeploymentsSection } from './settings/deployments-section';
import { MonitoringSection } from './settings/monitoring-section';
const IntegrationsSection = lazy(() => import('./settings/integrations-section'));

type PageState = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'loaded'; view: SettingsView };

const sectionStyle = xcss({
  backgroundColor: 'elevation.surface.raised',
  boxShadow: 'elevation.shadow.raised',
  borderRadius: 'radius.large',
  padding: 'space.200',
});

/**
 * The project settings page (module `preflight-settings`): templates, role mapping, QA issue
 * types, blocker priorities, bedding-in days and the default release type. Edits stay local until
 * saved; "Undo changes" returns to what was last saved.
 */
export default function SettingsPage() {
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
        <Heading size="large">Preflight settings</Heading>
        {state.kind === 'loading' && <CenteredSpinner label="Loading the settings" />}
        {state.kind === 'error' && (
          <SectionMessage
            appearance="error"
            title="The settings could not be loaded"
            actions={[
              <SectionMessageAction key="retry" onClick={() => { setState({ kind: 'loading' }); load(); }}>
                Try again
              </SectionMessageAction>,
            ]}
          >
            <p>{state.message}</p>
          </SectionMessage>
        )}
        {state.kind === 'loaded' && <SettingsForm key={state.view.revision} view={state.view} onSaved={(view) => setState({ kind: 'loaded', view })} onReload={load} />}
        {state.kind === 'loaded' && (
          <Suspense fallback={<CenteredSpinner label="Loading the integrations" />}>
            <IntegrationsSection />
          </Suspense>
        )}
      </Stack>
    </Box>
  );
}

function SettingsForm({ view, onSaved, onReload }: { view: SettingsView; onSaved: (view: SettingsView) => void; onReload: () => void }) {
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
      flagSuccess('Preflight settings saved', 'Releases that have started keep the template they started with.');
      onSaved(saved);
    } catch (error) {
      if (error instanceof ResolverFailure && error.code === 'CONFLICT') {
        flagConflict(errorMessage(error));
        onReload();
      } else if (error instanceof ResolverFailure && error.code === 'INVALID_INPUT' && error.fields?.length) {
        setServerErrors(serverFieldErrors(error.fields));
      } else {
        flagError('The settings were not saved', error);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack space="space.300">
      {!view.me.canEdit && (
        <SectionMessage appearance="information" title="You can look, but not change these settings">
          <p>{view.me.readOnlyReason ?? 'Only a project administrator can change Preflight settings.'}</p>
        </SectionMessage>
      )}
      <Box xcss={sectionStyle}>
        <Stack space="space.200">
          <Heading size="medium">General</Heading>
          <ReleaseTypeField value={draft.defaultReleaseType} disabled={disabled} error={errors.defaultReleaseType} onChange={(defaultReleaseType) => edit({ ...draft, defaultReleaseType })} />
          <TextInput
            label="Bedding-in days before an announcement"
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
        </Stack>
      </Box>
      <Box xcss={sectionStyle}>
        <Stack space="space.200">
          <Heading size="medium">Roles</Heading>
          <Text color="color.text.subtle">Members of these Jira project roles hold each Preflight role. Project administrators are always release owners.</Text>
          {PREFLIGHT_ROLES.map((role) => (
            <Fieldset key={role} legend={<Legend>{ROLE_NAMES[role]}</Legend>}>
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
                {view.projectRoles.length === 0 && <Text color="color.text.subtlest">The project has no roles to map.</Text>}
              </Inline>
              {errors[`roleMapping.${role}`] && <ErrorMessage>{errors[`roleMapping.${role}`]}</ErrorMessage>}
            </Fieldset>
          ))}
        </Stack>
      </Box>
      <Box xcss={sectionStyle}>
        <Stack space="space.200">
          <Heading size="medium">Issues</Heading>
          <ChoiceList
            legend="Issue types that need QA approval"
            helper="Issues of these types need QA to approve the build under test."
            offered={view.issueTypes}
            chosen={draft.qaIssueTypes}
            error={errors.qaIssueTypes}
            disabled={disabled}
            onChange={(qaIssueTypes) => edit({ ...draft, qaIssueTypes })}
          />
          <ChoiceList
            legend="Priorities that make an open bug a blocker"
            helper="Open bugs with these priorities fail the “No open blockers” gate."
            offered={view.priorities}
            chosen={draft.blockerPriorities}
            error={errors.blockerPriorities}
            disabled={disabled}
            onChange={(blockerPriorities) => edit({ ...draft, blockerPriorities })}
          />
        </Stack>
      </Box>
      <Box xcss={sectionStyle}>
        <DeploymentsSection
          environments={draft.environments}
          tagRules={draft.tagRules}
          errors={errors}
          disabled={disabled}
          onChange={(patch) => edit({ ...draft, ...patch })}
        />
      </Box>
      <Box xcss={sectionStyle}>
        <MonitoringSection monitoring={draft.monitoring} issueTypes={view.issueTypes} errors={errors} disabled={disabled} onChange={(monitoring) => edit({ ...draft, monitoring })} />
      </Box>
      <Box xcss={sectionStyle}>
        <Stack space="space.200">
          <Heading size="medium">Release templates</Heading>
          <Text color="color.text.subtle">Phases and their exit gates for each release type. A release keeps the template it started with.</Text>
          <TemplateEditor template={draft.template} errors={errors} disabled={disabled} onChange={(template) => edit({ ...draft, template })} />
        </Stack>
      </Box>
      {errorCount > 0 && (
        <SectionMessage appearance="error" title={`${errorCount} setting${errorCount === 1 ? ' needs' : 's need'} fixing before saving`}>
          <ul>
            {Object.entries(errors).map(([field, message]) => (
              <li key={field}>{`${field}: ${message}`}</li>
            ))}
          </ul>
        </SectionMessage>
      )}
      <Inline space="space.100">
        <Button appearance="primary" onClick={() => void save()} isDisabled={disabled || !dirty || Object.keys(clientErrors).length > 0} isLoading={saving}>
          Save settings
        </Button>
        <Button
          onClick={() => {
            setDraft(view.settings);
            setDaysText(String(view.settings.beddingInDays));
            setServerErrors({});
          }}
          isDisabled={disabled || !dirty}
        >
          Undo changes
        </Button>
        {dirty && !disabled && <Text color="color.text.subtlest">Unsaved changes</Text>}
      </Inline>
    </Stack>
  );
}

type TypeOption = { label: string; value: ReleaseType };
const TYPE_OPTIONS: TypeOption[] = RELEASE_TYPES.map((value) => ({ value, label: RELEASE_TYPE_NAMES[value] }));

function ReleaseTypeField({ value, disabled, error, onChange }: { value: ReleaseType; disabled: boolean; error: string | undefined; onChange: (v: ReleaseType) => void }) {
  return (
    <Stack space="space.050">
      <Label htmlFor="defaultReleaseType">Default release type for new versions</Label>
      <div style={{ maxWidth: 240 }}>
        <Select<TypeOption> inputId="defaultReleaseType" options={TYPE_OPTIONS} value={TYPE_OPTIONS.find((o) => o.value === value)} isDisabled={disabled} isSearchable={false} onChange={(o) => o && onChange(o.value)} />
      </div>
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
