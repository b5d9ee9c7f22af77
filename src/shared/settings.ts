import { z } from 'zod';
// The template schema lives with the domain rules it feeds; that module imports only zod, so this
// contract still pulls nothing but zod into the Custom UI.
import { PREFLIGHT_ROLES, RELEASE_TYPES, templateSchema } from '../domain/template';
import { environmentKindSchema, environmentNameSchema, tagRulesSchema } from '../domain/deployments';
import { APP_LOCALES, type AppLocale } from './i18n/locales';

export const SETTINGS_KEYS = {
  get: 'settings/get',
  save: 'settings/save',
} as const;

const names = (what: string) =>
  z
    .array(z.string().trim().min(1, `expected a ${what} name`).max(255))
    .max(50, `expected at most 50 ${what}s`)
    .refine((list) => new Set(list).size === list.length, `expected each ${what} once`);

/** A dashboard link: https only, because the panel and the checklist macro render it as a link. */
const dashboardUrl = z
  .string()
  .trim()
  .max(2000, 'expected at most 2,000 characters')
  .refine((url) => {
    try {
      return new URL(url).protocol === 'https:';
    } catch {
      return false;
    }
  }, 'expected an https:// link to the dashboard');

/** Monitoring settings; the secrets (monitoring secret, Sentry client secret) live in the KVS secret store, not here. */
export const monitoringSettingsSchema = z
  .object({
    /** Dashboard URLs per tool (datadog, newrelic, sentry). */
    links: z.object({ datadog: dashboardUrl.optional(), newrelic: dashboardUrl.optional(), sentry: dashboardUrl.optional() }).strict().default({}),
    /** When set, each new incident also becomes a Jira issue of this type in the release's version. */
    incidentIssueType: z.string().trim().min(1, 'expected an issue type name').max(255).optional(),
  })
  .strict();
export type MonitoringSettings = z.infer<typeof monitoringSettingsSchema>;

/** A project's Preflight settings, stored per project and edited on the project settings page. */
export const projectSettingsSchema = z
  .object({
    template: templateSchema,
    defaultReleaseType: z.enum(RELEASE_TYPES),
    /** Jira project role ids whose members hold each Preflight role. Project admins are always release owners. */
    roleMapping: z
      .object({
        'release-owner': z.array(z.string().regex(/^\d{1,18}$/, 'expected a Jira project role id')).max(20),
        'engineering-lead': z.array(z.string().regex(/^\d{1,18}$/, 'expected a Jira project role id')).max(20),
        qa: z.array(z.string().regex(/^\d{1,18}$/, 'expected a Jira project role id')).max(20),
      })
      .strict(),
    /** Issue types whose issues need QA approval of the build under test. */
    qaIssueTypes: names('issue type'),
    /** Priorities that make an open bug a blocker. */
    blockerPriorities: names('priority').refine((l) => l.length > 0, 'expected at least one priority'),
    /** Days a release must be live before a go-to-market announcement. */
    beddingInDays: z.number().int('expected whole days').min(0, 'expected 0 or more days').max(90, 'expected at most 90 days'),
    /**
     * Environment name (as CI reports it) -> kind, for names Preflight would not guess ("blue",
     * "eu-west"). Optional: unmapped names are guessed from their words (see domain/deployments.ts).
     */
    environments: z
      .record(z.string(), environmentKindSchema)
      .superRefine((mapping, ctx) => {
        const names = Object.keys(mapping);
        if (names.length > 30) ctx.addIssue({ code: 'custom', message: 'expected at most 30 environments' });
        const seen = new Set<string>();
        for (const name of names) {
          const valid = environmentNameSchema.safeParse(name);
          if (!valid.success) ctx.addIssue({ code: 'custom', path: [name], message: `environment name "${name}": ${valid.error.issues[0]?.message ?? 'not allowed'}` });
          if (seen.has(name.trim().toLowerCase())) ctx.addIssue({ code: 'custom', path: [name], message: `environment name "${name}" is listed twice (names compare without case)` });
          seen.add(name.trim().toLowerCase());
        }
      })
      .optional(),
    /** Tag -> Jira version rules, tried in order: pipelines know tags (v2.2.0), not Jira names (PAY 2.2). */
    tagRules: tagRulesSchema.optional(),
    /** Monitoring (issue 13): dashboards per tool, shown in Post-release review, and the optional incident issue type. */
    monitoring: monitoringSettingsSchema.optional(),
    /**
     * Language of the project's generated pages and notifications (issue 15): people read the UI in
     * their own locale, but a page or a Slack message has one language for everyone. Settings saved
     * before it existed read as English.
     */
    language: z.enum(APP_LOCALES, { message: `expected one of the languages ${APP_LOCALES.join(', ')}` }).default('en'),
  })
  .strict();
export type ProjectSettings = z.infer<typeof projectSettingsSchema>;

/** The language a project's pages and notifications are written in ('en' when never chosen). */
export function projectLanguage(settings: Pick<ProjectSettings, 'language'> | undefined): AppLocale {
  return settings?.language ?? 'en';
}

export const getSettingsPayload = z.object({}).strict();
export const saveSettingsPayload = z.object({ revision: z.number().int().nonnegative(), settings: projectSettingsSchema }).strict();
export type SaveSettingsPayload = z.infer<typeof saveSettingsPayload>;

export interface SettingsView {
  project: { id: string; key: string };
  settings: ProjectSettings;
  revision: number;
  /** What the project offers to choose from. */
  projectRoles: Array<{ id: string; name: string }>;
  issueTypes: string[];
  priorities: string[];
  roles: typeof PREFLIGHT_ROLES;
  me: { canEdit: boolean; readOnlyReason?: string };
}
