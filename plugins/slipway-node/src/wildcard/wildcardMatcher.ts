/*
 * Wildcard patterns as git's pathspecs (wildmatch without WM_PATHNAME) and
 * Argo CD's globs (gobwas/glob without separators) read them: `*` matches
 * any run of characters, `/` included; `?` one character; `[...]` a class
 * (`!` or `^` negating, ranges, POSIX classes such as `[:digit:]`); `\`
 * escapes. Matching walks pattern and text with one remembered star, so
 * its time is at most their lengths multiplied, never exponential: patterns
 * come from users, and a backtracking regular expression such as
 * `.*a.*a.*a…b` could stall the backend.
 */

type Token =
  | { kind: 'star' }
  | { kind: 'one' }
  | { kind: 'char'; char: string }
  | { kind: 'class'; test: (char: string) => boolean };

/** POSIX classes inside `[...]`, as regular expression ranges. */
const POSIX_CLASSES: Record<string, string> = {
  alnum: 'a-zA-Z0-9',
  alpha: 'a-zA-Z',
  blank: ' \\t',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-/:-@\\[-`{-~',
  space: '\\s',
  upper: 'A-Z',
  xdigit: '0-9a-fA-F',
};

/** The class opening at `start` (`chars[start]` is `[`): a one-character test and the index of its `]`. */
function classAt(
  chars: string[],
  start: number,
): { test: (c: string) => boolean; end: number } | undefined {
  let i = start + 1;
  let negate = false;
  if (chars[i] === '!' || chars[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  // A `]` right after the opening (or its negation) is a member.
  if (chars[i] === ']') {
    body += '\\]';
    i++;
  }
  for (; i < chars.length && chars[i] !== ']'; i++) {
    const c = chars[i];
    const posix =
      c === '['
        ? /^\[:([a-z]+):\]/.exec(chars.slice(i, i + 10).join(''))
        : null;
    if (posix && POSIX_CLASSES[posix[1]]) {
      body += POSIX_CLASSES[posix[1]];
      i += posix[0].length - 1;
    } else if (c === '\\' && i + 1 < chars.length) {
      const escaped = chars[++i];
      body += /[A-Za-z0-9]/.test(escaped) ? escaped : `\\${escaped}`;
    } else if (c === '-') {
      body += '-';
    } else {
      body += c.replace(/[\\\]^[]/g, '\\$&');
    }
  }
  if (i >= chars.length) return undefined;
  // One character against one class: no backtracking.
  const re = new RegExp(`^[${negate ? '^' : ''}${body}]$`, 'su');
  return { test: c => re.test(c), end: i };
}

function tokenize(pattern: string): Token[] {
  const chars = Array.from(pattern);
  const tokens: Token[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '*') {
      if (tokens[tokens.length - 1]?.kind !== 'star')
        tokens.push({ kind: 'star' });
    } else if (c === '?') {
      tokens.push({ kind: 'one' });
    } else if (c === '\\' && i + 1 < chars.length) {
      tokens.push({ kind: 'char', char: chars[++i] });
    } else if (c === '[') {
      const cls = classAt(chars, i);
      if (!cls) throw new Error(`malformed pattern "${pattern}": unclosed "["`);
      tokens.push({ kind: 'class', test: cls.test });
      i = cls.end;
    } else {
      tokens.push({ kind: 'char', char: c });
    }
  }
  return tokens;
}

function matchOne(token: Token, char: string): boolean {
  if (token.kind === 'one') return true;
  if (token.kind === 'char') return token.char === char;
  return token.kind === 'class' && token.test(char);
}

/** A matcher of the whole text against `pattern`; throws on an unclosed class. */
export function wildcardMatcher(pattern: string): (text: string) => boolean {
  const tokens = tokenize(pattern);
  return text => {
    const chars = Array.from(text);
    let t = 0;
    let c = 0;
    let star = -1;
    let starAt = 0;
    while (c < chars.length) {
      const token = tokens[t];
      if (token && token.kind !== 'star' && matchOne(token, chars[c])) {
        t++;
        c++;
      } else if (token?.kind === 'star') {
        star = t++;
        starAt = c;
      } else if (star >= 0) {
        t = star + 1;
        c = ++starAt;
      } else {
        return false;
      }
    }
    while (tokens[t]?.kind === 'star') t++;
    return t === tokens.length;
  };
}

/**
 * gobwas/glob's `{a,b}` alternatives, nested ones too, expanded into plain
 * patterns (at most `limit`, beyond which the pattern is refused).
 */
export function expandBraces(pattern: string, limit = 256): string[] {
  let depth = 0;
  let open = -1;
  const commas: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
    } else if (c === '{') {
      if (depth++ === 0) open = i;
    } else if (c === ',' && depth === 1) {
      commas.push(i);
    } else if (c === '}' && depth > 0 && --depth === 0) {
      const before = pattern.slice(0, open);
      const after = pattern.slice(i + 1);
      const bounds = [open, ...commas, i];
      const out: string[] = [];
      for (let k = 0; k < bounds.length - 1; k++) {
        for (const rest of expandBraces(
          `${pattern.slice(bounds[k] + 1, bounds[k + 1])}${after}`,
          limit,
        )) {
          out.push(`${before}${rest}`);
          if (out.length > limit)
            throw new Error(
              `pattern "${pattern}" has more than ${limit} alternatives`,
            );
        }
      }
      return out;
    }
  }
  return [pattern];
}

/**
 * Go's `path.Match` over a `/`-separated path: the wildcards of each
 * segment stay within it (`**` is just `*`); throws on an unclosed class.
 */
export function pathMatcher(pattern: string): (path: string) => boolean {
  const segments = pattern.split('/').map(wildcardMatcher);
  return path => {
    const parts = path.split('/');
    return (
      parts.length === segments.length &&
      parts.every((part, i) => segments[i](part))
    );
  };
}
