import { view } from '@forge/bridge';
import { useEffect, useState } from 'react';
import { DEFAULT_HEALTH_WINDOW, HEALTH_WINDOWS, healthMacroConfigSchema, type HealthMacroConfigInput, type HealthWindow } from '../../../../../src/shared/health';
import { MACRO_KEYS } from '../../../../../src/shared/macros';
import { callResolver } from '../../bridge/call-resolver';
import { useT } from '../../i18n/use-t';
import { ChoiceField, ConfigForm, type Choice } from './config-fields';

/** The health macro's settings: a project the person can see, and how many releases count. Saved with view.submit({ config }). */
export default function HealthConfigForm({ initial }: { initial: Partial<HealthMacroConfigInput> }) {
  const { t } = useT();
  const [projects, setProjects] = useState<Array<{ id: string; key: string; name: string }>>();
  const [projectKey, setProjectKey] = useState(initial.projectKey ?? '');
  const [releases, setReleases] = useState<HealthWindow>(initial.releases ?? DEFAULT_HEALTH_WINDOW);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    callResolver<Array<{ id: string; key: string; name: string }>>(MACRO_KEYS.projects, {}).then(setProjects, setError);
  }, []);
  const candidate = { projectKey, releases };
  const valid = healthMacroConfigSchema.safeParse(candidate).success;
  const projectChoices: Array<Choice> | undefined = projects?.map((p) => ({ value: p.key, label: t('macros.config.projectOption', { name: p.name, key: p.key }) }));
  const windows: Array<Choice<HealthWindow>> = HEALTH_WINDOWS.map((n) => ({ value: n, label: t('macros.health.lastReleases', { count: n }) }));
  return (
    <ConfigForm heading={t('macros.config.heading.health')} error={error} canSave={valid} onSave={() => void view.submit({ config: candidate }).catch(setError)}>
      <ChoiceField
        id="health-project"
        label={t('macros.config.project')}
        choices={projectChoices}
        value={projectKey || undefined}
        loading={!projects && error === undefined}
        placeholder={projects ? t('macros.config.chooseProject') : t('macros.config.loadingProjects')}
        onChange={(key) => setProjectKey(key ?? '')}
      />
      <ChoiceField id="health-releases" label={t('macros.health.releasesCounted')} choices={windows} value={releases} onChange={(n) => setReleases(n ?? DEFAULT_HEALTH_WINDOW)} />
    </ConfigForm>
  );
}
