import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';

/**
 * axe-core in the browser, the way axe checks a page with frames: its source is evaluated in the
 * top page and in every frame (through the DevTools protocol, so the frames' Forge CSP does not
 * stop it), `axe.runPartial` runs in each frame on the part of the page it holds, and
 * `axe.finishRun` joins the parts into one report for the page (so page-wide rules see the page
 * a person meets: a frame's content inside the host's <main> is inside a landmark, one <h1> on
 * the page is enough). Findings are nodes, grouped by impact; each names its frame.
 */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const IMPACTS = ['critical', 'serious', 'moderate', 'minor'] as const;
export type Impact = (typeof IMPACTS)[number];

export interface AxeFinding {
  rule: string;
  impact: Impact;
  /** CSS selector path of the node within its document. */
  target: string;
  /** 'page' for the top document, else the frame's module (its path and module key). */
  frame: string;
  help: string;
  html: string;
  /** axe's own words on what fails (first failure summary line). */
  summary: string;
}

export interface AxeReport {
  counts: Record<Impact, number>;
  findings: AxeFinding[];
}

interface RawResult {
  violations: Array<{
    id: string;
    impact?: string | null;
    help: string;
    nodes: Array<{ impact?: string | null; target: unknown[]; html: string; failureSummary?: string }>;
  }>;
}

type AxeWindow = Window & {
  axe: {
    runPartial(context: unknown, options: unknown): Promise<unknown>;
    finishRun(partials: unknown[], options: unknown): Promise<RawResult>;
    utils: { getFrameContexts(context: unknown, options: unknown): Array<{ frameSelector: unknown; frameContext: unknown }>; shadowSelect(selector: unknown): Element | null };
  };
};

/** What a person could tell the frame by: its module key (from the host's frame URL), configuration or not. */
function frameName(frame: Frame): string {
  const url = new URL(frame.url());
  const module = /^\/host\/([^/]+)\//.exec(url.pathname)?.[1];
  if (!module) return `frame ${url.pathname}`;
  const configuring = /"isConfiguring":true/.test(url.searchParams.get('ext') ?? '');
  return `frame ${decodeURIComponent(module)}${configuring ? ' (configuration)' : ''}`;
}

async function inject(frame: Frame): Promise<void> {
  const loaded = await frame.evaluate(() => typeof (window as unknown as Partial<AxeWindow>).axe === 'object');
  if (!loaded) await frame.evaluate(AXE_SOURCE);
}

/** A frame's selector as axe gives it (a string, or an array through shadow roots), as one string. */
const selectorKey = (selector: unknown): string => (Array.isArray(selector) ? selector.map(String).join(' >>> ') : String(selector));

const RUN_OPTIONS = { resultTypes: ['violations'] };

/**
 * `axe.runPartial` in this frame, then in each frame it holds (in axe's order, a frame that
 * has no document yet counts as null, as axe expects). `names` maps each frame's selector path
 * (as axe reports it in a node's target) to its name.
 */
async function runPartials(frame: Frame, context: unknown, path: string[], names: Map<string, string>): Promise<unknown[]> {
  await inject(frame);
  const [own, children] = await frame.evaluate(
    async ([ctx, options]) => {
      const axe = (window as unknown as AxeWindow).axe;
      const frames = axe.utils.getFrameContexts(ctx, options);
      return [await axe.runPartial(ctx, options), frames] as const;
    },
    [context, RUN_OPTIONS] as const,
  );
  const results: unknown[] = [own];
  for (const { frameSelector, frameContext } of children) {
    const handle = await frame.evaluateHandle((selector) => (window as unknown as AxeWindow).axe.utils.shadowSelect(selector), frameSelector);
    const child = await handle.asElement()?.contentFrame();
    await handle.dispose();
    if (!child || !child.url().startsWith('http')) {
      results.push(null);
      continue;
    }
    const childPath = [...path, selectorKey(frameSelector)];
    names.set(childPath.join(' '), frameName(child));
    results.push(...(await runPartials(child, frameContext, childPath, names)));
  }
  return results;
}

export interface AxeOptions {
  /** Selectors of the top page left out (the simulated product's own chrome, not the app). Frames are never excluded. */
  excludeOnPage?: string[];
}

