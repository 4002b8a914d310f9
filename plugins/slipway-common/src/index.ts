/**
 * Types, status words, annotations and permissions shared by Slipway's
 * frontend and backend packages.
 *
 * @packageDocumentation
 */
export * from './status';
export * from './kubernetes';
export * from './annotations';
export * from './permissions';
export * from './api';
