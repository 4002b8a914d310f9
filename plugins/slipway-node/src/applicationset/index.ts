/**
 * ApplicationSet expansion: generators, both template syntaxes and
 * templatePatch, as pure code over a Git reader and a cluster list.
 */
export {
  expandApplicationSet,
  DEFAULT_MAX_APPLICATIONS,
  RESOURCES_FINALIZER,
} from './expand';
export type {
  Application,
  ApplicationSet,
  ApplicationSetTemplate,
  ClusterInfo,
  ExpansionContext,
  ExpansionError,
  ExpansionLimits,
  ExpansionResult,
  GitFile,
  GitFileGlobbing,
  GitReader,
  PluginGeneratorService,
  PluginParamsRequest,
  ClusterDecisionService,
  ClusterDecisionRequest,
  ClusterDecisions,
} from './types';
export { ARGOCD_API_VERSION, IN_CLUSTER } from './types';
export { WorkingTreeGitReader } from './WorkingTreeGitReader';
export {
  HttpPluginGeneratorService,
  readApplicationSetPlugins,
} from './HttpPluginGeneratorService';
export type { ApplicationSetPluginConfig } from './HttpPluginGeneratorService';
export {
  KubeClusterDecisionService,
  readClusterDecisionResources,
} from './KubeClusterDecisionService';
export type { ClusterDecisionResourceConfig } from './KubeClusterDecisionService';
export { InMemoryGitReader } from './InMemoryGitReader';
/** RFC 7386 JSON merge patch, also how Argo CD merges `.argocd-source.yaml` overrides. */
export { mergePatch } from './templatePatch';
export type { WorkingTreeGitReaderOptions } from './WorkingTreeGitReader';
export { renderGoTemplate } from './gotemplate';
export type { GoTemplateOptions } from './gotemplate';
export { sanitizeName, slugify } from './names';
export { runAppsetCommand } from './appsetCommand';
export type { CommandIO } from './appsetCommand';
export type { LabelSelector } from './labelSelector';
