import type { JiraIssue } from '../types';
import type { JqlQuery } from './ast';
import { compileJql, type JqlContext } from './compile';
import { JqlError } from './errors';
import { parseJql } from './parser';

export type { JqlContext } from './compile';
export { JqlError } from './errors';
export { parseJql } from './parser';

export interface JqlRunOptions {
  /** Refuse queries without a search restriction, as /search/jql does. */
  requireBounded?: boolean;
}

/** Parses and validates JQL without running it (for /jql/parse and early 400s). */
export function checkJql(jql: string, ctx: JqlContext): JqlQuery {
  const query = parseJql(jql);
  compileJql(query, ctx);
  return query;
}

/**
 * Every issue the caller may browse that matches the JQL, in the query's order. Uses the
 * project/fixVersion indexes to avoid scanning unrelated issues; never copies issue objects.
 */
export function runJql(jql: string, ctx: JqlContext, options: JqlRunOptions = {}): JiraIssue[] {
  const query = parseJql(jql);
  if (options.requireBounded && !query.where) {
    throw new JqlError('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
  }
  const compiled = compileJql(query, ctx);
  const pool: Iterable<JiraIssue> = compiled.candidates ?? ctx.db.state.issues;
  const out: JiraIssue[] = [];
  for (const issue of pool) {
    if (ctx.visibleProjectIds.has(issue.projectId) && compiled.matches(issue)) out.push(issue);
  }
  return out.sort(compiled.compare);
}
