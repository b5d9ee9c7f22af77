import { z } from 'zod';
import { DEFAULT_CLOUD_ID, DEFAULT_ENVIRONMENT_ID } from '../runtime/forge-runtime';
import { forgeExtension } from '../runtime/module-context';
import type { LocalUser } from '../sim/users';

/**
 * Forge-shaped contexts for Custom UI frames. A page that embeds a module says where it sits
 * (which project, issue or Confluence page) as an "extension" object; this file validates it per
 * module type and adds what Forge adds (account, site, locale, module key, local id), so
 * `view.getContext()` in the frame answers what it would answer inside Jira or Confluence.
 */

const projectRef = z.object({ id: z.string(), key: z.string(), type: z.string().default('software') });
const issueRef = z.object({ id: z.string(), key: z.string(), type: z.string(), typeId: z.string() });

const projectExtension = z.object({ project: projectRef });
const issueExtension = z.object({ issue: issueRef, project: projectRef });
const macroExtension = z.object({
  content: z.object({ id: z.string(), type: z.string().default('page') }),
  space: z.object({ id: z.string(), key: z.string() }),
  /** The macro's saved configuration (what `view.submit` stored), absent until configured. */
  config: z.record(z.string(), z.unknown()).optional(),
  isEditing: z.boolean().default(false),
  /** Where Forge puts them: `extension.macro.isConfiguring` in the config view, `isInserting` on insert. */
  macro: z.object({ isConfiguring: z.boolean().default(false), isInserting: z.boolean().default(false) }).default({ isConfiguring: false, isInserting: false }),
});

/** Extension input schema per supported module type. */
const EXTENSION_SCHEMAS: Record<string, z.ZodType<Record<string, unknown>>> = {
  'jira:projectPage': projectExtension,
  'jira:projectSettingsPage': projectExtension,
  'jira:issuePanel': issueExtension,
  'jira:issueContext': issueExtension,
  'jira:issueGlance': issueExtension,
  'jira:issueActivity': issueExtension,
  macro: macroExtension,
  // Jira's global page (Apps menu) sits in no project: its extension carries only the type (and, on
  // Jira, the page's location, which the app does not read). Assumed from the module reference.
  'jira:globalPage': z.object({}),
};

/** Module types the local host can frame. */
export const SUPPORTED_MODULE_TYPES: readonly string[] = Object.keys(EXTENSION_SCHEMAS);


export type ColorMode = 'light' | 'dark';

export interface ForgeContext {
  accountId: string;
  cloudId: string;
  environmentId: string;
  environmentType: 'DEVELOPMENT';
  extension: Record<string, unknown> & { type: string };
  localId: string;
  locale: string;
  moduleKey: string;
  siteUrl: string;
  timezone: string;
  theme: { colorMode: ColorMode };
}

export interface BuildContextInput {
  moduleType: string;
  moduleKey: string;
  /** Raw extension input from the embedding page; validated here. */
  extension: unknown;
  localId: string;
  user: LocalUser;
  siteUrl: string;
  colorMode: ColorMode;
  /** The person's locale tag (the local user menu's language); default en-US. */
  locale?: string;
}

/**
 * Validates the extension for the module type and builds the full context.
 * @throws Error naming the field and what was expected, or the unsupported module type.
 */
export function buildForgeContext(input: BuildContextInput): ForgeContext {
  const schema = EXTENSION_SCHEMAS[input.moduleType];
  if (!schema) throw new Error(`module type ${input.moduleType} is not supported by the local host`);
  // A modal's frame (@forge/bridge Modal) carries the opener's extension plus `modal`: the
  // `context` the app passed to `new Modal({ context })`, as Jira hands it over (any JSON).
  const { modal, ...rest } = (isRecord(input.extension) ? input.extension : {}) as Record<string, unknown>;
  const parsed = schema.safeParse(input.extension === undefined || input.extension === null ? {} : isRecord(input.extension) ? rest : input.extension);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`extension.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return {
    accountId: input.user.accountId,
    // The same ids the backend runtime reports, so front-end and resolver contexts agree.
    cloudId: DEFAULT_CLOUD_ID,
    environmentId: DEFAULT_ENVIRONMENT_ID,
    environmentType: 'DEVELOPMENT',
    extension: { ...shapeExtension(input.moduleType, parsed.data), ...(modal !== undefined && { modal }) },
    localId: input.localId,
    locale: input.locale ?? 'en-US',
    moduleKey: input.moduleKey,
    siteUrl: input.siteUrl,
    timezone: 'UTC',
    theme: { colorMode: input.colorMode },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Macros carry their configuring flags under `extension.macro`, as Confluence sends them (module-context.ts). */
function shapeExtension(type: string, data: Record<string, unknown>): ForgeContext['extension'] {
  if (type === 'jira:issuePanel') return { type, ...data, isNewToIssue: false };
  return forgeExtension(type, data);
}