/** Runs axe over the page and every frame in it; returns the nodes found by impact, each with its frame. */
export async function runAxe(page: Page, options: AxeOptions = {}): Promise<AxeReport> {
  const names = new Map<string, string>();
  const exclude = options.excludeOnPage ?? [];
  const context = exclude.length ? { include: [['html']], exclude: exclude.map((selector) => [selector]) } : { include: [['html']] };
  const partials = await runPartials(page.mainFrame(), context, [], names);
  const result = await page.mainFrame().evaluate(([parts, opts]) => (window as unknown as AxeWindow).axe.finishRun(parts, opts), [partials, RUN_OPTIONS] as const);
  const counts: Record<Impact, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  const findings: AxeFinding[] = [];
  for (const violation of result.violations) {
    for (const node of violation.nodes) {
      const impact = (node.impact ?? violation.impact ?? 'minor') as Impact;
      counts[impact] += 1;
      // A node in a frame has the frames' selectors first, then its own.
      const framePath = node.target.slice(0, -1).map(selectorKey).join(' ');
      findings.push({
        rule: violation.id,
        impact,
        target: selectorKey(node.target.at(-1)),
        frame: framePath ? (names.get(framePath) ?? `frame ${framePath}`) : 'page',
        help: violation.help,
        html: node.html.slice(0, 200),
        summary: (node.failureSummary ?? '').split('\n').slice(1, 2).join('').trim(),
      });
    }
  }
  return { counts, findings };
}

/** One line per finding: "serious label-content-name-mismatch in frame preflight-releases at button.x — help". */
export function describeFinding(f: AxeFinding): string {
  return `${f.impact} ${f.rule} in ${f.frame} at ${f.target}: ${f.help}${f.summary ? ` (${f.summary})` : ''} — ${f.html}`;
}

/** A fixed-width table: page, theme, then the four impacts. */
export function formatTable(rows: Array<{ page: string; theme: string; counts: Record<Impact, number> }>): string {
  const width = Math.max(4, ...rows.map((r) => r.page.length));
  const head = `${'page'.padEnd(width)}  theme  ${IMPACTS.map((i) => i.padStart(8)).join(' ')}`;
  const lines = rows.map((r) => `${r.page.padEnd(width)}  ${r.theme.padEnd(5)}  ${IMPACTS.map((i) => String(r.counts[i]).padStart(8)).join(' ')}`);
  const total = IMPACTS.map((i) => String(rows.reduce((sum, r) => sum + r.counts[i], 0)).padStart(8)).join(' ');
  return [head, '-'.repeat(head.length), ...lines, '-'.repeat(head.length), `${'total'.padEnd(width)}         ${total}`].join('\n');
}

/** "moderate region: 120 (frame preflight-settings 80, page 40)": nodes per rule, most first. */
export function summariseRules(findings: AxeFinding[]): string {
  const byRule = new Map<string, { impact: Impact; count: number; where: Map<string, number> }>();
  for (const f of findings) {
    const key = `${f.impact} ${f.rule}`;
    const entry = byRule.get(key) ?? { impact: f.impact, count: 0, where: new Map<string, number>() };
    entry.count += 1;
    entry.where.set(f.frame, (entry.where.get(f.frame) ?? 0) + 1);
    byRule.set(key, entry);
  }
  return [...byRule.entries()]
    .sort((a, b) => b[1].count - a[1].count)
    .map(([key, e]) => `${key}: ${e.count} (${[...e.where.entries()].sort((a, b) => b[1] - a[1]).map(([w, n]) => `${w} ${n}`).join(', ')})`)
    .join('\n');
}

/** "moderate 34 (landmark-unique 20, page-has-heading-one 12)": one impact's nodes in all, then per rule, most first. */
export function summariseImpact(findings: AxeFinding[], impact: Impact): string {
  const byRule = new Map<string, number>();
  for (const f of findings) if (f.impact === impact) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
  const total = [...byRule.values()].reduce((sum, n) => sum + n, 0);
  const rules = [...byRule.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([rule, n]) => `${rule} ${n}`);
  return `${impact} ${total}${rules.length ? ` (${rules.join(', ')})` : ''}`;
}
