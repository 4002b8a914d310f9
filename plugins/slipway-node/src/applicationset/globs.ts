/**
 * Path matching as Argo CD's git generators do it:
 * - directories: Go's `path.Match` (`*` and `?` stay within one segment,
 *   `[...]` classes; `**` is just `*`),
 * - files: either doublestar (the "new Git file globbing") or Argo CD's
 *   legacy default, a git pathspec (`git ls-files -- <pattern>`), where
 *   `*` also matches `/` and a folder matches the files below it.
 */
import picomatch from 'picomatch';
import type { GitFileGlobbing } from './types';

export type PathMatcher = (path: string) => boolean;

/** A matcher with Go `path.Match` semantics; throws on a malformed pattern. */
export function directoryMatcher(pattern: string): PathMatcher {
  assertBalancedClasses(pattern);
  return picomatch(pattern, {
    dot: true,
    noglobstar: true,
    nobrace: true,
    noextglob: true,
    strictSlashes: true,
  });
}

/** A matcher for a git files generator pattern; throws on a malformed pattern. */
export function fileMatcher(
  pattern: string,
  globbing: GitFileGlobbing,
): PathMatcher {
  assertBalancedClasses(pattern);
  if (globbing === 'doublestar')
    return picomatch(pattern, { dot: true, noextglob: true });
  return gitPathspecMatcher(pattern);
}

function assertBalancedClasses(pattern: string) {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (!inClass && c === '[') inClass = true;
    else if (inClass && c === ']') inClass = false;
  }
  if (inClass) throw new Error(`malformed pattern "${pattern}": unclosed "["`);
}

/**
 * Argo CD's legacy file matching: the pattern is given to
 * `git ls-files -- <pattern>` as a git pathspec. It matches the path it
 * names or any file below that folder (`conf`, `conf/`), and otherwise, when
 * it has wildcards, the whole path as git's wildmatch without WM_PATHNAME
 * (`*` and `?` match `/` too; `[...]` classes, `!` or `^` negating; `\`
 * escapes; no braces). A leading `./` is the repository's root.
 */
function gitPathspecMatcher(pattern: string): PathMatcher {
  const spec = withoutDotSlash(pattern);
  if (spec === '' || spec === '.') return () => true;
  const folder = spec.endsWith('/') ? spec : `${spec}/`;
  const wildcard = /[*?[\\]/.test(spec) ? wildmatchRegExp(spec) : undefined;
  return path =>
    path === spec || path.startsWith(folder) || wildcard?.test(path) === true;
}

/** A pattern without leading `./` segments, as git reads a pathspec at the root. */
function withoutDotSlash(pattern: string): string {
  let out = pattern;
  while (out.startsWith('./')) out = out.slice(2).replace(/^\/+/, '');
  return out;
}

/** POSIX classes wildmatch knows inside `[...]`, as regular expression ranges. */
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

/** git's wildmatch without WM_PATHNAME, as a regular expression over the whole path. */
function wildmatchRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      re += escape(pattern[++i]);
    } else if (c === '*') {
      while (pattern[i + 1] === '*') i++;
      re += '.*';
    } else if (c === '?') {
      re += '.';
    } else if (c === '[') {
      const cls = classAt(pattern, i);
      re += cls.source;
      i = cls.end;
    } else {
      re += escape(c);
    }
  }
  return new RegExp(`^${re}$`, 's');
}

/** The `[...]` class opening at `start`: its regular expression and the index of its `]`. */
function classAt(
  pattern: string,
  start: number,
): { source: string; end: number } {
  let i = start + 1;
  let negate = false;
  if (pattern[i] === '!' || pattern[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  // A `]` right after the opening (or its negation) is a member.
  if (pattern[i] === ']') {
    body += '\\]';
    i++;
  }
  for (; i < pattern.length && pattern[i] !== ']'; i++) {
    const c = pattern[i];
    const posix = /^\[:([a-z]+):\]/.exec(pattern.slice(i));
    if (posix && POSIX_CLASSES[posix[1]]) {
      body += POSIX_CLASSES[posix[1]];
      i += posix[0].length - 1;
    } else if (c === '\\' && i + 1 < pattern.length) {
      const escaped = pattern[++i];
      body += /[A-Za-z0-9]/.test(escaped) ? escaped : `\\${escaped}`;
    } else if (c === '-') {
      body += '-';
    } else {
      body += c.replace(/[\\\]^[]/g, '\\$&');
    }
  }
  return { source: `[${negate ? '^' : ''}${body}]`, end: i };
}

function escape(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The leading segments of a pattern that hold no glob characters (a directory to start reading at). */
export function staticPrefix(pattern: string): string {
  const segments = pattern.split('/');
  const out: string[] = [];
  for (const s of segments.slice(0, -1)) {
    if (/[*?[\]{}\\]/.test(s)) break;
    out.push(s);
  }
  return out.filter(s => s !== '' && s !== '.').join('/');
}

/** Go's path.Dir for a slash-separated relative path. */
export function goDir(p: string): string {
  const i = p.lastIndexOf('/');
  if (i < 0) return '.';
  const d = p.slice(0, i).replace(/\/+$/, '');
  return d === '' ? '/' : d;
}

/** Go's path.Base. */
export function goBase(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}
