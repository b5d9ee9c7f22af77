import { z } from 'zod';
import { macroDeps } from '../composition';
import { adfProblems } from '../domain/adf/adf-kit';
import { checklistAdf } from '../domain/adf/checklist-adf';
import { releaseNotesAdf } from '../domain/adf/release-notes-adf';
import { retrospectiveAdf } from '../domain/adf/retrospective-adf';
import {
  exportNotesPayload,
  macroConfigSchema,
  macroViewPayload,
  projectsPayload,
  publishPayload,
  spacesPayload,
  versionsPayload,
  MACRO_MODULES,
} from '../shared/macros';
import { exportReleaseNotes } from '../usecases/export-release-notes';
import { getChecklistMacro } from '../usecases/get-checklist-macro';
import { getReleaseNotes } from '../usecases/get-release-notes';
import { getRetrospective } from '../usecases/get-retrospective';
import { canPublish } from '../usecases/macro-release';
import { publishPage } from '../usecases/publish-page';
import { publishedTitle } from '../domain/publishing';
import { storedProjectTranslator } from '../usecases/project-language';
import { defineResolver } from './define-resolver';
import { exportNote, notConfiguredNote } from './export-note';

/**
 * Resolvers of the three Confluence macros (and publishing, which the release panel may call
 * too). Every read goes as the person, so the macro shows what Jira lets them see. The only write
 * is publishing, which checks for a Preflight role first; no admin operation is reachable here.
 */

/** Macros run on Confluence pages, project pages publish too: only the site's address is needed. */
const anyContext = z.looseObject({ siteUrl: z.string().optional() });

function macro<P extends z.ZodType, R>(payload: P, run: (deps: ReturnType<typeof macroDeps>, accountId: string, input: z.infer<P>) => Promise<R>) {
  return defineResolver({ payload, context: anyContext, run: (input, context, accountId) => run(macroDeps(context.siteUrl ?? ''), accountId, input) });
}

export const macroResolvers = {
  projects: macro(projectsPayload, (d) => d.macroReads.projects()),
  versions: macro(versionsPayload, (d, _a, i) => d.macroReads.versions(i.projectKey)),
  spaces: macro(spacesPayload, (d) => d.pages.spaces()),
  checklist: macro(macroViewPayload, (d, a, i) => getChecklistMacro(d, a, i.config)),
  releaseNotes: macro(macroViewPayload, (d, a, i) => getReleaseNotes(d, a, i.config)),
  retrospective: macro(macroViewPayload, (d, a, i) => getRetrospective(d, a, i.config)),
  publish: macro(publishPayload, (d, a, i) => publishPage(d, a, i.config, i.kind, i.spaceId, { ...(i.beside && { beside: true }) })),
  canPublish: macro(macroViewPayload, (d, a, i) => canPublish(d, a, i.config)),
  exportNotes: macro(exportNotesPayload, (d, a, i) => exportReleaseNotes(d, a, i.config, i.format)),
};

// ---- adfExport ---------------------------------------------------------------------------------

/** What Forge passes an adfExport function; the macro's saved config sits in one of these places. */
const exportEvent = z.looseObject({
  exportType: z.string().optional(),
  config: z.unknown().optional(),
  extensionPayload: z.looseObject({ config: z.unknown().optional() }).optional(),
  context: z
    .looseObject({ siteUrl: z.string().optional(), config: z.unknown().optional(), extension: z.looseObject({ config: z.unknown().optional() }).optional() })
    .optional(),
});

/**
 * Where the saved config sits differs by export: PDF sends `extensionPayload.config`, Word
 * `context.config`, others `context.extension.config` (seen in public Forge export handlers; the
 * docs do not pin it down), so each place is tried in turn.
 */
function exportedConfig(event: z.infer<typeof exportEvent>): unknown {
  return event.extensionPayload?.config ?? event.context?.config ?? event.context?.extension?.config ?? event.config;
}

/** The saved config and the site's address of an exported macro (any Preflight macro's adfExport). */
export function exportedMacro(event: unknown): { config: unknown; siteUrl: string } {
  const parsed = exportEvent.safeParse(event ?? {});
  return parsed.success ? { config: exportedConfig(parsed.data), siteUrl: parsed.data.context?.siteUrl ?? '' } : { config: undefined, siteUrl: '' };
}

/**
 * Builds an adfExport handler: the macro's content as a static ADF document, so Word/PDF export
 * and page history show it. A macro not configured yet, or a release the exporting person cannot
 * see, exports a sentence saying so rather than failing the whole export.
 */
export function adfExportHandler(kind: keyof typeof MACRO_MODULES) {
  return async (event: unknown, forgeContext?: { principal?: { accountId?: string } }): Promise<unknown> => {
    const exported = exportedMacro(event);
    const config = macroConfigSchema.safeParse(exported.config);
    if (!config.success) return notConfiguredNote(event);
    const accountId = forgeContext?.principal?.accountId ?? '';
    const deps = macroDeps(exported.siteUrl);
    try {
      const adf = await exportDocument(kind, deps, accountId, config.data);
      return adfProblems(adf).length === 0 ? adf : exportNote(event, 'pages.export.failed');
    } catch (error) {
      console.warn('Preflight macro export failed', error);
      return exportNote(event, 'pages.export.unreadableRelease');
    }
  };
}

/**
 * The exported document, in the language of the project the macro shows (Confluence's REST v2 has
 * no space language, and a macro shows one project's release: its pages and exports agree).
 */
async function exportDocument(kind: keyof typeof MACRO_MODULES, deps: ReturnType<typeof macroDeps>, accountId: string, config: z.infer<typeof macroConfigSchema>) {
  const tr = await storedProjectTranslator(deps.settings, config.projectKey);
  if (kind === 'checklist') return checklistAdf((await getChecklistMacro(deps, accountId, config)).release, tr);
  if (kind === 'releaseNotes') {
    const view = await getReleaseNotes(deps, accountId, config);
    const title = publishedTitle(tr, 'release-notes', view.project.key, view.version.name, view.audience);
    return releaseNotesAdf({ title, versionName: view.version.name, audience: view.audience, ...(view.version.releaseDate && { releaseDate: view.version.releaseDate }) }, view, tr);
  }
  const retro = await getRetrospective(deps, accountId, config);
  return retrospectiveAdf(publishedTitle(tr, 'retrospective', retro.project.key, retro.version.name), retro, tr);
}
