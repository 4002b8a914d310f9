/**
 * Scaffolder module for Slipway: actions that create environments and
 * onboard applications in a GitOps repository.
 *
 * @packageDocumentation
 */
export {
  addListElement,
  ListGeneratorEditError,
} from './gitops/ListGeneratorEditor';
export type { ListElementTarget } from './gitops/ListGeneratorEditor';
