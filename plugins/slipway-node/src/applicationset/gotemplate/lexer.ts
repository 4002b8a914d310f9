/**
 * Tokenizer for the subset of Go's text/template syntax that ApplicationSet
 * templates use: text, `{{ }}` actions with `{{-`/`-}}` trim markers,
 * comments, fields, variables, literals, pipes and parentheses.
 */

export type TokenKind =
  | 'text'
  | 'open' // {{
  | 'close' // }}
  | 'field' // .a or .a.b (value holds the names joined by '.'; '' for bare dot)
  | 'variable' // $ or $x, optionally followed by .fields (value holds "$x.a.b")
  | 'ident'
  | 'string'
  | 'number'
  | 'char'
  | 'pipe'
  | 'lparen'
  | 'rparen'
  | 'declare' // :=
  | 'assign' // =
  | 'comma'
  | 'fieldChain' // .a.b following a ')' (chained access on a parenthesised value)
  | 'eof';

export interface Token {
  kind: TokenKind;
  value: string;
  /** 1-based line and column of the token in the template text. */
  line: number;
  col: number;
}

/** A template syntax error, with its position. */
export class TemplateSyntaxError extends Error {}

const SPACE = /\s/;
const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;

function position(src: string, offset: number): { line: number; col: number } {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < src.length; i++) {
    if (src[i] === '\n') {
      line++;
      col = 1;
    } else {
      col++;
    }
  }
  return { line, col };
}

/** Splits a template into tokens; throws TemplateSyntaxError on malformed input. */
export function lex(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, value: string, at: number) => {
    const { line, col } = position(src, at);
    tokens.push({ kind, value, line, col });
  };
  const fail = (message: string, at: number): never => {
    const { line, col } = position(src, at);
    throw new TemplateSyntaxError(`${line}:${col}: ${message}`);
  };

  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) {
      push('text', src.slice(i), i);
      break;
    }
    let text = src.slice(i, open);
    let p = open + 2;
    const trimLeft = src[p] === '-' && SPACE.test(src[p + 1] ?? '');
    if (trimLeft) {
      text = text.replace(/\s+$/, '');
      p += 2;
    }
    if (text) push('text', text, i);

    // Comments: {{/* ... */}} (with optional trim markers).
    let q = p;
    while (SPACE.test(src[q] ?? '')) q++;
    if (src.startsWith('/*', q)) {
      const end = src.indexOf('*/', q + 2);
      if (end < 0) fail('unclosed comment', q);
      let after = end + 2;
      let trimRight = false;
      if (src.startsWith(' -}}', after)) {
        trimRight = true;
        after += 4;
      } else if (src.startsWith('}}', after)) {
        after += 2;
      } else {
        fail('comment ends before closing delimiter', after);
      }
      i = after;
      if (trimRight) while (i < src.length && SPACE.test(src[i])) i++;
      continue;
    }

    push('open', '{{', open);
    // Inside the action.
    for (;;) {
      if (p >= src.length) fail('unclosed action', open);
      const c = src[p];
      if (c === '-' && src.startsWith('-}}', p) && SPACE.test(src[p - 1])) {
        push('close', '}}', p);
        p += 3;
        while (p < src.length && SPACE.test(src[p])) p++;
        break;
      }
      if (src.startsWith('}}', p)) {
        push('close', '}}', p);
        p += 2;
        break;
      }
      if (SPACE.test(c)) {
        p++;
        continue;
      }
      const start = p;
      if (c === '|') {
        push('pipe', '|', p++);
      } else if (c === '(') {
        push('lparen', '(', p++);
      } else if (c === ')') {
        push('rparen', ')', p++);
        if (src[p] === '.' && IDENT_START.test(src[p + 1] ?? '')) {
          const m = /^(\.[A-Za-z_][A-Za-z0-9_]*)+/.exec(src.slice(p))!;
          push('fieldChain', m[0].slice(1), p);
          p += m[0].length;
        }
      } else if (c === ',') {
        push('comma', ',', p++);
      } else if (c === ':' && src[p + 1] === '=') {
        push('declare', ':=', p);
        p += 2;
      } else if (c === '=') {
        push('assign', '=', p++);
      } else if (c === '"') {
        p++;
        let value = '';
        for (;;) {
          if (p >= src.length || src[p] === '\n')
            fail('unterminated quoted string', start);
          const ch = src[p];
          if (ch === '"') {
            p++;
            break;
          }
          if (ch === '\\') {
            const e = src[p + 1];
            const map: Record<string, string> = {
              n: '\n',
              t: '\t',
              r: '\r',
              '\\': '\\',
              '"': '"',
              "'": "'",
              '0': '\0',
              a: '\x07',
              b: '\b',
              f: '\f',
              v: '\v',
            };
            if (e === 'x' || e === 'u' || e === 'U') {
              const len = { x: 2, u: 4, U: 8 }[e];
              const hex = src.slice(p + 2, p + 2 + len);
              if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len)
                fail('bad escape in string', p);
              value += String.fromCodePoint(parseInt(hex, 16));
              p += 2 + len;
              continue;
            }
            if (!(e in map)) fail(`unknown escape sequence \\${e}`, p);
            value += map[e];
            p += 2;
            continue;
          }
          value += ch;
          p++;
        }
        push('string', value, start);
      } else if (c === '`') {
        const end = src.indexOf('`', p + 1);
        if (end < 0) fail('unterminated raw quoted string', p);
        push('string', src.slice(p + 1, end), p);
        p = end + 1;
      } else if (c === "'") {
        const m = /^'(\\.|[^\\'])'/.exec(src.slice(p));
        if (!m) fail('malformed character constant', p);
        const body = m![1];
        const ch =
          body.length === 2
            ? (
                { n: '\n', t: '\t', '\\': '\\', "'": "'" } as Record<
                  string,
                  string
                >
              )[body[1]] ?? body[1]
            : body;
        push('char', String(ch.codePointAt(0)), p);
        p += m![0].length;
      } else if (c === '.' && !/[0-9]/.test(src[p + 1] ?? '')) {
        const m = /^(\.[A-Za-z_][A-Za-z0-9_]*)+/.exec(src.slice(p));
        if (m) {
          push('field', m[0].slice(1), p);
          p += m[0].length;
        } else {
          push('field', '', p);
          p++;
        }
      } else if (c === '$') {
        const m = /^\$[A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(
          src.slice(p),
        )!;
        push('variable', m[0], p);
        p += m[0].length;
      } else if (/[0-9+\-.]/.test(c)) {
        const m =
          /^[+-]?(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(\d[\d_]*)?\.?\d*([eE][+-]?\d+)?)/.exec(
            src.slice(p),
          );
        if (!m || !m[0] || m[0] === '+' || m[0] === '-' || m[0] === '.')
          fail(`unexpected "${c}" in action`, p);
        push('number', m![0], p);
        p += m![0].length;
      } else if (IDENT_START.test(c)) {
        let e = p + 1;
        while (e < src.length && IDENT_PART.test(src[e])) e++;
        push('ident', src.slice(p, e), p);
        p = e;
      } else {
        fail(`unexpected "${c}" in action`, p);
      }
    }
    i = p;
  }
  push('eof', '', src.length);
  return tokens;
}
