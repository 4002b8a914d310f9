import semver from 'semver';

/**
 * A Helm/Argo CD version constraint (Masterminds semver) as a node-semver
 * range: commas between comparators mean AND there, spaces here.
 */
export function toSemverRange(constraint: string): string {
  const trimmed = constraint.trim();
  return trimmed === '' ? '*' : trimmed.replace(/\s*,\s*/g, ' ');
}

/** Is `wanted` one exact version (not a range or constraint)? */
export function isExactVersion(wanted: string): boolean {
  return semver.valid(wanted.trim()) !== null;
}

/**
 * Picks the version `wanted` names among `versions`, like Argo CD: the exact
 * version when listed, else the highest version satisfying the constraint
 * (empty or `*`: the newest stable one; pre-releases only when the constraint
 * names one). Undefined when none matches or `wanted` is no constraint.
 */
export function pickChartVersion(
  versions: string[],
  wanted: string,
): string | undefined {
  const target = wanted.trim();
  if (versions.includes(target)) {
    return target;
  }
  const range = semver.validRange(toSemverRange(target));
  if (!range) {
    return undefined;
  }
  return (
    semver.maxSatisfying(
      versions.filter(v => semver.valid(v)),
      range,
    ) ?? undefined
  );
}

/** The newest non-prerelease version. */
export function newestStableVersion(versions: string[]): string | undefined {
  return versions
    .filter(v => semver.valid(v) && !semver.prerelease(v))
    .sort(semver.rcompare)[0];
}

/** The newest versions first, for "newest: …" in error messages. */
export function newestVersions(versions: string[], count = 5): string[] {
  return versions
    .filter(v => semver.valid(v))
    .sort(semver.rcompare)
    .slice(0, count);
}
