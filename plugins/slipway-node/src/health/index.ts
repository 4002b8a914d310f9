export * from './types';
export { assessHealth, assessHealthLayered } from './assessHealth';
export type {
  AssessHealthOptions,
  HealthLayer,
  LayeredHealth,
} from './assessHealth';
export { HealthAssessor } from './HealthAssessor';
export type {
  HealthAssessorOptions,
  CreateHealthAssessorOptions,
} from './HealthAssessor';
export { aggregateHealth } from './aggregateHealth';
export {
  builtinHealth,
  getBuiltinHealthCheck,
  pendingDeletionHealth,
  HOOK_FINALIZER,
} from './builtinHealth';
export { crdHealth, getCrdHealthCheck, crdHealthKinds } from './crd/crdHealth';
export { LuaHealthScripts } from './lua/LuaHealthScripts';
export { healthCustomizationScripts } from './lua/healthCustomizations';
export { healthOptionsFromConfig } from './healthOptionsFromConfig';
export type { HealthConfigReader } from './healthOptionsFromConfig';
export type { LuaHealthScriptsOptions } from './lua/LuaHealthScripts';
export type { LuaEngineFactory, LuaScriptRunner } from './lua/LuaEngine';
export { WasmoonLuaEngine } from './lua/WasmoonLuaEngine';
export type { WasmoonLuaEngineOptions } from './lua/WasmoonLuaEngine';
export { HealthScriptIndex } from './lua/scriptIndex';
export type { HealthScriptKey } from './lua/scriptIndex';
export { ANNOTATION_IGNORE_RESTART_POLICY, isHook } from './PodHealth';
export { deploymentHealth } from './DeploymentHealth';
export { statefulSetHealth } from './StatefulSetHealth';
export { daemonSetHealth } from './DaemonSetHealth';
export { replicaSetHealth } from './ReplicaSetHealth';
export { podHealth } from './PodHealth';
export { serviceHealth } from './ServiceHealth';
export { ingressHealth } from './IngressHealth';
export { pvcHealth } from './PVCHealth';
export { jobHealth } from './JobHealth';
export { cronJobHealth } from './crd/CronJobHealth';
export { hpaHealth } from './HPAHealth';
export { apiServiceHealth } from './APIServiceHealth';
export { workflowHealth } from './WorkflowHealth';
