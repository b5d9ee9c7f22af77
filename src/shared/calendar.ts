import { z } from 'zod';

/**
 * The release calendar's resolver contract (issue 14): the project page's Calendar view, the Jira
 * global page's calendar and the Confluence macro "Release calendar". Imports only zod, so the
 * Custom UI can import it.
 */

export const CALENDAR_KEYS = {
  /** The project page's calendar: the project comes from the page's Forge context. */
  project: 'calendar/project',
  /** The Jira global page: every project the person can see, optionally narrowed to some. */
  global: 'calendar/global',
  /** The Confluence macro: the projects its saved config names. */
  macro: 'calendar/macro',
} as const;

/** Manifest module key of the macro (the UI routes on it, the local site frames it). */
export const CALENDAR_MACRO_MODULE = 'preflight-calendar-macro';

export const CALENDAR_ZOOMS = ['month', 'quarter'] as const;
export type CalendarZoom = (typeof CALENDAR_ZOOMS)[number];

const projectKey = z.string().regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'expected a Jira project key such as PAY');
const zoom = z.enum(CALENDAR_ZOOMS, 'zoom: expected month or quarter');
/** The month the view centres on (yyyy-mm); absent: this month. */
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month: expected a month as yyyy-mm');

/** The most projects one calendar reads (one Jira call each, in parallel). */
export const CALENDAR_MAX_PROJECTS = 50;

export const projectCalendarPayload = z.object({ zoom: zoom.optional(), month: month.optional() }).strict();
export type ProjectCalendarPayload = z.infer<typeof projectCalendarPayload>;

export const globalCalendarPayload = z
  .object({
    zoom: zoom.optional(),
    month: month.optional(),
    /** Only these projects (the page's project filter); absent: every project the person can see. */
    projectKeys: z.array(projectKey).min(1, 'projectKeys: choose at least one project').max(CALENDAR_MAX_PROJECTS, `projectKeys: at most ${CALENDAR_MAX_PROJECTS} projects`).optional(),
  })
  .strict();
export type GlobalCalendarPayload = z.infer<typeof globalCalendarPayload>;

/** What the macro's configuration view saves (through `view.submit`): the projects and the zoom. */
export const calendarMacroConfigSchema = z.object({
  projectKeys: z
    .array(projectKey, 'projectKeys: expected a list of Jira project keys')
    .min(1, 'projectKeys: choose at least one project')
    .max(20, 'projectKeys: at most 20 projects on one macro'),
  zoom: zoom.default('quarter'),
});
export type CalendarMacroConfig = z.infer<typeof calendarMacroConfigSchema>;
export type CalendarMacroConfigInput = z.input<typeof calendarMacroConfigSchema>;

export const macroCalendarPayload = z.object({ config: calendarMacroConfigSchema, month: month.optional() }).strict();
export type MacroCalendarPayload = z.infer<typeof macroCalendarPayload>;

/** yyyy-mm-dd, both ends included. */
export interface CalendarWindow {
  zoom: CalendarZoom;
  month: string;
  from: string;
  to: string;
}

/**
 * One bar of a release: a phase (tracked releases: planned dates, actual ones where the phase has
 * started or ended) or, for a version nobody tracks, its Jira start date to release date labelled
 * with the phase derived as the overview derives it.
 */
export interface CalendarBar {
  phaseId: string;
  phaseName: string;
  start: string;
  end: string;
  /** 'actual': the phase really started (and ended) then; 'planned': the record's plan; 'jira': the version's own dates. */
  source: 'actual' | 'planned' | 'jira';
  /** The phase the release is in now. */
  current: boolean;
}

export interface CalendarRelease {
  projectKey: string;
  versionId: string;
  name: string;
  released: boolean;
  tracked: boolean;
  phase: { id: string; name: string };
  bars: CalendarBar[];
  /** Scope froze (the record's frozenAt) or is planned to (the freeze phase's planned start). */
  freezeDate?: string;
  freezeSource?: 'actual' | 'planned';
  releaseDate?: string;
  announcementDate?: string;
  /** The release panel on the project page (global page and macro); absent on the project page itself. */
  panelUrl?: string;
}

export interface CalendarTrain {
  id: string;
  name: string;
  start: string;
  end: string;
  freezeDate?: string;
  releaseDate?: string;
  /** The members the person can see (a member in a project they cannot see is left out). */
  members: Array<{ projectKey: string; versionId: string; name: string }>;
}

export interface CalendarView {
  window: CalendarWindow;
  /** yyyy-mm-dd (UTC): the today marker. */
  today: string;
  projects: Array<{ key: string; name: string }>;
  releases: CalendarRelease[];
  trains: CalendarTrain[];
  /** True when the person can see more projects than one calendar reads (narrow with the project filter). */
  truncated?: boolean;
}
