import { Label } from '@atlaskit/form';
import Select from '@atlaskit/select';
import { useEffect, useMemo, useState } from 'react';
import { CALENDAR_KEYS } from '../../../../src/shared/calendar';
import { MACRO_KEYS } from '../../../../src/shared/macros';
import { callResolver } from '../bridge/call-resolver';
import { useT } from '../i18n/use-t';
import { calendarFromSearch, calendarPayload, searchFromCalendar, type CalendarSearch } from './calendar-search';
import { CalendarContent, CalendarNav, useCalendar } from './calendar-view';

export interface GlobalCalendarProps { search: string; onSearchChange: (search: string) => void; onOpenTrain: (trainId: string) => void }

interface ProjectChoice {
  value: string;
  label: string;
}

/**
 * Jira's global page calendar: the releases of every project the person can see (Jira decides),
 * with a project filter, zoom and period in the URL; a bar links to the version's release panel on
 * its project page, a train bar opens the train.
 */
export default function GlobalCalendar({ search, onSearchChange, onOpenTrain }: GlobalCalendarProps) {
  const { t } = useT();
  const state = useMemo(() => calendarFromSearch(search), [search]);
  const { state: loaded, reload } = useCalendar(CALENDAR_KEYS.global, calendarPayload(state, true));
  const [choices, setChoices] = useState<ProjectChoice[]>();
  useEffect(() => {
    callResolver<Array<{ key: string; name: string }>>(MACRO_KEYS.projects, {}).then(
      (projects) => setChoices(projects.map((p) => ({ value: p.key, label: `${p.name} (${p.key})` }))),
      () => setChoices([]),
    );
  }, []);
  const update = (patch: Partial<CalendarSearch> & { month?: string | undefined }, clearMonth = false) => {
    const merged: CalendarSearch = { ...state, ...patch };
    if (clearMonth) delete merged.month;
    onSearchChange(searchFromCalendar(merged));
  };
  const selected = (choices ?? []).filter((c) => state.projects.includes(c.value));
  return (
    <div className="cal">
      <div style={{ maxWidth: 480, marginBottom: 8 }}>
        <Label htmlFor="calendar-projects">{t('portfolio.calendar.projects')}</Label>
        <Select<ProjectChoice, true>
          inputId="calendar-projects"
          isMulti
          isLoading={choices === undefined}
          options={choices ?? []}
          value={selected}
          placeholder={t('portfolio.calendar.allProjects')}
          onChange={(value) => update({ projects: value.map((v) => v.value) })}
        />
      </div>
      <CalendarNav
        window={loaded.kind === 'loaded' ? loaded.view.window : undefined}
        table={state.table}
        onChange={(next) => {
          if ('month' in next && next.month === undefined) update({}, true);
          else update({ ...(next.zoom && { zoom: next.zoom }), ...(next.month && { month: next.month }), ...(next.table !== undefined && { table: next.table }) });
        }}
      />
      <CalendarContent state={loaded} reload={reload} table={state.table} open={{ kind: 'link', newTab: false }} onOpenTrain={onOpenTrain} empty={t('portfolio.calendar.emptyGlobal')} />
    </div>
  );
}
