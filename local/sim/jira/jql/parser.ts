import type { JqlChangedPredicate, JqlFieldRef, JqlNode, JqlOperand, JqlOperator, JqlQuery, JqlSort } from './ast';
import { JqlError, syntaxError } from './errors';
import { tokenize, type Token } from './tokenizer';

/** Words with a meaning in JQL; as values they must be quoted, as in Jira. */
const RESERVED = new Set(['and', 'or', 'not', 'in', 'is', 'empty', 'null', 'order', 'by', 'asc', 'desc', 'changed', 'was']);
const CHANGED_PREDICATES = new Set(['FROM', 'TO', 'AFTER', 'BEFORE', 'ON', 'DURING', 'BY']);
const VALID_OPERATORS = "'=', '!=', '~', '!~', '<', '>', '<=', '>=', 'in', 'not in', 'is', 'is not', 'changed'";

/**
 * Parses JQL by recursive descent: OR binds loosest, then AND, then NOT; parentheses group.
 * Throws JqlError with Jira's wording and the position of the offending token.
 */
export function parseJql(input: string): JqlQuery {
  return new Parser(tokenize(input)).parseQuery();
}

class Parser {
  private i = 0;

  constructor(private readonly tokens: Token[]) {}

  parseQuery(): JqlQuery {
    let where: JqlNode | undefined;
    if (!this.atEnd() && !this.isWord('order')) where = this.parseOr();
    const orderBy = this.isWord('order') ? this.parseOrderBy() : [];
    if (!this.atEnd()) {
      const t = this.peek();
      throw syntaxError(`Expecting either 'OR' or 'AND' but got '${t.text}'.`, t.pos);
    }
    return where ? { where, orderBy } : { orderBy };
  }

