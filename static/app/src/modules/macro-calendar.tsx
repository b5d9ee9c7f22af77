import { view } from '@forge/bridge';
import { useEffect, useState } from 'react';
import { CALENDAR_KEYS, calendarMacroConfigSchema, type CalendarMacroConfig, type CalendarMacroConfigInput, type CalendarZoom } from '../../../../src/shared/calendar';
import { MACRO_KEYS } from '../../../../src/shared/macros';
import { callResolver } from '../bridge/call-resolver';
import { CalendarContent, CalendarNav, useCalendar } from '../calendar/calendar-view';
import { ErrorNote } from './macro-common/error-note';
import { ConfigActions, MacroStates } from './macro-common/macro-states';
import { useMacroContextOf } from './macro-common/use-macro';
import './macro-common/macro.css';

/**
 * The configuration: which projects (those the person can see, as checkboxes) and the zoom.
 * Saved with `view.submit({ config })`; the same schema the resolver checks decides Save.
 */
function CalendarConfigForm({ initial }: { initial: Partial<CalendarMacroConfigInput> }) {
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
  return (
    <form
      className="macro"
      onSubmit={(e) => {
        e.preventDefault();
        if (check.success) view.submit({ config: candidate }).catch(setError);
      }}
    >
      <h2>Release calendar settings</h2>
      {error !== undefined && <ErrorNote error={error} />}
      <fieldset style={{ border: 'none', padding: 0, margin: 0 }}>
        <legend style={{ fontWeight: 600 }}>Projects</legend>
        {!projects && <p className="muted">Loading projects…</p>}
        {projects?.length === 0 && <p className="muted">You cannot see any Jira project.</p>}
        {projects?.map((p) => (
          <div key={p.id}>
            <input id={`calendar-project-${p.key}`} type="checkbox" checked={keys.includes(p.key)} onChange={(e) => toggle(p.key, e.target.checked)} />{' '}
            <label htmlFor={`calendar-project-${p.key}`} style={{ display: 'inline', fontWeight: 'normal' }}>
              {`${p.name} (${p.key})`}
            </label>
          </div>
        ))}
      </fieldset>
      <label htmlFor="calendar-zoom">Zoom</label>
      <select id="calendar-zoom" value={zoom} onChange={(e) => setZoom(e.target.value === 'month' ? 'month' : 'quarter')}>
        <option value="quarter">Quarter (three months)</option>
        <option value="month">Month</option>
      </select>
      {!check.success && keys.length === 0 && <p className="muted">Choose at least one project.</p>}
      <ConfigActions canSave={check.success} />
    </form>
  );
}

/** The macro's view: the chosen projects' releases on the timeline (or as a table), as the viewing person may see them. */
function CalendarMacroView({ config }: { config: CalendarMacroConfig }) {
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
      <CalendarContent state={state} reload={reload} table={table} open={{ kind: 'link', newTab: true }} empty="No release of these projects falls in this period." />
    </div>
  );
}

/** The Confluence macro "Release calendar": config view, a prompt until configured, else the calendar. */
export default function Macro() {
  const context = useMacroContextOf(calendarMacroConfigSchema);
  return (
    <MacroStates
      context={context}
      prompt="Choose the projects for this release calendar"
      configure={(initial) => <CalendarConfigForm initial={initial} />}
      render={(config) => <CalendarMacroView config={config} />}
    />
  );
}
