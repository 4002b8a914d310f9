import path from 'node:path';
import { pathMatcher } from '../wildcard/wildcardMatcher';

/**
 * The repository paths of Argo CD's `argocd.argoproj.io/manifest-generate-paths`
 * annotation: `;`-separated, an absolute path from the repository root, a
 * relative one from each source's path (`.` is the source's own folder).
 * Returned without leading slash; `''` is the whole repository.
 * @public
 */
export function manifestGeneratePaths(
  annotation: string | undefined,
  sourcePaths: string[],
): string[] {
  const out: string[] = [];
  for (const raw of (annotation ?? '').split(';')) {
    const item = raw.trim();
    if (item === '') continue;
    const joined = item.startsWith('/')
      ? [item.slice(1)]
      : sourcePaths.map(p => path.posix.join(p || '.', item));
    for (const p of joined) {
      const clean = path.posix
        .normalize(p === '' ? '.' : p)
        .replace(/^\/+|\/+$/g, '');
      out.push(clean === '.' ? '' : clean);
    }
  }
  return out;
}

/** Compiled path globs: a push checks every file against the paths of every application. */
const matchers = new Map<string, (file: string) => boolean>();

function globMatches(pattern: string, file: string): boolean {
  let matcher = matchers.get(pattern);
  if (!matcher) {
    if (matchers.size >= 1000) matchers.clear();
    try {
      matcher = pathMatcher(pattern);
    } catch {
      // Go's filepath.Match fails on a malformed pattern, which matches nothing
      matcher = () => false;
    }
    matchers.set(pattern, matcher);
  }
  return matcher(file);
}

/**
 * Argo CD's AppFilesHaveChanged: whether a changed file is one of the
 * paths, lies under one of them, or matches one as a glob (Go's
 * filepath.Match: `*` stays within a folder). Without paths every change
 * counts.
 * @public
 */
export function manifestGeneratePathsChanged(
  paths: string[],
  changedFiles: string[],
): boolean {
  if (paths.length === 0) return true;
  return changedFiles.some(file =>
    paths.some(
      p =>
        p === '' ||
        file === p ||
        file.startsWith(`${p}/`) ||
        globMatches(p, file),
    ),
  );
}
