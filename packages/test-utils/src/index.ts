/**
 * Slipway's real test harness: a Git smart-HTTP server, an OCI registry, the
 * helm/kubectl locator, a throwaway PostgreSQL server and a headless Chromium launcher.
 *
 * @packageDocumentation
 */

export * from './git/GitTestServer';
export type { CommitAuthor, FileChange } from './git/BareRepoWriter';
export * from './oci/OciRegistryTestServer';
export { RegistryTokenService } from './oci/RegistryTokenService';
export * from './net/freePort';
export {
  startThrowawayPostgres,
  type ThrowawayPostgres,
  type PostgresUnavailable,
} from './postgres/ThrowawayPostgres';
export { findPostgresInstallation, type PostgresInstallation } from './postgres/PostgresInstallation';
export * from './browser/launchChromium';
export {
  locateTools,
  toolsOptionsFromConfig,
  type LocateToolsOptions,
  type LocatedTools,
  type ToolSource,
} from '@slipway/plugin-slipway-node';
export * from './portal/startDemoPortal';
export * from './portal/repoRoot';
export * from './portal/seedDemoGitops';
export * from './backend/disposableDatabaseServiceFactory';
