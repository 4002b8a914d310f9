/**
 * Source-level adaptation of Lua 5.1 scripts (Argo CD runs health scripts on
 * gopher-lua, a Lua 5.1 VM) for a Lua 5.4 VM.
 *
 * Lua 5.4 numbers have an integer and a float subtype, and the `..`
 * operator turns a float with an integral value into `"2.0"`, where Lua 5.1
 * (and gopher-lua, whose numbers are all float64) gives `"2"`. The operator
 * cannot be hooked from Lua, so every `..` chain is rewritten into a call of
 * a helper (`__slipway_concat(a, b, ...)`) that formats numbers the way gopher-lua
 * does. The rewrite keeps every line break where it was, so error messages
 * still name the script's own line numbers.
 *
 * The parser follows the Lua 5.1 grammar only as far as needed to find the
 * operands of `..` (precedence climbing with Lua's own priorities). A source
 * it cannot parse is returned unchanged: the Lua VM then reports the syntax
 * error itself.
 */

/** Name of the helper that the rewritten source calls for `a .. b`. */
export const CONCAT_HELPER = '__slipway_concat';

/** Name given to identifiers spelled `goto` (a plain name in Lua 5.1, a keyword in 5.4). */
export const GOTO_NAME = '__slipway_goto';

type TokenType = 'name' | 'keyword' | 'number' | 'string' | 'op' | 'eof';

interface Token {
  type: TokenType;
  value: string;
  start: number;
  end: number;
}

const KEYWORDS = new Set([
  'and',
  'break',
  'do',
  'else',
  'elseif',
  'end',
  'false',
  'for',
  'function',
  'if',
  'in',
  'local',
  'nil',
  'not',
  'or',
  'repeat',
  'return',
  'then',
  'true',
  'until',
  'while',
]);

const OPERATORS = [
  '...',
  '..',
  '==',
  '~=',
  '<=',
  '>=',
  '::',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '#',
  '<',
  '>',
  '=',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  ';',
  ':',
  ',',
  '.',
];

class LuaSyntaxError extends Error {}

function longBracketLevel(src: string, at: number): number {
  // at points at '['; returns the level of `[==[`, or -1 when it is no long bracket
  let i = at + 1;
  let level = 0;
  while (src[i] === '=') {
    level++;
    i++;
  }
  return src[i] === '[' ? level : -1;
}

function skipLongBracket(src: string, at: number, level: number): number {
  const close = `]${'='.repeat(level)}]`;
  const end = src.indexOf(close, at + level + 2);
  if (end < 0) throw new LuaSyntaxError('unfinished long string or comment');
  return end + close.length;
}

/** Splits Lua 5.1 source into tokens (comments and blanks dropped). */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = src.length;
  // A first line starting with '#' (a shebang) is skipped by Lua's loader.
  if (src.startsWith('#')) {
    while (i < n && src[i] !== '\n') i++;
  }
  while (i < n) {
    const c = src[i];
    if (
      c === ' ' ||
      c === '\t' ||
      c === '\r' ||
      c === '\n' ||
      c === '\f' ||
      c === '\v'
    ) {
      i++;
      continue;
    }
    if (c === '-' && src[i + 1] === '-') {
      if (src[i + 2] === '[') {
        const level = longBracketLevel(src, i + 2);
        if (level >= 0) {
          i = skipLongBracket(src, i + 2, level);
          continue;
        }
      }
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    const start = i;
    if (/[A-Za-z_]/.test(c)) {
      while (i < n && /[A-Za-z0-9_]/.test(src[i])) i++;
      const word = src.slice(start, i);
      tokens.push({
        type: KEYWORDS.has(word) ? 'keyword' : 'name',
        value: word,
        start,
        end: i,
      });
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      if (c === '0' && (src[i + 1] === 'x' || src[i + 1] === 'X')) {
        i += 2;
        while (i < n && /[0-9A-Fa-f.pP]/.test(src[i])) {
          if (
            (src[i] === 'p' || src[i] === 'P') &&
            (src[i + 1] === '+' || src[i + 1] === '-')
          )
            i++;
          i++;
        }
      } else {
        while (i < n && /[0-9.eE]/.test(src[i])) {
          if (
            (src[i] === 'e' || src[i] === 'E') &&
            (src[i + 1] === '+' || src[i + 1] === '-')
          )
            i++;
          i++;
        }
      }
      // Lua reads a number as the longest run of alphanumerics
      while (i < n && /[A-Za-z0-9_]/.test(src[i])) i++;
      tokens.push({
        type: 'number',
        value: src.slice(start, i),
        start,
        end: i,
      });
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      while (i < n && src[i] !== c) {
        if (src[i] === '\\') i++;
        else if (src[i] === '\n') throw new LuaSyntaxError('unfinished string');
        i++;
      }
      if (i >= n) throw new LuaSyntaxError('unfinished string');
      i++;
      tokens.push({
        type: 'string',
        value: src.slice(start, i),
        start,
        end: i,
      });
      continue;
    }
    if (c === '[') {
      const level = longBracketLevel(src, i);
      if (level >= 0) {
        i = skipLongBracket(src, i, level);
        tokens.push({
          type: 'string',
          value: src.slice(start, i),
          start,
          end: i,
        });
        continue;
      }
    }
    const at = i;
    const op = OPERATORS.find(o => src.startsWith(o, at));
    if (!op) throw new LuaSyntaxError(`unexpected symbol '${c}'`);
    i += op.length;
    tokens.push({ type: 'op', value: op, start, end: i });
  }
  tokens.push({ type: 'eof', value: '<eof>', start: n, end: n });
  return tokens;
}

