import { LOCAL_USERS } from '../../users';
import { ISSUE_TYPES, PRIORITIES, RESOLUTIONS, STATUSES, STATUS_CATEGORIES, issueTypeById, priorityById, statusById } from '../catalog';
import type { JiraDb } from '../db';
import type { JiraIssue } from '../types';
import type { JqlChanged, JqlClause, JqlFieldRef, JqlNode, JqlOperand, JqlQuery, JqlSort } from './ast';
import { dateFunction, parseJqlDate } from './dates';
import { JqlError } from './errors';

/** What a query is evaluated against: the data, who asks (for currentUser()) and the clock. */
export interface JqlContext {
  db: JiraDb;
  currentAccountId: string | null;
  now: Date;
  /** Projects the caller may browse; other projects' names are "not found", as in Jira. */
  visibleProjectIds: ReadonlySet<string>;
}

export interface CompiledJql {
  matches: (issue: JiraIssue) => boolean;
  /** Smallest known superset of the matches, from the project/fixVersion indexes; undefined = all. */
  candidates: ReadonlySet<JiraIssue> | undefined;
  compare: (a: JiraIssue, b: JiraIssue) => number;
}

type Predicate = (issue: JiraIssue) => boolean;
interface Compiled {
  test: Predicate;
  candidates?: ReadonlySet<JiraIssue>;
}

/** Canonical field names, with the aliases Jira accepts. */
const FIELD_ALIASES: Record<string, string> = {
  project: 'project',
  fixversion: 'fixVersion',
  'fix version': 'fixVersion',
  fixversions: 'fixVersion',
  issuetype: 'issuetype',
  type: 'issuetype',
  status: 'status',
  statuscategory: 'statusCategory',
  priority: 'priority',
  labels: 'labels',
  label: 'labels',
  component: 'component',
  components: 'component',
  resolution: 'resolution',
  key: 'key',
  issuekey: 'key',
  id: 'key',
  assignee: 'assignee',
  reporter: 'reporter',
  created: 'created',
  createddate: 'created',
  updated: 'updated',
  updateddate: 'updated',
  resolutiondate: 'resolutiondate',
  resolved: 'resolutiondate',
  summary: 'summary',
  description: 'description',
  text: 'text',
  parent: 'parent',
};

const DATE_FIELDS = new Set(['created', 'updated', 'resolutiondate']);
const TEXT_FIELDS = new Set(['summary', 'description', 'text']);

function canonicalField(ref: JqlFieldRef): string {
  if (ref.kind !== 'field') return 'issue.property';
  const name = FIELD_ALIASES[ref.name.toLowerCase()];
  if (!name) throw new JqlError(`Field '${ref.name}' does not exist or you do not have permission to view it.`);
  return name;
}

/** Turns a parsed query into a predicate and comparator; unknown fields, values and functions throw. */
export function compileJql(query: JqlQuery, ctx: JqlContext): CompiledJql {
  const where = query.where ? compileNode(query.where, ctx) : { test: () => true };
  return { matches: where.test, candidates: where.candidates, compare: compileSort(query.orderBy, ctx) };
}

function compileNode(node: JqlNode, ctx: JqlContext): Compiled {
  switch (node.kind) {
    case 'and': {
      const parts = node.items.map((n) => compileNode(n, ctx));
      const tests = parts.map((p) => p.test);
      const sets = parts.flatMap((p) => (p.candidates ? [p.candidates] : []));
      const candidates = sets.length ? sets.reduce((a, b) => (b.size < a.size ? b : a)) : undefined;
      return { test: (i) => tests.every((t) => t(i)), candidates };
    }
    case 'or': {
      const parts = node.items.map((n) => compileNode(n, ctx));
      const tests = parts.map((p) => p.test);
      const all = parts.every((p) => p.candidates);
      const candidates = all ? new Set(parts.flatMap((p) => [...p.candidates!])) : undefined;
      return { test: (i) => tests.some((t) => t(i)), candidates };
    }
    case 'not': {
      const inner = compileNode(node.item, ctx).test;
      return { test: (i) => !inner(i) };
    }
    case 'changed':
      return { test: compileChanged(node, ctx) };
    case 'clause':
      return compileClause(node, ctx);
  }
}

