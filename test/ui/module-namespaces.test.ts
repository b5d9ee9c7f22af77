import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { NAMESPACES_OF_MODULE } from '../../static/app/src/i18n/module-namespaces';

/**
 * A Custom UI module downloads only the catalogue namespaces listed for it in
 * NAMESPACES_OF_MODULE; an id of any other namespace shows as the raw id ("panel.advance.button")
 * to the person. The list is kept by hand, so this test reads what each module can render: from
 * the module's entry in main.tsx (and its full-page dialog, when it has one), every file under
 * static/app/src it imports, statically or lazily, and in those files every string that names a
 * message id, a literal id ('qa.approve') or the fixed start of one built in a template
 * (`common.module.${key}`). Each id's namespace must be in the module's list.
 *
 * Why the sources and not a browser: an id shows only when its screen is reached (an error state,
 * a dialog), which no browser test reaches for every screen; the import graph holds every screen a
 * module can show. Strings are counted as ids only when they are one (or start one) in the English
 * catalogue, so a CSS class or a URL that happens to start with "panel." does not count. Files
 * outside static/app/src are not followed: the UI translator and its typed ids live only there.
 */
const APP = resolve(__dirname, '../../static/app/src');
const MESSAGES = join(APP, 'i18n/messages');
const MAIN = join(APP, 'main.tsx');

const NAMESPACES = readdirSync(MESSAGES)
  .filter((f) => f.endsWith('.en.json'))
  .map((f) => f.slice(0, -'.en.json'.length));
const IDS: ReadonlySet<string> = new Set(NAMESPACES.flatMap((ns) => Object.keys(JSON.parse(readFileSync(join(MESSAGES, `${ns}.en.json`), 'utf8')) as Record<string, string>)));
const namespaceOf = (id: string): string => id.slice(0, id.indexOf('.'));

interface Scanned {
  /** Relative module specifiers imported by the file (static imports, re-exports, import()). */
  imports: string[];
  /** Message ids (or id prefixes from templates) the file names, each with where. */
  ids: Array<{ id: string; where: string }>;
}

/** Does this string name a message id: exactly one, or (a template's fixed start) the start of one? */
function idOf(text: string, isPrefix: boolean): string | undefined {
  if (!NAMESPACES.includes(namespaceOf(text))) return undefined;
  if (!isPrefix && IDS.has(text)) return text;
  if (isPrefix && text.length > namespaceOf(text).length + 1 && [...IDS].some((id) => id.startsWith(text))) return text;
  return undefined;
}

function scan(file: string): Scanned {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const imports: string[] = [];
  const ids: Scanned['ids'] = [];
  const where = (node: ts.Node) => `${relative(APP, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      // `import type` brings no screen, only types.
      const typeOnly = ts.isImportDeclaration(node) ? Boolean(node.importClause?.isTypeOnly) : node.isTypeOnly;
      if (!typeOnly) imports.push(node.moduleSpecifier.text);
      return;
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [specifier] = node.arguments;
      if (specifier && ts.isStringLiteralLike(specifier)) imports.push(specifier.text);
      return;
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      // 'panel.' + x is the start of an id too.
      const id = idOf(node.text, node.text.endsWith('.'));
      if (id) ids.push({ id, where: where(node) });
    } else if (ts.isTemplateExpression(node)) {
      const id = idOf(node.head.text, true);
      if (id) ids.push({ id, where: where(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { imports, ids };
}

/** A relative specifier as a file under static/app/src, or undefined (a package, a file elsewhere, CSS, JSON). */
function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  if (relative(APP, base).startsWith('..')) return undefined;
  return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find((f) => /\.tsx?$/.test(f) && existsSync(f));
}

/** Every id (or id start) a module can render, from its entry files through everything they import. */
function idsOfModule(entries: string[]): Scanned['ids'] {
  const seen = new Set<string>();
  const queue = [...entries];
  const ids: Scanned['ids'] = [];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const scanned = scan(file);
    ids.push(...scanned.ids);
    for (const specifier of scanned.imports) {
      const next = resolveImport(file, specifier);
      if (next) queue.push(next);
    }
  }
  return ids;
}

/**
 * main.tsx's own file (what it renders around every module: the title, the spinner, the
 * unknown-module note) without its lazy module imports, and each module's entries: the file its
 * MODULES entry imports and, when it has one, its MODALS entry.
 */
function entriesOfModules(): { shell: Scanned['ids']; modules: Map<string, string[]> } {
  const text = readFileSync(MAIN, 'utf8');
  const modules = new Map<string, string[]>();
  for (const [, key, specifier] of text.matchAll(/'([a-z0-9-]+)':\s*lazy\(\(\)\s*=>\s*import\('([^']+)'\)\)/g)) {
    const file = resolveImport(MAIN, specifier!);
    if (!file) throw new Error(`main.tsx: ${key} imports ${specifier}, which is not a file under static/app/src`);
    modules.set(key!, [...(modules.get(key!) ?? []), file]);
  }
  const main = scan(MAIN);
  const shellFiles = main.imports
    .filter((specifier) => !text.includes(`import('${specifier}')`))
    .map((specifier) => resolveImport(MAIN, specifier))
    .filter((f): f is string => Boolean(f));
  return { shell: [...main.ids, ...idsOfModule(shellFiles)], modules };
}

/** The ids a module uses whose namespace its list lacks, as "ns (id at file:line)", one per namespace. */
function missingNamespaces(ids: Scanned['ids'], listed: readonly string[]): string[] {
  const missing = new Map<string, string>();
  for (const { id, where } of ids) {
    const ns = namespaceOf(id);
    if (!listed.includes(ns) && !missing.has(ns)) missing.set(ns, `${ns} (${id} at ${where})`);
  }
  return [...missing.values()].sort();
}

const { shell, modules } = entriesOfModules();

test('main.tsx and NAMESPACES_OF_MODULE name the same modules', () => {
  expect([...modules.keys()].sort()).toEqual(Object.keys(NAMESPACES_OF_MODULE).sort());
});

test('the scan finds the ids a module renders (it is not vacuous)', () => {
  // The document title every module sets: `common.module.${moduleKey}` in main.tsx.
  expect(shell.map((u) => u.id)).toContain('common.module.');
  const panel = idsOfModule(modules.get('preflight-releases')!).map((u) => u.id);
  expect(panel).toContain('releases.flag.conflict'); // bridge/flags.ts, reached through the release panel
  expect(panel.some((id) => id.startsWith('panel.'))).toBe(true);
  expect(panel.some((id) => id.startsWith('advance.'))).toBe(true);
});

test.each(Object.keys(NAMESPACES_OF_MODULE))('%s lists every namespace its screens use', (key) => {
  const ids = [...shell, ...idsOfModule(modules.get(key) ?? [])];
  expect(missingNamespaces(ids, NAMESPACES_OF_MODULE[key]!)).toEqual([]);
});

test('a namespace left out of a list is caught, naming an id that would show raw and where it is', () => {
  const ids = [...shell, ...idsOfModule(modules.get('preflight-settings')!)];
  const without = NAMESPACES_OF_MODULE['preflight-settings']!.filter((ns) => ns !== 'settings');
  const missing = missingNamespaces(ids, without);
  expect(missing).toHaveLength(1);
  expect(missing[0]).toMatch(/^settings \(settings\.[\w.]+ at [\w/.-]+\.tsx?:\d+\)$/);
});
