import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * How much JavaScript each Custom UI module downloads before its first paint, gzipped: the entry
 * chunk, the module's own lazy chunk, and every chunk those import statically (dynamic imports
 * inside a module load later, so they do not count). Read from Vite's build manifest
 * (static/app/dist/.vite/manifest.json), so the build plugin and the test measure the same way.
 *
 * Budgets (issue 7): a Confluence macro at most 250 KB, the project page at most 350 KB.
 */
export const BUDGET_KB: Record<string, number> = {
  'preflight-releases': 350,
  'preflight-checklist-macro': 250,
  'preflight-release-notes-macro': 250,
  'preflight-retrospective-macro': 250,
};

export interface ModuleWeight {
  moduleKey: string;
  /** Files counted, entry first. */
  files: string[];
  gzipKb: number;
  budgetKb?: number;
  over: boolean;
}

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/** Module key -> source file of its lazy chunk, read from main.tsx's MODULES map. */
export function lazyModules(mainSource: string): Map<string, string> {
  const found = new Map<string, string>();
  // Only the MODULES map: other maps of lazy chunks (MODALS, a module's dialogs) load later, on demand.
  const start = mainSource.indexOf('const MODULES');
  const block = start >= 0 ? mainSource.slice(start, mainSource.indexOf('};', start)) : mainSource;
  const pattern = /'([a-z0-9-]+)':\s*lazy\(\(\)\s*=>\s*import\('\.\/([^']+)'\)\)/g;
  for (const match of block.matchAll(pattern)) found.set(match[1]!, match[2]!);
  return found;
}

/** The chunk and everything it imports statically, depth first, each once. */
function staticClosure(manifest: Record<string, ManifestChunk>, key: string, seen: Set<string>): void {
  if (seen.has(key)) return;
  const chunk = manifest[key];
  if (!chunk) throw new Error(`Vite's manifest has no chunk ${key}`);
  seen.add(key);
  for (const next of chunk.imports ?? []) staticClosure(manifest, next, seen);
}

/**
 * Weighs each module of the app in `appDir` (static/app) from its last build.
 * @throws Error when there is no build, or main.tsx names a module the build lacks.
 */
export function weighModules(appDir: string): ModuleWeight[] {
  const manifestFile = join(appDir, 'dist', '.vite', 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: run npm run build first`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
  const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entryKey) throw new Error('Vite manifest has no entry chunk');
  const gzipBytes = new Map<string, number>();
  const sizeOf = (file: string) => {
    let size = gzipBytes.get(file);
    if (size === undefined) {
      size = gzipSync(readFileSync(join(appDir, 'dist', file)), { level: 9 }).length;
      gzipBytes.set(file, size);
    }
    return size;
  };
  const modules = lazyModules(readFileSync(join(appDir, 'src', 'main.tsx'), 'utf8'));
  return [...modules].map(([moduleKey, source]) => {
    const chunkKey = Object.keys(manifest).find((k) => k.replace(/\.tsx?$/, '') === `src/${source}`.replace(/\.tsx?$/, ''));
    if (!chunkKey) throw new Error(`the build has no chunk for ${moduleKey} (src/${source})`);
    const keys = new Set<string>();
    staticClosure(manifest, entryKey, keys);
    staticClosure(manifest, chunkKey, keys);
    const files = [...keys].map((k) => manifest[k]!.file).filter((f) => f.endsWith('.js'));
    const gzipKb = files.reduce((sum, f) => sum + sizeOf(f), 0) / 1024;
    const budgetKb = BUDGET_KB[moduleKey];
    return { moduleKey, files, gzipKb, ...(budgetKb !== undefined && { budgetKb }), over: budgetKb !== undefined && gzipKb > budgetKb };
  });
}

/** The report `npm run build` prints. */
export function formatWeights(weights: ModuleWeight[]): string {
  const lines = ['Initial JavaScript per module before first paint (gzip):'];
  for (const w of weights) {
    const budget = w.budgetKb === undefined ? '' : ` (budget ${w.budgetKb} KB${w.over ? ', OVER' : ''})`;
    lines.push(`  ${w.moduleKey.padEnd(32)} ${w.gzipKb.toFixed(1).padStart(7)} KB in ${w.files.length} files${budget}`);
  }
  return lines.join('\n');
}

/**
 * Vite plugin: after the bundle is written, prints each module's weight and fails the build when
 * one is over its budget. Needs `build.manifest: true`.
 */
export function bundleSizePlugin(appDir: string) {
  return {
    name: 'preflight-bundle-size',
    apply: 'build' as const,
    writeBundle() {
      const weights = weighModules(appDir);
      console.log(formatWeights(weights));
      const over = weights.filter((w) => w.over);
      if (over.length > 0) {
        throw new Error(`Over the initial JavaScript budget: ${over.map((w) => `${w.moduleKey} ${w.gzipKb.toFixed(1)} KB > ${w.budgetKb} KB`).join('; ')}`);
      }
    },
  };
}
