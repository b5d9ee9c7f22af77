import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { BUNDLE_FAILED_ENV, bundleFile } from '../runtime/bundle';
import { PSEUDO_LOCALE } from '../../src/shared/i18n/locales';
import { PSEUDO_CLOSE, PSEUDO_OPEN, pseudoText } from '../../src/shared/i18n/pseudo';

/**
 * The parts of manifest.yml the local site needs: which Custom UI modules exist, which resource
 * each renders, which function runs its resolver, and the permissions that shape the CSP.
 * Full validation is @forge/manifest's job (run in `npm test`); this schema stays loose on purpose
 * and only insists on the fields the site follows.
 */
const uiModuleSchema = z.looseObject({
  key: z.string(),
  resource: z.string().optional(),
  resolver: z.object({ function: z.string() }).optional(),
  config: z.unknown().optional(),
  title: z.union([z.string(), z.looseObject({})]).optional(),
  description: z.union([z.string(), z.looseObject({})]).optional(),
  adfExport: z.object({ function: z.string() }).loose().optional(),
});

/** Forge "Translations": locale files for the manifest's `{ i18n: key }` texts, and the fallback chain. */
const translationsSchema = z.object({
  resources: z.array(z.object({ key: z.string(), path: z.string() })),
  fallback: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
});

const manifestSchema = z.looseObject({
  modules: z.record(z.string(), z.array(z.looseObject({ key: z.string() }))),
  resources: z.array(z.object({ key: z.string(), path: z.string() }).loose()).optional(),
  permissions: z.looseObject({}).optional(),
  translations: translationsSchema.optional(),
});

export interface ManifestModule {
  /** Forge module type, e.g. `jira:projectPage`, `jira:issuePanel`, `macro`. */
  type: string;
  key: string;
  title: string;
  /** The manifest's i18n key of the title (`title: { i18n: key }`), when it has one. */
  titleKey?: string;
  /** The module's description in the default language (macros: what the macro browser shows), if any. */
  description?: string;
  /** The manifest's i18n key of the description, when it has one. */
  descriptionKey?: string;
  /** Absolute directory of the resource build this module renders, when it is a Custom UI module. */
  resourceDir?: string;
  /** Function key of the module's resolver, when it has one. */
  resolverFunction?: string;
  /** Macros only: whether the macro declares a configuration (so the page offers "Configure"). */
  hasConfig: boolean;
  /** Macros only: the function the manifest names as `adfExport` (Word/PDF export of the page). */
  adfExportFunction?: string;
}

/** The manifest's translation resources, as Forge resolves `{ i18n: key }` texts with them. */
export interface ManifestTranslations {
  /** Locale tag (en-US, de-DE, ...) -> the parsed JSON of its resource file. */
  resources: Map<string, unknown>;
  /** `fallback.default` and per-locale fallback lists, as written. */
  fallback: Record<string, string | string[]>;
}

export interface AppManifest {
  modules: ManifestModule[];
  /** Function key -> handler string (`index.handler`). */
  functions: Map<string, string>;
  /** The manifest's `permissions` section as written (scopes, content, external). */
  permissions: Record<string, unknown>;
  /** The manifest's `translations`, when it has any. */
  translations?: ManifestTranslations;
}

/** Module types that are not UI: they never get a frame. */
const NON_UI_TYPES = new Set(['function', 'trigger', 'webtrigger', 'scheduledTrigger', 'consumer', 'endpoint', 'jira:workflowValidator']);

/**
 * Reads and parses `<appRoot>/manifest.yml`.
 * @throws Error naming the field when the manifest lacks something the site relies on.
 */
