import Resolver from '@forge/resolver';
import { adfExportHandler, macroResolvers } from './resolvers/macros';
import { panelResolvers, settingsResolvers } from './resolvers/release-panel';
import { listReleasesResolver } from './resolvers/releases';
import type { ResolverRequest } from './resolvers/define-resolver';
import { MACRO_KEYS } from './shared/macros';
import { PANEL_KEYS } from './shared/release-panel';
import { RELEASE_KEYS } from './shared/releases';
import { SETTINGS_KEYS } from './shared/settings';
import { QA_KEYS } from './shared/qa';
import { qaResolvers } from './resolvers/qa';
import { INTEGRATION_KEYS, NOTIFICATION_KEYS } from './shared/notifications';
import { integrationResolvers, notificationStatusResolver } from './resolvers/integrations';
import { ciGateTrigger } from './triggers/ci-gate';
import { monitoringWebhookTrigger } from './triggers/monitoring';
import { MONITORING_KEYS } from './shared/monitoring';
import { monitoringResolvers } from './resolvers/monitoring';
import { jiraEventsTrigger } from './triggers/jira-events';
import { evaluateReleasesConsumer } from './triggers/evaluate-releases';
import { qaValidatorTrigger } from './triggers/qa-validator';
import { dailyRemindersTrigger, remindProjectsConsumer, retryNotificationsTrigger } from './triggers/notifications';
import { calendarExportHandler, calendarMacroResolvers, calendarPageResolvers } from './resolvers/calendar';
import { healthExportHandler, healthMacroResolvers, healthPageResolvers } from './resolvers/health';
import { trainsMacroResolvers, trainsPageResolvers } from './resolvers/trains';
import { trainNotesExportHandler, trainNotesMacroResolvers, trainNotesPageResolvers } from './resolvers/train-notes';

/** The portfolio (issue 14): the calendar, release health and release trains, each its own resolver map. */
const PORTFOLIO_PAGE_RESOLVERS = { ...calendarPageResolvers, ...healthPageResolvers, ...trainsPageResolvers, ...trainNotesPageResolvers };
const PORTFOLIO_MACRO_RESOLVERS = { ...calendarMacroResolvers, ...healthMacroResolvers, ...trainsMacroResolvers, ...trainNotesMacroResolvers };

/**
 * The only file manifest.yml names. Each export is a Forge function handler; `handler` serves
 * every Custom UI module's resolver calls by key.
 */
const resolver = new Resolver();
const resolverKeys = new Set<string>();
const define = (key: string, run: (request: ResolverRequest) => Promise<unknown>) => {
  resolverKeys.add(key);
  resolver.define(key, (request) => run(request as unknown as ResolverRequest));
};

define(RELEASE_KEYS.list, listReleasesResolver);
for (const [name, key] of Object.entries(PANEL_KEYS)) define(key, panelResolvers[name as keyof typeof PANEL_KEYS]);
define(SETTINGS_KEYS.get, settingsResolvers.get);
define(SETTINGS_KEYS.save, settingsResolvers.save);
for (const [name, key] of Object.entries(QA_KEYS)) define(key, qaResolvers[name as keyof typeof QA_KEYS]);
for (const [name, key] of Object.entries(INTEGRATION_KEYS)) define(key, integrationResolvers[name as keyof typeof INTEGRATION_KEYS]);
define(NOTIFICATION_KEYS.status, notificationStatusResolver);
for (const [name, key] of Object.entries(MONITORING_KEYS)) define(key, monitoringResolvers[name as keyof typeof MONITORING_KEYS]);
// The release panel publishes pages and lists spaces with the macros' keys too.
for (const [name, key] of Object.entries(MACRO_KEYS)) define(key, macroResolvers[name as keyof typeof MACRO_KEYS]);

for (const [key, run] of Object.entries({ ...PORTFOLIO_PAGE_RESOLVERS, ...PORTFOLIO_MACRO_RESOLVERS })) define(key, run);

export const handler = definedKeysOnly(resolver.getDefinitions(), resolverKeys);

/**
 * The Confluence macros' own resolver function: only the macro keys, so nothing a macro frame
 * sends can reach settings, integrations or release changes, whatever its payload says.
 */
const macroResolver = new Resolver();
for (const [name, key] of Object.entries(MACRO_KEYS)) {
  macroResolver.define(key, (request) => macroResolvers[name as keyof typeof MACRO_KEYS](request as unknown as ResolverRequest));
}
for (const [key, run] of Object.entries(PORTFOLIO_MACRO_RESOLVERS)) macroResolver.define(key, (request) => run(request as unknown as ResolverRequest));
export const macroHandler = definedKeysOnly(macroResolver.getDefinitions(), new Set([...Object.values(MACRO_KEYS), ...Object.keys(PORTFOLIO_MACRO_RESOLVERS)]));

/**
 * @forge/resolver finds a function key with `key in functions` on a plain object, so a call named
 * `constructor`, `toString` or `__proto__` would run an Object.prototype member (`constructor`
 * echoes the request context back). Only the keys defined above are dispatched; any other key is
 * refused before @forge/resolver sees it, with the error @forge/resolver itself throws for a key it
 * does not know, so the platform answers it as it answers any unknown key.
 */
type Definitions = ReturnType<Resolver['getDefinitions']>;
function definedKeysOnly(definitions: Definitions, keys: ReadonlySet<string>): Definitions {
  return async (request, backendRuntimePayload) => {
    const key: unknown = request?.call?.functionKey;
    if (typeof key !== 'string' || !keys.has(key)) throw new Error(`Resolver has no definition for '${String(key)}'.`);
    return definitions(request, backendRuntimePayload);
  };
}

/** The CI/CD go/no-go web trigger (manifest: webtrigger preflight-ci-gate). */
export const ciGate = ciGateTrigger;
/** Alert webhooks from Datadog, New Relic and Sentry (manifest: webtrigger preflight-monitoring). */
export const monitoringWebhook = monitoringWebhookTrigger;
/** Jira's version and issue events (manifest: trigger preflight-jira-events): releases made in Jira, scope added after the freeze. */
export const jiraEvents = jiraEventsTrigger;
/** Daily: queues each project's reminders on the async events queue, retries failed Slack/Teams deliveries (manifest: scheduledTrigger). */
export const dailyReminders = dailyRemindersTrigger;
/** Hourly retries of failed Slack/Teams deliveries. */
export const retryNotifications = retryNotificationsTrigger;
/** The reminders queue's consumer (manifest: consumer preflight-reminders-consumer): one event, one batch of projects. */
export const remindProjects = remindProjectsConsumer;
/** The evaluations queue's consumer (manifest: consumer preflight-evaluate-consumer): gate counts for versions nobody opened. */
export const evaluateReleases = evaluateReleasesConsumer;

/** The workflow rule "no Done without QA approval" (manifest: jira:workflowValidator preflight-qa-validator). */
export const qaValidator = qaValidatorTrigger;

/** adfExport functions of the Confluence macros: their content as static ADF for Word/PDF export. */
export const checklistExport = adfExportHandler('checklist');
export const releaseNotesExport = adfExportHandler('releaseNotes');
export const retrospectiveExport = adfExportHandler('retrospective');
export const calendarExport = calendarExportHandler;
export const healthExport = healthExportHandler;
export const trainNotesExport = trainNotesExportHandler;
