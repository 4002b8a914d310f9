/**
 * Path matching as Argo CD's git generators do it:
 * - directories: Go's `path.Match` (`*` and `?` stay within one segment,
 *   `[...]` classes; `**` is just `*`),
 * - files: either doublestar (the "new Git file globbing") or Argo CD's
 *   legacy default, where `*` also matches `/`.
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
  const re = legacyRegExp(pattern);
  return path => re.test(path);
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

/** gobwas/glob without separators: `*` matches any run of characters including `/`. */
function legacyRegExp(pattern: string): RegExp {
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
      const end = pattern.indexOf(']', i + 1);
      let body = pattern.slice(i + 1, end);
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      re += `[${body.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (c === '{') {
      const end = pattern.indexOf('}', i + 1);
      if (end < 0) {
        re += escape(c);
        continue;
      }
      re += `(?:${pattern
        .slice(i + 1, end)
        .split(',')
        .map(p => legacyRegExp(p).source.slice(1, -1))
        .join('|')})`;
      i = end;
    } else {
      re += escape(c);
    }
  }
  return new RegExp(`^${re}$`, 's');
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
  return out.filter(Boolean).join('/');
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