/** One binary `..`: its two operands and the operator, as source offsets. */
interface Concat {
  leftStart: number;
  leftEnd: number;
  opStart: number;
  opEnd: number;
  rightStart: number;
  rightEnd: number;
}

// Lua 5.1's operator priorities (lparser.c): [left, right]
const BINARY_PRIORITY: Record<string, [number, number]> = {
  '+': [6, 6],
  '-': [6, 6],
  '*': [7, 7],
  '/': [7, 7],
  '%': [7, 7],
  '^': [10, 9],
  '..': [5, 4],
  '==': [3, 3],
  '~=': [3, 3],
  '<': [3, 3],
  '<=': [3, 3],
  '>': [3, 3],
  '>=': [3, 3],
  and: [2, 2],
  or: [1, 1],
};
const UNARY_PRIORITY = 8;

class Parser {
  private pos = 0;
  readonly concats: Concat[] = [];
  readonly gotoNames: Token[] = [];

  constructor(private readonly tokens: Token[]) {}

  private get tok(): Token {
    return this.tokens[this.pos];
  }

  private peek(offset = 1): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }

  private is(value: string): boolean {
    const t = this.tok;
    return (t.type === 'op' || t.type === 'keyword') && t.value === value;
  }

  private next(): Token {
    const t = this.tok;
    if (t.type !== 'eof') this.pos++;
    return t;
  }

  private expect(value: string): Token {
    if (!this.is(value)) {
      throw new LuaSyntaxError(`'${value}' expected near '${this.tok.value}'`);
    }
    return this.next();
  }

  private name(): Token {
    if (this.tok.type !== 'name') {
      throw new LuaSyntaxError(`<name> expected near '${this.tok.value}'`);
    }
    const t = this.next();
    if (t.value === 'goto') this.gotoNames.push(t);
    return t;
  }

  private lastEnd(): number {
    return this.tokens[this.pos - 1]?.end ?? 0;
  }

  chunk(): void {
    this.block();
    if (this.tok.type !== 'eof') {
      throw new LuaSyntaxError(`'<eof>' expected near '${this.tok.value}'`);
    }
  }

  private blockFollows(): boolean {
    const t = this.tok;
    return (
      t.type === 'eof' ||
      (t.type === 'keyword' &&
        ['else', 'elseif', 'end', 'until'].includes(t.value))
    );
  }

  private block(): void {
    while (!this.blockFollows()) {
      if (this.is('return')) {
        this.next();
        if (!this.blockFollows() && !this.is(';')) this.exprList();
        if (this.is(';')) this.next();
        return;
      }
      if (this.is('break')) {
        this.next();
        if (this.is(';')) this.next();
        continue;
      }
      this.statement();
      if (this.is(';')) this.next();
    }
  }

  private statement(): void {
    const t = this.tok;
    if (t.type === 'op' && t.value === ';') {
      this.next();
      return;
    }
    if (t.type === 'op' && t.value === '::') {
      // a Lua 5.2+ label, accepted so that such scripts are still rewritten
      this.next();
      this.name();
      this.expect('::');
      return;
    }
    if (t.type === 'keyword') {
      switch (t.value) {
        case 'if':
          this.next();
          this.expr();
          this.expect('then');
          this.block();
          while (this.is('elseif')) {
            this.next();
            this.expr();
            this.expect('then');
            this.block();
          }
          if (this.is('else')) {
            this.next();
            this.block();
          }
          this.expect('end');
          return;
        case 'while':
          this.next();
          this.expr();
          this.expect('do');
          this.block();
          this.expect('end');
          return;
        case 'do':
          this.next();
          this.block();
          this.expect('end');
          return;
        case 'for':
          this.next();
          this.name();
          if (this.is('=')) {
            this.next();
            this.expr();
            this.expect(',');
            this.expr();
            if (this.is(',')) {
              this.next();
              this.expr();
            }
          } else {
            while (this.is(',')) {
              this.next();
              this.name();
            }
            this.expect('in');
            this.exprList();
          }
          this.expect('do');
          this.block();
          this.expect('end');
          return;
        case 'repeat':
          this.next();
          this.block();
          this.expect('until');
          this.expr();
          return;
        case 'function':
          this.next();
          this.name();
          while (this.is('.')) {
            this.next();
            this.name();
          }
          if (this.is(':')) {
            this.next();
            this.name();
          }
          this.funcBody();
          return;
        case 'local':
          this.next();
          if (this.is('function')) {
            this.next();
            this.name();
            this.funcBody();
            return;
          }
          this.name();
          while (this.is(',')) {
            this.next();
            this.name();
          }
          if (this.is('=')) {
            this.next();
            this.exprList();
          }
          return;
        default:
          throw new LuaSyntaxError(`unexpected symbol near '${t.value}'`);
      }
    }
    // expression statement: a call, or an assignment
    this.suffixedExpr();
    if (this.is('=') || this.is(',')) {
      while (this.is(',')) {
        this.next();
        this.suffixedExpr();
      }
      this.expect('=');
      this.exprList();
    }
  }

  private funcBody(): void {
    this.expect('(');
    if (!this.is(')')) {
      for (;;) {
        if (this.is('...')) {
          this.next();
          break;
        }
        this.name();
        if (!this.is(',')) break;
        this.next();
      }
    }
    this.expect(')');
    this.block();
    this.expect('end');
  }

  private exprList(): void {
    this.expr();
    while (this.is(',')) {
      this.next();
      this.expr();
    }
  }

  private expr(): void {
    this.subExpr(0);
  }

  /** Parses an expression whose operators bind tighter than `limit`; returns its start offset. */
  private subExpr(limit: number): number {
    const start = this.tok.start;
    if (this.is('not') || this.is('-') || this.is('#')) {
      this.next();
      this.subExpr(UNARY_PRIORITY);
    } else {
      this.simpleExpr();
    }
    let leftStart = start;
    for (;;) {
      const t = this.tok;
      const priority =
        t.type === 'op' || t.type === 'keyword'
          ? BINARY_PRIORITY[t.value]
          : undefined;
      if (!priority || priority[0] <= limit) break;
      const leftEnd = this.lastEnd();
      this.next();
      const rightStart = this.subExpr(priority[1]);
      if (t.value === '..') {
        this.concats.push({
          leftStart,
          leftEnd,
          opStart: t.start,
          opEnd: t.end,
          rightStart,
          rightEnd: this.lastEnd(),
        });
      }
      leftStart = start;
    }
    return start;
  }

  private simpleExpr(): void {
    const t = this.tok;
    if (t.type === 'number' || t.type === 'string') {
      this.next();
      return;
    }
    if (t.type === 'keyword' && ['nil', 'true', 'false'].includes(t.value)) {
      this.next();
      return;
    }
    if (this.is('...')) {
      this.next();
      return;
    }
    if (this.is('{')) {
      this.tableConstructor();
      return;
    }
    if (this.is('function')) {
      this.next();
      this.funcBody();
      return;
    }
    this.suffixedExpr();
  }

  private primaryExpr(): void {
    if (this.tok.type === 'name') {
      this.name();
      return;
    }
    if (this.is('(')) {
      this.next();
      this.expr();
      this.expect(')');
      return;
    }
    throw new LuaSyntaxError(`unexpected symbol near '${this.tok.value}'`);
  }

  private suffixedExpr(): void {
    this.primaryExpr();
    for (;;) {
      if (this.is('.')) {
        this.next();
        this.name();
      } else if (this.is('[')) {
        this.next();
        this.expr();
        this.expect(']');
      } else if (this.is(':')) {
        this.next();
        this.name();
        this.callArgs();
      } else if (this.is('(') || this.is('{') || this.tok.type === 'string') {
        this.callArgs();
      } else {
        return;
      }
    }
  }

  private callArgs(): void {
    if (this.tok.type === 'string') {
      this.next();
      return;
    }
    if (this.is('{')) {
      this.tableConstructor();
      return;
    }
    this.expect('(');
    if (!this.is(')')) this.exprList();
    this.expect(')');
  }

  private tableConstructor(): void {
    this.expect('{');
    while (!this.is('}')) {
      if (this.is('[')) {
        this.next();
        this.expr();
        this.expect(']');
        this.expect('=');
        this.expr();
      } else if (
        this.tok.type === 'name' &&
        this.peek().type === 'op' &&
        this.peek().value === '='
      ) {
        this.name();
        this.next();
        this.expr();
      } else {
        this.expr();
      }
      if (this.is(',') || this.is(';')) this.next();
      else break;
    }
    this.expect('}');
  }
}

