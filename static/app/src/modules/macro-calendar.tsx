import { useState } from 'react';
import { CALENDAR_KEYS, calendarMacroConfigSchema, type CalendarMacroConfig, type CalendarZoom } from '../../../../src/shared/calendar';
import { CalendarContent, CalendarNav, useCalendar } from '../calendar/calendar-view';
import { useT } from '../i18n/use-t';
import { lazyConfig, MacroStates } from './macro-common/macro-states';
import { useMacroContextOf } from './macro-common/use-macro';
import './macro-common/macro.css';

const CalendarConfigForm = lazyConfig(() => import('./macro-common/calendar-config'));

/** The macro's view: the chosen projects' releases on the timeline (or as a table), as the viewing person may see them. */
function CalendarMacroView({ config }: { config: CalendarMacroConfig }) {
  const { t } = useT();
  const [zoom, setZoom] = useState<CalendarZoom>(config.zoom);
  const [month, setMonth] = useState<string>();
  const [table, setTable] = useState(false);
  const { state, reload } = useCalendar(CALENDAR_KEYS.macro, { config: { ...config, zoom }, ...(month && { month }) });
  return (
    <div className="cal">
      <CalendarNav
        window={state.kind === 'loaded' ? state.view.window : undefined}
        table={table}
        onChange={(next) => {
          if (next.zoom) setZoom(next.zoom);
          if ('month' in next) setMonth(next.month);
          if (next.table !== undefined) setTable(next.table);
        }}
      />
      <CalendarContent state={state} reload={reload} table={table} open={{ kind: 'link', newTab: true }} empty={t('macros.calendar.empty')} />
    </div>
  );
}

/** The Confluence macro "Release calendar": config view, a prompt until configured, else the calendar. */
export default function Macro() {
  const { t } = useT();
  const context = useMacroContextOf(calendarMacroConfigSchema);
  return (
    <MacroStates
      context={context}
      prompt={t('macros.prompt.calendar')}
      configure={(initial) => <CalendarConfigForm initial={initial} />}
      render={(config) => <CalendarMacroView config={config} />}
    />
  );
}
