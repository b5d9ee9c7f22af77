/**
 * Evaluation of the conditions @forge/kvs sends: `where` (range) clauses, filter lists joined by
 * `and`/`or`, and transaction conditions (same shape as filters). Pure functions.
 */

/** The condition names @forge/kvs's WhereConditions / FilterConditions produce. */
export type ConditionName =
  | 'BEGINS_WITH'
  | 'BETWEEN'
  | 'CONTAINS'
  | 'NOT_CONTAINS'
  | 'EQUAL_TO'
  | 'NOT_EQUAL_TO'
  | 'EXISTS'
  | 'NOT_EXISTS'
  | 'GREATER_THAN'
  | 'GREATER_THAN_EQUAL_TO'
  | 'LESS_THAN'
  | 'LESS_THAN_EQUAL_TO';

export const CONDITION_NAMES: readonly ConditionName[] = [
  'BEGINS_WITH',
  'BETWEEN',
  'CONTAINS',
  'NOT_CONTAINS',
  'EQUAL_TO',
  'NOT_EQUAL_TO',
  'EXISTS',
  'NOT_EXISTS',
  'GREATER_THAN',
  'GREATER_THAN_EQUAL_TO',
  'LESS_THAN',
  'LESS_THAN_EQUAL_TO',
];

/** Conditions allowed in an index range (`where`), a subset of the filter conditions. */
export const RANGE_CONDITION_NAMES: readonly ConditionName[] = [
  'BEGINS_WITH',
  'BETWEEN',
  'EQUAL_TO',
  'GREATER_THAN',
  'GREATER_THAN_EQUAL_TO',
  'LESS_THAN',
  'LESS_THAN_EQUAL_TO',
];

export interface Condition {
  condition: ConditionName;
  values: unknown[];
}

export interface PropertyCondition extends Condition {
  property: string;
}

/** `{ and: [...] }` or `{ or: [...] }` as @forge/kvs builds them from a Filter. */
export interface ConditionGroup {
  and?: PropertyCondition[];
  or?: PropertyCondition[];
}

/**
 * Orders two stored values: numbers numerically, strings by code unit, booleans false < true.
 * Values of different types are not comparable (undefined), so a range never matches across types.
 */
export function compareValues(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return undefined;
}

/**
 * True when `value` (undefined = attribute missing) satisfies the condition. A missing attribute
 * only satisfies NOT_EXISTS and NOT_EQUAL_TO, the way a document store treats an absent field.
 */
export function matchesCondition(value: unknown, cond: Condition): boolean {
  const [first, second] = cond.values;
  const present = value !== undefined && value !== null;
  switch (cond.condition) {
    case 'EXISTS':
      return present;
    case 'NOT_EXISTS':
      return !present;
    case 'NOT_EQUAL_TO':
      return !present || compareValues(value, first) !== 0;
    default:
      break;
  }
  if (!present) return false;
  const cmp = compareValues(value, first);
  switch (cond.condition) {
    case 'EQUAL_TO':
      return cmp === 0;
    case 'GREATER_THAN':
      return cmp !== undefined && cmp > 0;
    case 'GREATER_THAN_EQUAL_TO':
      return cmp !== undefined && cmp >= 0;
    case 'LESS_THAN':
      return cmp !== undefined && cmp < 0;
    case 'LESS_THAN_EQUAL_TO':
      return cmp !== undefined && cmp <= 0;
    case 'BETWEEN': {
      const high = compareValues(value, second);
      return cmp !== undefined && high !== undefined && cmp >= 0 && high <= 0;
    }
    case 'BEGINS_WITH':
      return typeof value === 'string' && typeof first === 'string' && value.startsWith(first);
    case 'CONTAINS':
      return containsValue(value, first);
    case 'NOT_CONTAINS':
      return !containsValue(value, first);
  }
}

function containsValue(haystack: unknown, needle: unknown): boolean {
  if (typeof haystack === 'string') return typeof needle === 'string' && haystack.includes(needle);
  if (Array.isArray(haystack)) return haystack.some((item) => compareValues(item, needle) === 0);
  return false;
}

/** Reads an attribute of an entity value (undefined when the value has no such attribute). */
function attributeOf(value: unknown, property: string): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  return (value as Record<string, unknown>)[property];
}

/**
 * True when an entity value satisfies a filter group. `value` undefined means "no such item":
 * every attribute is then missing, so only NOT_EXISTS-style conditions hold.
 */
export function matchesGroup(value: unknown, group: ConditionGroup): boolean {
  if (group.and && group.and.length > 0) return group.and.every((c) => matchesCondition(attributeOf(value, c.property), c));
  if (group.or && group.or.length > 0) return group.or.some((c) => matchesCondition(attributeOf(value, c.property), c));
  return true;
}
