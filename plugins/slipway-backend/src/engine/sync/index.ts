export * from './types';
export * from './retry';
export * from './hookCompletion';
export * from './SyncExecutor';
