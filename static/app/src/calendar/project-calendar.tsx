import { useMemo } from 'react';
import { CALENDAR_KEYS } from '../../../../src/shared/calendar';
import { useT } from '../i18n/use-t';
import { calendarFromSearch, calendarPayload, searchFromCalendar, type CalendarSearch } from './calendar-search';
import { CalendarContent, CalendarNav, useCalendar } from './calendar-view';

export interface ProjectCalendarProps { search: string; onSearchChange: (search: string) => void; onOpenVersion: (versionId: string) => void }

/**
 * The project page's Calendar view: the project's releases on a timeline (phases as bars, freeze,
 * release and announcement dates, today), zoom and period in the URL; a bar opens the version's
 * release panel.
 */
export default function ProjectCalendar({ search, onSearchChange, onOpenVersion }: ProjectCalendarProps) {
  const { t } = useT();
  const state = useMemo(() => calendarFromSearch(search), [search]);
  const { state: loaded, reload } = useCalendar(CALENDAR_KEYS.project, calendarPayload(state, false));
  const change = (next: { zoom?: CalendarSearch['zoom']; month?: string | undefined; table?: boolean }) => {
    const merged: CalendarSearch = { ...state, ...('zoom' in next && { zoom: next.zoom }), ...(next.table !== undefined && { table: next.table }) };
    if ('month' in next) {
      if (next.month === undefined) delete merged.month;
      else merged.month = next.month;
    }
    onSearchChange(searchFromCalendar(merged));
  };
  return (
    <div className="cal">
      <CalendarNav window={loaded.kind === 'loaded' ? loaded.view.window : undefined} table={state.table} onChange={change} />
      <CalendarContent state={loaded} reload={reload} table={state.table} open={{ kind: 'button', onOpen: onOpenVersion }} empty={t('portfolio.calendar.emptyProject')} />
    </div>
  );
}
