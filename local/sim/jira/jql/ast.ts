/** The parsed form of a JQL query. Positions are 0-based offsets into the query text. */

export interface JqlQuery {
  /** Undefined for a query with no search restriction (only ORDER BY, or empty). */
  where?: JqlNode;
  orderBy: JqlSort[];
}

export interface JqlSort {
  field: JqlFieldRef;
  direction: 'ASC' | 'DESC';
}

export type JqlNode =
  | { kind: 'and'; items: JqlNode[] }
  | { kind: 'or'; items: JqlNode[] }
  | { kind: 'not'; item: JqlNode }
  | JqlClause
  | JqlChanged;

export type JqlFieldRef =
  | { kind: 'field'; name: string; pos: number }
  /** `issue.property[key].a.b` */
  | { kind: 'property'; key: string; path: string[]; pos: number };

export type JqlOperator = '=' | '!=' | '~' | '!~' | '>' | '>=' | '<' | '<=' | 'IN' | 'NOT IN' | 'IS' | 'IS NOT';

export interface JqlClause {
  kind: 'clause';
  field: JqlFieldRef;
  operator: JqlOperator;
  operand: JqlOperand;
}

/** `field CHANGED [FROM x] [TO y] [AFTER d] [BEFORE d] [ON d] [DURING (d1, d2)] [BY user]` */
export interface JqlChanged {
  kind: 'changed';
  field: JqlFieldRef;
  predicates: JqlChangedPredicate[];
}

export interface JqlChangedPredicate {
  name: 'FROM' | 'TO' | 'AFTER' | 'BEFORE' | 'ON' | 'DURING' | 'BY';
  operand: JqlOperand;
}

export type JqlOperand =
  | { kind: 'value'; text: string; quoted: boolean; pos: number }
  | { kind: 'empty'; pos: number }
  | { kind: 'function'; name: string; args: string[]; pos: number }
  | { kind: 'list'; items: JqlOperand[]; pos: number };