// ---- equality-style fields -------------------------------------------------------------------

/** A field whose values are ids (or keys) compared by set membership. */
interface SetField {
  values: (issue: JiraIssue) => readonly string[];
  /** Ids a single JQL value stands for; throws when it names nothing. */
  resolve: (operand: JqlOperand & { kind: 'value' | 'function' }) => string[];
  /** Order for > >= < <=; absent when the field does not support comparison. */
  rank?: (id: string) => number;
  /** Index lookups for `=`/`IN` on this field. */
  index?: (ids: string[]) => ReadonlySet<JiraIssue>;
}

function notFound(value: string, field: string): JqlError {
  return new JqlError(`The value '${value}' does not exist for the field '${field}'.`);
}

function unsupportedFunction(name: string, field: string): JqlError {
  return new JqlError(`Unable to find JQL function '${name}()' for the field '${field}'.`);
}

function byNameOrId<T extends { id: string; name: string }>(items: readonly T[], field: string) {
  return (operand: JqlOperand & { kind: 'value' | 'function' }): string[] => {
    if (operand.kind === 'function') throw unsupportedFunction(operand.name, field);
    const wanted = operand.text.toLowerCase();
    const hit = items.filter((x) => x.id === operand.text || x.name.toLowerCase() === wanted);
    if (!hit.length) throw notFound(operand.text, field);
    return hit.map((x) => x.id);
  };
}

function userResolver(ctx: JqlContext, field: string) {
  return (operand: JqlOperand & { kind: 'value' | 'function' }): string[] => {
    if (operand.kind === 'function') {
      if (operand.name.toLowerCase() !== 'currentuser') throw unsupportedFunction(operand.name, field);
      return ctx.currentAccountId ? [ctx.currentAccountId] : [];
    }
    const wanted = operand.text.toLowerCase();
    const user = LOCAL_USERS.find((u) => u.accountId === operand.text || u.emailAddress === wanted);
    if (!user) throw notFound(operand.text, field);
    return [user.accountId];
  };
}

function setField(field: string, ctx: JqlContext): SetField | undefined {
  const { db } = ctx;
  switch (field) {
    case 'project':
      return {
        values: (i) => [i.projectId],
        resolve: (op) => {
          if (op.kind === 'function') throw unsupportedFunction(op.name, field);
          const p = db.project(op.text) ?? db.state.projects.find((x) => x.name.toLowerCase() === op.text.toLowerCase());
          if (!p || !ctx.visibleProjectIds.has(p.id)) throw notFound(op.text, field);
          return [p.id];
        },
        index: (ids) => union(ids.map((id) => db.issuesInProject(id))),
      };
    case 'fixVersion':
      return {
        values: (i) => i.fixVersionIds,
        resolve: (op) => resolveVersions(op, ctx),
        index: (ids) => union(ids.map((id) => db.issuesInVersion(id))),
      };
    case 'issuetype':
      return { values: (i) => [i.issueTypeId], resolve: byNameOrId(ISSUE_TYPES, field) };
    case 'status':
      return { values: (i) => [i.statusId], resolve: byNameOrId(STATUSES, field) };
    case 'statusCategory':
      return {
        values: (i) => [statusById(i.statusId)?.category ?? 'new'],
        resolve: (op) => {
          if (op.kind === 'function') throw unsupportedFunction(op.name, field);
          const w = op.text.toLowerCase();
          const c = STATUS_CATEGORIES.find((x) => String(x.id) === op.text || x.key === w || x.name.toLowerCase() === w);
          if (!c) throw notFound(op.text, field);
          return [c.key];
        },
      };
    case 'priority':
      return {
        values: (i) => [i.priorityId],
        resolve: byNameOrId(PRIORITIES, field),
        // Higher priority compares greater: `priority > Medium` means High or Highest.
        rank: (id) => -(priorityById(id)?.rank ?? 99),
      };
    case 'labels':
      return {
        values: (i) => i.labels.map((l) => l.toLowerCase()),
        resolve: (op) => {
          if (op.kind === 'function') throw unsupportedFunction(op.name, field);
          return [op.text.toLowerCase()];
        },
      };
    case 'component':
      return {
        values: (i) => i.componentIds,
        resolve: (op) => {
          if (op.kind === 'function') throw unsupportedFunction(op.name, field);
          const w = op.text.toLowerCase();
          const ids = ctx.db.state.projects
            .filter((p) => ctx.visibleProjectIds.has(p.id))
            .flatMap((p) => p.components)
            .filter((c) => c.id === op.text || c.name.toLowerCase() === w)
            .map((c) => c.id);
          if (!ids.length) throw notFound(op.text, field);
          return ids;
        },
      };
    case 'resolution':
      return {
        values: (i) => (i.resolutionId ? [i.resolutionId] : []),
        resolve: (op) => {
          // `resolution = Unresolved` is Jira's spelling of IS EMPTY; the empty marker handles it.
          if (op.kind === 'value' && op.text.toLowerCase() === 'unresolved') return [EMPTY_MARK];
          return byNameOrId(RESOLUTIONS, field)(op);
        },
      };
    case 'key':
    case 'parent':
      return {
        values: field === 'key' ? (i) => [i.id] : (i) => (i.parentId ? [i.parentId] : []),
        resolve: (op) => {
          if (op.kind === 'function') throw unsupportedFunction(op.name, field);
          const issue = db.issue(op.text);
          if (!issue || !ctx.visibleProjectIds.has(issue.projectId)) {
            throw new JqlError(`An issue with key '${op.text}' does not exist for field '${field}'.`);
          }
          return [issue.id];
        },
        // Keys compare by number inside a project (PAY-10 > PAY-9); ids grow the same way.
        rank: (id) => Number(id),
      };
    case 'assignee':
      return { values: (i) => (i.assigneeAccountId ? [i.assigneeAccountId] : []), resolve: userResolver(ctx, field) };
    case 'reporter':
      return { values: (i) => [i.reporterAccountId], resolve: userResolver(ctx, field) };
    default:
      return undefined;
  }
}

