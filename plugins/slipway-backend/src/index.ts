/**
 * Slipway's GitOps engine as a Backstage backend plugin.
 *
 * @packageDocumentation
 */
export { slipwayPlugin as default } from './plugin';
