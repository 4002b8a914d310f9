/**
 * Sprig's semver and semverCompare (Masterminds/semver v3.3). A version
 * prints as its normalized form; its Major, Minor, Patch, Prerelease,
 * Metadata and Original are reachable as fields, Compare and the other
 * methods with arguments.
 */
import type { TemplateFunction } from './exec';
import { SemverVersion } from './goSemver';
import { SemverConstraints } from './goSemverConstraint';
import { s } from './sprigArgs';

export const semverSprigFunctions: Record<string, TemplateFunction> = {
  semver: v => SemverVersion.parse(s(v)),
  semverCompare: (constraint, version) =>
    SemverConstraints.parse(s(constraint)).check(
      SemverVersion.parse(s(version)),
    ),
};
