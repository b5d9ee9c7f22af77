import { join } from 'node:path';
import { lazyModules, weighModules } from '../../scripts/report-bundle-size';

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
