export * from './types';
export { matchGlob, matchAllowDeny, normalizeRepoURL } from './glob';
export * from './permissions';
export * from './syncWindows';
export { readProjectsConfig } from './readProjectsConfig';
