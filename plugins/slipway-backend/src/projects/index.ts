export * from './types';
export { matchGlob, matchAllowDeny, normalizeRepoURL } from '@slipway/plugin-slipway-node';
export * from './permissions';
export * from './syncWindows';
export { readProjectsConfig } from './readProjectsConfig';
export * from './orphanedResources';
