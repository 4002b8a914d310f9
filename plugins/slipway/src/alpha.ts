/**
 * Slipway for Backstage's new frontend system.
 *
 * @packageDocumentation
 */
import { slipwayPlugin } from './alpha/index';

export * from './alpha/index';
export default slipwayPlugin;