interface Node extends Concat {
  children: Node[];
}

function nest(concats: Concat[]): Node[] {
  const nodes: Node[] = concats
    .map(c => ({ ...c, children: [] as Node[] }))
    .sort((a, b) => a.leftStart - b.leftStart || b.rightEnd - a.rightEnd);
  const roots: Node[] = [];
  const stack: Node[] = [];
  for (const node of nodes) {
    while (
      stack.length > 0 &&
      stack[stack.length - 1].rightEnd <= node.leftStart
    )
      stack.pop();
    const parent = stack[stack.length - 1];
    (parent ? parent.children : roots).push(node);
    stack.push(node);
  }
  return roots;
}

function render(
  src: string,
  from: number,
  to: number,
  nodes: Node[],
  renames: Map<number, string>,
): string {
  let out = '';
  let at = from;
  const copy = (end: number) => {
    // copies src[at, end), renaming the `goto` identifiers inside
    for (const [offset, replacement] of renames) {
      if (offset >= at && offset < end) {
        out += src.slice(at, offset) + replacement;
        at = offset + 'goto'.length;
      }
    }
    out += src.slice(at, end);
    at = end;
  };
  for (const node of nodes) {
    if (node.leftStart < at || node.rightEnd > to) continue;
    copy(node.leftStart);
    // a .. b .. c is one call with every operand of the chain, as Lua's own
    // CONCAT takes them; nesting a call per operator could exceed Lua's
    // limits on long chains
    out += `${CONCAT_HELPER}(`;
    for (let link: Node | undefined = node; link; ) {
      const current: Node = link;
      const inLeft = current.children.filter(
        c => c.rightEnd <= current.leftEnd,
      );
      const inRight = current.children.filter(
        c => c.leftStart >= current.rightStart,
      );
      out += render(src, current.leftStart, current.leftEnd, inLeft, renames);
      out += `${src.slice(current.leftEnd, current.opStart)},${src.slice(
        current.opEnd,
        current.rightStart,
      )}`;
      link = inRight.find(
        c =>
          c.leftStart === current.rightStart && c.rightEnd === current.rightEnd,
      );
      if (!link) {
        out += render(
          src,
          current.rightStart,
          current.rightEnd,
          inRight,
          renames,
        );
      }
    }
    out += ')';
    at = node.rightEnd;
  }
  copy(to);
  return out;
}

/** Result of {@link adaptLua51Source}. */
export interface AdaptedSource {
  /** The source to compile. */
  source: string;
  /** Why the source was left as it was (it did not parse as Lua 5.1). */
  unparsed?: string;
}

/**
 * Rewrites every `a .. b` of a Lua 5.1 script into `__slipway_concat(a, b)`
 * (a chain `a .. b .. c` into one call with all its operands)
 * and every identifier `goto` into `__slipway_goto`. Line breaks stay where
 * they were. A source that does not parse is returned unchanged.
 */
export function adaptLua51Source(src: string): AdaptedSource {
  let parser: Parser;
  try {
    parser = new Parser(tokenize(src));
    parser.chunk();
  } catch (e) {
    if (e instanceof LuaSyntaxError)
      return { source: src, unparsed: e.message };
    throw e;
  }
  if (parser.concats.length === 0 && parser.gotoNames.length === 0)
    return { source: src };
  const renames = new Map(
    parser.gotoNames.map(t => [t.start, GOTO_NAME] as const),
  );
  return { source: render(src, 0, src.length, nest(parser.concats), renames) };
}
