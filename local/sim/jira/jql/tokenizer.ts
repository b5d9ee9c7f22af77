import { syntaxError } from './errors';

export type TokenKind = 'word' | 'string' | 'op' | 'lparen' | 'rparen' | 'comma' | 'lbracket' | 'rbracket' | 'eof';

export interface Token {
  kind: TokenKind;
  /** For strings, the unquoted, unescaped text; otherwise the source text. */
  text: string;
  /** 0-based offset of the token's first character. */
  pos: number;
}

// Characters that may appear in an unquoted word: field names, keys like PAY-12, dates like
// 2024-05-01, relative dates like -7d, accountIds like 712020:abc, and dotted property paths.
const WORD_CHAR = /[A-Za-z0-9_.\-:/@+*$#]/;
const OPERATORS = ['!=', '>=', '<=', '!~', '&&', '||', '=', '~', '>', '<', '!'];

/** Splits a JQL string into tokens; unterminated strings and stray characters are syntax errors. */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    const single: Partial<Record<string, TokenKind>> = { '(': 'lparen', ')': 'rparen', ',': 'comma', '[': 'lbracket', ']': 'rbracket' };
    const kind = single[ch];
    if (kind) {
      tokens.push({ kind, text: ch, pos: i });
      i += 1;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const start = i;
      let text = '';
      i += 1;
      while (i < input.length && input[i] !== ch) {
        // Backslash escapes the next character (quotes, backslash), as in Jira.
        if (input[i] === '\\' && i + 1 < input.length) i += 1;
        text += input[i];
        i += 1;
      }
      if (i >= input.length) {
        throw syntaxError(`The quoted string '${text}' has not been completed.`, start);
      }
      i += 1;
      tokens.push({ kind: 'string', text, pos: start });
      continue;
    }
    const op = OPERATORS.find((o) => input.startsWith(o, i));
    // Operators are tried longest first, so '!=' wins over '!' (which alone means NOT).
    if (op) {
      tokens.push({ kind: 'op', text: op, pos: i });
      i += op.length;
      continue;
    }
    if (WORD_CHAR.test(ch)) {
      const start = i;
      while (i < input.length && WORD_CHAR.test(input[i]!)) i += 1;
      tokens.push({ kind: 'word', text: input.slice(start, i), pos: start });
      continue;
    }
    throw syntaxError(`The character '${ch}' is a reserved JQL character. You must enclose it in a string or use the escape '\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}' instead.`, i);
  }
  tokens.push({ kind: 'eof', text: '', pos: input.length });
  return tokens;
}
