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
 * The script is parsed with luaparse as Lua 5.1 (then as Lua 5.2, for the
 * labels, `goto` statements and empty statements gopher-lua also accepts); the
 * rewrite edits the source text at the offsets of the syntax tree's nodes.
 * Lua 5.4 also keeps integer operands of `%` integers, so `n % 0` raises an
 * error where gopher-lua's float64 `%` gives NaN: every `a % b` becomes
 * `__slipway_mod(a, b)`, which computes it as gopher-lua does. A
 * source that parses as neither is returned unchanged: the Lua VM then
 * reports the syntax error itself.
 */
import { parse } from 'luaparse';

/** Name of the helper that the rewritten source calls for `a % b`. */
export const MOD_HELPER = '__slipway_mod';

/** Name of the helper that the rewritten source calls for `a .. b`. */
export const CONCAT_HELPER = '__slipway_concat';

/** Name given to identifiers spelled `goto` (a plain name in Lua 5.1, a keyword in 5.4). */
export const GOTO_NAME = '__slipway_goto';

/**
 * Name of the helper that every table constructor `{...}` is passed to,
 * with the constructor's keys in source order (`__slipway_table({...},
 * {"a", "b"})`): gopher-lua's `pairs` visits a table's keys in the order
 * they were first set, which the helper records (see `tableOrder.ts`).
 */
export const TABLE_HELPER = '__slipway_table';

/** A luaparse node, as parsed with `ranges: true`. */
interface AstNode {
  type: string;
  range: [number, number];
  [field: string]: unknown;
}

const isNode = (value: unknown): value is AstNode =>
  typeof value === 'object' && value !== null && 'range' in value;

const isConcat = (node: AstNode): boolean =>
  node.type === 'BinaryExpression' && node.operator === '..';

/** The child nodes of a node, in source order. */
function children(node: AstNode): AstNode[] {
  return Object.values(node)
    .flatMap(value => (Array.isArray(value) ? value : [value]))
    .filter(isNode)
    .sort((a, b) => a.range[0] - b.range[0]);
}

