/**
 * Git repositories read at a commit: the source port shared by the engine
 * and the catalog module, and its isomorphic-git adapter.
 */
export * from './Source';
export { GitSource } from './GitSource';
export type { GitSourceOptions, SourceLogger } from './GitSource';
export { CredentialStore, readRepositoryCredentials } from './credentials';
export type { RepositoryCredential, BasicAuth } from './credentials';
export { redactUrl, redactText } from './redact';
export { matchRevision } from './resolveRevision';
export type { AdvertisedRef, RevisionMatch } from './resolveRevision';
export type { CheckoutLimits } from './materialize';
export { hashKey } from './repoLocation';
export { commitUrl } from './commitUrl';
export { isInside, removeCheckoutDir } from './materialize';
export { SourceGitReader } from './SourceGitReader';
export type { SourceGitReaderOptions } from './SourceGitReader';
export {
  readRepositoryLocalPaths,
  findRepositoryLocalPath,
  isGitRepositoryRoot,
} from './localRepositories';
export type { RepositoryLocalPath } from './localRepositories';
export {
  manifestGeneratePaths,
  manifestGeneratePathsChanged,
} from './manifestGeneratePaths';
