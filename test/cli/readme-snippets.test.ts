import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { README, ciSnippets, npxUses } from './readme-snippets';

const ROOT = join(__dirname, '..', '..');
const CLI_MAJOR = (JSON.parse(readFileSync(join(ROOT, 'cli', 'package', 'package.json'), 'utf8')) as { version: string }).version.split('.')[0];

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, pattern) : pattern.test(name) ? [path] : [];
  });
}

/**
 * Where people copy commands from: the READMEs, the settings page's text, the local site's pages.
 * An `npx` there must name our scoped package (pinned to its major) or a tool this repository
 * itself installs; never a bare name that the public registry could resolve to a stranger.
 */
test('every npx people can copy resolves to our scoped package or a tool of this repository', () => {
  const sources = [README, join(ROOT, 'cli', 'package', 'README.md'), ...files(join(ROOT, 'static', 'app', 'src'), /\.tsx?$/), ...files(join(ROOT, 'local', 'site'), /\.ts$/), ...files(join(ROOT, 'src'), /\.ts$/)];
  const uses = sources.flatMap((file) => npxUses(readFileSync(file, 'utf8')).map((use) => ({ file, ...use })));
  expect(uses.length).toBeGreaterThan(5);
  expect(uses.filter(foreign)).toEqual([]);
  // What the README used to say, and near misses, are caught.
  for (const bad of ['run: npx preflight gate --url x', 'npx --yes preflight-release gate', 'npx @preflight-release/cli gate', 'npx -y @preflight-release/cli@0 gate']) {
    expect(npxUses(bad).filter(foreign)).toHaveLength(1);
  }
});

function foreign({ before, command }: { before: string; command: string }): boolean {
  if (/Never (`|<code>)$/.test(before)) return false; // the warning itself
  if (/wrong: '$/.test(before)) return false; // the same warning, as a value of the settings page's translated message
  if (command.startsWith('@preflight-release/cli')) return command !== `@preflight-release/cli@${CLI_MAJOR}`;
  return !existsSync(join(ROOT, 'node_modules', '.bin', command));
}

test('the README has a copyable gate check and deployment report for GitHub Actions, GitLab CI and Jenkins', () => {
  const snippets = ciSnippets();
  expect(Object.keys(snippets)).toEqual(['GitHub Actions', 'GitLab CI', 'Jenkins']);
  for (const { gate, report } of Object.values(snippets)) {
    expect(gate.script).toMatch(/^curl .*-H "X-Preflight-Secret: \$PREFLIGHT_GATE_SECRET"/);
    expect(gate.script).toContain('--fail-with-body');
    expect(report.script).toContain('--data @-');
    // The secret comes from the environment, never written into the snippet.
    expect(`${gate.script}${report.script}`).not.toMatch(/pfg_/);
  }
});