/** Marks "the field is empty" inside a resolved value list (EMPTY in IN lists, resolution = Unresolved). */
const EMPTY_MARK = '\u0000empty';

function resolveVersions(op: JqlOperand & { kind: 'value' | 'function' }, ctx: JqlContext): string[] {
  const visible = ctx.db.state.versions.filter((v) => ctx.visibleProjectIds.has(v.projectId));
  if (op.kind === 'function') {
    const inProject = (vs: typeof visible) => {
      if (!op.args.length) return vs;
      const projects = op.args.map((a) => ctx.db.project(a)?.id);
      return vs.filter((v) => projects.includes(v.projectId));
    };
    switch (op.name.toLowerCase()) {
      case 'releasedversions':
        return inProject(visible.filter((v) => v.released)).map((v) => v.id);
      case 'unreleasedversions':
        return inProject(visible.filter((v) => !v.released)).map((v) => v.id);
      case 'earliestunreleasedversion': {
        const first = inProject(visible.filter((v) => !v.released && !v.archived)).sort((a, b) => a.sequence - b.sequence)[0];
        return first ? [first.id] : [];
      }
      default:
        throw unsupportedFunction(op.name, 'fixVersion');
    }
  }
  const w = op.text.toLowerCase();
  const hit = visible.filter((v) => v.id === op.text || v.name.toLowerCase() === w);
  if (!hit.length) throw notFound(op.text, 'fixVersion');
  return hit.map((v) => v.id);
}

function union(sets: ReadonlySet<JiraIssue>[]): ReadonlySet<JiraIssue> {
  if (sets.length === 1) return sets[0]!;
  const out = new Set<JiraIssue>();
  for (const s of sets) for (const i of s) out.add(i);
  return out;
}

/** Flattens an operand into single values and functions, noting an EMPTY among them. */
function operandItems(operand: JqlOperand): { items: (JqlOperand & { kind: 'value' | 'function' })[]; empty: boolean } {
  if (operand.kind === 'empty') return { items: [], empty: true };
  if (operand.kind === 'list') {
    const nested = operand.items.map(operandItems);
    return { items: nested.flatMap((n) => n.items), empty: nested.some((n) => n.empty) };
  }
  return { items: [operand], empty: false };
}

