import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/**
 * The two browser scripts of the local host, written in TypeScript (type-checked with the rest
 * of local/) and turned into plain JS on first request. transpileModule handles one file with no
 * imports in a few milliseconds, so there is no separate build step to forget.
 */
export type BrowserScript = 'frame-bridge' | 'site-chrome';

const cache = new Map<BrowserScript, string>();

/** The script as JS, transpiled once per process. */
export function browserScript(name: BrowserScript): string {
  let js = cache.get(name);
  if (js === undefined) {
    const source = readFileSync(join(__dirname, 'browser', `${name}.ts`), 'utf8');
    const output = ts.transpileModule(source, {
      compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.ESNext, removeComments: false },
      fileName: `${name}.ts`,
    }).outputText;
    // Type-only imports vanish; an empty `export {}` may remain and would make a classic script fail.
    js = output.replace(/^export \{\};?\s*$/m, '');
    cache.set(name, js);
  }
  return js;
}