  private parseOr(): JqlNode {
    const items = [this.parseAnd()];
    while (this.isWord('or') || this.isOp('||')) {
      this.i += 1;
      items.push(this.parseAnd());
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  private parseAnd(): JqlNode {
    const items = [this.parseNot()];
    while (this.isWord('and') || this.isOp('&&')) {
      this.i += 1;
      items.push(this.parseNot());
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  private parseNot(): JqlNode {
    if (this.isWord('not') || this.isOp('!')) {
      this.i += 1;
      return { kind: 'not', item: this.parseNot() };
    }
    if (this.peek().kind === 'lparen') {
      this.i += 1;
      const inner = this.parseOr();
      this.expect('rparen', ')');
      return inner;
    }
    return this.parseClause();
  }

  private parseClause(): JqlNode {
    const field = this.parseField();
    const t = this.peek();
    if (t.kind === 'op') {
      const op = t.text;
      if (op === '!' || op === '&&' || op === '||') throw this.unexpected(`Expecting operator but got '${op}'. Valid operators are ${VALID_OPERATORS}.`);
      this.i += 1;
      return { kind: 'clause', field, operator: op as JqlOperator, operand: this.parseOperand() };
    }
    if (this.isWord('in')) {
      this.i += 1;
      return { kind: 'clause', field, operator: 'IN', operand: this.parseList() };
    }
    if (this.isWord('not')) {
      this.i += 1;
      if (!this.isWord('in')) throw this.unexpected("Expecting 'in' after 'not'");
      this.i += 1;
      return { kind: 'clause', field, operator: 'NOT IN', operand: this.parseList() };
    }
    if (this.isWord('is')) {
      this.i += 1;
      let operator: JqlOperator = 'IS';
      if (this.isWord('not')) {
        this.i += 1;
        operator = 'IS NOT';
      }
      const v = this.peek();
      if (!(this.isWord('empty') || this.isWord('null'))) throw this.unexpected("Expecting 'EMPTY' or 'NULL'");
      this.i += 1;
      return { kind: 'clause', field, operator, operand: { kind: 'empty', pos: v.pos } };
    }
    if (this.isWord('changed')) {
      this.i += 1;
      return { kind: 'changed', field, predicates: this.parseChangedPredicates() };
    }
    throw this.unexpected(`Expecting operator but got '${t.text}'. Valid operators are ${VALID_OPERATORS}.`, `Expecting operator before the end of the query. Valid operators are ${VALID_OPERATORS}.`);
  }

  private parseChangedPredicates(): JqlChangedPredicate[] {
    const predicates: JqlChangedPredicate[] = [];
    for (;;) {
      const t = this.peek();
      const name = t.kind === 'word' ? t.text.toUpperCase() : '';
      if (!CHANGED_PREDICATES.has(name)) return predicates;
      this.i += 1;
      if (name === 'DURING') {
        const list = this.parseList();
        if (list.kind !== 'list' || list.items.length !== 2) throw syntaxError("DURING expects a list of two dates, like DURING ('2024-01-01', '2024-02-01').", t.pos);
        predicates.push({ name: 'DURING', operand: list });
      } else {
        predicates.push({ name: name as JqlChangedPredicate['name'], operand: this.parseOperand() });
      }
    }
  }

  private parseField(): JqlFieldRef {
    const t = this.peek();
    if (t.kind !== 'word' && t.kind !== 'string') {
      throw this.unexpected(`Expecting a field name but got '${t.text}'.`, 'Expecting a field name before the end of the query.');
    }
    if (t.kind === 'word' && RESERVED.has(t.text.toLowerCase())) {
      throw syntaxError(`Expecting a field name but got '${t.text}'. You must surround '${t.text}' in quotation marks to use it as a field name.`, t.pos);
    }
    this.i += 1;
    if (t.kind === 'word' && t.text.toLowerCase() === 'issue.property') {
      this.expect('lbracket', '[');
      const key = this.peek();
      if (key.kind !== 'word' && key.kind !== 'string') throw this.unexpected('Expecting a property key.');
      this.i += 1;
      this.expect('rbracket', ']');
      const pathTok = this.peek();
      let path: string[] = [];
      // The path arrives as one word token like ".qa.build" because '.' is a word character.
      if (pathTok.kind === 'word' && pathTok.text.startsWith('.')) {
        this.i += 1;
        path = pathTok.text.slice(1).split('.');
        if (path.some((p) => p === '')) throw syntaxError(`The property path '${pathTok.text}' is not valid.`, pathTok.pos);
      }
      return { kind: 'property', key: key.text, path, pos: t.pos };
    }
    return { kind: 'field', name: t.text, pos: t.pos };
  }

  /** A single value, EMPTY/NULL, or a function call. */
  private parseOperand(): JqlOperand {
    const t = this.peek();
    if (t.kind === 'string') {
      this.i += 1;
      return { kind: 'value', text: t.text, quoted: true, pos: t.pos };
    }
    if (t.kind === 'word') {
      const lower = t.text.toLowerCase();
      if (lower === 'empty' || lower === 'null') {
        this.i += 1;
        return { kind: 'empty', pos: t.pos };
      }
      if (RESERVED.has(lower)) {
        throw syntaxError(`Expecting either a value, list or function but got '${t.text}'. You must surround '${t.text}' in quotation marks to use it as a value.`, t.pos);
      }
      this.i += 1;
      if (this.peek().kind === 'lparen') return this.parseFunction(t);
      return { kind: 'value', text: t.text, quoted: false, pos: t.pos };
    }
    throw this.unexpected(`Expecting either a value, list or function but got '${t.text}'.`, 'Expecting either a value, list or function before the end of the query.');
  }

  private parseFunction(nameTok: Token): JqlOperand {
    this.expect('lparen', '(');
    const args: string[] = [];
    if (this.peek().kind !== 'rparen') {
      for (;;) {
        const a = this.peek();
        if (a.kind !== 'word' && a.kind !== 'string') throw this.unexpected(`Expecting a function argument but got '${a.text}'.`);
        args.push(a.text);
        this.i += 1;
        if (this.peek().kind !== 'comma') break;
        this.i += 1;
      }
    }
    this.expect('rparen', ')');
    return { kind: 'function', name: nameTok.text, args, pos: nameTok.pos };
  }

  private parseList(): JqlOperand {
    const open = this.peek();
    if (open.kind !== 'lparen') {
      // `IN` also accepts a single function returning a list, e.g. `fixVersion in unreleasedVersions()`.
      const single = this.parseOperand();
      if (single.kind === 'function') return single;
      throw syntaxError(`Expecting '(' but got '${open.text}'.`, open.pos);
    }
    this.i += 1;
    const items: JqlOperand[] = [];
    for (;;) {
      items.push(this.parseOperand());
      if (this.peek().kind !== 'comma') break;
      this.i += 1;
    }
    this.expect('rparen', ')');
    return { kind: 'list', items, pos: open.pos };
  }

  private parseOrderBy(): JqlSort[] {
    this.i += 1; // ORDER
    if (!this.isWord('by')) throw this.unexpected("Expecting 'by' after 'order'");
    this.i += 1;
    const sorts: JqlSort[] = [];
    for (;;) {
      const field = this.parseField();
      let direction: 'ASC' | 'DESC' = 'ASC';
      if (this.isWord('asc') || this.isWord('desc')) {
        direction = this.peek().text.toUpperCase() as 'ASC' | 'DESC';
        this.i += 1;
      }
      sorts.push({ field, direction });
      if (this.peek().kind !== 'comma') break;
      this.i += 1;
    }
    return sorts;
  }

  // ---- token helpers ---------------------------------------------------------------------------

  private peek(): Token {
    return this.tokens[this.i]!;
  }

  private atEnd(): boolean {
    return this.peek().kind === 'eof';
  }

  private isWord(lower: string): boolean {
    const t = this.peek();
    return t.kind === 'word' && t.text.toLowerCase() === lower;
  }

  private isOp(op: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.text === op;
  }

  private expect(kind: Token['kind'], text: string): void {
    const t = this.peek();
    if (t.kind !== kind) throw this.unexpected(`Expecting '${text}' but got '${t.text}'.`, `Expecting '${text}' before the end of the query.`);
    this.i += 1;
  }

  /** Jira words errors at the end of the query differently: no token, no position. */
  private unexpected(message: string, atEndMessage?: string): JqlError {
    const t = this.peek();
    if (t.kind === 'eof') return new JqlError(`Error in the JQL Query: ${atEndMessage ?? message.replace(/ but got ''\.?/, ' before the end of the query.')}`);
    return syntaxError(message, t.pos);
  }
}
