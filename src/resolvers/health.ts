import { z } from 'zod';
import { kvsDeploymentStore } from '../adapters/kvs-deployments';
import { kvsIncidentStore } from '../adapters/kvs-incidents';
import { kvsReleaseStore } from '../adapters/kvs-release-store';
import { kvsSettingsStore } from '../adapters/kvs-settings-store';
import { jiraVersionsAsUser } from '../adapters/jira-versions';
import { kvsTrainStore } from '../adapters/kvs-trains';
import { adfProblems } from '../domain/adf/adf-kit';
import { releaseHealthAdf } from '../domain/adf/health-adf';
import { AppError, ProductError } from '../errors';
import { HEALTH_KEYS, healthMacroConfigSchema, healthMacroPayload, projectHealthPayload, trainHealthPayload, type HealthMacroConfig } from '../shared/health';
import { getProjectHealth, getTrainHealth, type ReleaseHealthDeps } from '../usecases/get-release-health';
import { storedProjectTranslator } from '../usecases/project-language';
import { defineResolver, type ResolverRequest } from './define-resolver';
import { errorNote, exportNote, notConfiguredNote } from './export-note';
import { exportedMacro } from './macros';
import { projectPageContext } from './releases';
import { text } from '../i18n/server-translator';

/**
 * Release health (issue 14): `health/project` on the project page's Health view (the project from
 * the page's context), `health/macro` for the "Release health" macro (the project from its saved
 * config) and the macro's adfExport. Read-only: Jira is read as the person, so a project or version
 * they cannot see never shows; nothing is written, so there is no role check beyond Jira's.
 */
export type ResolverFunction = (request: ResolverRequest) => Promise<unknown>;

/** Jira as the person; stored records, incidents and audit trails from the KVS. */
function healthDeps(): ReleaseHealthDeps {
  return { versions: jiraVersionsAsUser(), releases: kvsDeploymentStore(), incidents: kvsIncidentStore(), audit: kvsReleaseStore(), clock: { now: () => new Date() } };
}

/** Macros and the global page: only the site's address is needed (the project comes from the payload or the train). */
const anyContext = z.looseObject({ siteUrl: z.string().optional() });

/** A project the person cannot see reads as "not found or not yours", never as an empty history. */
async function macroHealth(config: HealthMacroConfig) {
  try {
    return await getProjectHealth(healthDeps(), config.projectKey, config.releases);
  } catch (error) {
    if (error instanceof ProductError && [401, 403, 404].includes(error.status)) {
      throw new AppError('FORBIDDEN', text('errors.health.projectHidden', { project: config.projectKey }));
    }
    throw error;
  }
}

export const healthPageResolvers: Record<string, ResolverFunction> = {
  [HEALTH_KEYS.project]: defineResolver({
    payload: projectHealthPayload,
    context: projectPageContext,
    run: (input, context) => getProjectHealth(healthDeps(), context.extension.project.key, input.releases),
  }),
  // The train panel lives on the global page, which has no project in its context.
  [HEALTH_KEYS.train]: defineResolver({ payload: trainHealthPayload, context: anyContext, run: (input) => getTrainHealth({ ...healthDeps(), trains: kvsTrainStore() }, input.trainId) }),
};

export const healthMacroResolvers: Record<string, ResolverFunction> = {
  [HEALTH_KEYS.macro]: defineResolver({ payload: healthMacroPayload, context: anyContext, run: (input) => macroHealth(input.config) }),
};


/**
 * The macro's adfExport: the figures as ADF tables, read as the exporting person. Not configured,
 * a project they cannot see, or Jira down: a sentence saying so instead of a failed export.
 */
export async function healthExportHandler(event: unknown, _context?: unknown): Promise<unknown> {
  const config = healthMacroConfigSchema.safeParse(exportedMacro(event).config);
  if (!config.success) return notConfiguredNote(event);
  try {
    const view = await macroHealth(config.data);
    // In the language of the project the macro shows (Confluence has no space language to use).
    const tr = await storedProjectTranslator(kvsSettingsStore(), config.data.projectKey);
    const adf = releaseHealthAdf(tr.t('pages.title.health', { project: config.data.projectKey }), view, tr);
    return adfProblems(adf).length === 0 ? adf : exportNote(event, 'pages.export.failed');
  } catch (error) {
    if (error instanceof AppError) return errorNote(event, error);
    console.warn('Preflight release health export failed', error);
    return exportNote(event, 'pages.export.unreadableHealth');
  }
}
