/**
 * Slipway's real test harness: a Git smart-HTTP server, the helm/kubectl
 * locator, a throwaway PostgreSQL server and a headless Chromium launcher.
 *
 * @packageDocumentation
 */

export * from './git/GitTestServer';
export type { CommitAuthor, FileChange } from './git/BareRepoWriter';
export * from './net/freePort';
export * from './portal/startDemoPortal';
export * from './portal/repoRoot';