function compileClause(clause: JqlClause, ctx: JqlContext): Compiled {
  const field = canonicalField(clause.field);
  const op = clause.operator;
  if (clause.field.kind === 'property') return { test: compileProperty(clause, clause.field, ctx) };
  if (DATE_FIELDS.has(field)) return { test: compileDate(clause, field, ctx) };
  if (TEXT_FIELDS.has(field)) return { test: compileText(clause, field) };

  const def = setField(field, ctx)!;
  const displayName = clause.field.kind === 'field' ? clause.field.name : field;
  if (op === '~' || op === '!~') throw unsupportedOperator(op, displayName);
  if (op === 'IS' || op === 'IS NOT') {
    const wantEmpty = op === 'IS';
    return { test: (i) => (def.values(i).length === 0) === wantEmpty };
  }
  if (op === '>' || op === '>=' || op === '<' || op === '<=') {
    const rank = def.rank;
    if (!rank || clause.operand.kind !== 'value') throw unsupportedOperator(op, displayName);
    const ids = def.resolve(clause.operand);
    const target = rank(ids[0]!);
    const sameProject = field === 'key' || field === 'parent' ? ctx.db.issueById(ids[0]!)?.projectId : undefined;
    const cmp = comparator(op);
    return {
      test: (i) =>
        def.values(i).some((v) => cmp(rank(v), target) && (sameProject === undefined || ctx.db.issueById(v)?.projectId === sameProject)),
    };
  }

  const { items, empty } = operandItems(clause.operand);
  const resolved = items.flatMap((item) => def.resolve(item));
  const matchEmpty = empty || resolved.includes(EMPTY_MARK);
  const wanted = new Set(resolved.filter((r) => r !== EMPTY_MARK));
  const hits = (i: JiraIssue): boolean => {
    const values = def.values(i);
    if (values.length === 0) return matchEmpty;
    return values.some((v) => wanted.has(v));
  };
  if (op === '=' || op === 'IN') {
    const candidates = def.index && !matchEmpty ? def.index([...wanted]) : undefined;
    return { test: hits, candidates };
  }
  // != and NOT IN never match an empty field (unless EMPTY is listed), as in Jira.
  return {
    test: (i) => {
      const values = def.values(i);
      if (values.length === 0) return false;
      return !values.some((v) => wanted.has(v));
    },
  };
}

function unsupportedOperator(op: string, field: string): JqlError {
  return new JqlError(`The operator '${op}' is not supported by the '${field}' field.`);
}

function comparator(op: '>' | '>=' | '<' | '<='): (a: number, b: number) => boolean {
  switch (op) {
    case '>':
      return (a, b) => a > b;
    case '>=':
      return (a, b) => a >= b;
    case '<':
      return (a, b) => a < b;
    case '<=':
      return (a, b) => a <= b;
  }
}

// ---- dates -----------------------------------------------------------------------------------

function dateValue(issue: JiraIssue, field: string): number | null {
  const text = field === 'created' ? issue.created : field === 'updated' ? issue.updated : issue.resolutionDate;
  return text ? Date.parse(text) : null;
}

