import { Checkbox } from '@atlaskit/checkbox';
import { Fieldset } from '@atlaskit/form';
import { view } from '@forge/bridge';
import { useEffect, useState } from 'react';
import { calendarMacroConfigSchema, type CalendarMacroConfigInput, type CalendarZoom } from '../../../../../src/shared/calendar';
import { MACRO_KEYS } from '../../../../../src/shared/macros';
import { callResolver } from '../../bridge/call-resolver';
import { useT } from '../../i18n/use-t';
import { ChoiceField, ConfigForm, type Choice } from './config-fields';

/**
 * The calendar macro's configuration: which projects (those the person can see, as checkboxes) and
 * the zoom. Saved with `view.submit({ config })`; the same schema the resolver checks decides Save.
 */
export default function CalendarConfigForm({ initial }: { initial: Partial<CalendarMacroConfigInput> }) {
  const { t } = useT();
  const [projects, setProjects] = useState<Array<{ id: string; key: string; name: string }>>();
  const [keys, setKeys] = useState<string[]>(Array.isArray(initial.projectKeys) ? initial.projectKeys : []);
  const [zoom, setZoom] = useState<CalendarZoom>(initial.zoom === 'month' ? 'month' : 'quarter');
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    callResolver<Array<{ id: string; key: string; name: string }>>(MACRO_KEYS.projects, {}).then(setProjects, setError);
  }, []);
  const candidate = { projectKeys: keys, zoom };
  const check = calendarMacroConfigSchema.safeParse(candidate);
  const toggle = (key: string, on: boolean) => setKeys((now) => (on ? [...now.filter((k) => k !== key), key] : now.filter((k) => k !== key)));
  const zooms: Array<Choice<CalendarZoom>> = [
    { value: 'quarter', label: t('macros.calendar.quarter') },
    { value: 'month', label: t('macros.calendar.month') },
  ];
  return (
    <ConfigForm heading={t('macros.config.heading.calendar')} error={error} canSave={check.success} onSave={() => void view.submit({ config: candidate }).catch(setError)}>
      <Fieldset legend={t('macros.calendar.projects')}>
        {!projects && error === undefined && <p className="muted">{t('macros.config.loadingProjects')}</p>}
        {projects?.length === 0 && <p className="muted">{t('macros.config.noProjects')}</p>}
        {projects?.map((p) => (
          <Checkbox
            key={p.id}
            id={`calendar-project-${p.key}`}
            label={t('macros.config.projectOption', { name: p.name, key: p.key })}
            isChecked={keys.includes(p.key)}
            onChange={(e) => toggle(p.key, e.target.checked)}
          />
        ))}
      </Fieldset>
      <ChoiceField id="calendar-zoom" label={t('macros.calendar.zoom')} choices={zooms} value={zoom} onChange={(z) => setZoom(z ?? 'quarter')} />
      {keys.length === 0 && <p className="muted">{t('macros.calendar.chooseOne')}</p>}
    </ConfigForm>
  );
}
