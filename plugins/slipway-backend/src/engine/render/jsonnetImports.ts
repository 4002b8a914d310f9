/** An `import`, `importstr` or `importbin` of a Jsonnet program. */
export interface JsonnetImport {
  kind: 'import' | 'importstr' | 'importbin';
  /** The imported path, escapes decoded. */
  path: string;
  /** 1-based line of the keyword. */
  line: number;
}

/** Jsonnet text that cannot be split into tokens (jsonnet itself refuses it too). */
export class JsonnetLexError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'JsonnetLexError';
  }
}

type Token =
  | { type: 'word'; text: string; start: number }
  | { type: 'string'; value: string; start: number }
  | { type: 'textblock'; start: number }
  | { type: 'other'; start: number };

const IMPORT_KEYWORDS = new Set(['import', 'importstr', 'importbin']);
const WORD = /[A-Za-z0-9_]/;
const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  "'": "'",
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * Splits Jsonnet source into the tokens that matter for finding imports:
 * words, strings (with their decoded value), text blocks and single other
 * characters; whitespace and comments (`#`, `//`, `/* *\/`) are dropped. It
 * follows jsonnet's lexer for everything that can hide or reveal code.
 */
class JsonnetLexer {
  private i = 0;
  private lineStarts?: number[];
  readonly tokens: Token[] = [];

  constructor(private readonly src: string) {}

  lineAt(offset: number): number {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let k = this.src.indexOf('\n'); k >= 0; k = this.src.indexOf('\n', k + 1)) {
        this.lineStarts.push(k + 1);
      }
    }
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }

  run(): Token[] {
    const s = this.src;
    while (this.i < s.length) {
      const c = s[this.i];
      const start = this.i;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
        this.i += 1;
      } else if (c === '#' || (c === '/' && s[this.i + 1] === '/')) {
        const end = s.indexOf('\n', this.i);
        this.i = end < 0 ? s.length : end + 1;
      } else if (c === '/' && s[this.i + 1] === '*') {
        const end = s.indexOf('*/', this.i + 2);
        if (end < 0) throw new JsonnetLexError('a /* comment is not closed', this.lineAt(start));
        this.i = end + 2;
      } else if (c === '"' || c === "'") {
        this.tokens.push({ type: 'string', value: this.quoted(c), start });
      } else if (c === '@' && (s[this.i + 1] === '"' || s[this.i + 1] === "'")) {
        this.tokens.push({ type: 'string', value: this.verbatim(s[this.i + 1]), start });
      } else if (s.startsWith('|||', this.i)) {
        this.textBlock();
        this.tokens.push({ type: 'textblock', start });
      } else if (WORD.test(c)) {
        while (this.i < s.length && WORD.test(s[this.i])) this.i += 1;
        this.tokens.push({ type: 'word', text: s.slice(start, this.i), start });
      } else {
        this.i += 1;
        this.tokens.push({ type: 'other', start });
      }
    }
    return this.tokens;
  }

  /** A "..." or '...' string with backslash escapes; it may span lines. */
  private quoted(quote: string): string {
    const s = this.src;
    const start = this.i;
    let value = '';
    this.i += 1;
    for (;;) {
      if (this.i >= s.length) throw new JsonnetLexError('a string is not closed', this.lineAt(start));
      const c = s[this.i];
      if (c === quote) {
        this.i += 1;
        return value;
      }
      if (c !== '\\') {
        value += c;
        this.i += 1;
        continue;
      }
      const e = s[this.i + 1];
      if (e !== undefined && e in SIMPLE_ESCAPES) {
        value += SIMPLE_ESCAPES[e];
        this.i += 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(this.i + 2, this.i + 6))) {
        value += String.fromCharCode(parseInt(s.slice(this.i + 2, this.i + 6), 16));
        this.i += 6;
      } else {
        throw new JsonnetLexError(`a string has an unknown escape sequence "\\${e ?? ''}"`, this.lineAt(this.i));
      }
    }
  }

  /** An @"..." or @'...' string: no escapes except a doubled quote. */
  private verbatim(quote: string): string {
    const s = this.src;
    const start = this.i;
    let value = '';
    this.i += 2;
    for (;;) {
      if (this.i >= s.length) throw new JsonnetLexError('a verbatim string is not closed', this.lineAt(start));
      if (s[this.i] === quote) {
        if (s[this.i + 1] === quote) {
          value += quote;
          this.i += 2;
          continue;
        }
        this.i += 1;
        return value;
      }
      value += s[this.i];
      this.i += 1;
    }
  }

  /**
   * A `|||` text block: a line break after `|||` (optionally `|||-`), lines
   * that start with the first line's indentation (or are empty), then a
   * less indented `|||`.
   */
  private textBlock(): void {
    const s = this.src;
    const start = this.i;
    const fail = (why: string): never => {
      throw new JsonnetLexError(`a ||| text block ${why}`, this.lineAt(start));
    };
    this.i += 3;
    if (s[this.i] === '-') this.i += 1;
    while (s[this.i] === ' ' || s[this.i] === '\t' || s[this.i] === '\r') this.i += 1;
    if (s[this.i] !== '\n') fail('needs a line break after |||');
    this.i += 1;
    while (s[this.i] === '\n') this.i += 1;
    let indent = '';
    while (s[this.i + indent.length] === ' ' || s[this.i + indent.length] === '\t') {
      indent += s[this.i + indent.length];
    }
    if (indent === '') fail('needs its first line indented');
    for (;;) {
      // at the start of a line that has the indentation
      this.i += indent.length;
      const end = s.indexOf('\n', this.i);
      if (end < 0) fail('is not closed with |||');
      this.i = end + 1;
      while (s[this.i] === '\n') this.i += 1;
      if (s.startsWith(indent, this.i)) continue;
      while (s[this.i] === ' ' || s[this.i] === '\t') this.i += 1;
      if (!s.startsWith('|||', this.i)) fail('is not closed with |||');
      this.i += 3;
      return;
    }
  }
}

/**
 * Every import of a Jsonnet program, in order. Jsonnet only imports string
 * literals (computed imports and text blocks are refused), so these are all
 * the files the program can read. Throws JsonnetLexError for text jsonnet
 * cannot tokenize either.
 */
export function findJsonnetImports(source: string): JsonnetImport[] {
  const lexer = new JsonnetLexer(source);
  const tokens = lexer.run();
  const out: JsonnetImport[] = [];
  tokens.forEach((token, k) => {
    const next = tokens[k + 1];
    if (token.type === 'word' && IMPORT_KEYWORDS.has(token.text) && next?.type === 'string') {
      out.push({ kind: token.text as JsonnetImport['kind'], path: next.value, line: lexer.lineAt(token.start) });
    }
  });
  return out;
}
