/**
 * Masterminds/semver v3.3 constraints (constraints.go): `,` or space for
 * AND, `||` for OR, the operators = != > < >= <= => =< ~ ~> ^, x/X/*
 * wildcards, hyphen ranges "1.2 - 1.4.5". The regular expressions are
 * Masterminds' own, with Go's \s spelled out.
 */
import { comparePrerelease, SemverVersion } from './goSemver';

const S = '[\\t\\n\\f\\r ]';
// The character classes include "|" as Masterminds' do.
const CV =
  'v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?' +
  '(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?' +
  '(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?';
// The empty alternative makes a bare version mean "=".
const OPS = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';

const CONSTRAINT = new RegExp(`^${S}*(${OPS})${S}*(${CV})${S}*$`);
const RANGE = new RegExp(`${S}*(${CV})${S}+-${S}+(${CV})${S}*`, 'g');
const FIND = new RegExp(`(${OPS})${S}*(${CV})`, 'g');
const VALID = new RegExp(
  `^(${S}*(${OPS})${S}*(${CV})${S}*)((?:${S}+|,${S}*)(${OPS})${S}*(${CV})${S}*)*$`,
);

const WHITESPACE = new RegExp(`${S}+`, 'g');
const MAX_LENGTH = 512;
const MAX_GROUPS = 32;

type Check = (v: SemverVersion, c: Constraint, includePre: boolean) => boolean;

interface Constraint {
  con: SemverVersion;
  op: string;
  /** An x, or a missing part: any minor (minorDirty) or any patch (patchDirty). */
  dirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

const isX = (x: string | undefined) => x === 'x' || x === 'X' || x === '*';

function parseConstraint(text: string): Constraint {
  const m = CONSTRAINT.exec(text);
  if (!m) throw new Error(`improper constraint: ${text}`);
  const [, op, whole, major, minor = '', patch = '', pre = ''] = m;
  let ver = whole;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(major)) {
    ver = `0.0.0${pre}`;
    dirty = true;
  } else if (isX(minor.slice(1)) || minor === '') {
    [ver, dirty, minorDirty] = [`${major}.0.0${pre}`, true, true];
  } else if (isX(patch.slice(1)) || patch === '') {
    [ver, dirty, patchDirty] = [`${major}${minor}.0${pre}`, true, true];
  }
  let con: SemverVersion;
  try {
    con = SemverVersion.parse(ver);
  } catch {
    throw new Error(`constraint parser error: ${text}`);
  }
  return { con, op, dirty, minorDirty, patchDirty };
}

/** A prerelease version only satisfies groups that ask for prereleases. */
const releaseOnly = (v: SemverVersion, includePre: boolean) =>
  v.pre !== '' && !includePre;

const tilde: Check = (v, c, includePre) => {
  if (releaseOnly(v, includePre) || v.compare(c.con) < 0) return false;
  // ~0.0.0 accepts everything.
  if (
    c.con.major === 0n &&
    c.con.minor === 0n &&
    c.con.patch === 0n &&
    !c.minorDirty &&
    !c.patchDirty
  )
    return true;
  if (v.major !== c.con.major) return false;
  return v.minor === c.con.minor || c.minorDirty;
};

const CHECKS: Record<string, Check> = {
  // A wildcard makes "=" a tilde range ("1.2.x" is ~1.2).
  '': (v, c, pre) =>
    !releaseOnly(v, pre) &&
    (c.dirty ? tilde(v, c, pre) : v.compare(c.con) === 0),
  '!=': (v, c, pre) => {
    if (releaseOnly(v, pre)) return false;
    if (c.dirty) {
      if (c.con.major !== v.major) return true;
      if (c.con.minor !== v.minor && !c.minorDirty) return true;
      if (c.minorDirty) return false;
      if (c.con.patch !== v.patch && !c.patchDirty) return true;
      if (c.patchDirty) {
        // Only a different prerelease differs from "1.2.x-alpha".
        return comparePrerelease(v.pre, c.con.pre) !== 0;
      }
    }
    return v.compare(c.con) !== 0;
  },
  '>': (v, c, pre) => {
    if (releaseOnly(v, pre)) return false;
    if (!c.dirty) return v.compare(c.con) === 1;
    if (v.major !== c.con.major) return v.major > c.con.major;
    // ">11" needs 12 or more; ">11.1" needs 11.2 or more.
    if (c.minorDirty) return false;
    if (c.patchDirty) return v.minor > c.con.minor;
    return v.compare(c.con) === 1;
  },
  '<': (v, c, pre) => !releaseOnly(v, pre) && v.compare(c.con) < 0,
  '>=': (v, c, pre) => !releaseOnly(v, pre) && v.compare(c.con) >= 0,
  '<=': (v, c, pre) => {
    if (releaseOnly(v, pre)) return false;
    if (!c.dirty) return v.compare(c.con) <= 0;
    if (v.major > c.con.major) return false;
    return !(v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty);
  },
  '~': tilde,
  '^': (v, c, pre) => {
    if (releaseOnly(v, pre) || v.compare(c.con) < 0) return false;
    // ^1.2.3 is <2.0.0; below 1.0.0 the minor, then the patch, is the API level.
    if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major;
    if (v.major > 0n) return false;
    if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor;
    if (v.minor > 0n) return false;
    return v.patch === c.con.patch;
  },
};
CHECKS['='] = CHECKS[''];
CHECKS['=>'] = CHECKS['>='];
CHECKS['=<'] = CHECKS['<='];
CHECKS['~>'] = CHECKS['~'];

/** "1.2 - 1.4.5" becomes ">= 1.2, <= 1.4.5 ". */
function rewriteRange(text: string): string {
  let out = text;
  for (const m of text.matchAll(RANGE))
    out = out.replace(m[0], `>= ${m[1]}, <= ${m[11]} `);
  return out;
}

export class SemverConstraints {
  private constructor(
    private readonly groups: Constraint[][],
    /** Whether each OR group names a prerelease, opting it into prereleases. */
    private readonly containsPre: boolean[],
  ) {}

  /** NewConstraint; throws "improper constraint: ..." naming the bad part. */
  static parse(text: string): SemverConstraints {
    // Later Masterminds releases bound constraints; here the bounds also keep
    // the regular expressions' backtracking small.
    if (Buffer.byteLength(text) > MAX_LENGTH)
      throw new Error(
        `constraint string is too long (max ${MAX_LENGTH} bytes)`,
      );
    const ors = rewriteRange(text).split('||');
    if (ors.length > MAX_GROUPS)
      throw new Error(`too many constraint groups (max ${MAX_GROUPS})`);
    const groups = ors.map(or => {
      // VALID reads every whitespace run alike; one space per run keeps
      // JavaScript's backtracking from going cubic on long runs.
      if (!VALID.test(or.replace(WHITESPACE, ' ')))
        throw new Error(`improper constraint: ${or}`);
      const found = [...or.matchAll(FIND)].map(m => m[0]);
      return (found.length ? found : [or]).map(parseConstraint);
    });
    return new SemverConstraints(
      groups,
      groups.map(g => g.some(c => c.con.pre !== '')),
    );
  }

  check(v: SemverVersion): boolean {
    return this.groups.some((group, i) =>
      group.every(c => CHECKS[c.op](v, c, this.containsPre[i])),
    );
  }
}