function resolveDate(operand: JqlOperand, field: string, ctx: JqlContext): number {
  if (operand.kind === 'function') {
    const ms = dateFunction(operand.name, operand.args, ctx.now);
    if (ms === undefined) throw unsupportedFunction(operand.name, field);
    return ms;
  }
  if (operand.kind !== 'value') throw new JqlError(`The field '${field}' expects a date, not a list.`);
  const ms = parseJqlDate(operand.text, ctx.now);
  if (ms === undefined) {
    throw new JqlError(
      `Date value '${operand.text}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
    );
  }
  return ms;
}

function compileDate(clause: JqlClause, field: string, ctx: JqlContext): Predicate {
  const op = clause.operator;
  if (op === 'IS' || op === 'IS NOT') return (i) => (dateValue(i, field) === null) === (op === 'IS');
  if (op === '~' || op === '!~') throw unsupportedOperator(op, field);
  if (op === 'IN' || op === 'NOT IN') {
    const { items, empty } = operandItems(clause.operand);
    const set = new Set(items.map((item) => resolveDate(item, field, ctx)));
    return (i) => {
      const v = dateValue(i, field);
      const inList = v === null ? empty : set.has(v);
      return op === 'IN' ? inList : v !== null && !inList;
    };
  }
  if (clause.operand.kind === 'empty') {
    return (i) => (dateValue(i, field) === null) === (op === '=');
  }
  const target = resolveDate(clause.operand, field, ctx);
  const cmp: (a: number, b: number) => boolean = op === '=' ? (a, b) => a === b : op === '!=' ? (a, b) => a !== b : comparator(op);
  return (i) => {
    const v = dateValue(i, field);
    return v !== null && cmp(v, target);
  };
}

// ---- text ------------------------------------------------------------------------------------

function compileText(clause: JqlClause, field: string): Predicate {
  const op = clause.operator;
  const text = (i: JiraIssue): string =>
    (field === 'summary' ? i.summary : field === 'description' ? (i.description ?? '') : `${i.summary} ${i.description ?? ''}`).toLowerCase();
  if (op === 'IS' || op === 'IS NOT') return (i) => (text(i).trim() === '') === (op === 'IS');
  if (op !== '~' && op !== '!~') throw unsupportedOperator(op, field);
  if (clause.operand.kind !== 'value') throw new JqlError(`The field '${field}' expects a text value.`);
  // Jira's `~` is a word search; every word must appear (a trailing * is a prefix wildcard).
  const words = clause.operand.text.toLowerCase().split(/\s+/).filter(Boolean).map((w) => w.replace(/\*$/, ''));
  const contains = (i: JiraIssue): boolean => {
    const t = text(i);
    return words.every((w) => t.includes(w));
  };
  return op === '~' ? contains : (i) => !contains(i);
}

// ---- issue properties ------------------------------------------------------------------------

/** Values at a property path, flattened and stringified the way Jira indexes them. */
function propertyValues(ctx: JqlContext, issue: JiraIssue, key: string, path: string[]): string[] {
  let current: unknown = ctx.db.state.properties[issue.id]?.[key];
  for (const step of path) {
    if (current === null || typeof current !== 'object') return [];
    current = Array.isArray(current) ? current.map((c) => (c as Record<string, unknown>)?.[step]) : (current as Record<string, unknown>)[step];
  }
  const flat = Array.isArray(current) ? current.flat() : [current];
  return flat.filter((v) => v !== undefined && v !== null && typeof v !== 'object').map((v) => String(v));
}

function compileProperty(clause: JqlClause, ref: JqlFieldRef & { kind: 'property' }, ctx: JqlContext): Predicate {
  const op = clause.operator;
  const values = (i: JiraIssue) => propertyValues(ctx, i, ref.key, ref.path);
  if (op === 'IS' || op === 'IS NOT') return (i) => (values(i).length === 0) === (op === 'IS');
  const { items, empty } = operandItems(clause.operand);
  const wanted = new Set(
    items.map((item) => {
      if (item.kind === 'function') throw unsupportedFunction(item.name, `issue.property[${ref.key}]`);
      return item.text;
    }),
  );
  if (op === '=' || op === 'IN') return (i) => { const v = values(i); return v.length === 0 ? empty : v.some((x) => wanted.has(x)); };
  if (op === '!=' || op === 'NOT IN') return (i) => { const v = values(i); return v.length > 0 && !v.some((x) => wanted.has(x)); };
  throw unsupportedOperator(op, `issue.property[${ref.key}]`);
}

// ---- history ---------------------------------------------------------------------------------

/**
 * `fixVersion CHANGED ...` over the issue's changelog. Jira records a fix-version edit as one
 * change group whose items each remove (from = id) or add (to = id) one version, so FROM/TO are
 * judged per change group: FROM x means the group removed x, TO y means it added y, FROM EMPTY /
 * TO EMPTY mean it removed / added nothing. Date and BY predicates apply to the group's time and author.
 */
function compileChanged(node: JqlChanged, ctx: JqlContext): Predicate {
  const field = canonicalField(node.field);
  if (field !== 'fixVersion') throw new JqlError(`History searches are not supported for the '${field}' field.`);
  interface Group { removed: string[]; added: string[]; at: number; author: string }
  type GroupTest = (g: Group) => boolean;
  const tests: GroupTest[] = node.predicates.map((p): GroupTest => {
    switch (p.name) {
      case 'FROM':
      case 'TO': {
        const { items, empty } = operandItems(p.operand);
        const ids = new Set(items.flatMap((item) => resolveVersions(item, ctx)));
        const side = p.name === 'FROM' ? 'removed' : 'added';
        return (g) => (g[side].length === 0 ? empty : g[side].some((id) => ids.has(id)));
      }
      case 'AFTER': {
        const t = resolveDate(p.operand, 'fixVersion', ctx);
        return (g) => g.at > t;
      }
      case 'BEFORE': {
        const t = resolveDate(p.operand, 'fixVersion', ctx);
        return (g) => g.at < t;
      }
      case 'ON': {
        const t = resolveDate(p.operand, 'fixVersion', ctx);
        return (g) => g.at >= t && g.at < t + 86400000;
      }
      case 'DURING': {
        const list = p.operand.kind === 'list' ? p.operand.items : [];
        const [start, end] = list.map((o) => resolveDate(o, 'fixVersion', ctx));
        return (g) => g.at >= start! && g.at <= end!;
      }
      case 'BY': {
        const { items } = operandItems(p.operand);
        const users = new Set(items.flatMap((item) => userResolver(ctx, 'BY')(item)));
        return (g) => users.has(g.author);
      }
    }
  });
  return (issue) =>
    issue.changelog.some((entry) => {
      const items = entry.items.filter((item) => item.fieldId === 'fixVersions');
      if (items.length === 0) return false;
      const group: Group = {
        removed: items.flatMap((i) => (i.from ? [i.from] : [])),
        added: items.flatMap((i) => (i.to ? [i.to] : [])),
        at: Date.parse(entry.created),
        author: entry.authorAccountId,
      };
      return tests.every((t) => t(group));
    });
}

// ---- ORDER BY --------------------------------------------------------------------------------

type SortKey = (issue: JiraIssue) => string | number | null;

function sortKey(sort: JqlSort, ctx: JqlContext): SortKey {
  const field = canonicalField(sort.field);
  switch (field) {
    case 'key':
      return (i) => Number(i.id);
    case 'created':
    case 'updated':
    case 'resolutiondate':
      return (i) => dateValue(i, field);
    case 'priority':
      return (i) => -(priorityById(i.priorityId)?.rank ?? 99);
    case 'status':
      return (i) => statusById(i.statusId)?.name.toLowerCase() ?? null;
    case 'statusCategory':
      return (i) => ['new', 'indeterminate', 'done'].indexOf(statusById(i.statusId)?.category ?? 'new');
    case 'issuetype':
      return (i) => issueTypeById(i.issueTypeId)?.name.toLowerCase() ?? null;
    case 'summary':
      return (i) => i.summary.toLowerCase();
    case 'project':
      return (i) => ctx.db.projectById(i.projectId)?.key ?? null;
    case 'fixVersion':
      return (i) => {
        const seqs = i.fixVersionIds.map((id) => ctx.db.version(id)?.sequence ?? 0);
        return seqs.length ? Math.min(...seqs) : null;
      };
    case 'assignee':
    case 'reporter':
      return (i) => {
        const id = field === 'assignee' ? i.assigneeAccountId : i.reporterAccountId;
        return LOCAL_USERS.find((u) => u.accountId === id)?.displayName.toLowerCase() ?? null;
      };
    case 'resolution':
      return (i) => i.resolutionId;
    default:
      throw new JqlError(`Not able to sort using field '${sort.field.kind === 'field' ? sort.field.name : field}'.`);
  }
}

function compileSort(orderBy: JqlSort[], ctx: JqlContext): (a: JiraIssue, b: JiraIssue) => number {
  // With no ORDER BY, newest key first; every sort ends with the key so pages are stable.
  const keys = orderBy.map((s) => ({ key: sortKey(s, ctx), dir: s.direction === 'DESC' ? -1 : 1 }));
  const fallbackDir = orderBy.length ? 1 : -1;
  return (a, b) => {
    for (const { key, dir } of keys) {
      const x = key(a);
      const y = key(b);
      if (x === y) continue;
      // Empty values sort last whichever the direction, as Jira lists unset fields at the end.
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * dir;
    }
    return (Number(a.id) - Number(b.id)) * fallbackDir;
  };
}
