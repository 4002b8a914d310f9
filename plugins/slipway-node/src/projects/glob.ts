import picomatch from 'picomatch';

const compiled = new Map<string, (value: string) => boolean>();

/**
 * Argo CD's glob match: `*` matches any run of characters, `/` included
 * (`https://github.com/acme/*` matches every repository of acme and more),
 * `?` one character, `[...]` a class, `{a,b}` alternatives. An empty
 * pattern matches only the empty string; `*` matches everything, the empty
 * string (the core API group) included. With `pathSeparator` (repository
 * URLs), `*` stops at `/` and `**` crosses it.
 */
export function matchGlob(
  pattern: string,
  value: string,
  options: { pathSeparator?: boolean } = {},
): boolean {
  if (pattern === value || pattern === '*') return true;
  if (pattern === '' || value === '') return false;
  const id = `${options.pathSeparator ? '/' : '*'}${pattern}`;
  let matcher = compiled.get(id);
  if (!matcher) {
    matcher = picomatch(pattern, { bash: !options.pathSeparator, dot: true });
    compiled.set(id, matcher);
  }
  return matcher(value);
}

/**
 * Allow and deny (`!`-prefixed) patterns, as Argo CD projects use them for
 * source repositories and destinations: a value is permitted when it matches
 * at least one allow pattern and no deny pattern.
 */
export function matchAllowDeny(
  patterns: readonly string[],
  value: string,
  options: { normalize?: (s: string) => string; pathSeparator?: boolean } = {},
): boolean {
  const normalize = options.normalize ?? (s => s);
  const v = normalize(value);
  let allowed = false;
  for (const raw of patterns) {
    if (raw.startsWith('!')) {
      if (matchGlob(normalize(raw.slice(1)), v, options)) return false;
    } else if (matchGlob(normalize(raw), v, options)) {
      allowed = true;
    }
  }
  return allowed;
}

/**
 * A repository URL as Argo CD compares them: lower case, without a trailing
 * slash or `.git`.
 */
export function normalizeRepoURL(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
}
