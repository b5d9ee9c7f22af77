import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

/** The CI snippets of README.md's "CI/CD gate" section, as a pipeline would run them. */

export const README = join(__dirname, '..', '..', 'README.md');

/** The section's fenced code blocks under each `### ` heading. */
export function ciSections(text = readFileSync(README, 'utf8')): Map<string, string[]> {
  const start = text.indexOf('## CI/CD gate');
  const end = text.indexOf('\n## ', start + 1);
  const section = text.slice(start, end === -1 ? undefined : end);
  const blocks = new Map<string, string[]>();
  let heading = '';
  for (const part of section.split(/^(### .*)$/m)) {
    if (part.startsWith('### ')) heading = part.slice(4).trim();
    else blocks.set(heading, [...(blocks.get(heading) ?? []), ...[...part.matchAll(/^```\w*\n([\s\S]*?)^```$/gm)].map((m) => m[1]!)]);
  }
  return blocks;
}

export interface Snippet {
  /** The shell that runs it in that CI system. */
  shell: string[];
  script: string;
  /** The CI system's variable holding the tag or version. */
  tagVariable: string;
}

function only<T>(items: T[], what: string): T {
  if (items.length !== 1) throw new Error(`expected one ${what}, found ${items.length}`);
  return items[0]!;
}

/** The gate check and the deployment report of each CI system, as the README spells them. */
export function ciSnippets(): Record<'GitHub Actions' | 'GitLab CI' | 'Jenkins', { gate: Snippet; report: Snippet }> {
  const sections = ciSections();
  const github = parseYaml(only(sections.get('GitHub Actions') ?? [], 'GitHub Actions block')) as Array<{ name: string; run: string }>;
  const gitlab = parseYaml(only(sections.get('GitLab CI') ?? [], 'GitLab CI block')) as Record<string, { script: string[]; after_script?: string[] }>;
  const jenkins = only(sections.get('Jenkins (declarative pipeline)') ?? [], 'Jenkins block');
  // Groovy: sh '...' with \' for a quote inside, and sh '''...''' as is.
  const groovy = [...jenkins.matchAll(/\bsh '''([\s\S]*?)'''|\bsh '((?:[^'\\]|\\.)*)'/g)].map((m) => m[1] ?? m[2]!.replace(/\\(['\\])/g, '$1'));
  const bash = ['bash', '--noprofile', '--norc', '-eo', 'pipefail', '-c'];
  const sh = ['sh', '-e', '-c'];
  return {
    'GitHub Actions': {
      gate: { shell: bash, script: github.find((s) => s.name === 'Preflight go/no-go')!.run, tagVariable: 'GITHUB_REF_NAME' },
      report: { shell: bash, script: github.find((s) => s.name === 'Tell Preflight')!.run, tagVariable: 'GITHUB_REF_NAME' },
    },
    'GitLab CI': {
      gate: { shell: sh, script: only(gitlab['preflight-gate']!.script, 'gate script'), tagVariable: 'CI_COMMIT_TAG' },
      report: { shell: sh, script: only(gitlab['deploy-production']!.after_script ?? [], 'after_script'), tagVariable: 'CI_COMMIT_TAG' },
    },
    Jenkins: {
      gate: { shell: sh, script: only(groovy.filter((s) => s.includes('.decision == "go"')), 'Jenkins gate step'), tagVariable: 'TAG_NAME' },
      report: { shell: sh, script: only(groovy.filter((s) => s.includes('deployment:')), 'Jenkins report step'), tagVariable: 'TAG_NAME' },
    },
  };
}

/** Every `npx …` in a text, with a few characters before it. */
export function npxUses(text: string): Array<{ before: string; command: string }> {
  return [...text.matchAll(/(.{0,12})\bnpx\s+((?:--?[\w-]+\s+)*)([^\s`<'"]+)/g)].map((m) => ({ before: m[1]!, command: m[3]! }));
}
