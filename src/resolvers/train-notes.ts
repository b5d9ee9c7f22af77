import { z } from 'zod';
import { kvsTrainStore } from '../adapters/kvs-trains';
import { macroDeps } from '../composition';
import { adfProblems } from '../domain/adf/adf-kit';
import { TRAIN_NOTES_KEYS, trainNotesConfigSchema, trainNotesPublishPayload, trainNotesTrainsPayload, trainNotesViewPayload } from '../shared/train-notes';
import { getTrainNotes, listVisibleTrains, trainNotesDocument, trainTranslator, type TrainNotesDeps } from '../usecases/get-train-notes';
import { canPublishTrainNotes, publishTrainNotes } from '../usecases/publish-train-notes';
import { callerTranslator } from '../i18n/server-translator';
import { defineResolver, type Caller } from './define-resolver';
import { exportNote, notConfiguredNote } from './export-note';
import { exportedMacro } from './macros';
import type { ResolverFunction } from './trains';

/**
 * Issue 14 (a release train's combined release notes). Contract with src/index.ts (keep these export names):
 * - `trainNotesPageResolvers`: resolver key -> resolver, served to the Jira pages (index.handler) only.
 * - `trainNotesMacroResolvers`: resolver key -> resolver, served to the pages AND the macro frames (index.macroHandler).
 * - `trainNotesExportHandler`: the macro's adfExport function (manifest function train-notes-export).
 * Every read goes as the person; the only write (publishing) checks the person's Preflight role
 * in every member's project first, as publishing a release's notes does for its project.
 */

/** Macros run on Confluence pages, the train panel publishes from Jira: only the site's address is needed. */
const anyContext = z.looseObject({ siteUrl: z.string().optional() });

function trainNotesDeps(siteUrl: string): TrainNotesDeps {
  return { ...macroDeps(siteUrl), trains: kvsTrainStore() };
}

function resolver<P extends z.ZodType, R>(payload: P, run: (deps: TrainNotesDeps, accountId: string, input: z.infer<P>, caller: Caller) => Promise<R>): ResolverFunction {
  return defineResolver({ payload, context: anyContext, run: (input, context, accountId, caller) => run(trainNotesDeps(context.siteUrl ?? ''), accountId, input, caller) });
}

export const trainNotesPageResolvers: Record<string, ResolverFunction> = {};
export const trainNotesMacroResolvers: Record<string, ResolverFunction> = {
  [TRAIN_NOTES_KEYS.trains]: resolver(trainNotesTrainsPayload, (d) => listVisibleTrains(d)),
  [TRAIN_NOTES_KEYS.view]: resolver(trainNotesViewPayload, (d, a, i) => getTrainNotes(d, a, i.config)),
  [TRAIN_NOTES_KEYS.canPublish]: resolver(trainNotesViewPayload, (d, a, i, caller) => canPublishTrainNotes(d, a, i.config, callerTranslator(caller.locale, caller.timeZone))),
  [TRAIN_NOTES_KEYS.publish]: resolver(trainNotesPublishPayload, (d, a, i) => publishTrainNotes(d, a, i.config, i.spaceId, { ...(i.beside && { beside: true }) })),
};

// ---- adfExport ---------------------------------------------------------------------------------

/**
 * The macro's adfExport function: the train's combined notes as static ADF for Word/PDF export,
 * as the exporting person sees them. Not configured, a train they cannot see, or a failure export
 * a sentence instead of failing the whole export.
 */
export async function trainNotesExportHandler(event: unknown, forgeContext?: { principal?: { accountId?: string } }): Promise<unknown> {
  const exported = exportedMacro(event);
  const config = trainNotesConfigSchema.safeParse(exported.config);
  if (!config.success) return notConfiguredNote(event);
  const deps = trainNotesDeps(exported.siteUrl);
  try {
    const view = await getTrainNotes(deps, forgeContext?.principal?.accountId ?? '', config.data);
    // In the train's language: its first member project's (see trainTranslator).
    const { adf } = trainNotesDocument(view, await trainTranslator(deps, (await deps.trains.get(config.data.trainId)) ?? { members: [] }));
    return adfProblems(adf).length === 0 ? adf : exportNote(event, 'pages.export.failed');
  } catch (error) {
    console.warn('Preflight train notes export failed', error);
    return exportNote(event, 'pages.export.unreadableTrain');
  }
}
