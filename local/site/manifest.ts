import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { BUNDLE_FAILED_ENV, bundleFile } from '../runtime/bundle';

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
});

const manifestSchema = z.looseObject({
  modules: z.record(z.string(), z.array(z.looseObject({ key: z.string() }))),
  resources: z.array(z.object({ key: z.string(), path: z.string() }).loose()).optional(),
  permissions: z.looseObject({}).optional(),
});

export interface ManifestModule {
  /** Forge module type, e.g. `jira:projectPage`, `jira:issuePanel`, `macro`. */
  type: string;
  key: string;
  title: string;
  /** Absolute directory of the resource build this module renders, when it is a Custom UI module. */
  resourceDir?: string;
  /** Function key of the module's resolver, when it has one. */
  resolverFunction?: string;
  /** Macros only: whether the macro declares a configuration (so the page offers "Configure"). */
  hasConfig: boolean;
}

export interface AppManifest {
  modules: ManifestModule[];
  /** Function key -> handler string (`index.handler`). */
  functions: Map<string, string>;
  /** The manifest's `permissions` section as written (scopes, content, external). */
  permissions: Record<string, unknown>;
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
      modules.push({
        type,
        key: module.key,
        title: typeof module.title === 'string' ? module.title : module.key,
        resourceDir: module.resource ? resources.get(module.resource) : undefined,
        resolverFunction: module.resolver?.function,
        hasConfig: module.config !== undefined && module.config !== false,
      });
    }
  }
  return { modules, functions, permissions: manifest.permissions ?? {} };
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
