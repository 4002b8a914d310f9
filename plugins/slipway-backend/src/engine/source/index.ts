export * from './Source';
export { GitSource } from './GitSource';
export type { GitSourceOptions, SourceLogger } from './GitSource';
export { CredentialStore, readRepositoryCredentials } from './credentials';
export type { RepositoryCredential, BasicAuth } from './credentials';
export { redactUrl, redactText } from './redact';
export { matchRevision } from './resolveRevision';
export type { AdvertisedRef, RevisionMatch } from './resolveRevision';
export type { CheckoutLimits } from './materialize';
