/**
 * Masterminds/semver v3.3 as sprig v3.3.0 uses it: NewVersion's lenient
 * parsing ("v1.2" is 1.2.0), Version's methods, and NewConstraint/Check
 * with its own range rules (not npm's: `^0.0` is <0.1.0, and a prerelease
 * anywhere in an AND group opts the whole group into prereleases).
 */
import { GoMethod, GoObject, goArg } from './goObject';
import type { GoValue } from './values';

const UINT64_MAX = (1n << 64n) - 1n;
const MAX_VERSION_LENGTH = 256;

const LOOSE_VERSION =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

/** strconv.ParseUint(text, 10, 64) of a digit string. */
function parseSegment(text: string): bigint {
  const n = BigInt(text);
  if (n > UINT64_MAX)
    throw new Error(
      `error parsing version segment: strconv.ParseUint: parsing "${text}": value out of range`,
    );
  return n;
}

export class SemverVersion extends GoObject {
  readonly goKind: string;

  constructor(
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    readonly pre: string,
    readonly metadata: string,
    readonly original: string,
    /** NewVersion gives *Version; the Inc* methods give a Version value. */
    readonly goType = '*semver.Version',
  ) {
    super();
    this.goKind = goType.startsWith('*') ? 'ptr' : 'struct';
  }

  /** NewVersion: a leading "v" and missing minor/patch are accepted. */
  static parse(text: string): SemverVersion {
    // A bound later Masterminds releases have; it keeps parsing cheap.
    if (Buffer.byteLength(text) > MAX_VERSION_LENGTH)
      throw new Error(
        `version string is too long (max ${MAX_VERSION_LENGTH} bytes)`,
      );
    const m = LOOSE_VERSION.exec(text);
    if (!m) throw new Error(`invalid semantic version ${JSON.stringify(text)}`);
    const pre = m[5] ?? '';
    // Numeric prerelease identifiers must not have leading zeros.
    if (pre.split('.').some(p => /^0\d+$/.test(p)))
      throw new Error(
        `version segment starts with 0 in ${JSON.stringify(text)}`,
      );
    return new SemverVersion(
      parseSegment(m[1]),
      m[2] ? parseSegment(m[2].slice(1)) : 0n,
      m[3] ? parseSegment(m[3].slice(1)) : 0n,
      pre,
      m[8] ?? '',
      text,
    );
  }

  toString(): string {
    let out = `${this.major}.${this.minor}.${this.patch}`;
    if (this.pre) out += `-${this.pre}`;
    if (this.metadata) out += `+${this.metadata}`;
    return out;
  }

  toJSON(): unknown {
    return this.toString();
  }

  /** -1, 0 or 1; metadata is ignored, a prerelease sorts before its release. */
  compare(o: SemverVersion): number {
    for (const [a, b] of [
      [this.major, o.major],
      [this.minor, o.minor],
      [this.patch, o.patch],
    ]) {
      if (a !== b) return a < b ? -1 : 1;
    }
    if (this.pre === o.pre) return 0;
    if (this.pre === '') return 1;
    if (o.pre === '') return -1;
    return comparePrerelease(this.pre, o.pre);
  }

  /** A new version as the Inc* methods make it: no prerelease or metadata. */
  private next(major: bigint, minor: bigint, patch: bigint): SemverVersion {
    const v = new SemverVersion(major, minor, patch, '', '', '');
    const prefix = this.original.startsWith('v') ? 'v' : '';
    return new SemverVersion(
      major,
      minor,
      patch,
      '',
      '',
      prefix + v.toString(),
      'semver.Version',
    );
  }

  protected methods(): Record<string, GoMethod> {
    const version = (v: GoValue) =>
      goArg(
        v,
        (x): x is SemverVersion => x instanceof SemverVersion,
        '*semver.Version',
      );
    return {
      Major: () => this.major,
      Minor: () => this.minor,
      Patch: () => this.patch,
      Prerelease: () => this.pre,
      Metadata: () => this.metadata,
      Original: () => this.original,
      String: () => this.toString(),
      Compare: (o: GoValue) => BigInt(this.compare(version(o))),
      LessThan: (o: GoValue) => this.compare(version(o)) < 0,
      GreaterThan: (o: GoValue) => this.compare(version(o)) > 0,
      Equal: (o: GoValue) => this.compare(version(o)) === 0,
      // A prerelease's next patch is its release.
      IncPatch: () =>
        this.next(
          this.major,
          this.minor,
          this.pre ? this.patch : this.patch + 1n,
        ),
      IncMinor: () => this.next(this.major, this.minor + 1n, 0n),
      IncMajor: () => this.next(this.major + 1n, 0n, 0n),
    };
  }
}

/** Numbers sort below identifiers; numbers numerically, identifiers in ASCII. */
function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const num = (x: string) => /^\d+$/.test(x) && BigInt(x) <= UINT64_MAX;
  const [sn, on] = [num(s), num(o)];
  if (!sn && !on) return s > o ? 1 : -1;
  if (!on) return -1;
  if (!sn) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

/** Dot-separated identifiers compared in turn; fewer identifiers sort first. */
export function comparePrerelease(v: string, o: string): number {
  const sp = v.split('.');
  const op = o.split('.');
  for (let i = 0; i < Math.max(sp.length, op.length); i++) {
    const d = comparePrePart(sp[i] ?? '', op[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}