const LONG_COMMENT = /--\[(=*)\[/y;

/** The offset of the first character at or after `at` that is no blank and in no comment. */
function skipBlanks(src: string, at: number): number {
  let i = at;
  for (;;) {
    if (' \t\r\n\f\v'.includes(src[i] ?? '.')) {
      i++;
    } else if (src.startsWith('--', i)) {
      LONG_COMMENT.lastIndex = i;
      const long = LONG_COMMENT.exec(src);
      const close = long ? `]${long[1]}]` : '\n';
      const end = src.indexOf(close, long ? LONG_COMMENT.lastIndex : i);
      i = end < 0 ? src.length : end + close.length;
    } else {
      return i;
    }
  }
}

/** The offset of the operator between two operands: the first one after `at` outside comments and parentheses. */
function operatorAfter(src: string, at: number, operator = '..'): number {
  let i = skipBlanks(src, at);
  while (src[i] === ')') i = skipBlanks(src, i + 1);
  if (!src.startsWith(operator, i)) {
    throw new SyntaxError(`no '${operator}' at offset ${i}`);
  }
  return i;
}

/** The source with every `..` chain turned into one call of the helper and every `goto` name renamed. */
function rewrite(src: string, chunk: AstNode): string {
  let out = '';
  let at = 0;
  const copyTo = (offset: number) => {
    out += src.slice(at, offset);
    at = offset;
  };
  const replace = (start: number, end: number, text: string) => {
    copyTo(start);
    out += text;
    at = end;
  };
  function visit(node: AstNode): void {
    if (node.type === 'Identifier' && node.name === 'goto') {
      replace(node.range[0], node.range[1], GOTO_NAME);
    } else if (isConcat(node)) {
      visitChain(node);
    } else if (node.type === 'BinaryExpression' && node.operator === '%') {
      // a % b becomes __slipway_mod(a, b)
      const left = node.left as AstNode;
      replace(node.range[0], node.range[0], `${MOD_HELPER}(`);
      visit(left);
      const op = operatorAfter(src, left.range[1], '%');
      replace(op, op + 1, ',');
      visit(node.right as AstNode);
      replace(node.range[1], node.range[1], ')');
    } else if (node.type === 'TableCallExpression') {
      // f{...} becomes f(__slipway_table({...}, {...}))
      visit(node.base as AstNode);
      const table = node.arguments as AstNode;
      replace(table.range[0], table.range[0], '(');
      visit(table);
      replace(table.range[1], table.range[1], ')');
    } else if (node.type === 'TableConstructorExpression') {
      visitTable(node);
    } else {
      children(node).forEach(visit);
    }
  }
  // The keys that a constructor sets by name or by a literal, in source order.
  function visitTable(table: AstNode): void {
    const keys: string[] = [];
    for (const field of table.fields as AstNode[]) {
      const key = field.key as AstNode | undefined;
      if (field.type === 'TableKeyString' && key) {
        keys.push(`"${key.name as string}"`);
      } else if (
        field.type === 'TableKey' &&
        key &&
        (key.type === 'StringLiteral' || key.type === 'NumericLiteral')
      ) {
        keys.push(src.slice(key.range[0], key.range[1]));
      }
    }
    replace(table.range[0], table.range[0], `${TABLE_HELPER}(`);
    children(table).forEach(visit);
    replace(table.range[1], table.range[1], `, {${keys.join(', ')}})`);
  }
  // a .. b .. c is one call with every operand of the chain, as Lua's own
  // CONCAT takes them; nesting a call per operator could exceed Lua's
  // limits on long chains. `..` is right-associative: the chain goes on in
  // the right operand, unless that one is in parentheses.
  function visitChain(chain: AstNode): void {
    replace(chain.range[0], chain.range[0], `${CONCAT_HELPER}(`);
    for (let link = chain; ; ) {
      const left = link.left as AstNode;
      const right = link.right as AstNode;
      visit(left);
      const op = operatorAfter(src, left.range[1]);
      replace(op, op + 2, ',');
      if (!isConcat(right) || skipBlanks(src, at) !== right.range[0]) {
        visit(right);
        break;
      }
      link = right;
    }
    replace(chain.range[1], chain.range[1], ')');
  }
  visit(chunk);
  copyTo(src.length);
  return out;
}

/** Result of {@link adaptLua51Source}. */
export interface AdaptedSource {
  /** The source to compile. */
  source: string;
  /** Why the source was left as it was (it did not parse as Lua 5.1). */
  unparsed?: string;
}

/** The syntax tree of a Lua 5.1 script, else of a Lua 5.2 one; the Lua 5.1 error when neither parses. */
function parseLua(src: string): AstNode {
  const options = { ranges: true, comments: false, scope: false } as const;
  try {
    return parse(src, { ...options, luaVersion: '5.1' }) as unknown as AstNode;
  } catch (error) {
    try {
      return parse(src, {
        ...options,
        luaVersion: '5.2',
      }) as unknown as AstNode;
    } catch {
      throw error;
    }
  }
}

/**
 * Rewrites every `a .. b` of a Lua 5.1 script into `__slipway_concat(a, b)`
 * (a chain `a .. b .. c` into one call with all its operands), every `a % b`
 * into `__slipway_mod(a, b)`, every table
 * constructor `{...}` into `__slipway_table({...}, {<its keys>})` and every
 * identifier `goto` into `__slipway_goto`. Line breaks stay where they
 * were. A source that does not parse is returned unchanged.
 */
export function adaptLua51Source(src: string): AdaptedSource {
  try {
    return { source: rewrite(src, parseLua(src)) };
  } catch (e) {
    if (e instanceof SyntaxError) return { source: src, unparsed: e.message };
    throw e;
  }
}

/** One token of {@link tokenize}: its source text and offsets. */
export interface Token {
  value: string;
  start: number;
  end: number;
}

/** Splits Lua 5.1 source into tokens (comments and blanks dropped), ending with `<eof>`. */
export function tokenize(src: string): Token[] {
  const lexer = parse(src, { wait: true, luaVersion: '5.1' });
  const tokens: Token[] = [];
  for (;;) {
    const [start, end] = lexer.lex().range;
    // only the end of the input is an empty token
    const value = start === end ? '<eof>' : src.slice(start, end);
    tokens.push({ value, start, end });
    if (start === end) return tokens;
  }
}
