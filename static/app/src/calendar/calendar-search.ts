import { CALENDAR_ZOOMS, type CalendarZoom } from '../../../../src/shared/calendar';

/** What a calendar view keeps in its URL: zoom, month, timeline or table, and (global page) the project filter. */
export interface CalendarSearch {
  zoom?: CalendarZoom;
  month?: string;
  table: boolean;
  projects: string[];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const KEY = /^[A-Z][A-Z0-9_]{0,254}$/;

/** Reads `?zoom=month&month=2026-12&view=table&projects=PAY,MOB`; anything malformed is left out, never an error. */
export function calendarFromSearch(search: string): CalendarSearch {
  const q = new URLSearchParams(search);
  const zoom = q.get('zoom');
  const month = q.get('month');
  return {
    ...((CALENDAR_ZOOMS as readonly string[]).includes(zoom ?? '') && { zoom: zoom as CalendarZoom }),
    ...(month && MONTH.test(month) && { month }),
    table: q.get('view') === 'table',
    projects: (q.get('projects') ?? '').split(',').filter((k) => KEY.test(k)).slice(0, 50),
  };
}

/** The query string for a calendar state ('' when everything is the default), with its leading '?'. */
export function searchFromCalendar(state: CalendarSearch): string {
  const q = new URLSearchParams();
  if (state.zoom) q.set('zoom', state.zoom);
  if (state.month) q.set('month', state.month);
  if (state.table) q.set('view', 'table');
  if (state.projects.length > 0) q.set('projects', state.projects.join(','));
  const text = q.toString().replace(/%2C/g, ',');
  return text ? `?${text}` : '';
}

/** The resolver payload for a calendar state (the global page adds its projects). */
export function calendarPayload(state: CalendarSearch, withProjects: boolean): Record<string, unknown> {
  return {
    ...(state.zoom && { zoom: state.zoom }),
    ...(state.month && { month: state.month }),
    ...(withProjects && state.projects.length > 0 && { projectKeys: state.projects }),
  };
}
