/**
 * The reconcile engine's I/O adapters (DESIGN §4).
 */
export * from './cluster';
export * from './render';
export * from './sync';
