/**
 * Scaffolder module for Slipway: actions that create environments and
 * onboard applications in a GitOps repository.
 *
 * @packageDocumentation
 */
export { scaffolderModuleSlipway as default } from './module';
export { createEnvironmentAction } from './actions/createEnvironmentAction';
export type { EnvironmentActionOptions } from './actions/createEnvironmentAction';
export { createOnboardApplicationAction } from './actions/onboardApplicationAction';
export type { OnboardActionOptions } from './actions/onboardApplicationAction';
export { createSyncApplicationAction } from './actions/syncApplicationAction';
export type { SyncActionOptions } from './actions/syncApplicationAction';
export {
  addListElement,
  ListGeneratorEditError,
} from './gitops/ListGeneratorEditor';
export type { ListElementTarget } from './gitops/ListGeneratorEditor';
