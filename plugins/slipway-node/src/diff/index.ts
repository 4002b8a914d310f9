/**
 * Desired-vs-live diff of Kubernetes objects after Argo CD / gitops-engine
 * semantics: normalisation, ignoreDifferences, managed fields, server-side
 * diff, Secret masking and readable unified diffs.
 */
export * from './types';
export { diffResource } from './diffResource';
export type { DiffResourceOptions, IgnoreResourceStatusField } from './diffResource';
export { normalizeObject, withoutNoisyFields } from './normalize';
export type { NormalizeOptions } from './normalize';
export { canonicalQuantity } from './quantity';
export {
  applyIgnoreDifferences,
  ignoreRulesFor,
  normalizeTrustedManagers,
  parseJsonPointer,
  removeJsonPointer,
} from './ignoreDifferences';
export { loadJqEngine, deleteJqPath, JqExpressionError } from './jqPaths';
export type { JqEngine } from './jqPaths';
export { maskSecrets, isSecret, SECRET_REPLACEMENT, LAST_APPLIED_ANNOTATION } from './maskSecrets';
export { compareOptionsOf, usesServerSideApply, wantsServerSideDiff } from './compareOptions';
export type { CompareOptions } from './compareOptions';
export { unifiedDiff, toYaml } from './unifiedDiff';
