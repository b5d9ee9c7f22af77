import { z } from 'zod';
import { calendarDeps } from '../composition';
import { adfProblems } from '../domain/adf/adf-kit';
import { calendarAdf } from '../domain/adf/calendar-adf';
import { CALENDAR_KEYS, calendarMacroConfigSchema, globalCalendarPayload, macroCalendarPayload, projectCalendarPayload } from '../shared/calendar';
import { kvsSettingsStore } from '../adapters/kvs-settings-store';
import { getGlobalCalendar, getMacroCalendar, getProjectCalendar } from '../usecases/get-calendar';
import { storedProjectTranslator } from '../usecases/project-language';
import { defineResolver, type ResolverRequest } from './define-resolver';
import { exportNote, notConfiguredNote } from './export-note';
import { exportedMacro } from './macros';
import { projectPageContext } from './releases';

/**
 * Issue 14 (Release calendar). Contract with src/index.ts (keep these export names):
 * - `calendarPageResolvers`: resolver key -> resolver, served to the Jira pages (index.handler) only.
 * - `calendarMacroResolvers`: resolver key -> resolver, served to the pages AND the macro frames (index.macroHandler).
 * - `calendarExportHandler`: the macro's adfExport function (manifest function calendar-export).
 * Every calendar is a read as the person: no role check beyond Jira's own, and nothing is written.
 */
export type ResolverFunction = (request: ResolverRequest) => Promise<unknown>;

/** The global page and macros carry no project; only the site's address (for links to release panels) is read. */
const anyContext = z.looseObject({ siteUrl: z.string().optional() });

export const calendarPageResolvers: Record<string, ResolverFunction> = {
  [CALENDAR_KEYS.project]: defineResolver({
    payload: projectCalendarPayload,
    context: projectPageContext,
    run: (input, context) => {
      const { id, key, type } = context.extension.project;
      return getProjectCalendar(calendarDeps(context.siteUrl ?? ''), { id, key, name: key, ...(type && { type }) }, input);
    },
  }),
  [CALENDAR_KEYS.global]: defineResolver({
    payload: globalCalendarPayload,
    context: anyContext,
    run: (input, context) => getGlobalCalendar(calendarDeps(context.siteUrl ?? ''), input),
  }),
};

export const calendarMacroResolvers: Record<string, ResolverFunction> = {
  [CALENDAR_KEYS.macro]: defineResolver({
    payload: macroCalendarPayload,
    context: anyContext,
    run: (input, context) => getMacroCalendar(calendarDeps(context.siteUrl ?? ''), input.config, input.month),
  }),
};


/**
 * The macro's content as a static ADF table for Word/PDF export: the calendar as the exporting
 * person sees it. Not configured, or Jira unreadable: a sentence instead of a failed export.
 */
export async function calendarExportHandler(event: unknown, forgeContext?: { principal?: { accountId?: string } }): Promise<unknown> {
  const exported = exportedMacro(event);
  const config = calendarMacroConfigSchema.safeParse(exported.config);
  if (!config.success) return notConfiguredNote(event);
  if (!forgeContext?.principal?.accountId) return exportNote(event, 'pages.export.noExporter');
  try {
    const view = await getMacroCalendar(calendarDeps(exported.siteUrl), config.data);
    // Several projects, one document: in the language of the first project the macro lists.
    const adf = calendarAdf(view, await storedProjectTranslator(kvsSettingsStore(), config.data.projectKeys[0]!));
    return adfProblems(adf).length === 0 ? adf : exportNote(event, 'pages.export.failed');
  } catch (error) {
    console.warn('Preflight calendar export failed', error);
    return exportNote(event, 'pages.export.unreadableReleases');
  }
}
