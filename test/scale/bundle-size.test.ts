import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { lazyModules, weighModules } from '../../scripts/report-bundle-size';
import { APP_LOCALES } from '../../src/shared/i18n/locales';
import { NAMESPACES_OF_MODULE } from '../../static/app/src/i18n/module-namespaces';

/**
 * The front end's weight, from the build `npm test` makes first (pretest runs `npm run build`):
 * what each module downloads before its first paint, gzipped. Macros sit on Confluence pages that
 * people open to read, so they get the tighter budget.
 */
const APP = join(__dirname, '..', '..', 'static', 'app');
const weights = weighModules(APP);
const weightOf = (key: string) => weights.find((w) => w.moduleKey === key)!;

it('weighs every module main.tsx routes to', () => {
  expect(weights.map((w) => w.moduleKey)).toEqual(expect.arrayContaining(['preflight-releases', 'preflight-checklist-macro', 'preflight-release-notes-macro', 'preflight-retrospective-macro']));
  for (const w of weights) expect(w.files[0]).toMatch(/^assets\/index-.*\.js$/);
});

it.each(['preflight-checklist-macro', 'preflight-release-notes-macro', 'preflight-retrospective-macro'])('%s loads at most 250 KB of gzipped JavaScript before its first paint', (key) => {
  expect(weightOf(key).gzipKb).toBeGreaterThan(10);
  expect(weightOf(key).gzipKb).toBeLessThanOrEqual(250);
});

it('the project page loads at most 350 KB of gzipped JavaScript before its first paint', () => {
  expect(weightOf('preflight-releases').gzipKb).toBeLessThanOrEqual(350);
});

it('a macro does not download the release panel or the settings page', () => {
  for (const key of ['preflight-checklist-macro', 'preflight-release-notes-macro', 'preflight-retrospective-macro']) {
    expect(weightOf(key).files.join(' ')).not.toMatch(/releases-page|settings-page/);
  }
});

it('reads the module map the way main.tsx writes it', () => {
  const source = "const MODULES = {\n  'preflight-x': lazy(() => import('./modules/x-page')),\n  'preflight-y-macro': lazy(() => import('./modules/y')),\n};";
  expect([...lazyModules(source)]).toEqual([['preflight-x', 'modules/x-page'], ['preflight-y-macro', 'modules/y']]);
});

/**
 * Issue 15: translations must not make any module heavier before its first paint by more than
 * 10 KB gzip. The figures `npm run build` printed on the commit before it (47703aa).
 */
const BEFORE_TRANSLATION_KB: Record<string, number> = {
  'preflight-releases': 261.3,
  'preflight-settings': 252.3,
  'preflight-qa': 207.9,
  'preflight-checklist-macro': 188.3,
  'preflight-release-notes-macro': 187.5,
  'preflight-retrospective-macro': 190.3,
  'preflight-portfolio': 167.1,
  'preflight-calendar-macro': 186.0,
  'preflight-health-macro': 184.6,
  'preflight-train-notes-macro': 231.1,
};

it('no module grew by more than 10 KB gzip with translations; its catalogue chunks load on demand, in one language', () => {
  const manifest = JSON.parse(readFileSync(join(APP, 'dist', '.vite', 'manifest.json'), 'utf8')) as Record<string, { file: string }>;
  const catalogueKb = (moduleKey: string, locale: string) =>
    (NAMESPACES_OF_MODULE[moduleKey] ?? []).reduce((sum, ns) => {
      const chunk = Object.entries(manifest).find(([key]) => key.endsWith(`preflight-catalogue/${locale}/${ns}`));
      if (!chunk) throw new Error(`no catalogue chunk ${locale}/${ns}`);
      return sum + gzipSync(readFileSync(join(APP, 'dist', chunk[1].file)), { level: 9 }).length / 1024;
    }, 0);
  const lines = ['module                            before    now   growth   catalogue KB gzip (' + APP_LOCALES.join(' / ') + ')'];
  for (const w of weights) {
    const before = BEFORE_TRANSLATION_KB[w.moduleKey];
    expect(before).toBeDefined();
    const growth = w.gzipKb - before!;
    lines.push(`${w.moduleKey.padEnd(32)} ${before!.toFixed(1).padStart(6)} ${w.gzipKb.toFixed(1).padStart(6)} ${growth.toFixed(1).padStart(7)}   ${APP_LOCALES.map((l) => catalogueKb(w.moduleKey, l).toFixed(1)).join(' / ')}`);
    // No catalogue text in the first-paint files: every language is its own chunk.
    expect(w.files.join(' ')).not.toMatch(/preflight-catalogue|(^|\/)(en|de|fr|ja)-[\w-]+\.js/);
    expect(growth).toBeLessThanOrEqual(10);
  }
  console.log(lines.join('\n'));
});
