/**
 * Slipway's pure engine pieces, shared by the backend plugin and modules:
 * manifest model, ApplicationSet expansion, health, diff and sync planning.
 *
 * @packageDocumentation
 */
export * from './tools';
export * from './health';
export * from './sync';
export * from './applicationset';
export * from './clusters';
export * from './source';
export * from './diff';
export * from './projects';
export * from './http';
export * from './actions';
export * from './yaml';
