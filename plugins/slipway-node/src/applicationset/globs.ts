/**
 * Path matching as Argo CD's git generators do it:
 * - directories: Go's `path.Match` (`*` and `?` stay within one segment,
 *   `[...]` classes; `**` is just `*`),
 * - files: either doublestar (the "new Git file globbing") or Argo CD's
 *   legacy default, a git pathspec (`git ls-files -- <pattern>`), where
 *   `*` also matches `/` and a folder matches the files below it.
 */
import {
  expandBraces,
  pathMatcher,
  wildcardMatcher,
} from '../wildcard/wildcardMatcher';
import type { GitFileGlobbing } from './types';

export type PathMatcher = (path: string) => boolean;

/*
 * Patterns come from ApplicationSet authors, so they are matched segment by
 * segment with a matcher whose time is bounded (see wildcardMatcher), not
 * with a backtracking regular expression.
 */

/** A matcher with Go `path.Match` semantics; throws on a malformed pattern. */
export function directoryMatcher(pattern: string): PathMatcher {
  assertBalancedClasses(pattern);
  return pathMatcher(pattern);
}

/**
 * doublestar's matching of a path: `**` as a whole segment matches any
 * number of folders, other segments one each (`*` within it).
 */
function doublestarMatcher(pattern: string): PathMatcher {
  const segments = pattern
    .split('/')
    .map(s => (s === '**' ? undefined : wildcardMatcher(s)));
  return path => {
    const parts = path.split('/');
    // matched[i][j]: segments from i match parts from j (memoised walk)
    const memo = new Map<number, boolean>();
    const from = (i: number, j: number): boolean => {
      const id = i * (parts.length + 1) + j;
      const known = memo.get(id);
      if (known !== undefined) return known;
      let result: boolean;
      if (i === segments.length) result = j === parts.length;
      else if (segments[i] === undefined)
        result = from(i + 1, j) || (j < parts.length && from(i, j + 1));
      else
        result =
          j < parts.length && segments[i]!(parts[j]) && from(i + 1, j + 1);
      memo.set(id, result);
      return result;
    };
    return from(0, 0);
  };
}

/** A matcher for a git files generator pattern; throws on a malformed pattern. */
export function fileMatcher(
  pattern: string,
  globbing: GitFileGlobbing,
): PathMatcher {
  assertBalancedClasses(pattern);
  if (globbing === 'doublestar') {
    const alternatives = expandBraces(pattern).map(doublestarMatcher);
    return path => alternatives.some(match => match(path));
  }
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
  const wildcard = /[*?[\\]/.test(spec) ? wildcardMatcher(spec) : undefined;
  return path =>
    path === spec || path.startsWith(folder) || wildcard?.(path) === true;
}

/** A pattern without leading `./` segments, as git reads a pathspec at the root. */
function withoutDotSlash(pattern: string): string {
  let out = pattern;
  while (out.startsWith('./')) out = out.slice(2).replace(/^\/+/, '');
  return out;
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
