import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkManifest, runForgeLint } from '../../local/checks/forge-checks';
import { REPO_ROOT } from '../../local/contracts/spec-files';

/** Every backend source file, as `forge lint` would see them. */
function backendFiles(dir = join(REPO_ROOT, 'src')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? backendFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('what forge deploy checks, offline', () => {
  it('accepts manifest.yml under full validation', async () => {
    const result = await checkManifest();
    expect(result.errors).toEqual([]);
    expect(result.success).toBe(true);
  });

  it('finds no lint problems, so the scopes cover every REST call in src/', async () => {
    const summary = await runForgeLint(backendFiles());
    expect(summary.problems).toEqual([]);
    expect(summary.errors).toBe(0);
  }, 120000);

  it('names the missing scope when the manifest lacks one the code needs', async () => {
    const summary = await runForgeLint(backendFiles(), { scopesOverride: ['read:jira-user'] });
    expect(summary.errors).toBeGreaterThan(0);
    expect(summary.problems.join('\n')).toMatch(/GET \/rest\/api\/3\/project\/\{projectIdOrKey\}\/version requires "read:jira-work"/);
  }, 120000);
});