export function readManifest(appRoot: string): AppManifest {
  const parsed = manifestSchema.safeParse(parse(readFileSync(join(appRoot, 'manifest.yml'), 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`manifest.yml: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const manifest = parsed.data;
  const translations = manifest.translations ? readTranslations(appRoot, manifest.translations) : undefined;
  const resources = new Map((manifest.resources ?? []).map((r) => [r.key, join(appRoot, r.path)]));
  const functions = new Map<string, string>();
  const modules: ManifestModule[] = [];
  for (const [type, entries] of Object.entries(manifest.modules)) {
    if (type === 'function') {
      for (const entry of entries) {
        if (typeof entry.handler === 'string') functions.set(entry.key, entry.handler);
      }
      continue;
    }
    if (NON_UI_TYPES.has(type)) continue;
    for (const entry of entries) {
      const module = uiModuleSchema.parse(entry);
      const titleKey = i18nKeyOf(module.title);
      const descriptionKey = i18nKeyOf(module.description);
      const description = typeof module.description === 'string' ? module.description : descriptionKey && translations ? translate(translations, descriptionKey, undefined) : undefined;
      modules.push({
        type,
        key: module.key,
        // The default language's text stands wherever no locale is asked for (logs, tools page).
        title: typeof module.title === 'string' ? module.title : ((titleKey && translations && translate(translations, titleKey, undefined)) ?? module.key),
        ...(titleKey && { titleKey }),
        ...(description && { description }),
        ...(descriptionKey && { descriptionKey }),
        resourceDir: module.resource ? resources.get(module.resource) : undefined,
        resolverFunction: module.resolver?.function,
        hasConfig: module.config !== undefined && module.config !== false,
        ...(module.adfExport && { adfExportFunction: module.adfExport.function }),
      });
    }
  }
  return { modules, functions, permissions: manifest.permissions ?? {}, ...(translations && { translations }) };
}

function i18nKeyOf(value: unknown): string | undefined {
  const key = (value as { i18n?: unknown } | undefined)?.i18n;
  return typeof value === 'object' && value !== null && typeof key === 'string' ? key : undefined;
}

/** Reads each translation resource; a missing or malformed file names itself (as forge lint would). */
function readTranslations(appRoot: string, declared: z.infer<typeof translationsSchema>): ManifestTranslations {
  const resources = new Map<string, unknown>();
  for (const { key, path } of declared.resources) {
    try {
      resources.set(key, JSON.parse(readFileSync(join(appRoot, path), 'utf8')));
    } catch (error) {
      throw new Error(`manifest.yml: translations: ${key}: cannot read ${path} (${error instanceof Error ? error.message : String(error)})`, { cause: error });
    }
  }
  return { resources, fallback: declared.fallback };
}

/** A key's text in one resource: the flat key first, then the dotted path (as @forge/i18n looks it up). */
function lookUp(resource: unknown, key: string): string | undefined {
  if (typeof resource !== 'object' || resource === null) return undefined;
  const flat = (resource as Record<string, unknown>)[key];
  if (typeof flat === 'string' && flat) return flat;
  let node: unknown = resource;
  for (const part of key.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' && node ? node : undefined;
}

/**
 * A manifest text in a person's language, as Forge picks it: the locale's own resource, then the
 * locales its fallback list names, then `fallback.default`. Undefined when no resource has the key.
 */
export function translate(translations: ManifestTranslations, key: string, locale: string | undefined): string | undefined {
  const own = locale ? translations.fallback[locale] : undefined;
  const chain = [...(locale ? [locale] : []), ...(Array.isArray(own) ? own : own ? [own] : [])];
  const byDefault = translations.fallback.default;
  if (typeof byDefault === 'string') chain.push(byDefault);
  for (const tag of chain) {
    const text = lookUp(translations.resources.get(tag), key);
    if (text) return text;
  }
  return undefined;
}

/**
 * A module's title in the language of the local site's user menu (the Forge locale tag). The
 * pseudo-locale (en-XA) shows the English title accented and wrapped, as the app's own texts.
 */
export function moduleTitle(manifest: AppManifest, module: ManifestModule, locale: string | undefined): string {
  return localised(manifest, module.titleKey, module.title, locale);
}

/** A module's description in the person's language (the macro browser's text under the title). */
export function moduleDescription(manifest: AppManifest, module: ManifestModule, locale: string | undefined): string {
  return localised(manifest, module.descriptionKey, module.description ?? '', locale);
}

function localised(manifest: AppManifest, key: string | undefined, fallback: string, locale: string | undefined): string {
  if (!key || !manifest.translations || !fallback) return fallback;
  if (locale === PSEUDO_LOCALE) return `${PSEUDO_OPEN}${pseudoText(fallback)}${PSEUDO_CLOSE}`;
  return translate(manifest.translations, key, locale) ?? fallback;
}

/** The first module of a type, e.g. the project page that the Releases link opens. */
export function modulesOfType(manifest: AppManifest, type: string): ManifestModule[] {
  return manifest.modules.filter((m) => m.type === type);
}

/**
 * Loads `index.handler` style references from the Forge bundle (`npm run bundle`, build/bundle/),
 * the code `forge deploy` uploads: module `index` is `index.cjs` there, then the export. A plain
 * Node `require` of the emitted CommonJS, as Forge's runtime loads it; under jest the file is
 * outside `roots` and matches no transform, so it runs as emitted. The bundle carries its own copies
 * of @forge/api, @forge/kvs and zod; they reach the emulator through its globals, as on Forge.
 * @throws Error telling the developer to run `npm run bundle` when the bundle is missing.
 */
export function handlerLoader(appRoot: string, manifest: AppManifest) {
  const cache = new Map<string, (...args: unknown[]) => unknown>();
  return (functionName: string): ((...args: unknown[]) => unknown) => {
    const reference = manifest.functions.get(functionName);
    if (!reference) throw new Error(`manifest.yml has no function ${functionName}`);
    let handler = cache.get(reference);
    if (!handler) {
      const dot = reference.lastIndexOf('.');
      const file = bundleFile(appRoot, reference.slice(0, dot));
      const exportName = reference.slice(dot + 1);
      const failed = process.env[BUNDLE_FAILED_ENV];
      if (failed) throw new Error(`${failed}: the old bundle no longer matches src/, so no handler is loaded from it.`);
      if (!existsSync(file)) {
        throw new Error(`The Forge bundle ${relative(appRoot, file)} is missing: run \`npm run bundle\` (the local site and the tests run what forge deploy uploads, not src/).`);
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const loaded = require(file) as Record<string, unknown>;
      const candidate = loaded[exportName];
      if (typeof candidate !== 'function') {
        throw new Error(`The Forge bundle ${relative(appRoot, file)} does not export a function ${exportName} (manifest.yml function ${functionName}: ${reference}); export it from src/${reference.slice(0, dot)}.ts and run \`npm run bundle\``);
      }
      handler = candidate as (...args: unknown[]) => unknown;
      cache.set(reference, handler);
    }
    return handler;
  };
}

/**
 * What Forge would fail on when invoking each manifest function: for every `function` entry, a
 * sentence when the bundle lacks the module or does not export the handler as a function. Empty
 * when every handler the manifest names is there.
 */
export function missingHandlers(appRoot: string, manifest: AppManifest): string[] {
  const load = handlerLoader(appRoot, manifest);
  return [...manifest.functions.keys()].flatMap((functionKey) => {
    try {
      load(functionKey);
      return [];
    } catch (error) {
      return [error instanceof Error ? error.message : String(error)];
    }
  });
}
