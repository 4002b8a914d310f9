/**
 * Parser for the Go text/template subset: builds a small tree of text,
 * actions, if/else, range/else, with/else, break/continue, variables and
 * pipelines. `define`, `template` and `block` are rejected with a clear error.
 */
import { lex, Token, TemplateSyntaxError } from './lexer';

export type Operand =
  | { type: 'field'; path: string[] }
  | { type: 'variable'; name: string; path: string[] }
  | { type: 'ident'; name: string }
  | { type: 'string'; value: string }
  | { type: 'number'; value: bigint | number; text: string }
  | { type: 'bool'; value: boolean }
  | { type: 'nil' }
  | { type: 'dot' }
  | { type: 'pipe'; pipe: Pipeline; chain: string[] };

export interface Command {
  args: Operand[];
}

export interface Pipeline {
  decl: string[];
  isAssign: boolean;
  cmds: Command[];
  /** Source text of the action, for error messages. */
  source: string;
  line: number;
  col: number;
}

export type TemplateNode =
  | { type: 'text'; text: string }
  | { type: 'action'; pipe: Pipeline }
  | {
      type: 'if' | 'with' | 'range';
      pipe: Pipeline;
      list: TemplateNode[];
      elseList?: TemplateNode[];
    }
  | { type: 'break' | 'continue' };

/** Parses an integer or float literal as Go does (ints become bigint). */
export function parseNumber(text: string): bigint | number | undefined {
  const clean = text.replace(/_/g, '');
  if (
    /^[+-]?0[xX][0-9a-fA-F]+$/.test(clean) ||
    /^[+-]?0[bB][01]+$/.test(clean) ||
    /^[+-]?0[oO][0-7]+$/.test(clean)
  ) {
    const neg = clean.startsWith('-');
    const body = clean.replace(/^[+-]/, '');
    const v = BigInt(
      body.slice(0, 2).toLowerCase() === '0o' ? `0o${body.slice(2)}` : body,
    );
    return neg ? -v : v;
  }
  if (/^[+-]?\d+$/.test(clean)) {
    if (/^[+-]?0\d+$/.test(clean)) {
      const neg = clean.startsWith('-');
      const v = BigInt(`0o${clean.replace(/^[+-]?0/, '')}`);
      return neg ? -v : v;
    }
    return BigInt(clean);
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(clean))
    return Number(clean);
  return undefined;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[], private readonly src: string) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }
  private next(): Token {
    return this.tokens[Math.min(this.pos++, this.tokens.length - 1)];
  }
  private fail(t: Token, message: string): never {
    throw new TemplateSyntaxError(`${t.line}:${t.col}: ${message}`);
  }
  private expect(kind: Token['kind'], context: string): Token {
    const t = this.next();
    if (t.kind !== kind)
      this.fail(t, `unexpected ${describe(t)} in ${context}`);
    return t;
  }

  /** Parses nodes until one of the given keywords opens an action (not consumed) or EOF. */
  parseList(
    stopAt: string[],
    context: string,
  ): { nodes: TemplateNode[]; stop?: string } {
    const nodes: TemplateNode[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') {
        if (stopAt.length)
          this.fail(t, `unexpected EOF: missing {{end}} for ${context}`);
        return { nodes };
      }
      if (t.kind === 'text') {
        this.next();
        nodes.push({ type: 'text', text: t.value });
        continue;
      }
      // An action.
      const open = this.expect('open', 'template');
      const kw = this.peek();
      if (kw.kind === 'ident') {
        switch (kw.value) {
          case 'end':
          case 'else':
            if (!stopAt.includes(kw.value))
              this.fail(kw, `unexpected {{${kw.value}}}`);
            this.next();
            return { nodes, stop: kw.value };
          case 'if':
          case 'with':
          case 'range':
            this.next();
            nodes.push(this.parseControl(kw.value, open));
            continue;
          case 'break':
          case 'continue':
            this.next();
            this.expect('close', kw.value);
            nodes.push({ type: kw.value });
            continue;
          case 'define':
          case 'template':
          case 'block':
            this.fail(
              kw,
              `{{${kw.value}}} is not supported in ApplicationSet templates`,
            );
            break;
          default:
            break;
        }
      }
      const pipe = this.parsePipeline(open, 'close', 'command');
      nodes.push({ type: 'action', pipe });
    }
  }

  private parseControl(
    kind: 'if' | 'with' | 'range',
    open: Token,
  ): TemplateNode {
    const pipe = this.parsePipeline(open, 'close', kind);
    if (pipe.cmds.length === 0) this.fail(open, `missing value for ${kind}`);
    const body = this.parseList(['end', 'else'], kind);
    const node: TemplateNode = { type: kind, pipe, list: body.nodes };
    if (body.stop === 'else') {
      const t = this.peek();
      if (
        (kind === 'if' || kind === 'with') &&
        t.kind === 'ident' &&
        t.value === kind
      ) {
        // {{else if ...}} / {{else with ...}}: a nested node that shares our {{end}}.
        this.next();
        node.elseList = [this.parseControl(kind, t)];
        return node;
      }
      this.expect('close', 'else');
      const alt = this.parseList(['end'], kind);
      node.elseList = alt.nodes;
    }
    this.expect('close', 'end');
    return node;
  }

  private parsePipeline(
    start: Token,
    end: 'close' | 'rparen',
    context: string,
  ): Pipeline {
    const first = this.pos;
    let decl: string[] = [];
    let isAssign = false;
    const t0 = this.peek();
    const t1 = this.peek(1);
    if (t0.kind === 'variable' && !t0.value.includes('.')) {
      if (t1.kind === 'declare' || t1.kind === 'assign') {
        decl = [t0.value];
        isAssign = t1.kind === 'assign';
        this.pos += 2;
      } else if (
        t1.kind === 'comma' &&
        this.peek(2).kind === 'variable' &&
        this.peek(3).kind === 'declare'
      ) {
        decl = [t0.value, this.peek(2).value];
        this.pos += 4;
      }
    }
    const cmds: Command[] = [];
    for (;;) {
      const args: Operand[] = [];
      for (;;) {
        const t = this.peek();
        if (t.kind === 'pipe' || t.kind === end) break;
        if (t.kind === 'eof' || t.kind === 'close' || t.kind === 'rparen')
          this.fail(t, `unexpected ${describe(t)} in ${context}`);
        args.push(this.parseOperand());
      }
      const t = this.next();
      if (args.length === 0) {
        if (t.kind === 'pipe' || cmds.length > 0)
          this.fail(t, `missing command in ${context}`);
      } else {
        cmds.push({ args });
      }
      if (t.kind !== 'pipe') break;
    }
    const last = this.tokens[this.pos - 1];
    const from = this.tokens[first];
    const source = this.sourceBetween(from, last);
    if (decl.length && cmds.length === 0)
      this.fail(start, `missing value for declaration in ${context}`);
    return { decl, isAssign, cmds, source, line: from.line, col: from.col };
  }

  private sourceBetween(from: Token, to: Token): string {
    const offsetOf = (t: Token) => {
      let line = 1;
      let i = 0;
      while (line < t.line && i < this.src.length) {
        if (this.src[i] === '\n') line++;
        i++;
      }
      return i + t.col - 1;
    };
    return this.src.slice(offsetOf(from), offsetOf(to)).trim();
  }

  private parseOperand(): Operand {
    const t = this.next();
    switch (t.kind) {
      case 'field':
        return t.value === ''
          ? { type: 'dot' }
          : { type: 'field', path: t.value.split('.') };
      case 'variable': {
        const [name, ...path] = t.value.split('.');
        return { type: 'variable', name, path };
      }
      case 'string':
        return { type: 'string', value: t.value };
      case 'char':
        return { type: 'number', value: BigInt(t.value), text: t.value };
      case 'number': {
        const value = parseNumber(t.value);
        if (value === undefined)
          this.fail(t, `bad number syntax: "${t.value}"`);
        return { type: 'number', value: value!, text: t.value };
      }
      case 'ident':
        if (t.value === 'true' || t.value === 'false')
          return { type: 'bool', value: t.value === 'true' };
        if (t.value === 'nil') return { type: 'nil' };
        return { type: 'ident', name: t.value };
      case 'lparen': {
        const pipe = this.parsePipeline(t, 'rparen', 'parenthesized pipeline');
        const chainTok = this.peek();
        let chain: string[] = [];
        if (chainTok.kind === 'fieldChain') {
          this.next();
          chain = chainTok.value.split('.');
        }
        return { type: 'pipe', pipe, chain };
      }
      default:
        return this.fail(t, `unexpected ${describe(t)} in operand`);
    }
  }
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'EOF';
    case 'close':
      return '"}}"';
    case 'text':
      return 'text';
    default:
      return `"${t.value}"`;
  }
}

/** Parses a template into its node list; throws TemplateSyntaxError. */
export function parseTemplate(src: string): TemplateNode[] {
  const parser = new Parser(lex(src), src);
  return parser.parseList([], 'template').nodes;
}
